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
    expect(july).toMatchObject({ population_type: 'resident', population_period: 'mid-2023', population_source: 'ons_mye_2023' });
  });

  it('per 100,000 is refused where it means nothing: means and scores, budgets, one programme’s figures', async () => {
    for (const indicator of ['ons4_life_satisfaction_mean', 'programme_funding_gbp', 'kiosk_consultations', 'trial_sites']) {
      await expect(view({ view: 'trend', indicator, transform: 'per100k' }), indicator).rejects.toMatchObject({ code: 'transform-not-applicable' });
    }
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

  it('map: the same latest value per country as the latest view, for national figures that compare', async () => {
    const mappable = { indicator: 'referred_female_pct' };
    expect(await view({ view: 'map', ...mappable })).toEqual(await view({ view: 'latest', ...mappable }));
  });

  it('map: refused for figures a country’s colour cannot mean (one programme’s, or not comparable)', async () => {
    for (const indicator of ['kiosk_consultations', 'link_worker_fte_nwrs', 'people_referred_target']) {
      await expect(view({ view: 'map', indicator }), indicator).rejects.toMatchObject({ code: 'view-not-supported', detail: { context: 'map' } });
    }
  });

  it('small multiples: every period of every country, as the trend', async () => {
    const rows = await view({ view: 'small-multiples', indicator: 'cohort_connected_pct', sharedY: false });
    expect(rows).toEqual(await view({ view: 'trend', indicator: 'cohort_connected_pct' }));
    const [{ n }] = (await rawRows(`SELECT count(*)::DOUBLE AS n FROM ${csv('country_year_indicator')} WHERE indicator_id = 'cohort_connected_pct'`)) as [{ n: number }];
    expect(rows).toHaveLength(n);
  });

  it('slope: the two chosen periods only, and each other country with its true reason', async () => {
    const rows = await view({ view: 'slope', ...fte, from: 'Jul 2023', to: 'Jul 2024' });
    expect(rows.map((r) => [r.country, r.period, r.value, r.reason])).toEqual([
      ['GB-ENG', 'Jul 2023', 2775, null],
      ['GB-ENG', 'Jul 2024', 2781, null],
      ['US', null, null, 'not_available'],
      ['AU', null, null, 'not_available'],
      ['DE', null, null, 'not_available'],
      ['GR', null, null, 'not_available'],
    ]);
  });

  it('slope: a country with values, but in neither period compared, says so', async () => {
    const rows = await view({ view: 'slope', indicator: 'cohort_connected_pct', from: '2019', to: '2020', countries: ['GR'] });
    const [{ first }] = (await rawRows(`SELECT min(period_label) AS first FROM ${csv('country_year_indicator')} WHERE indicator_id = 'cohort_connected_pct' AND country_code = 'GR' AND value IS NOT NULL`)) as [{ first: string }];
    expect(Number(first)).toBeGreaterThan(2020);
    expect(rows).toMatchObject([{ country: 'GR', value: null, reason: 'not_at_periods' }]);
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

  it('a UK-wide figure is the United Kingdom whether the UK is shown as nations or as one', async () => {
    for (const ukNations of ['combined', 'separate']) {
      const rows = await view({ view: 'latest', indicator: 'ons4_life_satisfaction_mean', ukNations });
      expect(rows.filter((r) => r.value !== null).map((r) => [r.country, r.value]), ukNations).toEqual([['GB', 7.45]]);
    }
    // England chosen among the nations: the UK's figure is England's too.
    const england = await view({ view: 'trend', indicator: 'ons4_life_satisfaction_mean', countries: ['GB-ENG'] });
    expect(england.map((r) => r.country)).toEqual(['GB']);
  });

  it('the UK as one never erases a nation’s values: England’s FTE stays England’s, labelled so, when Wales and Scotland have none', async () => {
    const rows = await view({ view: 'trend', ...fte, ukNations: 'combined', countries: ['GB'] });
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.country === 'GB-ENG' && r.value !== null && r.combined === null)).toBe(true);
  });

  it('a period range filter keeps the periods that overlap it, and says when a country has none there', async () => {
    const rows = await view({ view: 'trend', ...fte, countries: ['GB-ENG'], filters: { from: '2024-04-01', to: '2024-06-30' } });
    expect(rows.map((r) => r.period)).toEqual(['Apr 2024', 'May 2024', 'Jun 2024']);
    const before = await view({ view: 'trend', ...fte, filters: { to: '2020-01-01' } });
    expect(before.find((r) => r.country === 'GB-ENG')).toMatchObject({ value: null, reason: 'out_of_range' });
    expect(before.find((r) => r.country === 'US')).toMatchObject({ value: null, reason: 'not_available' });
  });

  it('a period range that starts after it ends is refused, not answered with nothing', async () => {
    await expect(view({ view: 'trend', ...fte, filters: { from: '2024-01-01', to: '2023-01-01' } })).rejects.toThrow(/starts after it ends/);
  });

  it('indexed to a period a country has no value in: the reason, once, not a gap per period', async () => {
    const rows = await view({ view: 'trend', indicator: 'cohort_connected_pct', transform: 'indexed', indexBase: '2019' });
    const [{ n }] = (await rawRows(`SELECT count(DISTINCT country_code)::DOUBLE AS n FROM ${csv('country_year_indicator')} WHERE indicator_id = 'cohort_connected_pct' AND period_label = '2019' AND value IS NOT NULL`)) as [{ n: number }];
    const without = [...new Set(rows.filter((r) => r.reason === 'no_base_value').map((r) => r.country))];
    expect(without.length).toBeGreaterThan(0);
    expect(without.length + n).toBe(new Set(rows.map((r) => r.country)).size);
    for (const country of without) expect(rows.filter((r) => r.country === country).every((r) => r.value === null)).toBe(true);
  });

  it('no countries chosen: an empty answer, not an error', async () => {
    expect(await view({ view: 'trend', ...fte, countries: [] })).toEqual([]);
    expect(await view({ view: 'breakdown', dimension: 'sex', countries: [] })).toEqual([]);
  });

  it('targets and modelled estimates are their own kinds of value, never published figures', async () => {
    expect(await view({ view: 'trend', indicator: 'people_referred_target' })).toMatchObject([{ country: 'GB-ENG', value: 900000, kind: 'target' }]);
    expect(await view({ view: 'latest', indicator: 'people_referred_modelled', countries: ['GB-ENG'] })).toMatchObject([{ kind: 'modelled', qualifier: 'approximately' }]);
    const culture = await view({ view: 'trend', indicator: 'prescriptions_issued' });
    expect(culture).toMatchObject([{ country: 'US', qualifier: 'more_than', period: '2020–2023', programme: 'us_culturerx' }]);
    expect(Number(culture[0]!.period_end) - Number(culture[0]!.period_start)).toBeGreaterThan(3 * 365 * 86_400_000);
  });
});

