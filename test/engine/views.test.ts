import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import { parseViewSpec } from '../../src/shared/view-spec.ts';
import { bundledData, demoPackage, tempDir } from '../support/temp.ts';

/**
 * Every view against known numbers. Expectations come from the CSV files read by a
 * separate, plain DuckDB (not the engine's loader or SQL builders), or from arithmetic on
 * published figures written out here.
 */
let engine: Engine;
let raw: DuckDBConnection;
const csv = (table: string) => `read_csv('${path.join(demoPackage, `${table}.csv`)}')`;

async function rawRows(sql: string): Promise<Record<string, unknown>[]> {
  return (await raw.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}

/** Runs a view as every host does: validated (and defaulted) by the spec schema first. */
async function view(spec: Record<string, unknown> & { view: string }): Promise<Record<string, unknown>[]> {
  const parsed = parseViewSpec({ version: 2, dataset: 'sprig-demo', ...spec });
  return tableFromIPC(await engine.runView({ spec: parsed })).toArray().map((r) => r.toJSON() as Record<string, unknown>);
}

beforeAll(async () => {
  engine = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [bundledData] });
  raw = await (await DuckDBInstance.create(':memory:')).connect();
});
afterAll(() => engine.close());

describe('indicator views', () => {
  const fte = { indicator: 'link_worker_fte_nwrs' };

  it('per 100,000: England link-worker FTE, July 2023, over the ONS mid-2023 resident population', async () => {
    const rows = await view({ view: 'trend', ...fte, transform: 'per100k', countries: ['GB-ENG'] });
    const july = rows.find((r) => r.period === 'Jul 2023');
    expect(july?.value).toBeCloseTo((2775 / 57_690_300) * 100_000, 9);
    expect(july?.denominator).toMatch(/resident, mid-2023 \(ons_mye_2023\)/);
  });

  it('per 100,000 is refused for an indicator that is already a rate, naming its unit', async () => {
    await expect(view({ view: 'trend', indicator: 'referral_declined_pct', transform: 'per100k' })).rejects.toMatchObject({
      code: 'transform-not-applicable',
      detail: { unit: '%' },
    });
    await expect(view({ view: 'trend', indicator: 'people_referred_per_100k', transform: 'per100k' })).rejects.toMatchObject({
      code: 'transform-not-applicable',
    });
  });

  it('indexed: each period as a percentage of the chosen base period', async () => {
    const rows = await view({ view: 'trend', ...fte, transform: 'indexed', indexBase: 'Jul 2023', countries: ['GB-ENG'] });
    expect(rows.find((r) => r.period === 'Jul 2023')?.value).toBeCloseTo(100, 9);
    expect(rows.find((r) => r.period === 'Jan 2024')?.value).toBeCloseTo((2866 / 2775) * 100, 9);
    expect(rows.every((r) => r.base_period === 'Jul 2023')).toBe(true);
  });

  it('indexed without a base: each country’s first value is 100', async () => {
    const rows = await view({ view: 'trend', indicator: 'cohort_connected_pct', transform: 'indexed' });
    for (const country of new Set(rows.map((r) => r.country))) {
      const first = rows.filter((r) => r.country === country && r.value !== null).sort((a, b) => Number(a.period_start) - Number(b.period_start))[0];
      expect(first?.value, String(country)).toBeCloseTo(100, 9);
    }
  });

  it('latest: one row per country, the most recent value, or the reason there is none', async () => {
    const rows = await view({ view: 'latest', ...fte });
    expect(rows.find((r) => r.country === 'GB-ENG')).toMatchObject({ period: 'Jul 2024', value: 2781 });
    expect(rows.find((r) => r.country === 'US')).toMatchObject({ value: null, status: 'not_available' });
    expect(new Set(rows.map((r) => r.country)).size).toBe(rows.length);
  });

  it('map: the same latest value per country as the latest view', async () => {
    expect(await view({ view: 'map', ...fte })).toEqual(await view({ view: 'latest', ...fte }));
  });

  it('small multiples: every period of every country, as the trend', async () => {
    const rows = await view({ view: 'small-multiples', indicator: 'cohort_connected_pct', sharedY: false });
    expect(rows).toEqual(await view({ view: 'trend', indicator: 'cohort_connected_pct' }));
    const [{ n }] = (await rawRows(`SELECT count(*)::DOUBLE AS n FROM ${csv('country_year_indicator')} WHERE indicator_id = 'cohort_connected_pct'`)) as [{ n: number }];
    expect(rows).toHaveLength(n);
  });

  it('slope: the two chosen periods only', async () => {
    const rows = await view({ view: 'slope', ...fte, from: 'Jul 2023', to: 'Jul 2024' });
    expect(rows.map((r) => [r.country, r.period, r.value])).toEqual([
      ['GB-ENG', 'Jul 2023', 2775],
      ['GB-ENG', 'Jul 2024', 2781],
    ]);
  });

  it('intervals: 95% as stored, 90% narrower by the ratio of z-scores, or none', async () => {
    const expected = await rawRows(`SELECT country_code, period_label, value, lower, upper FROM ${csv('country_year_indicator')} WHERE lower IS NOT NULL LIMIT 1`);
    const row = expected[0]!;
    const spec = { view: 'trend', indicator: String((await rawRows(`SELECT indicator_id FROM ${csv('country_year_indicator')} WHERE lower IS NOT NULL LIMIT 1`))[0]!.indicator_id), countries: [String(row.country_code)] };
    const find = (rows: Record<string, unknown>[]) => rows.find((r) => r.period === row.period_label)!;
    const r95 = find(await view({ ...spec, interval: '95' }));
    const r90 = find(await view({ ...spec, interval: '90' }));
    const none = find(await view({ ...spec, interval: 'none' }));
    expect(r95.lower).toBeCloseTo(Number(row.lower), 9);
    expect(Number(r90.value) - Number(r90.lower)).toBeCloseTo((Number(row.value) - Number(row.lower)) * (1.644854 / 1.959964), 6);
    expect(none.lower).toBeNull();
  });

  it('the UK as one shows UK-wide rows and hides the nations, never both', async () => {
    const combined = await view({ view: 'latest', indicator: 'ons4_life_satisfaction_mean', ukNations: 'combined' });
    expect(combined.map((r) => r.country)).toContain('GB');
    expect(combined.some((r) => String(r.country).startsWith('GB-'))).toBe(false);
    const separate = await view({ view: 'latest', ...fte, ukNations: 'separate' });
    expect(separate.some((r) => r.country === 'GB')).toBe(false);
  });

  it('a period range filter keeps only periods starting inside it', async () => {
    const rows = await view({ view: 'trend', ...fte, countries: ['GB-ENG'], filters: { from: '2024-04-01', to: '2024-06-30' } });
    expect(rows.map((r) => r.period)).toEqual(['Apr 2024', 'May 2024', 'Jun 2024']);
  });
});

