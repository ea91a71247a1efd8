import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp.ts';
import { launchChromium, startSprig, type RunningSprig } from './harness.ts';
import { Explorer } from './pages/explorer.ts';

describe('a collaborator explores the five countries', () => {
  let sprig: RunningSprig;
  let browser: Browser;
  let page: Page;
  let explorer: Explorer;

  beforeAll(async () => {
    sprig = await startSprig();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB', acceptDownloads: true });
    explorer = new Explorer(page);
    await page.goto(sprig.url);
    await page.locator('[data-app-state="ready"]').waitFor({ timeout: 20_000 });
    await explorer.settled();
  });
  afterAll(async () => {
    await browser?.close();
    await sprig?.stop();
  });

  it('picks an indicator with values for every country', async () => {
    await explorer.choose('Indicator', /connected to an activity/);
    expect(Object.keys(await explorer.legendColours())).toEqual(['England', 'United States', 'Australia', 'Germany', 'Greece']);
  });

  it('removes and adds back a country: every other country keeps its colour', async () => {
    const before = await explorer.legendColours();
    await explorer.toggleCountry('United States');
    const without = await explorer.legendColours();
    expect(Object.keys(without)).not.toContain('United States');
    for (const [country, colour] of Object.entries(without)) expect(colour, country).toBe(before[country]);
    await explorer.toggleCountry('United States');
    expect(await explorer.legendColours()).toEqual(before);
  });

  it('switches to per 100,000 population and sees the unit say so', async () => {
    await explorer.choose('Indicator', /Link-worker FTE.*NWRS/);
    await explorer.choose('Show as', 'Per 100,000 population');
    expect(await explorer.caption()).toMatch(/FTE per 100,000 population/);
  });

  it('reads exactly the plotted values in the table, with the denominator named', async () => {
    await explorer.openTab('Table');
    const table = page.getByRole('table');
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(0);
    const text = (await table.textContent()) ?? '';
    // The population divided by, in words: its kind, date and publisher.
    expect(text).toContain('Population');
    expect(text).toMatch(/resident population/);
    expect(text).toContain('mid-2023');
    expect(text).toContain('Office for National Statistics');
    expect(text).toContain('4.81'); // 2,775 FTE / 57,690,300 residents × 100,000
    expect(text).toContain('No national data');
    await explorer.openTab('Chart');
  });

  it('filters by clicking a category: both views on screen narrow to it', async () => {
    await explorer.choose('View', 'Breakdown of referrals');
    await explorer.choose('Split by', 'Main need');
    const allReferred = await page.locator('.linked-view').textContent();
    await explorer.clickBar('England', 'Mental health');
    expect(await explorer.filtersText()).toContain('Main need: Mental health');
    // The linked view's new answer, drawn: not the chart it showed before the click, still marked ready for a moment.
    const linkedAnswer = async () =>
      (await page.locator('.linked-view figure[data-chart-state="ready"]').count()) === 1 ? await page.locator('.linked-view').textContent() : null;
    await expect.poll(async () => [null, allReferred].includes(await linkedAnswer())).toBe(false);
    const filtered = await linkedAnswer();
    expect(filtered).toContain('3,275 (100%)'); // England's referrals for mental health, as the breakdown showed
  });

  it('filters to one country by clicking its bar in the linked pathway', async () => {
    await explorer.clickBar('England', 'Referred', 'linked');
    expect(await explorer.filtersText()).toMatch(/1 of \d+ countries/);
    // The breakdown beside it now shows England's panel alone.
    const breakdown = (await page.locator('figure.chart').first().textContent()) ?? '';
    expect(breakdown).not.toContain('United States');
    expect(breakdown).toContain('England');
  });

  it('saves the view, changes it, and reopens it as it was', async () => {
    const download = await explorer.saveView();
    const file = path.join(await tempDir(), 'view.sprig.json');
    await download.saveAs(file);
    await explorer.choose('View', 'Trend over time');
    expect(await explorer.control('View').inputValue()).toBe('trend');
    await explorer.openView(file);
    expect(await explorer.control('View').inputValue()).toBe('breakdown');
    expect(await explorer.filtersText()).toContain('Main need: Mental health');
    expect(await page.getByRole('status').filter({ hasText: 'View opened' }).count()).toBe(1);
  });
});
