import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRecords } from '../support/read-csv.ts';
import { tempDir } from '../support/temp.ts';
import { launchChromium, startSprig, type RunningSprig } from './harness.ts';
import { TableTab } from './pages/table-tab.ts';

/** A co-author on a 1280 × 800 laptop reads the Table tab and takes its CSV away. */
describe('the Table tab and its CSV', () => {
  let sprig: RunningSprig;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let tab: TableTab;
  let downloads: string;

  beforeAll(async () => {
    sprig = await startSprig();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB', acceptDownloads: true });
    page = await context.newPage();
    tab = new TableTab(page);
    downloads = await tempDir('sprig-e2e-downloads-');
    await tab.open(sprig.url, 'en-GB');
  });
  afterAll(async () => {
    await browser?.close();
    await sprig?.stop();
  });

  it('downloads a trend per 100,000 under a name that says so, with the dataset, unit and status in every row', async () => {
    await tab.choose('link_worker_fte_nwrs');
    await tab.choose('per100k');
    await tab.show();
    const { name, text } = await tab.downloadCsv(downloads);
    expect(name).toBe('sprig-demo_trend_link-worker-fte-nwrs_per100k.csv');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const { header, records } = csvRecords(text.slice(1));
    expect(header.slice(0, 6)).toEqual(['Country', 'Country name', 'Period', 'Starts', 'Ends', 'Value']);
    expect(header).toEqual(expect.arrayContaining(['Status', 'Synthetic', 'Kind of value', 'Population', 'Population source', 'Dataset', 'Dataset version', 'Indicator ID', 'Indicator', 'Unit', 'Shown as']));
    const july = records.find((r) => r.Country === 'GB-ENG' && r.Period === 'Jul 2023');
    expect(july).toMatchObject({ Starts: '2023-07-01', Status: 'published_secondary', Synthetic: 'false', Dataset: 'sprig-demo', 'Dataset version': '1.0.0', Unit: 'FTE per 100,000 population', 'Shown as': 'per100k' });
    expect(july?.Value).toMatch(/^4\.81\d*$/);
  });

  it('is readable at 1280 px: no header or cell cut short, no column squeezed', async () => {
    const { overflowing, wrapped, narrowest } = await tab.squeezed();
    expect(overflowing).toEqual([]);
    expect(wrapped).toEqual([]);
    expect(narrowest).toBeGreaterThanOrEqual(40);
  });

  it('downloads a breakdown that says its values are synthetic and below what count they were suppressed', async () => {
    await tab.choose('breakdown');
    await tab.choose('primary_need');
    await tab.show();
    const { name, text } = await tab.downloadCsv(downloads);
    expect(name).toBe('sprig-demo_breakdown_primary-need.csv');
    const { header, records } = csvRecords(text.slice(1));
    expect(header).toEqual(expect.arrayContaining(['Category', 'Category name', 'People', 'Suppressed', 'Why suppressed', 'Share', 'Status', 'Synthetic', 'Split by', 'Suppressed below']));
    expect(records.length).toBeGreaterThan(0);
    for (const row of records) expect(row).toMatchObject({ Status: 'synthetic', Synthetic: 'true', 'Split by (ID)': 'primary_need', 'Suppressed below': '10' });
  });

  it('in Greek, sorts countries by their Greek names and writes Greek headers', async () => {
    await tab.open(sprig.url, 'el');
    await tab.choose('latest');
    await tab.choose('cohort_connected_pct');
    await tab.show();
    await tab.sortBy('country');
    expect(await tab.column('country')).toEqual(['Αγγλία', 'Αυστραλία', 'Γερμανία', 'Ελλάδα', 'Ηνωμένες Πολιτείες']);
    expect(await tab.squeezed()).toMatchObject({ overflowing: [], wrapped: [] });
    const { name, text } = await tab.downloadCsv(downloads);
    expect(name).toBe('sprig-demo_latest_cohort-connected-pct_absolute.csv');
    expect(csvRecords(text.slice(1)).header.slice(0, 3)).toEqual(['Χώρα', 'Όνομα χώρας', 'Περίοδος']);
  });
});
