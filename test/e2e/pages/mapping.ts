import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { screenSettled } from '../../support/settled.ts';

/** Where the mapping tests leave their screenshots, to be looked at (not compared). */
export const screenshotDir = process.env.SPRIG_SCREENSHOTS ?? path.join(os.tmpdir(), 'sprig-e2e-screenshots');

/** The mapping step as a user meets it: controls by their labels, found within the panel. */
export class MappingStep {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  get panel(): Locator {
    return this.page.locator('section.mapping');
  }

  /** Waits until the panel's last check has answered and every chart on screen is drawn. */
  async settled(): Promise<void> {
    await this.page.waitForFunction(screenSettled, null);
  }

  /** "Map to chart" on a package's catalogue card; waits for Sprig's guess to be checked. */
  async openFromCard(title: RegExp): Promise<void> {
    await this.page.getByRole('listitem', { name: title }).getByRole('button', { name: 'Map to chart' }).click();
    await this.panel.waitFor();
    await this.settled();
  }

  async chooseTable(name: string): Promise<void> {
    await this.panel.getByRole('combobox', { name: 'Table', exact: true }).selectOption(name);
    await this.settled();
  }

  async chooseLayout(label: string | RegExp): Promise<void> {
    await this.panel.getByRole('radio', { name: label }).check();
    await this.settled();
  }

  /** The form of one indicator: of a value column (long tables), or the table's one measure. */
  indicator(column?: string): Locator {
    const legend = column ? `“${column}”` : 'What the values are';
    return this.panel.locator('fieldset.indicator-form', { has: this.page.locator(`legend:text-is("${legend}")`) });
  }

  async describe(values: { name?: string; unit?: string; comparability?: string }, column?: string): Promise<void> {
    const form = this.indicator(column);
    if (values.name !== undefined) await form.getByLabel('Indicator name').fill(values.name);
    if (values.unit !== undefined) await form.getByLabel('Unit').fill(values.unit);
    if (values.comparability !== undefined) await form.getByLabel('Do countries compare on it?').selectOption({ label: values.comparability });
    await this.settled();
  }

  /** Unticks (or ticks) a value column of a long table. */
  async chartColumn(column: string, on: boolean): Promise<void> {
    await this.panel.getByRole('checkbox', { name: `Chart the values in “${column}”` }).setChecked(on);
    await this.settled();
  }

  /** Ticks (or unticks) a column of a wide table as a country or a period. */
  async tickColumn(group: string, column: string, on: boolean): Promise<void> {
    await this.panel.getByRole('group', { name: group }).getByRole('checkbox', { name: column, exact: true }).setChecked(on);
    await this.settled();
  }

  /** The values Sprig did not place, as listed for the user to decide. */
  async undecided(): Promise<string[]> {
    return this.panel.locator('.undecided .raw-value').allTextContents();
  }

  async decide(value: string, country: string): Promise<void> {
    await this.panel.getByRole('combobox', { name: `Country for “${value}”` }).selectOption({ label: country });
    await this.settled();
  }

  async leaveOutUndecided(): Promise<void> {
    await this.panel.getByRole('button', { name: /^Leave out the .* not decided$/ }).click();
    await this.settled();
  }

  async problems(): Promise<string> {
    return (await this.panel.locator('.mapping-problems').textContent()) ?? '';
  }

  saveButton(): Locator {
    return this.panel.getByRole('button', { name: 'Save the mapping and chart it' });
  }

  /** Saves and waits for the explorer to chart the mapped package. */
  async save(): Promise<void> {
    await this.saveButton().click();
    await this.page.locator('figure.chart[data-chart-state="ready"]').waitFor({ timeout: 20_000 });
    await this.settled();
    await this.page.evaluate(() => document.fonts.ready);
  }

  /** One part of the screen, at full size, to look at closely. */
  async screenshotOf(locator: Locator, name: string): Promise<string> {
    await mkdir(screenshotDir, { recursive: true });
    const file = path.join(screenshotDir, `${name}.png`);
    await locator.screenshot({ path: file });
    return file;
  }

  async screenshot(name: string): Promise<string> {
    await mkdir(screenshotDir, { recursive: true });
    const file = path.join(screenshotDir, `${name}.png`);
    await this.page.screenshot({ path: file, fullPage: true });
    return file;
  }
}
