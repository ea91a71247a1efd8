import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import type { DatasetDescription } from '../../src/shared/catalogue.ts';
import { createI18n } from '../../src/shared/i18n/create.ts';
import { plainNumber } from '../../src/shared/table-csv.ts';
import { viewCsv, viewCsvFileName } from '../../src/shared/view-csv.ts';
import { parseViewSpec, type ViewSpec } from '../../src/shared/view-spec.ts';
import { answerRows, type Answer } from '../../src/shared/view-table.ts';
import { csvRecords } from '../support/read-csv.ts';
import { bundledData, tempDir } from '../support/temp.ts';

/**
 * The CSV a view downloads, written from the real engine's Arrow answers on the demo
 * package and read back by an independent RFC 4180 reader: each file names its dataset and
 * version, what its values are, their unit and transform, their status, and for
 * person-level views the suppression threshold.
 */
let engine: Engine;
let description: DatasetDescription;

beforeAll(async () => {
  engine = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [bundledData] });
  description = await engine.describeDataset({ dataset: 'sprig-demo' });
});
afterAll(() => engine.close());

async function answer(input: Record<string, unknown>): Promise<{ spec: ViewSpec; answer: Answer }> {
  const spec = parseViewSpec({ version: 2, dataset: 'sprig-demo', ...input });
  return { spec, answer: answerRows(tableFromIPC(await engine.runView({ spec }))) };
}

async function csv(input: Record<string, unknown>, locale = 'en-GB') {
  const { spec, answer: a } = await answer(input);
  const text = viewCsv({ spec, description, answer: a, t: createI18n(locale).t, locale });
  return { text, answer: a, ...csvRecords(text.replace(/^\uFEFF/, '')) };
}

describe('the CSV of an indicator view', () => {
  const trend = { view: 'trend', indicator: 'link_worker_fte_nwrs', transform: 'per100k', countries: ['GB-ENG', 'DE'] };

  it('starts with a byte order mark, ends lines with CRLF and writes one row per engine row', async () => {
    const { text, records, answer: a } = await csv(trend);
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(a.rows.length + 2); // the header, the rows, and nothing after the last CRLF
    expect(text).not.toMatch(/[^\r]\n/);
    expect(records).toHaveLength(a.rows.length);
  });

  it('keeps every engine column, with a name beside each code, and ends with what the values are', async () => {
    const { header, answer: a } = await csv(trend);
    expect(header.slice(0, 6)).toEqual(['Country', 'Country name', 'Period', 'Starts', 'Ends', 'Value']);
    for (const h of ['Lower bound', 'Upper bound', 'Status', 'Kind of value', 'Synthetic', 'Source', 'Source citation', 'Note', 'Population', 'Population source', 'Base period (= 100)', 'Why no value']) {
      expect(header).toContain(h);
    }
    // Beside their codes: the country's name, the source's and the population source's citations, the kind's name, the reason in words.
    expect(header.length).toBe(a.columns.length + 5 + 9);
    expect(header.slice(-9)).toEqual(['Dataset', 'Dataset version', 'View', 'Indicator ID', 'Indicator', 'Unit', 'Shown as', 'Interval (%)', 'Filters']);
  });

  it('writes England’s July 2023 FTE per 100,000 with a decimal point, ISO dates, its status, source and denominator', async () => {
    const { records } = await csv(trend);
    const july = records.find((r) => r.Country === 'GB-ENG' && r.Period === 'Jul 2023')!;
    expect(july).toMatchObject({
      'Country name': 'England',
      Starts: '2023-07-01',
      Ends: '2023-07-31',
      Status: 'published_secondary',
      Synthetic: 'false',
      Source: 'pulse_pcn_2024',
      'Kind of value': 'published',
      Population: 'resident',
      'Population date': 'mid-2023',
      'Population source': 'ons_mye_2023',
      Dataset: 'sprig-demo',
      'Dataset version': '1.0.0',
      View: 'trend',
      'Indicator ID': 'link_worker_fte_nwrs',
      Indicator: 'Link-worker FTE in primary care networks (NWRS basis)',
      Unit: 'FTE per 100,000 population',
      'Shown as': 'per100k',
      'Interval (%)': '95',
      Filters: '',
    });
    expect(july.Value).toMatch(/^\d+\.\d+$/);
    expect(Number(july.Value)).toBeCloseTo((2775 / 57_690_300) * 100_000, 12);
    expect(july['Source citation']).toMatch(/^NHS England .*\(2024\)\. Monthly PCN workforce statistics/);
  });

  it('writes a country without national data as an empty value with its status, never a zero', async () => {
    const { records } = await csv(trend);
    const germany = records.filter((r) => r.Country === 'DE');
    expect(germany.length).toBeGreaterThan(0);
    for (const row of germany) expect(row).toMatchObject({ 'Country name': 'Germany', Value: '', Status: 'not_available' });
  });

  it('names the base period of an index on every row', async () => {
    const { records } = await csv({ ...trend, transform: 'indexed', indexBase: 'Jul 2023', countries: ['GB-ENG'] });
    expect(records.every((r) => r['Base period (= 100)'] === 'Jul 2023' && r['Shown as'] === 'indexed' && r.Unit === 'Index (base period = 100)')).toBe(true);
    expect(records.find((r) => r.Period === 'Jul 2023')?.Value).toBe('100');
  });

  it('writes headers, names and units in the reader’s language, and codes and numbers as they are', async () => {
    const { header, records } = await csv(trend, 'de');
    expect(header.slice(0, 3)).toEqual(['Land', 'Ländername', 'Zeitraum']);
    expect(header).toContain('Version des Datensatzes');
    const july = records.find((r) => r.Land === 'GB-ENG' && r.Zeitraum === 'Jul 2023')!;
    expect(july.Einheit).toBe('VZÄ je 100.000 Einwohner');
    expect(july.Wert).toMatch(/^4\.81\d+$/);
    expect(records.find((r) => r.Land === 'DE')?.Ländername).toBe('Deutschland');
  });
});

