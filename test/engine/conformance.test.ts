import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import type { Catalogue, RefusedPackage } from '../../src/shared/catalogue.ts';
import { repoRoot, tempDir } from '../support/temp.ts';

/**
 * The Frictionless conformance corpus (../shared/conformance/frictionless, read in place and
 * never written): real public packages and frictionless-py's own fixtures. Each package is
 * opened on its own, and its outcome is the one the corpus README gives: open with the
 * tables, row counts and values its descriptor declares; refuse with file, line, field and
 * rule; or decline with a reason that says what Sprig does not read, never blaming the data.
 */

const corpus = process.env.SPRIG_CONFORMANCE ?? path.resolve(repoRoot, '..', 'shared', 'conformance', 'frictionless');
const present = existsSync(corpus);

interface Opened {
  catalogue: Catalogue;
  /** Rows of a SELECT on the package. */
  rows: (sql: string) => Promise<Record<string, unknown>[]>;
}

async function open(name: string, check: (o: Opened) => Promise<void>): Promise<void> {
  const engine = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [], extraDataDirs: [path.join(corpus, name)] });
  try {
    const catalogue = await engine.listDatasets();
    const rows = async (sql: string) => tableFromIPC(await engine.run({ sql, params: {} })).toArray().map((r) => r.toJSON() as Record<string, unknown>);
    await check({ catalogue, rows });
  } finally {
    engine.close();
  }
}

/** The package opened, with these tables (and nothing refused). */
function opened(o: Opened, tables: string[]): string {
  expect(o.catalogue.refused).toEqual([]);
  expect(o.catalogue.datasets).toHaveLength(1);
  expect(o.catalogue.datasets[0]!.tables).toEqual(tables);
  return o.catalogue.datasets[0]!.name;
}

async function totalRows(o: Opened, schema: string, tables: string[]): Promise<number> {
  let n = 0;
  for (const t of tables) n += Number((await o.rows(`SELECT count(*)::INTEGER AS n FROM "${schema}"."${t}"`))[0]!.n);
  return n;
}

async function columnType(o: Opened, schema: string, table: string, column: string): Promise<string> {
  const [row] = await o.rows(`SELECT data_type FROM information_schema.columns WHERE table_schema = '${schema}' AND table_name = '${table}' AND column_name = '${column}'`);
  return String(row?.data_type);
}

/** The one refusal (or decline) of the package. */
function refusal(o: Opened): RefusedPackage {
  expect(o.catalogue.datasets).toEqual([]);
  expect(o.catalogue.refused).toHaveLength(1);
  const r = o.catalogue.refused[0]!;
  // Sprig's own words, never a validator's, never bytes of a binary file.
  expect(r.reason).not.toMatch(/Invalid input|expected .*, received|\uFFFD/);
  expect([...r.reason].some((c) => c.charCodeAt(0) < 0x20)).toBe(false);
  return r;
}

/** Refused: the data break the specification or their descriptor, at this place. */
function refused(o: Opened, expected: Partial<RefusedPackage>): RefusedPackage {
  const r = refusal(o);
  expect(r.outcome).toBe('refused');
  expect(r).toMatchObject(expected);
  return r;
}

/** Declined: valid, but not something Sprig reads; the reason says so and blames nothing. */
function declined(o: Opened, code: RefusedPackage['code']): RefusedPackage {
  const r = refusal(o);
  expect(r).toMatchObject({ outcome: 'declined', code });
  expect(r.reason).not.toMatch(/invalid|broken|damaged|error|not valid/i);
  return r;
}

const utf8Pair = [
  { id: 1, name: 'english' },
  { id: 2, name: '中国人' },
];

