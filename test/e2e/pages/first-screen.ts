import type { Locator, Page } from 'playwright-core';

/** The first screen as a user meets it: found by roles and names, never by layout. */
export class FirstScreen {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.locator('[data-app-state="ready"]').waitFor({ timeout: 20_000 });
  }

  get indicator(): Locator {
    return this.page.getByRole('combobox', { name: 'Indicator' });
  }

  dataset(title: RegExp): Locator {
    return this.page.getByRole('listitem', { name: title });
  }

  async chooseIndicator(label: string | RegExp): Promise<void> {
    const option = await this.indicator.locator('option', { hasText: label }).first().textContent();
    await this.indicator.selectOption({ label: option ?? '' });
    // Ready, and showing the indicator just chosen, not the previous one.
    await this.page.locator('figure[data-chart-state="ready"] figcaption strong', { hasText: option ?? '' }).waitFor();
    await this.page.locator('figure[data-chart-state="ready"] .plot g.sprig-line path').first().waitFor();
  }

  /** One path per country series (solid or dashed). */
  async seriesCount(): Promise<number> {
    return this.page.locator('.plot g.sprig-line path').count();
  }

  /** Points at the first drawn value and reads the tooltip it opens. */
  async hoverFirstValue(): Promise<string> {
    const box = await this.page.locator('.plot g.sprig-values circle').first().boundingBox();
    if (!box) throw new Error('no value drawn');
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const tip = this.page.locator('.plot g[aria-label="tip"]');
    await tip.waitFor();
    return (await tip.textContent()) ?? '';
  }

  async chartText(): Promise<string> {
    return (await this.page.locator('figure.chart').textContent()) ?? '';
  }
}
