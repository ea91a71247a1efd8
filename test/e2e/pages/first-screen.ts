import type { Locator, Page } from 'playwright-core';
import { createI18n } from '../../../src/shared/i18n/create.ts';
import { screenSettled } from '../../support/settled.ts';

/** The first screen as a user meets it: found by roles and names, never by layout. */
export class FirstScreen {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.locator('[data-app-state="ready"]').waitFor({ timeout: 20_000 });
    await this.settled();
  }

  /**
   * Waits until every view on screen has answered, every chart is drawn and the fonts it
   * needs have loaded. A change made through the controls marks the views loading in the
   * same event, so this never mistakes the previous view's "ready" for the new one's.
   */
  async settled(): Promise<void> {
    await this.page.waitForFunction(screenSettled, null);
    await this.page.evaluate(() => document.fonts.ready);
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
    await this.indicatorShown(option ?? '');
  }

  /** Chooses an indicator by its id in whichever list offers it, whatever the language. */
  async chooseIndicatorById(id: string): Promise<void> {
    const select = this.selectOffering(id);
    const option = await select.locator(`option[value="${id}"]`).textContent();
    await select.selectOption(id);
    await this.indicatorShown(option ?? '');
  }

  /** Waits until the chart is settled on the indicator named, not on the one before it. */
  private async indicatorShown(name: string): Promise<void> {
    await this.page.locator('figure[data-chart-state="ready"] figcaption strong', { hasText: name }).waitFor();
    await this.settled();
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
    await this.settled();
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

  /**
   * Chooses a language by its own name ("Deutsch", "Ελληνικά") and waits for the page to
   * speak it: `<html lang>` changes at once, the interface on its next render, which also
   * marks the views loading again (their messages are in the new language), so wait for
   * the interface's own words and then for everything to settle.
   */
  async switchLanguage(name: string): Promise<void> {
    await this.languageSelect.selectOption({ label: name });
    const code = await this.languageSelect.inputValue();
    await this.page.locator(`html[lang="${code}"]`).waitFor();
    const label = createI18n(code).t('language.label');
    await this.page.locator('header label[for="language-select"]', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).waitFor();
    await this.settled();
  }

  async yTickLabels(): Promise<string[]> {
    return this.page.locator('.plot g[aria-label="y-axis tick label"] text').allTextContents();
  }

  async xTickLabels(): Promise<string[]> {
    return this.page.locator('.plot g[aria-label="x-axis tick label"] text').allTextContents();
  }

  /** The country names in the figure's legend. */
  async legendLabels(): Promise<string[]> {
    return (await this.page.locator('figure.chart .sprig-legend-item[data-group="country"]').allTextContents()).map((s) => s.trim());
  }
}
