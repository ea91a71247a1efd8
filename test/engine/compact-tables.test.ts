import { DuckDBInstance, listValue, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { tableFromIPC, type Table } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultToArrowIPC } from '../../src/engine/arrow.ts';
import { compactCountQuery, compactUnderstands } from '../../src/engine/compact-query.ts';
import { CompactTables } from '../../src/engine/compact-tables.ts';
import { loadPackage, readDescriptor, type PackageDescriptor } from '../../src/engine/data-package.ts';
import { personCountQuery, type SqlQuery } from '../../src/shared/sql/view-query.ts';
import { breakdownDimensions, parseViewSpec, type PersonViewSpec, type ViewSpecInput } from '../../src/shared/view-spec.ts';
import { demoPackage } from '../support/temp.ts';

/**
 * The compact tables count people exactly as the SQL builder does on the package's own
 * tables: the same raw counts (columns, types, rows and order; floating-point means to
 * 1e-9, as parallel sums may differ in the last bits). Checked on the demo data and on a
 * small package made to hold the awkward cases (UK-wide rows, missing countries and
 * categories, quotes, a dimension with too many categories). test/engine/differential.test.ts
 * checks whole answers over hundreds of random specs.
 */

interface Side {
  connection: DuckDBConnection;
  descriptor: PackageDescriptor;
  compact: CompactTables;
}

async function run(connection: DuckDBConnection, query: SqlQuery): Promise<Uint8Array> {
  const params: Record<string, DuckDBValue> = {};
  for (const [k, v] of Object.entries(query.params)) params[k] = Array.isArray(v) ? listValue(v) : v;
  return resultToArrowIPC(await connection.runAndReadAll(query.sql, params));
}

/** Both answers, decoded, and whether the compact tables gave theirs. */
async function both(side: Side, input: Partial<ViewSpecInput> & { view: string }) {
  const spec = parseViewSpec({ version: 2, dataset: side.descriptor.name, ...input }) as PersonViewSpec;
  const builder = personCountQuery(spec, { schema: side.descriptor.name });
  const ran: SqlQuery[] = [];
  const compactBytes = await side.compact.answer(spec, side.descriptor, builder, (q) => {
    ran.push(q);
    return run(side.connection, q);
  });
  const builderBytes = await run(side.connection, builder);
  return { compactUsed: ran.length === 1 && ran[0] !== builder, ran, compact: tableFromIPC(compactBytes), builder: tableFromIPC(builderBytes) };
}