describe('person-level views (synthetic referrals)', () => {
  it('breakdown counts match the referral file, per country and category, wherever they are shown', async () => {
    const expected = await rawRows(`SELECT country_code AS country, sex AS category, count(*)::DOUBLE AS n FROM ${csv('referral')} GROUP BY ALL ORDER BY ALL`);
    const rows = await view({ view: 'breakdown', dimension: 'sex' });
    expect(rows).toHaveLength(expected.length);
    for (const r of rows.filter((r) => !r.suppressed)) {
      expect(r.n, `${r.country} ${r.category}`).toBe(expected.find((e) => e.country === r.country && e.category === r.category)?.n);
    }
  });

  it('shares of each country’s total, as shown, over every cell shown', async () => {
    const totals = await rawRows(`SELECT country_code AS country, count(*)::DOUBLE AS n FROM ${csv('referral')} GROUP BY ALL`);
    const rows = await view({ view: 'breakdown', dimension: 'primary_need' });
    for (const r of rows.filter((r) => !r.suppressed)) {
      expect(r.share, `${r.country} ${r.category}`).toBeCloseTo(Number(r.n) / Number(totals.find((t) => t.country === r.country)?.n), 12);
    }
  });

  it('suppresses cells below the threshold and says so, never showing the count', async () => {
    const threshold = 200;
    const rows = await view({ view: 'breakdown', dimension: 'age_band', suppressBelow: threshold });
    const counts = await rawRows(`SELECT country_code AS country, age_band AS category, count(*) AS n FROM ${csv('referral')} GROUP BY ALL`);
    const small = counts.filter((c) => Number(c.n) < threshold);
    expect(small.length).toBeGreaterThan(0);
    for (const cell of small) {
      expect(rows.find((r) => r.country === cell.country && r.category === cell.category)).toMatchObject({ n: null, share: null, suppressed: true, suppression: 'primary' });
    }
    expect(rows.filter((r) => r.suppressed === false).every((r) => Number(r.n) === 0 || Number(r.n) >= threshold)).toBe(true);
  });

  it('Greece by sex: "other" suppressed, and "male" with it, so the pathway’s 1,500 cannot give it away', async () => {
    const rows = await view({ view: 'breakdown', dimension: 'sex', countries: ['GR'] });
    expect(rows.map((r) => [r.category, r.n, r.suppression])).toEqual([
      ['female', 962, null],
      ['male', null, 'complementary'],
      ['other', null, 'primary'],
    ]);
    expect((await view({ view: 'pathway', countries: ['GR'] }))[0]).toMatchObject({ stage: 'referred', n: 1500 });
  });

  it('the default threshold is 10, and no view may go below the package’s', async () => {
    const rows = await view({ view: 'breakdown', dimension: 'activity_category' });
    expect(rows.filter((r) => r.n !== null).every((r) => Number(r.n) === 0 || Number(r.n) >= 10)).toBe(true);
    await expect(view({ view: 'breakdown', dimension: 'sex', suppressBelow: 3 })).rejects.toMatchObject({ code: 'invalid-request', detail: { threshold: 10 } });
  });

  it('activity categories count activities, and GLAM splits them in two', async () => {
    const expected = await rawRows(
      `SELECT r.country_code AS country, count(*)::DOUBLE AS n FROM ${csv('referral_activity')} a JOIN ${csv('referral')} r USING (referral_id) WHERE a.is_glam GROUP BY ALL ORDER BY ALL`,
    );
    const rows = await view({ view: 'breakdown', dimension: 'glam' });
    // A country with no GLAM activity shows 0, not nothing.
    const glam = rows.filter((r) => r.category === 'true');
    expect(glam.filter((r) => r.n !== 0).map((r) => ({ country: r.country, n: r.n })).sort((a, b) => String(a.country).localeCompare(String(b.country)))).toEqual(expected);
    expect(glam.length).toBe(new Set(rows.map((r) => r.country)).size);
  });

  it('people without a value are "not recorded", and a category nobody has is 0', async () => {
    const greece = await view({ view: 'breakdown', dimension: 'deprivation_quintile', countries: ['GR'] });
    expect(greece).toMatchObject([{ category: null, n: 1500, share: 1 }]);
    const rows = await view({ view: 'breakdown', dimension: 'age_band', countries: ['GB-ENG'] });
    const [{ n }] = (await rawRows(`SELECT count(*)::DOUBLE AS n FROM ${csv('referral')} WHERE country_code = 'GB-ENG' AND age_band = '0-5'`)) as [{ n: number }];
    expect(n).toBe(0);
    expect(rows.find((r) => r.category === '0-5')).toMatchObject({ n: 0, suppressed: false, share: 0 });
  });

  it('the UK as one adds up the nations the data have, and says which', async () => {
    const rows = await view({ view: 'pathway', ukNations: 'combined' });
    const [{ n }] = (await rawRows(`SELECT count(*)::DOUBLE AS n FROM ${csv('referral')} WHERE country_code LIKE 'GB-%'`)) as [{ n: number }];
    expect(rows.find((r) => r.country === 'GB' && r.stage === 'referred')).toMatchObject({ n, covers: 'GB-ENG' });
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

  it('"not recorded" is a category to filter by too', async () => {
    const rows = await view({ view: 'pathway', countries: ['GR'], filters: { category: { dimension: 'deprivation_quintile', value: null } } });
    expect(rows.find((r) => r.stage === 'referred')?.n).toBe(1500);
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
