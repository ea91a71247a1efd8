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

  // Languages (issue 5): controls found by what they hold, since their names change with the language.

  /** Opens the address Sprig printed (trading its token for a cookie), then the page with `?lang=`. */
  async openInLanguage(url: string, lang: string): Promise<void> {
    await this.open(url);
    await this.page.goto(`${new URL(url).origin}/?lang=${encodeURIComponent(lang)}`);
    await this.page.locator('[data-app-state="ready"]').waitFor({ timeout: 20_000 });
    await this.page.evaluate(() => document.fonts.ready);
  }

  /** The language control in the header. */
  get languageSelect(): Locator {
    return this.page.locator('header select#language-select');
  }

  /** The list that offers a given option (an indicator's id), whatever it is labelled. */
  selectOffering(value: string): Locator {
    return this.page.locator(`main select:has(option[value="${value}"])`).first();
  }

  /** A control's label text, without the text of the options inside it. */
  async labelOf(control: Locator): Promise<string> {
    return control.evaluate((el) => {
      const label = (el as HTMLSelectElement).labels?.[0];
      if (!label) return '';
      const copy = label.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('select, option, input').forEach((n) => n.remove());
      return copy.textContent?.trim() ?? '';
    });
  }

  /** Waits for a drawn chart once whatever the last change set off has had time to start. */
  async chartDrawn(): Promise<void> {
    await this.page.waitForTimeout(300);
    await this.page.locator('[data-app-state="ready"] figure[data-chart-state="ready"] .plot svg').first().waitFor();
  }

  /** Chooses a language by its own name ("Deutsch", "Ελληνικά") and waits for the page to speak it. */
  async switchLanguage(name: string): Promise<void> {
    await this.languageSelect.selectOption({ label: name });
    const code = await this.languageSelect.inputValue();
    await this.page.locator(`html[lang="${code}"]`).waitFor();
    await this.chartDrawn();
  }

  async yTickLabels(): Promise<string[]> {
    return this.page.locator('.plot g[aria-label="y-axis tick label"] text').allTextContents();
  }

  async xTickLabels(): Promise<string[]> {
    return this.page.locator('.plot g[aria-label="x-axis tick label"] text').allTextContents();
  }

  /** The country names in the chart's colour legend. */
  async legendLabels(): Promise<string[]> {
    return (await this.page.locator('.plot [class$="-swatch"]').allTextContents()).map((s) => s.trim());
  }
}