describe('the CSV of a person-level view', () => {
  it('breakdown: each category’s count, suppression and share, the dimension, the threshold and the synthetic label', async () => {
    const { header, records, answer: a } = await csv({ view: 'breakdown', dimension: 'primary_need', suppressBelow: 150 });
    expect(header.slice(0, 8)).toEqual(['Country', 'Country name', 'Category', 'Category name', 'People', 'Suppressed', 'Why suppressed', 'Share']);
    expect(header.slice(-11)).toEqual(['Nations counted', 'Status', 'Synthetic', 'Dataset', 'Dataset version', 'View', 'Split by (ID)', 'Split by', 'Unit', 'Suppressed below', 'Filters']);
    expect(records).toHaveLength(a.rows.length);
    for (const [i, row] of a.rows.entries()) {
      expect(records[i]!.People).toBe(row.n === null ? '' : String(row.n));
      expect(records[i]!.Suppressed).toBe(String(row.suppressed));
    }
    const mental = records.find((r) => r.Country === 'GB-ENG' && r.Category === 'mental_health')!;
    expect(mental).toMatchObject({
      'Country name': 'England',
      'Category name': 'Mental health',
      Suppressed: 'false',
      Status: 'synthetic',
      Synthetic: 'true',
      Dataset: 'sprig-demo',
      'Dataset version': '1.0.0',
      View: 'breakdown',
      'Split by (ID)': 'primary_need',
      'Split by': 'Main need',
      Unit: 'Referrals (share: of the country’s referrals, 0–1)',
      'Suppressed below': '150',
    });
    expect(Number(mental.Share)).toBeGreaterThan(0);
    // A small cell leaves empty, flagged, never as a number.
    const hidden = records.filter((r) => r.Suppressed === 'true');
    expect(hidden.length).toBeGreaterThan(0);
    for (const row of hidden) expect(row).toMatchObject({ People: '', Share: '' });
    expect(new Set(hidden.map((r) => r['Why suppressed']))).toEqual(new Set(['primary', 'complementary']));
  });

  it('outcome: the instrument and follow-up by id and name, the series and their statistics', async () => {
    const { header, records, answer: a } = await csv({ view: 'outcome', instrument: 'swemwbs', followUp: 'w8_12' });
    expect(header.slice(0, 6)).toEqual(['Country', 'Country name', 'Series', 'People', 'Suppressed', 'Why suppressed']);
    for (const h of ['Mean', 'Lower bound', 'Upper bound', '10th percentile', 'Median', '90th percentile']) expect(header).toContain(h);
    expect(header.slice(-13)).toEqual([
      'Nations counted',
      'Status', 'Synthetic', 'Dataset', 'Dataset version', 'View', 'Instrument ID', 'Instrument', 'Follow-up ID', 'Follow-up', 'Unit', 'Suppressed below', 'Filters',
    ]);
    const change = records.find((r) => r.Country === 'GB-ENG' && r.Series === 'change')!;
    const engineChange = a.rows.find((r) => r.country === 'GB-ENG' && r.series === 'change')!;
    expect(Number(change.Mean)).toBe(engineChange.mean);
    expect(change).toMatchObject({
      Status: 'synthetic',
      Synthetic: 'true',
      View: 'outcome',
      'Instrument ID': 'swemwbs',
      Instrument: 'SWEMWBS (short Warwick-Edinburgh Mental Wellbeing Scale), metric score',
      'Follow-up ID': 'w8_12',
      'Follow-up': '8–12 weeks',
      'Suppressed below': '10',
    });
    expect(Number(change['Lower bound'])).toBeLessThan(Number(change.Mean));
  });

  it('says which filter a file holds', async () => {
    const { records } = await csv({ view: 'pathway', filters: { category: { dimension: 'primary_need', value: 'mental_health' }, from: '2023-01-01' } });
    expect(records.length).toBeGreaterThan(0);
    expect(new Set(records.map((r) => r.Filters))).toEqual(new Set(['primary_need=mental_health; from=2023-01-01']));
  });

  it('does not label person-level values synthetic when the package does not say they are', async () => {
    const { spec, answer: a } = await answer({ view: 'pathway' });
    const { records } = csvRecords(viewCsv({ spec, description: { ...description, synthetic: false }, answer: a, t: createI18n().t, locale: 'en-GB' }, { byteOrderMark: false }));
    expect(records.every((r) => r.Status === '' && r.Synthetic === 'false')).toBe(true);
  });
});