const expectations: Record<string, (o: Opened) => Promise<void>> = {
  // ---- real public packages
  population: async (o) => {
    const name = opened(o, ['population']);
    expect(await totalRows(o, name, ['population'])).toBe(17_195);
    expect(await o.rows(`SELECT "Country Name" AS c, "Year" AS y FROM population.population LIMIT 1`)).toEqual([{ c: 'Aruba', y: 1960 }]);
  },
  gdp: async (o) => {
    opened(o, ['top-economies', 'gdp']);
  },
  'co2-fossil-global': async (o) => {
    const name = opened(o, ['fuel-breakdown', 'global']);
    expect(await totalRows(o, name, ['fuel-breakdown', 'global'])).toBe(1_118);
  },
  'oil-prices': async (o) => {
    const tables = ['brent-daily', 'brent-week', 'brent-month', 'brent-year', 'wti-daily', 'wti-week', 'wti-month', 'wti-year'];
    const name = opened(o, tables);
    expect(await totalRows(o, name, tables)).toBe(25_390);
    expect(await columnType(o, name, 'brent-daily', 'Date')).toBe('DATE');
  },
  'house-prices-us': async (o) => {
    const tables = ['cities-sa', 'cities-nsa', 'national'];
    const name = opened(o, tables);
    expect(await totalRows(o, name, tables)).toBe(1_185);
    // Empty cells are missing values, not zeros.
    const [first] = await o.rows(`SELECT "CA-San Diego" AS v FROM "${name}"."cities-sa" ORDER BY "Date" LIMIT 1`);
    expect(first?.v).toBeNull();
  },
  'house-prices-global': async (o) => {
    const tables = ['nominal-index', 'nominal-year', 'real-index', 'real-year'];
    const name = opened(o, tables);
    expect(await totalRows(o, name, tables)).toBe(35_388);
  },
  'covid-19': async (o) => {
    const tables = ['countries-aggregated', 'reference', 'key-countries-pivoted', 'worldwide-aggregate'];
    const name = opened(o, tables);
    expect(await totalRows(o, name, tables)).toBe(115_698);
    expect(await totalRows(o, name, ['countries-aggregated'])).toBe(110_370);
    // A string with a date pattern as its format stays text (string has no such format).
    expect(await columnType(o, name, 'key-countries-pivoted', 'Date')).toBe('VARCHAR');
  },
  'country-codes': async (o) => {
    refused(o, { code: 'extra-label', file: 'data/country-codes.csv', row: 1, field: 'wikidata_id', rule: 'header' });
  },
  'country-codes-yml': async (o) => {
    const r = declined(o, 'descriptor-other-name');
    expect(r.values.found).toBe('datapackage.yml');
  },
  'camtrap-dp-example': async (o) => {
    const r = declined(o, 'nothing-to-open');
    expect(r.resources?.map((x) => [x.resource, x.code])).toEqual([
      ['deployments', 'remote-schema'],
      ['media', 'remote-schema'],
      ['observations', 'remote-schema'],
      ['individuals', 'inline-data'],
    ]);
    expect(r.resources?.[0]?.reason).toMatch(/schema is on the network .*https:.*offline/);
  },
  // ---- frictionless-py fixtures
  'fl-package': async (o) => {
    opened(o, ['data', 'data2']);
    expect(await totalRows(o, 'testing', ['data'])).toBe(2);
    expect(await totalRows(o, 'testing', ['data2'])).toBe(3);
  },
  'fl-invalid': async (o) => {
    refused(o, { code: 'blank-row', file: 'data.csv', row: 3, rule: 'blank-row' });
  },
  'fl-compression': async (o) => {
    const tables = ['explicit-gz', 'explicit-zip', 'implicit-gz', 'implicit-zip'];
    const name = opened(o, tables);
    for (const t of tables) expect(await o.rows(`SELECT id::INTEGER AS id, name FROM "${name}"."${t}" ORDER BY id`)).toEqual(utf8Pair);
  },
  'fl-geopoint': async (o) => {
    const name = opened(o, ['office-locations']);
    expect(await columnType(o, name, 'office-locations', 'Location')).toBe('VARCHAR');
    const [first] = await o.rows(`SELECT "Location" AS l FROM "${name}"."office-locations" LIMIT 1`);
    expect(first?.l).toBe('{"lon": 151.2660, "lat": -27.1944}');
  },
  'fl-number': async (o) => {
    // NaN and INF are numbers (v1); NaN is not in the enum's list, on the first data line.
    refused(o, { code: 'enum', file: 'number-test.csv', row: 2, field: 'enum', rule: 'enum' });
  },
  'fl-infer': async (o) => {
    opened(o, ['data']);
    expect(o.catalogue.datasets[0]!.skipped).toEqual([expect.objectContaining({ resource: 'data2', code: 'no-schema' })]);
  },
  'fl-issue-905': async (o) => {
    const r = declined(o, 'nothing-to-open');
    expect(r.resources?.map((x) => x.code)).toEqual(['no-schema', 'no-schema', 'no-schema']);
  },
  'fl-json-resource': async (o) => {
    const r = declined(o, 'nothing-to-open');
    expect(r.resources?.map((x) => x.code)).toEqual(['json-table']);
    expect(r.reason).not.toMatch(/header/i);
  },
  'fl-multipart': async (o) => {
    const name = opened(o, ['measurements']);
    expect(await o.rows(`SELECT id::INTEGER AS id, name FROM "${name}".measurements ORDER BY id`)).toEqual(utf8Pair);
  },
  'fl-datetime-format': async (o) => {
    opened(o, ['issue1100']);
    const rows = await o.rows(`SELECT strftime("timestamp", '%Y-%m-%d %H:%M:%S') AS t FROM to_pandas_bug.issue1100`);
    expect(rows).toEqual([{ t: '2022-05-25 10:39:15' }, { t: '2022-05-25 10:39:15' }]);
  },
  'fl-datetime-tz': async (o) => {
    // Two instants: 15:00Z and 15:00+03:00 (= 12:00Z); the offset is never dropped.
    opened(o, ['issue1105']);
    const rows = await o.rows(`SELECT id::INTEGER AS id, strftime("timestamp", '%H:%M') AS t FROM to_pandas_bug.issue1105 ORDER BY id`);
    expect(rows).toEqual([
      { id: 0, t: '15:00' },
      { id: 1, t: '12:00' },
    ]);
  },
  'fl-pkg-missingvalues': async (o) => {
    // Package-level missingValues is just an extra property: "1" is still 1.
    const name = opened(o, ['number-two']);
    expect(await o.rows(`SELECT id::INTEGER AS id, name FROM "${name}"."number-two" ORDER BY id`)).toEqual(utf8Pair);
  },
  'fl-capital-1067': async (o) => {
    refused(o, { code: 'extra-label', file: 'capital-invalid.csv', row: 1, field: 'name', rule: 'header' });
  },
  'fl-multiple-errors': async (o) => {
    refused(o, { code: 'duplicate-resource', file: 'datapackage.json', resource: 'number-two' });
  },
  'fl-parquet': async (o) => {
    const name = opened(o, ['table']);
    expect(await o.rows(`SELECT id::INTEGER AS id, name FROM "${name}"."table" ORDER BY id`)).toEqual(utf8Pair);
  },
  'fl-xls': async (o) => {
    // The CSV opens; the Excel sheet is declined plainly, and said so.
    const name = opened(o, ['number-two']);
    expect(o.catalogue.datasets[0]!.skipped).toEqual([expect.objectContaining({ resource: 'first-resource', code: 'excel' })]);
    expect(await o.rows(`SELECT id::INTEGER AS id, name FROM "${name}"."number-two" ORDER BY id`)).toEqual([
      { id: 1, name: '中国人' },
      { id: 2, name: 'english' },
    ]);
  },
  'fl-bom': async (o) => {
    opened(o, ['bom']);
    expect(await o.rows(`SELECT id::INTEGER AS id, name FROM "fl-bom".bom ORDER BY id`)).toEqual(utf8Pair);
  },
  'fl-latin1': async (o) => {
    opened(o, ['latin1']);
    expect(await o.rows(`SELECT name FROM "fl-latin1".latin1 ORDER BY id`)).toEqual([{ name: 'english' }, { name: '©' }]);
  },
  'fl-iso-8859-7': async (o) => {
    opened(o, ['people']);
    expect((await o.rows(`SELECT name FROM "fl-iso-8859-7".people ORDER BY id`)).map((r) => r.name)).toEqual(['Λεωνιδας', 'Αλεξανδρος', 'Μυρων', 'Ευστοργιος']);
  },
  'fl-duplicate-labels': async (o) => {
    const r = refused(o, { code: 'duplicate-label', file: 'duplicate-headers.csv', row: 1, field: 'id2', rule: 'header' });
    expect(r.values).toMatchObject({ position: 3, label: 'id' });
  },
  'fl-blank-label': async (o) => {
    const r = refused(o, { code: 'blank-label', file: 'blank-headers.csv', row: 1, field: 'name', rule: 'header' });
    expect(r.values).toMatchObject({ position: 2 });
  },
  'fl-structure-errors': async (o) => {
    refused(o, { code: 'blank-row', file: 'structure-errors.csv', row: 4 });
  },
  'fl-schema-errors': async (o) => {
    const r = refused(o, { code: 'type', file: 'schema-errors.csv', row: 4, field: 'id', rule: 'type:integer' });
    expect(r.values).toMatchObject({ value: '"i_should_be_a_number"', type: 'integer' });
  },
  'fl-defective-rows': async (o) => {
    refused(o, { code: 'missing-cell', file: 'defective-rows.csv', row: 2 });
  },
  'fl-truefalse': async (o) => {
    opened(o, ['countries']);
    expect(await o.rows(`SELECT id::INTEGER AS id, value FROM "fl-truefalse".countries ORDER BY id`)).toEqual([
      { id: 1, value: true },
      { id: 2, value: false },
    ]);
  },
  'fl-missing-dash': async (o) => {
    opened(o, ['people']);
    expect(await o.rows(`SELECT count(*)::INTEGER AS n, count(id)::INTEGER AS ids FROM "fl-missing-dash".people`)).toEqual([{ n: 7, ids: 4 }]);
  },
};

describe.skipIf(!present)('the Frictionless conformance corpus, package by package', () => {
  it('has an expected outcome for every package in the corpus', () => {
    const packages = readdirSync(corpus, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    expect(packages).toEqual(Object.keys(expectations).sort());
  });

  for (const [name, check] of Object.entries(expectations)) {
    it(name, () => open(name, check));
  }
});
