import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyCorpusPackages, germanNamedPackage } from '../support/partner-packages.ts';
import { tempDir } from '../support/temp.ts';
import { launchChromium, startSprig, type RunningSprig } from './harness.ts';
import { Explorer } from './pages/explorer.ts';
import { FirstScreen } from './pages/first-screen.ts';
import { MappingStep } from './pages/mapping.ts';

/**
 * A collaborator opens partners' packages that are not shaped like Sprig's (real public
 * packages from the conformance corpus, and a German-named one), maps each in the interface
 * and compares its countries in the trend view. Screenshots go to `screenshotDir`, to look at.
 */
describe('mapping partners’ packages in the browser', () => {
  let sprig: RunningSprig;
  let browser: Browser;
  let page: Page;
  let screen: FirstScreen;
  let mapping: MappingStep;
  let explorer: Explorer;
  const failedRequests: string[] = [];

  beforeAll(async () => {
    const data = await tempDir('sprig-e2e-partners-');
    await copyCorpusPackages(data, ['population', 'gdp', 'co2-fossil-global', 'house-prices-global', 'house-prices-us']);
    await germanNamedPackage(data);
    sprig = await startSprig(['--data', data]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    page.on('response', (r) => r.status() >= 500 && failedRequests.push(`${r.status()} ${r.url()}`));
    screen = new FirstScreen(page);
    mapping = new MappingStep(page);
    explorer = new Explorer(page);
    await screen.open(sprig.url);
  });
  afterAll(async () => {
    await browser?.close();
    await sprig?.stop();
  });

  it('population: Sprig guesses the code column, the year and the value; asks for a name and a unit; lists the aggregates', async () => {
    await mapping.openFromCard(/^Population figures/);
    expect(await mapping.panel.locator('.mapping-preview').textContent()).toContain('Aruba');
    const problems = await mapping.problems();
    expect(problems).toContain('Give the values in “Value” a name');
    expect(problems).toContain('Say what the values in “Value” are measured in');
    expect(await mapping.undecided()).toEqual(expect.arrayContaining(['ARB', 'CEB', 'CHI']));
    expect(await mapping.saveButton().isDisabled()).toBe(true);
    await mapping.screenshot('population-1-guess');

    await mapping.describe({ name: 'Population', unit: 'people' }, 'Value');
    await mapping.leaveOutUndecided();
    expect(await mapping.problems()).toContain('Nothing stands in the way');
    await mapping.screenshot('population-2-ready');
    await mapping.save();
    expect(await screen.legendLabels()).toEqual(['United Kingdom', 'United States', 'Australia', 'Germany', 'Greece']);
    expect(await screen.chartText()).toContain('Population');

    // Any country beyond the five, in its own colour: Aruba from 1960.
    await page.getByRole('searchbox', { name: 'Search countries' }).fill('Aruba');
    await explorer.toggleCountry('Aruba');
    expect(await screen.legendLabels()).toContain('Aruba');
    expect(await screen.xTickLabels()).toContain('1960');
    await mapping.screenshot('population-3-trend');
    await mapping.screenshotOf(page.locator('figure.chart').first(), 'population-3-trend-chart');
  });

  it('GDP: the World Bank table, in current US dollars as its descriptor says', async () => {
    await mapping.openFromCard(/^Country, Regional and World GDP/);
    await mapping.chooseTable('gdp');
    await mapping.leaveOutUndecided();
    await mapping.save();
    expect(await screen.legendLabels()).toEqual(['United Kingdom', 'United States', 'Australia', 'Germany', 'Greece']);
    expect(await screen.chartText()).toContain('GDP in current USD');
    await mapping.screenshot('gdp-trend');
  });

  it('global CO₂: a table of world totals charts as the world; a column without a unit is asked about or left out', async () => {
    await mapping.openFromCard(/^Global CO2 Emissions/);
    // The first table gives one row per year and fuel: five values a year for the one area, which Sprig refuses to pass off as one.
    expect(await mapping.problems()).toMatch(/World has more than one value for 1855/);
    await mapping.chooseTable('global');
    expect(await mapping.problems()).toContain('Say what the values in “Gas Fuel” are measured in');
    for (const column of ['Gas Fuel', 'Liquid Fuel', 'Solid Fuel', 'Cement', 'Gas Flaring']) await mapping.chartColumn(column, false);
    await mapping.save();
    expect(await screen.chartText()).toContain('World');
    expect(await screen.seriesCount()).toBeGreaterThan(0);
    await mapping.screenshot('co2-trend');
  });

  it('BIS house prices: quarters from quarter-end dates; the BIS aggregates mapped or left out by the user', async () => {
    await mapping.openFromCard(/^Residential property price statistics/);
    expect(await mapping.undecided()).toEqual(['4T', '5R', 'XM', 'XW']);
    await mapping.decide('XM', 'Eurozone');
    await mapping.decide('XW', 'World');
    await mapping.leaveOutUndecided();
    await mapping.save();
    expect(await screen.legendLabels()).toEqual(['United Kingdom', 'United States', 'Australia', 'Germany', 'Greece']);
    await mapping.screenshot('house-prices-global-trend');
    await mapping.screenshotOf(page.locator('figure.chart').first(), 'house-prices-global-trend-chart');
  });

  it('US house prices, wide: cities are declined as countries; the national column maps to the United States', async () => {
    await mapping.openFromCard(/^US House Price Index/);
    await mapping.chooseTable('cities-nsa');
    await mapping.chooseLayout('One column for each city or region');
    expect(await mapping.panel.getByRole('note').textContent()).toContain('cannot be charted as countries');
    expect(await mapping.saveButton().isDisabled()).toBe(true);
    await mapping.screenshot('house-prices-us-1-declined');

    await mapping.chooseLayout('One row for each period, one column for each country');
    expect(await mapping.undecided()).toHaveLength(23);
    await mapping.decide('National-US', 'United States');
    await mapping.leaveOutUndecided();
    await mapping.describe({ name: 'Case-Shiller home price index, not seasonally adjusted', unit: 'index (Jan 2000 = 100)' });
    await mapping.screenshot('house-prices-us-2-ready');
    await mapping.save();
    expect(await screen.legendLabels()).toEqual(['United States']);
    expect(await screen.chartText()).toContain('Case-Shiller home price index');
    await mapping.screenshot('house-prices-us-3-trend');

    // The national table is the honest one: the whole table is the United States, one indicator per column.
    await page.getByRole('button', { name: 'Map another table' }).click();
    await mapping.panel.waitFor();
    await mapping.settled();
    await mapping.chooseTable('national');
    expect(await mapping.panel.getByRole('combobox', { name: 'Country the whole table is about' }).inputValue()).toBe('US');
    await mapping.describe({ name: 'Case-Shiller US national home price index', unit: 'index (Jan 2000 = 100)' }, 'National-US');
    await mapping.describe({ name: 'Case-Shiller US national home price index, seasonally adjusted', unit: 'index (Jan 2000 = 100)' }, 'National-US-SA');
    await mapping.save();
    const indicators = await page.getByRole('combobox', { name: 'Indicator', exact: true }).locator('option').allTextContents();
    expect(indicators).toEqual(expect.arrayContaining(['Case-Shiller US national home price index', 'Case-Shiller US national home price index, seasonally adjusted']));
    expect(indicators).toHaveLength(3);
  });

  it('German names: Deutschland, Griechenland and Vereinigtes Königreich are matched without asking, and chart in German too', async () => {
    await mapping.openFromCard(/^Bevölkerung ausgewählter Länder/);
    expect(await mapping.undecided()).toEqual([]);
    expect(await mapping.problems()).toContain('Nothing stands in the way');
    await mapping.save();
    expect(await screen.legendLabels()).toEqual(['United Kingdom', 'Germany', 'Greece']);
    await screen.switchLanguage('Deutsch');
    expect(await screen.legendLabels()).toEqual(['Vereinigtes Königreich', 'Deutschland', 'Griechenland']);
    await mapping.screenshot('german-names-trend-de');
    await screen.switchLanguage('English (UK)');
  });

  it('reopens each mapped package with its chart after a reload (the mappings are kept in Sprig’s store)', async () => {
    await page.reload();
    await page.locator('[data-app-state="ready"]').waitFor({ timeout: 20_000 });
    await page.getByRole('listitem', { name: /^Population figures/ }).getByRole('button', { name: 'Explore' }).click();
    await page.locator('figure.chart[data-chart-state="ready"]').waitFor();
    await mapping.settled();
    expect(await screen.legendLabels()).toEqual(['United Kingdom', 'United States', 'Australia', 'Germany', 'Greece']);
    expect(await page.getByRole('region', { name: 'Your mappings' }).textContent()).toContain('Charted from your mapping of the table “population”');
  });

  it('the SQL console’s quick chart draws the raw table over the years, one line per country', async () => {
    await explorer.openTab('SQL console');
    await page.getByRole('textbox', { name: 'SQL query' }).fill(`SELECT "Country Name", "Year", "Value" FROM population WHERE "Country Code" IN ('DEU', 'GRC', 'AUS') ORDER BY 1, 2`);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const chart = page.locator('figure.sql-chart[data-mark="line"]');
    await chart.waitFor();
    await mapping.settled();
    const ticks = await chart.locator('g[aria-label="x-axis tick label"] text').allTextContents();
    expect(ticks).toContain('1960');
    expect(ticks.some((t) => t.includes(','))).toBe(false);
    expect(await chart.locator('[class$="-swatch"]').allTextContents()).toEqual(['Australia', 'Germany', 'Greece']);
    expect(await chart.getByRole('combobox', { name: 'One line for each value of' }).inputValue()).toBe('Country Name');
    await mapping.screenshotOf(page.locator('.sql-output'), 'sql-quick-chart');
  });

  it('made no request that failed', () => {
    expect(failedRequests).toEqual([]);
  });
});