function expectSameAnswer(label: string, compact: Table, builder: Table): void {
  expect(compact.schema.fields.map((f) => `${f.name}:${String(f.type)}`), label).toEqual(builder.schema.fields.map((f) => `${f.name}:${String(f.type)}`));
  expect(compact.numRows, label).toBe(builder.numRows);
  const a = compact.toArray().map((r) => r.toJSON() as Record<string, unknown>);
  const b = builder.toArray().map((r) => r.toJSON() as Record<string, unknown>);
  a.forEach((row, i) => {
    for (const [key, value] of Object.entries(row)) {
      const expected = b[i]?.[key];
      if (typeof value === 'number' && typeof expected === 'number' && !Number.isInteger(expected)) {
        expect(Math.abs(value - expected), `${label}: row ${i + 1} ${key}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
      } else {
        expect(value, `${label}: row ${i + 1} ${key}`).toEqual(expected);
      }
    }
  });
}

async function check(side: Side, input: Partial<ViewSpecInput> & { view: string }, expectCompact = true): Promise<number> {
  const label = JSON.stringify(input);
  const { compactUsed, compact, builder } = await both(side, input);
  expect(compactUsed, `${label}: answered by the compact tables`).toBe(expectCompact);
  expectSameAnswer(label, compact, builder);
  return builder.numRows;
}

const open: DuckDBInstance[] = [];
async function connect(): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  open.push(instance);
  return instance.connect();
}
afterAll(() => open.forEach((i) => i.closeSync()));

describe('compact tables on the demo data', () => {
  let side: Side;
  beforeAll(async () => {
    const connection = await connect();
    const descriptor = await readDescriptor(demoPackage);
    await loadPackage(connection, demoPackage, descriptor);
    side = { connection, descriptor, compact: new CompactTables(connection) };
  });

  const selections: Partial<ViewSpecInput>[] = [
    {},
    { ukNations: 'combined' },
    { countries: ['GB-ENG', 'US'] },
    { countries: ['GB', 'DE'], ukNations: 'combined' },
    { countries: ['GB'] }, // the UK as a whole, while the nations are shown separately: nothing
    { countries: ['XX'] },
    { filters: { from: '2022-01-01', to: '2023-06-30' } },
    { filters: { to: '2021-12-31' }, suppressBelow: 0 },
    { filters: { category: { dimension: 'primary_need', value: 'loneliness' } } },
    { filters: { category: { dimension: 'deprivation_quintile', value: '1' } }, countries: ['GB-ENG'] },
    { filters: { category: { dimension: 'activity_category', value: 'arts' } } },
    { filters: { category: { dimension: 'glam', value: 'true' } }, ukNations: 'combined' },
    { filters: { category: { dimension: 'sex', value: 'nobody' } } },
    { filters: { category: { dimension: 'deprivation_quintile', value: null } } },
    { suppressBelow: 200 },
    { suppressBelow: 0, countries: ['AU', 'GR'], filters: { from: '2024-01-01' } },
  ];

  it('breakdowns by every dimension, under every kind of selection and filter', async () => {
    let rows = 0;
    for (const dimension of breakdownDimensions) {
      for (const selection of selections) rows += await check(side, { view: 'breakdown', dimension, ...selection });
    }
    expect(rows).toBeGreaterThan(1000);
  });

  it('pathways', async () => {
    for (const selection of selections) await check(side, { view: 'pathway', ...selection });
  });

  it('outcomes on every instrument and follow-up the data have', async () => {
    const pairs = (await side.connection.runAndReadAll(
      `SELECT DISTINCT instrument, timepoint FROM "sprig-demo".outcome_measurement WHERE timepoint <> 'baseline' ORDER BY ALL`,
    )).getRowObjectsJS();
    expect(pairs.length).toBeGreaterThan(3);
    for (const { instrument, timepoint } of pairs) {
      await check(side, { view: 'outcome', instrument: String(instrument), followUp: String(timepoint), suppressBelow: 0 });
    }
    for (const selection of selections.filter((s) => !JSON.stringify(s).match(/activity_category|glam/))) {
      await check(side, { view: 'outcome', instrument: 'swemwbs', followUp: 'w8_12', ...selection });
    }
    await check(side, { view: 'outcome', instrument: 'no_such_instrument', followUp: 'w8_12' });
  });

  it('outcomes without period or category filters come from one series table per instrument and follow-up, the others from the pairs', async () => {
    const first = await both(side, { view: 'outcome', instrument: 'swemwbs', followUp: 'm6', countries: ['GB-ENG'], ukNations: 'combined' });
    expect(first.ran[0]?.sql).toMatch(/sprig_compact_series_/);
    // Countries, the UK and the threshold act after counting: any of them read the same table.
    const plain = await both(side, { view: 'outcome', instrument: 'swemwbs', followUp: 'm6', countries: ['GB', 'AU'], suppressBelow: 30 });
    expect(plain.ran[0]?.sql).toBe(first.ran[0]?.sql);
    expectSameAnswer('series', plain.compact, plain.builder);
    const filtered = await both(side, { view: 'outcome', instrument: 'swemwbs', followUp: 'w8_12', filters: { from: '2022-01-01' } });
    expect(filtered.ran[0]?.sql).toMatch(/sprig_compact_outcome_/);
    expect(filtered.ran[0]?.sql).not.toMatch(/sprig_compact_series_/);
  });

  it('fails closed: a spec with a field it does not know goes to the builder, never counted without it', async () => {
    const spec = parseViewSpec({ version: 2, dataset: 'sprig-demo', view: 'breakdown', dimension: 'sex' }) as PersonViewSpec;
    const layout = { referral: { name: 'x', dictionaries: { country: ['GB-ENG'], sex: ['female'] }, hasDate: true, hasStages: true } };
    expect(compactUnderstands(spec)).toBe(true);
    expect(compactCountQuery(spec, layout)).not.toBeNull();
    // As if a filter were added to the builder that this file has not learnt: no answer, not an unfiltered one.
    const withNewFilter = { ...spec, filters: { ...spec.filters, programme: 'eng_link_workers' } } as unknown as PersonViewSpec;
    const withNewField = { ...spec, site: 'ENG-P33' } as unknown as PersonViewSpec;
    for (const unknown of [withNewFilter, withNewField]) {
      expect(compactUnderstands(unknown)).toBe(false);
      expect(compactCountQuery(unknown, layout)).toBeNull();
      const ran: SqlQuery[] = [];
      await side.compact.answer(unknown, side.descriptor, personCountQuery(spec, { schema: 'sprig-demo' }), async (q) => {
        ran.push(q);
        return [];
      });
      expect(ran[0]?.sql).not.toMatch(/sprig_compact_/);
    }
  });

  it('leaves to the builder what the compact tables do not hold', async () => {
    // Outcomes filtered by an activity: the builder counts each pair once per activity.
    await check(side, { view: 'outcome', instrument: 'swemwbs', followUp: 'w8_12', filters: { category: { dimension: 'activity_category', value: 'arts' } } }, false);
    // Baseline against itself: not a pair the compact table keeps.
    await check(side, { view: 'outcome', instrument: 'swemwbs', followUp: 'baseline' }, false);
  });
});

describe('prepared compact tables: month counts and the days at a range\'s ends', () => {
  let side: Side;
  let outcomeDates: { min: string | null; max: string | null; missing: boolean } | undefined;
  beforeAll(async () => {
    const connection = await connect();
    const descriptor = await readDescriptor(demoPackage);
    await loadPackage(connection, demoPackage, descriptor);
    await connection.run(`ATTACH ':memory:' AS "sprig:cache:test"`);
    await connection.run(`CREATE SCHEMA "sprig:cache:test".compact`);
    const compact = new CompactTables(connection);
    const saved = await compact.prepare(descriptor, { statements: connection, schema: '"sprig:cache:test".compact' });
    expect(saved?.tables.referral?.months).toBe('sprig_compact_referral_months');
    expect(saved?.tables.activity?.months).toBe('sprig_compact_activity_months');
    outcomeDates = saved?.tables.outcome?.dates;
    side = { connection, descriptor, compact };
  });

  // Whole months, parts of one month, across a year and a leap day, open at either end, beyond the data.
  const ranges = [
    {},
    { from: '2022-03-01' },
    { to: '2022-03-31' },
    { from: '2022-03-01', to: '2022-03-31' },
    { from: '2022-03-15', to: '2022-03-20' },
    { from: '2022-03-15', to: '2022-05-10' },
    { from: '2021-12-31', to: '2022-01-01' },
    { from: '2024-02-29', to: '2024-03-01' },
    { from: '2023-02-28', to: '2023-03-31' },
    { from: '2022-07-02' },
    { to: '2021-11-30' },
    { to: '2019-06-01' },
    { from: '2000-01-01', to: '2030-12-31' },
    { from: '2025-07-01' },
    { from: '2022-03-31', to: '2022-04-01' },
    { from: '2022-04-01', to: '2022-04-01' },
    { from: '2021-01-31', to: '2023-02-28' },
    { from: '0001-01-01', to: '9999-12-31' },
  ];
  const categories = [
    undefined,
    { dimension: 'sex', value: 'female' },
    { dimension: 'primary_need', value: 'loneliness' },
    { dimension: 'deprivation_quintile', value: null },
    { dimension: 'activity_category', value: 'arts' },
    { dimension: 'glam', value: 'false' },
  ] as const;

  it('breakdowns and pathways from the month counts match the builder under every range and category', async () => {
    let fromMonths = 0;
    for (const filters of ranges) {
      for (const category of categories) {
        const all = { ...filters, ...(category ? { category } : {}) };
        for (const input of [
          { view: 'breakdown', dimension: 'age_band', filters: all, suppressBelow: 0 },
          { view: 'breakdown', dimension: 'sex', filters: all, ukNations: 'combined' },
          { view: 'breakdown', dimension: 'activity_category', filters: all, suppressBelow: 0 },
          { view: 'breakdown', dimension: 'glam', filters: all },
          { view: 'pathway', filters: all, suppressBelow: 0 },
        ] as const) {
          const { ran, compact, builder } = await both(side, input);
          expectSameAnswer(JSON.stringify(input), compact, builder);
          if (ran[0]?.sql.includes('_months')) fromMonths++;
        }
      }
    }
    // All but the range out at years 1 and 9999, which the compact table answers by itself.
    expect(fromMonths).toBe((ranges.length - 1) * categories.length * 5);
  });

  it('an outcome with a period range that keeps every referral reads the unfiltered series; any narrower range, the pairs', async () => {
    const { min, max, missing } = outcomeDates ?? {};
    expect(missing).toBe(false);
    const day = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    for (const filters of [{ from: min!, to: max! }, { from: '2000-01-01' }, { to: day(max!, 1) }]) {
      const wide = await both(side, { view: 'outcome', instrument: 'swemwbs', followUp: 'm6', filters });
      expect(wide.ran[0]?.sql, JSON.stringify(filters)).toMatch(/sprig_compact_series_/);
      expectSameAnswer(JSON.stringify(filters), wide.compact, wide.builder);
    }
    for (const filters of [{ from: day(min!, 1) }, { to: day(max!, -1) }]) {
      const narrow = await both(side, { view: 'outcome', instrument: 'swemwbs', followUp: 'm6', filters });
      expect(narrow.ran.some((q) => /sprig_compact_series_/.test(q.sql)), JSON.stringify(filters)).toBe(false);
      expectSameAnswer(JSON.stringify(filters), narrow.compact, narrow.builder);
    }
    // A day that does not exist: refused by the builder's SQL, and so never answered from the series.
    const unreal = await both(side, { view: 'outcome', instrument: 'swemwbs', followUp: 'm6', filters: { from: '2000-02-30' } }).catch((e: unknown) => e);
    expect(unreal).toBeInstanceOf(Error);
  });
});

describe('compact tables on awkward data', () => {
  let side: Side;
  beforeAll(async () => {
    const connection = await connect();
    await connection.run(`CREATE SCHEMA edge`);
    // UK-wide rows beside the nations, rows without a country or categories, a quote in a category,
    // a source with 300 categories (too many for the compact tables), no pathway columns.
    await connection.run(`CREATE TABLE edge.referral AS
      SELECT i AS referral_id,
        CASE WHEN i % 11 = 0 THEN NULL ELSE ['GB', 'GB-ENG', 'GB-WLS', 'US', 'DE'][1 + i % 5] END AS country_code,
        DATE '2020-01-01' + (i % 900)::INTEGER AS referral_date,
        CASE WHEN i % 7 = 0 THEN NULL ELSE ['18-24', 'it''s 25+'][1 + i % 2] END AS age_band,
        ['female', 'male'][1 + i % 2] AS sex,
        CASE WHEN i % 13 = 0 THEN NULL ELSE 1 + i % 5 END AS deprivation_quintile,
        'source_' || (i % 300) AS referral_source
      FROM range(1, 3001) AS t(i)`);
    await connection.run(`CREATE TABLE edge.referral_activity AS
      SELECT i AS activity_id, 1 + (i * 7) % 3000 AS referral_id, ['arts', 'nature'][1 + i % 2] AS category, i % 3 = 0 AS is_glam
      FROM range(1, 4001) AS t(i)`);
    await connection.run(`CREATE TABLE edge.outcome_measurement AS
      SELECT referral_id, 'ucla3' AS instrument, tp AS timepoint, (referral_id % 7 + k)::DOUBLE AS score
      FROM range(1, 3001) AS t(referral_id), (VALUES ('baseline', 0), ('w8_12', 1), ('m6', 2)) AS v(tp, k)
      WHERE referral_id % 4 <> 0 OR tp = 'baseline'`);
    const field = (name: string, type = 'string') => ({ name, type });
    const descriptor: PackageDescriptor = {
      name: 'edge',
      resources: [
        {
          name: 'referral',
          path: 'referral.csv',
          schema: {
            fields: [
              field('referral_id', 'integer'),
              field('country_code'),
              field('referral_date', 'date'),
              field('age_band'),
              field('sex'),
              field('deprivation_quintile', 'integer'),
              field('referral_source'),
            ],
          },
        },
        { name: 'referral_activity', path: 'a.csv', schema: { fields: [field('activity_id', 'integer'), field('referral_id', 'integer'), field('category'), field('is_glam', 'boolean')] } },
        { name: 'outcome_measurement', path: 'o.csv', schema: { fields: [field('referral_id', 'integer'), field('instrument'), field('timepoint'), field('score', 'number')] } },
      ],
    };
    side = { connection, descriptor, compact: new CompactTables(connection) };
  });

  const selections: Partial<ViewSpecInput>[] = [
    { suppressBelow: 0 },
    { ukNations: 'combined', suppressBelow: 0 },
    { countries: ['GB'], ukNations: 'combined' },
    { countries: ['GB', 'GB-ENG'] },
    { filters: { category: { dimension: 'age_band', value: "it's 25+" } } },
    { filters: { category: { dimension: 'glam', value: 'false' } }, ukNations: 'combined' },
    { filters: { from: '2021-06-01', to: '2021-06-30' }, suppressBelow: 3 },
  ];

  it('breakdowns and outcomes match the builder, missing countries and categories included', async () => {
    for (const dimension of ['age_band', 'sex', 'deprivation_quintile', 'activity_category', 'glam'] as const) {
      for (const selection of selections) await check(side, { view: 'breakdown', dimension, ...selection });
    }
    for (const selection of selections.filter((s) => !JSON.stringify(s).includes('glam'))) {
      await check(side, { view: 'outcome', instrument: 'ucla3', followUp: 'm6', ...selection });
    }
  });

  it('a dimension with too many categories, or pathway stages the data lack, go to the builder', async () => {
    await check(side, { view: 'breakdown', dimension: 'referral_source', suppressBelow: 0 }, false);
    await check(side, { view: 'breakdown', dimension: 'sex', filters: { category: { dimension: 'referral_source', value: 'source_7' } } }, false);
    await expect(both(side, { view: 'pathway' })).rejects.toThrow(/contacted/);
  });
});
