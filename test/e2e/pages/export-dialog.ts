import type { Download, Locator, Page } from 'playwright-core';
import { screenSettled } from '../../support/settled.ts';

/** The Export dialog as a co-author meets it: opened from the figure, controls by their labels. */
export class ExportDialog {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Export figure' });
  }

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: 'Export figure…' }).click();
    await this.dialog.waitFor();
    await this.previewShown();
  }

  async close(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Close' }).click();
    await this.dialog.waitFor({ state: 'detached' });
  }

  /** Waits until the preview is the engine's answer to the settings on screen, loaded as an image. */
  async previewShown(): Promise<void> {
    await this.page.waitForFunction(screenSettled, null);
    await this.dialog.locator('.export-preview[data-preview-state="ready"] img').waitFor();
    await this.page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('.export-preview img');
      return img !== null && img.complete && img.naturalWidth > 0;
    });
  }

  async choose(label: string, value: string): Promise<void> {
    await this.dialog.getByRole('combobox', { name: label, exact: true }).selectOption(value);
    await this.previewShown();
  }

  async onlyFormats(formats: string[]): Promise<void> {
    const boxes = this.dialog.getByRole('group', { name: 'Files' }).getByRole('checkbox');
    for (const box of await boxes.all()) {
      const label = (await box.locator('xpath=..').textContent()) ?? '';
      const wanted = formats.some((f) => label.startsWith(f));
      if ((await box.isChecked()) !== wanted) await box.setChecked(wanted);
    }
    await this.previewShown();
  }

  /** Downloads the files of the checked formats (one download per format). */
  async download(count: number): Promise<Download[]> {
    const downloads: Download[] = [];
    const done = new Promise<void>((resolve) => {
      this.page.on('download', (d) => {
        downloads.push(d);
        if (downloads.length === count) resolve();
      });
    });
    await this.dialog.getByRole('button', { name: /^Download \d+ files?$/ }).click();
    await done;
    return downloads;
  }
}
