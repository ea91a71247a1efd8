import type { Download, Locator, Page } from 'playwright-core';
import { screenSettled } from '../../support/settled.ts';

/** The explorer as a user meets it: controls by their labels, the chart by its legend and caption. */
export class Explorer {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  control(name: string): Locator {
    return this.page.getByRole('combobox', { name, exact: true });
  }

  /** Chooses an option by its visible text and waits for the chart of the new view. */
  async choose(control: string, option: string | RegExp): Promise<void> {
    const label = await this.control(control).locator('option', { hasText: option }).first().textContent();
    await this.control(control).selectOption({ label: label ?? '' });
    await this.settled();
  }

  /**
   * Waits until every view on screen has answered and every chart is drawn. A change made
   * through the controls marks the views loading in the same event, so this never
   * mistakes the previous view's "ready" for the new one's.
   */
  async settled(): Promise<void> {
    await this.page.waitForFunction(screenSettled, null);
  }

  country(name: string): Locator {
    return this.page.getByRole('group', { name: 'Countries' }).getByRole('checkbox', { name });
  }

  async toggleCountry(name: string): Promise<void> {
    await this.country(name).click();
    await this.settled();
  }

  /** The legend of the main figure: each country's name and the colour its line is drawn in. */
  async legendColours(): Promise<Record<string, string>> {
    return this.page.locator('figure.chart').first().evaluate((figure) =>
      Object.fromEntries(
        [...figure.querySelectorAll('.sprig-legend-item[data-group="country"]')].map((g) => [(g.textContent ?? '').trim(), g.querySelector('line')?.getAttribute('stroke') ?? '']),
      ),
    );
  }

  async caption(): Promise<string> {
    return (await this.page.locator('figure.chart figcaption').first().textContent()) ?? '';
  }

  async openTab(name: string): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
    await this.page.getByRole('tab', { name, selected: true }).waitFor();
    await this.settled();
  }

  /** Points at the bar of a category (or stage) in a country's panel and clicks it; `linked` for the linked view. */
  async clickBar(country: string, category: string, where: 'main' | 'linked' = 'main'): Promise<void> {
    const figure = where === 'main' ? this.page.locator('figure.chart').first() : this.page.locator('.linked-view figure.chart');
    const box = await figure.evaluate(
      (el, { country, category }) => {
        // Plot labels each panel with its country and each row with its category: find the bar on both lines.
        const texts = [...el.querySelectorAll('text')];
        const panel = texts.find((t) => t.textContent === country);
        const label = texts.filter((t) => t.textContent === category).find((t) => panel && t.getBoundingClientRect().top > panel.getBoundingClientRect().top);
        // The bar may be below the fold (a panel per country): bring it into view, as a reader scrolls.
        label?.scrollIntoView({ block: 'center' });
        const r = label?.getBoundingClientRect();
        return r ? { x: r.right + 30, y: r.top + r.height / 2 } : null;
      },
      { country, category },
    );
    if (!box) throw new Error(`no bar for ${category} in ${country}`);
    await this.page.mouse.move(box.x, box.y);
    await this.page.mouse.move(box.x + 2, box.y);
    await this.page.mouse.click(box.x + 2, box.y);
    await this.settled();
  }

  filtersText(): Promise<string | null> {
    return this.page.getByRole('region', { name: 'Filters' }).textContent();
  }

  async saveView(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: 'Save view' }).click();
    return download;
  }

  /** Opens a saved view and waits until it is open (the file is read after the input changes) and its chart is drawn. */
  async openView(file: string): Promise<void> {
    await this.page.locator('input[type="file"]').setInputFiles(file);
    await this.page.getByRole('status').filter({ hasText: 'View opened' }).waitFor();
    await this.settled();
  }
}
