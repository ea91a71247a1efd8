import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { screenSettled } from '../../support/settled.ts';
import { screenshotDir } from './mapping.ts';

/** The Import panel as a user meets it: controls by their labels, found within the panel. */
export class ImportFlow {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  get panel(): Locator {
    return this.page.locator('section.import-panel');
  }

  /** Waits until the panel's last reading (or the import) has answered, and the fonts are loaded. */
  async settled(): Promise<void> {
    await this.page.waitForFunction(screenSettled, null);
    await this.page.evaluate(() => document.fonts.ready);
  }

  /** "Import a file…" beside Add folder in the catalogue. */
  async open(): Promise<void> {
    // A panel still open from the last import is closed first, so this one starts afresh.
    if (await this.panel.isVisible()) {
      await this.panel.getByRole('button', { name: 'Close' }).click();
      await this.panel.waitFor({ state: 'detached' });
    }
    await this.page.getByRole('button', { name: 'Import a file…' }).click();
    await this.panel.waitFor();
  }

  /** The step shown, by its name in `data-import-step`. */
  async step(): Promise<string | null> {
    return this.panel.getAttribute('data-import-step');
  }

  async readFile(file: string): Promise<void> {
    await this.panel.getByLabel('File to import').fill(file);
    await this.panel.getByRole('button', { name: 'Read the file' }).click();
    await this.settled();
  }

  async next(): Promise<void> {
    const before = await this.step();
    await this.panel.getByRole('button', { name: 'Next', exact: true }).click();
    await this.page.waitForFunction((b) => document.querySelector('section.import-panel')?.getAttribute('data-import-step') !== b, before);
    await this.settled();
  }

  async back(): Promise<void> {
    const before = await this.step();
    await this.panel.getByRole('button', { name: 'Back', exact: true }).click();
    await this.page.waitForFunction((b) => document.querySelector('section.import-panel')?.getAttribute('data-import-step') !== b, before);
    await this.settled();
  }

  /** Waits for the import to end (done, needs-replace, failed or cancelled) and answers which. */
  async finished(): Promise<string> {
    const outcome = this.panel.locator('[data-import-state]:not([data-import-state="running"])');
    await outcome.waitFor({ timeout: 30_000 });
    await this.settled();
    return (await outcome.getAttribute('data-import-state')) ?? '';
  }

  /** Controls in the panel without an accessible name (a label, aria-label or their own text): [] when all are labelled. */
  async unlabelled(): Promise<string[]> {
    return this.panel.evaluate((root) =>
      [...root.querySelectorAll<HTMLElement>('input, select, button, textarea')]
        .filter((el) => {
          const labelled = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || (el as HTMLInputElement).labels?.length;
          return !labelled && !(el.tagName === 'BUTTON' && el.textContent?.trim());
        })
        .map((el) => el.outerHTML.slice(0, 120)),
    );
  }

  /** The element that has the keyboard focus, as its tag and text. */
  async focused(): Promise<string> {
    return this.page.evaluate(() => `${document.activeElement?.tagName.toLowerCase()}: ${document.activeElement?.textContent?.trim() ?? ''}`);
  }

  async screenshot(name: string): Promise<string> {
    // Every step photographed is also checked for controls without a name.
    const unlabelled = await this.unlabelled();
    if (unlabelled.length > 0) throw new Error(`Controls without a label in ${name}: ${unlabelled.join(', ')}`);
    await mkdir(screenshotDir, { recursive: true });
    const file = path.join(screenshotDir, `${name}.png`);
    await this.page.screenshot({ path: file, fullPage: true });
    return file;
  }
}
