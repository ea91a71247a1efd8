import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startSprig, type RunningSprig } from './harness.ts';
import { FirstScreen } from './pages/first-screen.ts';

/**
 * The reproductions of "every view tells the truth", walked as a new collaborator would in
 * Chromium against `sprig serve`: no countries, the UK as one, the slope's default, a
 * target, a UK-wide figure, suppression by sex with the pathway beside it, controls that
 * cannot produce nonsense, and ranking.
 */
describe('every view tells the truth', () => {
  let sprig: RunningSprig;
  let browser: Browser;
  let page: Page;
  let screen: FirstScreen;
  const errors: string[] = [];

  beforeAll(async () => {
    sprig = await startSprig();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB' });
    page.on('response', (r) => {
      if (r.status() >= 500) errors.push(`${r.status()} ${r.url()}`);
    });
    page.on('pageerror', (e) => errors.push(e.message));
    screen = new FirstScreen(page);
    await screen.open(sprig.url);
  });
  afterAll(async () => {
    await browser?.close();
    await sprig?.stop();
  });

  const control = (name: string) => page.getByRole('combobox', { name, exact: true });
  const choose = async (name: string, value: string) => {
    await control(name).selectOption(value);
    await screen.settled();
  };
  const chart = () => page.locator('.tab-panel figure.chart').first();
  /** The figure's note on what is missing and why (none: empty). */
  const missingList = async () => {
    const note = page.locator('figure.chart').first().locator('.sprig-note[data-kind="missing"]');
    return (await note.count()) === 0 ? '' : ((await note.textContent()) ?? '');
  };
  /** The figure's notes, read as paragraphs. */
  const notesText = async () => (await page.locator('figure.chart').first().locator('.sprig-note').allTextContents()).join('\n');
  const countriesGroup = () => page.getByRole('group', { name: 'Countries' });

  it('Countries → None: an empty state that says to pick a country, not an engine error', async () => {
    await countriesGroup().getByRole('button', { name: 'None', exact: true }).click();
    await screen.settled();
    expect(await chart().getAttribute('data-chart-state')).toBe('empty');
    expect(await chart().textContent()).toContain('Pick at least one country');
    expect(await page.getByRole('alert').count()).toBe(0);
    await countriesGroup().getByRole('button', { name: 'All', exact: true }).click();
    await screen.settled();
    expect(errors).toEqual([]);
  });

  it('One United Kingdom keeps England’s six FTE values, labelled as England’s, never "no data"', async () => {
    await screen.chooseIndicatorById('link_worker_fte_nwrs');
    await choose('United Kingdom as', 'combined');
    expect(await page.locator('.plot g.sprig-values circle').count()).toBe(6);
    expect(await screen.legendLabels()).toEqual(['England']);
    expect(await chart().textContent()).toMatch(/United Kingdom as one: only England has values here/);
    expect(await missingList()).not.toContain('United Kingdom');
    await choose('United Kingdom as', 'separate');
  });

  it('a UK-wide figure (ONS4 life satisfaction) is drawn as the United Kingdom with the nations shown separately', async () => {
    await screen.chooseIndicatorById('ons4_life_satisfaction_mean');
    expect(await screen.legendLabels()).toEqual(['United Kingdom']);
    expect(await page.locator('.plot g.sprig-values circle').count()).toBe(1);
    expect(await missingList()).not.toMatch(/England|Wales|Scotland/);
  });

  it('per 100,000 is not offered for a mean score, and the map not for a programme’s or within-country figure', async () => {
    const per100k = control('Show as').locator('option[value="per100k"]');
    expect(await per100k.isDisabled()).toBe(true);
    expect(await per100k.textContent()).toMatch(/only for counts of people or staff/);
    await screen.chooseIndicatorById('kiosk_consultations');
    expect(await control('View').locator('option[value="map"]').isDisabled()).toBe(true);
  });

  it('the slope opens on the latest two periods the countries share, with a value axis, and drops nobody with values', async () => {
    await screen.chooseIndicatorById('referred_deprived_pct');
    await choose('View', 'slope');
    expect(await control('From').inputValue()).toBe('2017');
    expect(await control('To').inputValue()).toBe('2023');
    expect(await page.locator('.plot g.sprig-line path').count()).toBe(1);
    expect(await page.locator('.plot g[aria-label="y-axis tick label"] text').count()).toBeGreaterThan(1);
    const missing = await missingList();
    expect(missing).toContain('United States: No national data');
    expect(missing).not.toContain('England');
    // A "to" before "from" cannot be chosen.
    expect(await control('To').locator('option[value="2017"]').isDisabled()).toBe(true);
  });

  it('a target is drawn and badged as a target: an open diamond at its date, never a published figure', async () => {
    await choose('View', 'trend');
    await screen.chooseIndicatorById('people_referred_target');
    expect(await chart().locator('.sprig-badge[data-kind="target"]').textContent()).toBe('Target, not a result');
    expect(await page.locator('.plot g.sprig-kind-target').count()).toBe(1);
    expect(await page.locator('.plot g.sprig-kind-published').count()).toBe(0);
    expect(await chart().locator('.sprig-legend-item[data-group="kind"]').allTextContents()).toEqual(['Target or plan (not a result)']);
    const badges = await page.locator('.country-badges li', { hasText: 'England' }).locator('.badge').allTextContents();
    expect(badges).toEqual(['Target']);
  });

  it('a value over 2020–2023 is drawn across its span with "more than" on the chart', async () => {
    await screen.chooseIndicatorById('prescriptions_issued');
    expect(await page.locator('.plot g.sprig-span line').count()).toBe(1);
    expect(await page.locator('.plot g.sprig-qualifier text').textContent()).toBe('> 1,940');
  });

  it('the latest period never ranks Greece’s 2025 above the United States’ 2024, and says why', async () => {
    await screen.chooseIndicatorById('cohort_connected_pct');
    await choose('View', 'latest');
    expect(await notesText()).toMatch(/Not ranked: the latest values are from different periods/);
    const order = await page.locator('.plot g[aria-label="y-axis tick label"] text').allTextContents();
    expect(order).toEqual([...order].sort((a, b) => a.localeCompare(b, 'en-GB')));
  });

  it('by sex, Greece’s "other" is suppressed and one more cell with it, with the pathway showing 1,500 beside', async () => {
    await choose('View', 'breakdown');
    await choose('Split by', 'sex');
    const main = (await chart().textContent()) ?? '';
    expect(main).toContain('suppressed (fewer than 10)');
    expect(main).toContain('suppressed (protects a small count)');
    expect(main).toContain('one more count is suppressed with it');
    const values = await chart().locator('.plot g.sprig-value-label text').allTextContents();
    expect(values).toContain('962');
    expect(values).not.toContain('531');
    expect(values).not.toContain('7');
    expect(await page.locator('.linked-view').textContent()).toContain('1,500 (100%)');
  });

  it('a period range that ends before it starts is refused at the control, and the chart keeps the last valid range', async () => {
    const filters = page.getByRole('region', { name: 'Filters' });
    await filters.getByLabel('From', { exact: true }).fill('2024-01-01');
    await screen.settled();
    await filters.getByLabel('To', { exact: true }).fill('2023-01-01');
    expect(await filters.getByRole('alert').textContent()).toMatch(/“From” is after “To”/);
    expect(await filters.textContent()).toContain('Period 1 Jan 2024 to …');
    expect(errors).toEqual([]);
  });
});
