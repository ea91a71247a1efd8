import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';

/**
 * The explorer's Table tab as a reader meets it, in any language: controls found by what
 * they offer (option values), the tab by its id, columns by the engine's column names.
 */
export class TableTab {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  /** Opens the address Sprig printed (trading its token for a cookie), then the page in a language. */
  async open(url: string, lang: string): Promise<void> {
    await this.page.goto(url);
    await this.page.locator('[data-app-state="ready"]').waitFor({ timeout: 20_000 });
    await this.page.goto(`${new URL(url).origin}/?lang=${encodeURIComponent(lang)}`);
    await this.page.locator('[data-app-state="ready"]').waitFor({ timeout: 20_000 });
  }

  /** The explorer's select that offers this value (a view, an indicator, a transform), set to it. */
  async choose(value: string): Promise<void> {
    await this.page.locator(`main select:has(option[value="${value}"])`).first().selectOption(value);
    await this.settled();
  }

  async settled(): Promise<void> {
    await this.page.waitForTimeout(200);
    await this.page.locator('.tab-panel[data-view-state="ready"]').waitFor();
  }

  async show(): Promise<void> {
    await this.page.locator('#tab-table').click();
    await this.table.locator('tbody tr').first().waitFor();
  }

  get table(): Locator {
    return this.page.locator('.table-panel table');
  }

  /** Saves the CSV the Download button offers into `dir`; its suggested name and its text (byte order mark kept). */
  async downloadCsv(dir: string): Promise<{ name: string; text: string }> {
    const download = this.page.waitForEvent('download');
    await this.page.locator('.table-panel .row button').first().click();
    const file = await download;
    const target = path.join(dir, file.suggestedFilename());
    await file.saveAs(target);
    return { name: file.suggestedFilename(), text: await readFile(target, 'utf8') };
  }

  /** The cells of one engine column, top to bottom, as shown. */
  column(name: string): Promise<string[]> {
    return this.table.locator(`tbody td[data-column="${name}"]`).allTextContents();
  }

  async sortBy(name: string): Promise<void> {
    await this.table.locator(`thead th[data-column="${name}"] button`).click();
  }

  /**
   * Whatever is squeezed: headers and cells whose text overflows its box, cells of numbers,
   * dates and codes broken over lines (only free text may wrap), and the narrowest column.
   */
  async squeezed(): Promise<{ overflowing: string[]; wrapped: string[]; narrowest: number }> {
    return this.table.evaluate((table) => {
      const overflowing = [...table.querySelectorAll('th button, td')]
        .filter((el) => el.scrollWidth > el.clientWidth + 1)
        .map((el) => el.textContent ?? '');
      const lines = (el: Element) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      };
      const wrapped = [...table.querySelectorAll('tbody td')]
        .filter((td) => !td.querySelector('.prose') && lines(td) > 1)
        .map((td) => td.textContent ?? '');
      const widths = [...table.querySelectorAll('thead th')].map((th) => th.getBoundingClientRect().width);
      return { overflowing, wrapped, narrowest: Math.min(...widths) };
    });
  }
}