describe('columns Sprig does not know yet', () => {
  it('are written under their raw name, and an engine column is never overwritten by a context one', async () => {
    const { spec, answer: a } = await answer({ view: 'breakdown', dimension: 'sex' });
    const extended: Answer = {
      ...a,
      columns: [...a.columns, 'sprig_future_reason', 'status'],
      rows: a.rows.map((r) => ({ ...r, sprig_future_reason: r.suppressed ? 'small_count' : null, status: 'engine_says' })),
    };
    const { header, records } = csvRecords(viewCsv({ spec, description, answer: extended, t: createI18n().t, locale: 'en-GB' }, { byteOrderMark: false }));
    expect(header).toContain('sprig_future_reason');
    expect(header.filter((h) => h === 'Status')).toHaveLength(1);
    expect(records.every((r) => r.Status === 'engine_says')).toBe(true);
  });
});

describe('numbers', () => {
  it('never in exponent form, never grouped', () => {
    expect(plainNumber(1234567.25)).toBe('1234567.25');
    expect(plainNumber(1e-7)).toBe('0.0000001');
    expect(plainNumber(2.5e21)).toBe('2500000000000000000000');
    expect(plainNumber(-0.125)).toBe('-0.125');
  });
});

describe('file names', () => {
  const name = (spec: Record<string, unknown>) => viewCsvFileName(parseViewSpec({ version: 2, dataset: 'sprig-demo', ...spec }));

  it('say the dataset, view, indicator and transform', () => {
    expect(name({ view: 'trend', indicator: 'link_worker_fte_nwrs', transform: 'per100k' })).toBe('sprig-demo_trend_link-worker-fte-nwrs_per100k.csv');
    expect(name({ view: 'latest', indicator: 'referral_declined_pct' })).toBe('sprig-demo_latest_referral-declined-pct_absolute.csv');
    expect(name({ view: 'small-multiples', indicator: 'cohort_connected_pct', transform: 'indexed' })).toBe('sprig-demo_small-multiples_cohort-connected-pct_indexed.csv');
    expect(name({ view: 'trend', indicator: 'link_worker_fte_nwrs', transform: 'indexed', indexBase: 'Jul 2023' })).toBe('sprig-demo_trend_link-worker-fte-nwrs_indexed-jul-2023.csv');
    expect(name({ view: 'slope', indicator: 'referral_declined_pct', from: '2019', to: '2023/24' })).toBe('sprig-demo_slope_referral-declined-pct_2019-to-2023-24_absolute.csv');
  });

  it('say the dimension, or the instrument and follow-up, and any filter', () => {
    expect(name({ view: 'breakdown', dimension: 'primary_need' })).toBe('sprig-demo_breakdown_primary-need.csv');
    expect(name({ view: 'outcome', instrument: 'swemwbs', followUp: 'w8_12' })).toBe('sprig-demo_outcome_swemwbs_w8-12.csv');
    expect(name({ view: 'pathway', filters: { category: { dimension: 'primary_need', value: 'mental_health' } } })).toBe('sprig-demo_pathway_primary-need-mental-health.csv');
    expect(name({ view: 'map', indicator: 'cohort_connected_pct', filters: { from: '2020-01-01', to: '2023-12-31' } })).toBe('sprig-demo_map_cohort-connected-pct_absolute_2020-01-01-to-2023-12-31.csv');
  });

  it('hold only safe characters, whatever the dataset or category is called', () => {
    const odd = viewCsvFileName(
      parseViewSpec({ version: 2, dataset: 'my.data_v2', view: 'breakdown', dimension: 'activity_category', filters: { category: { dimension: 'activity_category', value: 'Musée / "Ä" ../x' } } }),
    );
    expect(odd).toBe('my-data-v2_breakdown_activity-category_activity-category-musee-a-x.csv');
    expect(odd).toMatch(/^[a-z0-9_-]+\.csv$/);
  });
});