describe('person-level views (synthetic referrals)', () => {
  it('breakdown counts match the referral file, per country and category', async () => {
    const expected = await rawRows(`SELECT country_code AS country, sex AS category, count(*)::DOUBLE AS n FROM ${csv('referral')} GROUP BY ALL ORDER BY ALL`);
    const rows = await view({ view: 'breakdown', dimension: 'sex', suppressBelow: 0 });
    expect(rows.map((r) => ({ country: r.country, category: r.category, n: r.n }))).toEqual(expected);
  });

  it('shares within each country add up to one', async () => {
    const rows = await view({ view: 'breakdown', dimension: 'primary_need', suppressBelow: 0 });
    for (const country of new Set(rows.map((r) => r.country))) {
      const total = rows.filter((r) => r.country === country).reduce((s, r) => s + Number(r.share), 0);
      expect(total, String(country)).toBeCloseTo(1, 9);
    }
  });

  it('suppresses cells below the threshold and says so, never showing the count', async () => {
    const threshold = 200;
    const rows = await view({ view: 'breakdown', dimension: 'age_band', suppressBelow: threshold });
    const counts = await rawRows(`SELECT country_code AS country, age_band AS category, count(*) AS n FROM ${csv('referral')} GROUP BY ALL`);
    const small = counts.filter((c) => Number(c.n) < threshold);
    expect(small.length).toBeGreaterThan(0);
    for (const cell of small) {
      expect(rows.find((r) => r.country === cell.country && r.category === cell.category)).toMatchObject({ n: null, share: null, suppressed: true });
    }
    expect(rows.filter((r) => r.suppressed === false).every((r) => Number(r.n) >= threshold)).toBe(true);
  });

  it('the default threshold is 10', async () => {
    const rows = await view({ view: 'breakdown', dimension: 'activity_category' });
    expect(rows.filter((r) => r.n !== null).every((r) => Number(r.n) >= 10)).toBe(true);
  });

  it('activity categories count activities, and GLAM splits them in two', async () => {
    const expected = await rawRows(
      `SELECT r.country_code AS country, count(*)::DOUBLE AS n FROM ${csv('referral_activity')} a JOIN ${csv('referral')} r USING (referral_id) WHERE a.is_glam GROUP BY ALL ORDER BY ALL`,
    );
    const rows = await view({ view: 'breakdown', dimension: 'glam', suppressBelow: 0 });
    expect(rows.filter((r) => r.category === 'true').map((r) => ({ country: r.country, n: r.n }))).toEqual(expected);
  });

  it('the UK as one folds England, Wales and Scotland into GB', async () => {
    const rows = await view({ view: 'pathway', ukNations: 'combined', suppressBelow: 0 });
    const [{ n }] = (await rawRows(`SELECT count(*)::DOUBLE AS n FROM ${csv('referral')} WHERE country_code LIKE 'GB-%'`)) as [{ n: number }];
    expect(rows.find((r) => r.country === 'GB' && r.stage === 'referred')?.n).toBe(n);
    expect(rows.some((r) => String(r.country).startsWith('GB-'))).toBe(false);
  });

  it('pathway: referred, contacted, connected and completed, as counts and shares of referred', async () => {
    const [expected] = (await rawRows(
      `SELECT count(*)::DOUBLE AS referred, count_if(contacted)::DOUBLE AS contacted, count_if(connected)::DOUBLE AS connected, count_if(discharge_reason = 'completed')::DOUBLE AS completed FROM ${csv('referral')} WHERE country_code = 'GB-ENG'`,
    )) as [Record<string, number>];
    const rows = (await view({ view: 'pathway', countries: ['GB-ENG'] })).filter((r) => r.country === 'GB-ENG');
    expect(rows.map((r) => r.stage)).toEqual(['referred', 'contacted', 'connected', 'completed']);
    for (const r of rows) expect(r.n, String(r.stage)).toBe(expected[String(r.stage)]);
    expect(rows[0]?.share).toBe(1);
    expect(rows[2]?.share).toBeCloseTo(expected.connected! / expected.referred!, 12);
  });

  it('a category filter narrows every count to that category', async () => {
    const [{ n }] = (await rawRows(`SELECT count(*)::DOUBLE AS n FROM ${csv('referral')} WHERE country_code = 'GB-ENG' AND primary_need = 'mental_health'`)) as [{ n: number }];
    const rows = await view({ view: 'pathway', countries: ['GB-ENG'], filters: { category: { dimension: 'primary_need', value: 'mental_health' } } });
    expect(rows.find((r) => r.stage === 'referred')?.n).toBe(n);
  });

  it('outcome change: paired baseline and follow-up on one instrument, mean change with its 95% interval', async () => {
    const [expected] = (await rawRows(`
      SELECT count(*) AS n, avg(f.score - b.score) AS mean, stddev_samp(f.score - b.score) AS sd
      FROM ${csv('outcome_measurement')} b JOIN ${csv('outcome_measurement')} f USING (referral_id, instrument)
      JOIN ${csv('referral')} r USING (referral_id)
      WHERE b.instrument = 'swemwbs' AND b.timepoint = 'baseline' AND f.timepoint = 'w8_12' AND r.country_code = 'GB-ENG'`)) as [Record<string, number>];
    const rows = await view({ view: 'outcome', instrument: 'swemwbs', followUp: 'w8_12', countries: ['GB-ENG'] });
    const change = rows.find((r) => r.series === 'change')!;
    expect(change.n).toBe(Number(expected.n));
    expect(change.mean).toBeCloseTo(expected.mean!, 9);
    const half = (1.959964 * expected.sd!) / Math.sqrt(Number(expected.n));
    expect(change.lower).toBeCloseTo(expected.mean! - half, 9);
    expect(change.upper).toBeCloseTo(expected.mean! + half, 9);
    expect(rows.map((r) => r.series)).toEqual(['baseline', 'follow_up', 'change']);
    expect(Number(rows[0]!.p25)).toBeLessThanOrEqual(Number(rows[0]!.p50));
  });
});
