import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { duckdbType, readDescriptor, type ResourceDescriptor } from '../../src/engine/data-package.ts';
import { sqlString } from '../../src/shared/sql/quote.ts';

/**
 * A large synthetic Sprig package for the bench: the demo's small published tables
 * (countries, indicators, values, populations, sources, …) copied from data/sprig-demo,
 * and person-level tables of any size made by DuckDB itself from `range(n)`:
 *
 *   referral             n rows, every column the person-level views use
 *   referral_activity    ~0.85 × n (activities of connected referrals)
 *   outcome_measurement  ~1.3 × n (baseline and follow-ups on one instrument per country)
 *
 * Rows are laid out as scripts/data/generate-demo.ts lays them out (programme by
 * programme, referral dates rising within each), so the shape matches the generated
 * demo packages; the JavaScript generator itself takes ~10 minutes for 10 million
 * referrals, this takes seconds. Hash-based columns: the same n always gives the same data.
 */

export const BENCH_PACKAGE_NAME = 'sprig-bench-referrals';
export const REFERRAL_TABLE = 'referral';
/** Bump when the generated data change, so cached packages are rebuilt. */
export const GENERATOR_VERSION = 3;

/** The demo's small tables the bench package carries over unchanged (when the demo has them). */
const COPIED_TABLES = ['country', 'source', 'indicator', 'population', 'programme', 'instrument', 'country_year_indicator', 'codelist'];

/** Programmes and their share of referrals (per mille), in the order rows are written. */
const PROGRAMMES: { id: string; country: string; perMille: number; firstDay: string; lastDay: string }[] = [
  { id: 'eng_link_workers', country: 'GB-ENG', perMille: 330, firstDay: '2019-07-01', lastDay: '2025-06-30' },
  { id: 'eng_green_sp', country: 'GB-ENG', perMille: 75, firstDay: '2021-04-01', lastDay: '2023-03-31' },
  { id: 'wls_link_workers', country: 'GB-WLS', perMille: 30, firstDay: '2020-04-01', lastDay: '2025-06-30' },
  { id: 'sct_community_link_workers', country: 'GB-SCT', perMille: 40, firstDay: '2018-01-01', lastDay: '2025-06-30' },
  { id: 'us_culturerx', country: 'US', perMille: 60, firstDay: '2017-01-01', lastDay: '2025-06-30' },
  { id: 'us_art_pharmacy', country: 'US', perMille: 90, firstDay: '2022-01-01', lastDay: '2025-06-30' },
  { id: 'au_qld_trial', country: 'AU', perMille: 90, firstDay: '2019-01-01', lastDay: '2024-12-31' },
  { id: 'au_vic_local_connections', country: 'AU', perMille: 60, firstDay: '2021-07-01', lastDay: '2025-06-30' },
  { id: 'de_kiosk_hamburg', country: 'DE', perMille: 125, firstDay: '2017-01-01', lastDay: '2025-06-30' },
  { id: 'de_sp_eu', country: 'DE', perMille: 25, firstDay: '2025-01-01', lastDay: '2025-06-30' },
  { id: 'gr_cultural_prescription', country: 'GR', perMille: 75, firstDay: '2023-01-01', lastDay: '2025-06-30' },
];

/** The instrument each country's programmes score with, and its range. */
const INSTRUMENTS: Record<string, { id: string; min: number; max: number }> = {
  'GB-ENG': { id: 'swemwbs', min: 7, max: 35 },
  'GB-WLS': { id: 'wemwbs', min: 14, max: 70 },
  'GB-SCT': { id: 'swemwbs', min: 7, max: 35 },
  US: { id: 'ucla3', min: 3, max: 9 },
  AU: { id: 'k10', min: 10, max: 50 },
  DE: { id: 'ons4_life_satisfaction', min: 0, max: 10 },
  GR: { id: 'whoqol_bref_psychological', min: 0, max: 100 },
};

const AGE_BANDS = ['0-5', '6-17', '18-24', '25-34', '35-44', '45-54', '55-64', '65-74', '75+'];
const SEXES = ['female', 'male', 'other'];
const SOURCES: [string, string][] = [
  ['gp', 'medical'],
  ['practice_nurse', 'medical'],
  ['other_primary_care', 'medical'],
  ['psychiatrist', 'medical'],
  ['mental_health_service', 'medical'],
  ['hospital', 'medical'],
  ['social_care', 'non_medical'],
  ['community_organisation', 'non_medical'],
  ['family', 'non_medical'],
  ['self', 'self'],
];
const NEEDS = ['mental_health', 'loneliness', 'physical_health', 'long_term_condition', 'financial', 'housing', 'carer_support', 'bereavement', 'family_support'];
const DISCHARGES = ['completed', 'referred_onward', 'disengaged', 'declined', 'no_contact', 'not_eligible', 'moved_or_died'];
const CATEGORIES = ['arts', 'culture_heritage', 'nature', 'physical_activity', 'advice', 'learning', 'social', 'volunteering'];
const TIMEPOINTS = ['baseline', 'w8_12', 'm6', 'm12'];

const list = (values: string[]) => `[${values.map(sqlString).join(', ')}]`;
/** A small number for a salt, so that each column draws independently of the others. */
function saltNumber(salt: string): number {
  let n = 7;
  for (const ch of salt) n = (n * 31 + ch.charCodeAt(0)) % 997;
  return n;
}
/** A hash of a row key and a salt (integer hashing: several times faster than hashing a text salt). */
const draw = (key: string, salt: string) => `hash((${key}) * 1000 + ${saltNumber(salt)})`;
/** One of `values`, uniformly, by a hash of `key` and a salt. */
const pick = (values: string[], key: string, salt: string) => `${list(values)}[1 + (${draw(key, salt)} % ${values.length})::BIGINT]`;
/** A percentage draw in 0..99. */
const pct = (key: string, salt: string) => `(${draw(key, salt)} % 100)`;

interface Field {
  name: string;
  type: string;
  required?: boolean;
  enum?: (string | boolean)[];
  minimum?: number | string;
  maximum?: number | string;
}

const referralFields: Field[] = [
  { name: 'referral_id', type: 'integer', required: true, minimum: 1 },
  { name: 'country_code', type: 'string', required: true },
  { name: 'programme_id', type: 'string', required: true },
  { name: 'referral_date', type: 'date', required: true, minimum: '2015-01-01', maximum: '2025-06-30' },
  { name: 'age_band', type: 'string', required: true, enum: AGE_BANDS },
  { name: 'sex', type: 'string', required: true, enum: SEXES },
  { name: 'deprivation_quintile', type: 'integer', minimum: 1, maximum: 5 },
  { name: 'referral_source', type: 'string', required: true, enum: SOURCES.map(([s]) => s) },
  { name: 'referral_route', type: 'string', required: true, enum: ['medical', 'non_medical', 'self'] },
  { name: 'primary_need', type: 'string', required: true, enum: NEEDS },
  { name: 'offered', type: 'boolean', required: true },
  { name: 'declined', type: 'boolean', required: true },
  { name: 'contacted', type: 'boolean', required: true },
  { name: 'connected', type: 'boolean', required: true },
  { name: 'discharge_reason', type: 'string', enum: DISCHARGES },
  { name: 'is_synthetic', type: 'boolean', required: true, enum: [true] },
];
const activityFields: Field[] = [
  { name: 'activity_id', type: 'integer', required: true, minimum: 1 },
  { name: 'referral_id', type: 'integer', required: true },
  { name: 'category', type: 'string', required: true, enum: CATEGORIES },
  { name: 'is_glam', type: 'boolean', required: true },
  { name: 'started', type: 'boolean', required: true },
  { name: 'is_synthetic', type: 'boolean', required: true, enum: [true] },
];
const outcomeFields: Field[] = [
  { name: 'referral_id', type: 'integer', required: true },
  { name: 'instrument', type: 'string', required: true },
  { name: 'timepoint', type: 'string', required: true, enum: TIMEPOINTS },
  { name: 'score', type: 'number', required: true, minimum: -0.285, maximum: 100 },
  { name: 'is_synthetic', type: 'boolean', required: true, enum: [true] },
];

/** Referral rows by row number `i`: programme blocks in order, dates rising within each. */
function referralSql(rows: number): string {
  const counts = allocate(rows);
  let start = 0;
  const blocks = PROGRAMMES.map((p, k) => {
    const block = { ...p, start, count: counts[k]! };
    start += block.count;
    return block;
  }).filter((b) => b.count > 0);
  const values = blocks
    .map((b) => `(${b.start}, ${b.start + b.count}, ${sqlString(b.id)}, ${sqlString(b.country)}, DATE ${sqlString(b.firstDay)}, DATE ${sqlString(b.lastDay)})`)
    .join(',\n    ');
  const source = pick(SOURCES.map(([s]) => s), 'i', 'source');
  const routes = `MAP {${SOURCES.map(([s, r]) => `${sqlString(s)}: ${sqlString(r)}`).join(', ')}}`;
  return `
WITH blocks(first_i, end_i, programme_id, country_code, first_day, last_day) AS (VALUES
    ${values}),
rows AS (
  SELECT t.i, b.programme_id, b.country_code,
    b.first_day + ((t.i - b.first_i) * (b.last_day - b.first_day + 1) // (b.end_i - b.first_i))::INTEGER AS referral_date,
    ${source} AS referral_source,
    ${pct('t.i', 'contacted')} < 88 AS contacted,
    ${pct('t.i', 'connected')} < 55 AS connect_draw,
    ${pct('t.i', 'outcome')} AS outcome_draw
  FROM range(${rows}) AS t(i) JOIN blocks AS b ON b.first_i = ${blockStart('t.i', blocks)}
)
SELECT
  (i + 1)::BIGINT AS referral_id,
  country_code,
  programme_id,
  referral_date,
  ${pick(AGE_BANDS, 'i', 'age')} AS age_band,
  CASE WHEN ${pct('i', 'sex')} < 58 THEN 'female' WHEN ${pct('i', 'sex')} < 98 THEN 'male' ELSE 'other' END AS sex,
  CASE WHEN country_code IN ('GB-WLS', 'GR') OR ${pct('i', 'imd-missing')} < 4 THEN NULL ELSE 1 + ${draw('i', 'imd')} % 5 END::BIGINT AS deprivation_quintile,
  referral_source,
  ${routes}[referral_source] AS referral_route,
  ${pick(NEEDS, 'i', 'need')} AS primary_need,
  ${pct('i', 'offered')} < 92 AS offered,
  ${pct('i', 'decline')} < 9 AS declined,
  contacted,
  contacted AND connect_draw AS connected,
  CASE
    WHEN outcome_draw < 3 THEN NULL
    WHEN NOT contacted THEN 'no_contact'
    WHEN contacted AND connect_draw AND outcome_draw < 72 THEN 'completed'
    ELSE ${pick(DISCHARGES.slice(1), 'i', 'discharge')}
  END AS discharge_reason,
  true AS is_synthetic
FROM rows
ORDER BY i`;
}

/** The first row number of the block holding row `i` (an equi-join, not a range join). */
function blockStart(i: string, blocks: { start: number; count: number }[]): string {
  const cases = blocks.slice(1).reverse().map((b) => `WHEN ${i} >= ${b.start} THEN ${b.start}`).join(' ');
  return cases ? `CASE ${cases} ELSE ${blocks[0]?.start ?? 0} END` : '0';
}

/** One or two activities for each connected referral. */
const activitySql = `
SELECT
  (r.referral_id * 2 + k.j - 1)::BIGINT AS activity_id,
  r.referral_id,
  ${pick(CATEGORIES, 'r.referral_id * 2 + k.j', 'category')} AS category,
  category = 'culture_heritage' OR (category = 'arts' AND ${pct('r.referral_id * 2 + k.j', 'glam')} < 20) AS is_glam,
  ${pct('r.referral_id * 2 + k.j', 'started')} < 80 AS started,
  true AS is_synthetic
FROM referral AS r, range(2) AS k(j)
WHERE r.connected AND (k.j = 0 OR ${pct('r.referral_id', 'second')} < 60)
ORDER BY r.referral_id, k.j`;

/** Baseline for most contacted referrals, follow-ups for fewer, on the country's instrument. */
function outcomeSql(): string {
  const instruments = Object.entries(INSTRUMENTS)
    .map(([country, i]) => `(${sqlString(country)}, ${sqlString(i.id)}, ${i.min}, ${i.max})`)
    .join(', ');
  return `
WITH instruments(country_code, instrument, lo, hi) AS (VALUES ${instruments}),
scored AS (
  SELECT r.referral_id, i.instrument, i.lo, i.hi,
    i.lo + (i.hi - i.lo) * (0.15 + 0.6 * (${draw('r.referral_id', 'baseline')} % 1000) / 1000.0) AS baseline,
    (i.hi - i.lo) * (((${draw('r.referral_id', 'gain')} % 1000) / 1000.0) - 0.4) * 0.2 AS gain
  FROM referral AS r JOIN instruments AS i USING (country_code)
  WHERE r.contacted AND ${pct('r.referral_id', 'scored')} < 75
)
SELECT referral_id, instrument, t.timepoint,
  round(greatest(lo, least(hi, baseline + gain * t.k + (hi - lo) * 0.05 * ((hash(referral_id * 1000 + 990 + t.n) % 1000) / 1000.0 - 0.5))), 2)::DOUBLE AS score,
  true AS is_synthetic
FROM scored, (VALUES ('baseline', 0, 0, 100), ('w8_12', 1, 1, 65), ('m6', 2, 1.3, 30), ('m12', 3, 1.5, 10)) AS t(timepoint, n, k, share)
WHERE ${pct('referral_id', 'followup')} < t.share
ORDER BY referral_id, t.k`;
}

/** Splits `total` between programmes by their parts per thousand (largest remainder). */
function allocate(total: number): number[] {
  const exact = PROGRAMMES.map((p) => (total * p.perMille) / 1000);
  const counts = exact.map(Math.floor);
  const order = exact.map((e, i) => ({ i, rest: e - Math.floor(e) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  let left = total - counts.reduce((a, b) => a + b, 0);
  for (const { i } of order) {
    if (left-- <= 0) break;
    counts[i]!++;
  }
  return counts;
}

function resource(name: string, fields: Field[], extra: Partial<ResourceDescriptor['schema']>): object {
  return {
    name,
    path: `${name}.parquet`,
    format: 'parquet',
    schema: {
      fields: fields.map(({ name: field, type, ...c }) => ({ name: field, type, ...(Object.keys(c).length > 0 ? { constraints: c } : {}) })),
      ...extra,
    },
  };
}

/** Writes the package into `folder` (which must exist and be empty); answers the package name. */
export async function buildReferralPackage(folder: string, rows: number, demoDir: string): Promise<string> {
  const demo = await readDescriptor(demoDir);
  const copied = COPIED_TABLES.flatMap((name) => demo.resources.filter((r) => r.name === name));
  for (const r of copied) await copyFile(path.join(demoDir, r.path), path.join(folder, path.basename(r.path)));

  // A throwaway instance: generating data is no part of what the bench measures.
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await generate(connection, 'referral', referralFields, referralSql(rows), folder);
    await generate(connection, 'referral_activity', activityFields, activitySql, folder);
    await generate(connection, 'outcome_measurement', outcomeFields, outcomeSql(), folder);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }

  const descriptor = {
    name: BENCH_PACKAGE_NAME,
    title: `Synthetic referrals for benchmarking (${rows.toLocaleString('en-GB')} referrals)`,
    description: 'Generated by scripts/bench; the published tables are copied from the demo package, every person-level value is synthetic.',
    version: `${GENERATOR_VERSION}.0.0`,
    sprig: { synthetic: true },
    resources: [
      ...copied.map((r) => ({ ...r, path: path.basename(r.path) })),
      resource('referral', referralFields, {
        primaryKey: 'referral_id',
        foreignKeys: [{ fields: 'country_code', reference: { resource: 'country', fields: 'country_code' } }],
      }),
      resource('referral_activity', activityFields, {
        primaryKey: 'activity_id',
        foreignKeys: [{ fields: 'referral_id', reference: { resource: 'referral', fields: 'referral_id' } }],
      }),
      resource('outcome_measurement', outcomeFields, {
        primaryKey: ['referral_id', 'instrument', 'timepoint'],
        foreignKeys: [
          { fields: 'referral_id', reference: { resource: 'referral', fields: 'referral_id' } },
          ...(copied.some((r) => r.name === 'instrument') ? [{ fields: 'instrument', reference: { resource: 'instrument', fields: 'instrument_id' } }] : []),
        ],
      }),
    ],
  };
  await writeFile(path.join(folder, 'datapackage.json'), `${JSON.stringify(descriptor, null, 2)}\n`, 'utf8');
  return BENCH_PACKAGE_NAME;
}

/** Materialises one generated table (later tables read earlier ones) and writes it as Parquet. */
async function generate(connection: DuckDBConnection, name: string, fields: Field[], sql: string, folder: string): Promise<void> {
  const columns = fields.map((f) => `CAST(${f.name} AS ${duckdbType({ name: f.name, type: f.type })}) AS ${f.name}`).join(', ');
  await connection.run(`CREATE TABLE ${name} AS SELECT ${columns} FROM (${sql})`);
  await connection.run(`COPY ${name} TO ${sqlString(path.join(folder, `${name}.parquet`))} (FORMAT parquet, COMPRESSION zstd)`);
}

/**
 * The package for `rows` referrals, built once and kept under the system temp folder,
 * keyed by the generator version and the demo tables it copies: a second run reuses it.
 */
export async function cachedReferralPackage(
  rows: number,
  demoDir: string,
  progress: (message: string) => void,
  options: { fresh?: boolean } = {},
): Promise<{ folder: string; dataset: string; reused: boolean }> {
  const cacheRoot = path.join(os.tmpdir(), 'sprig-bench-cache');
  const key = await cacheKey(rows, demoDir);
  const folder = path.join(cacheRoot, `${rows}-v${GENERATOR_VERSION}-${key}`);
  if (!options.fresh && existsSync(path.join(folder, 'datapackage.json'))) {
    progress(`  reusing the package cached at ${folder} (generator v${GENERATOR_VERSION}; --fresh rebuilds it)`);
    return { folder, dataset: BENCH_PACKAGE_NAME, reused: true };
  }
  await mkdir(cacheRoot, { recursive: true });
  // Older builds for this size (another generator version or other demo tables) are stale.
  for (const entry of await readdir(cacheRoot)) {
    if (entry.startsWith(`${rows}-`)) await rm(path.join(cacheRoot, entry), { recursive: true, force: true });
  }
  const staging = `${folder}.partial-${process.pid}`;
  await mkdir(staging, { recursive: true });
  try {
    await buildReferralPackage(staging, rows, demoDir);
    await rename(staging, folder);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  progress(`  cached at ${folder} for the next run`);
  return { folder, dataset: BENCH_PACKAGE_NAME, reused: false };
}

/** A short hash of what the package is made from: this file's generator and the copied demo tables. */
async function cacheKey(rows: number, demoDir: string): Promise<string> {
  const hash = createHash('sha256').update(`${GENERATOR_VERSION}:${rows}:`);
  hash.update(await readFile(new URL(import.meta.url)));
  const demo = await readDescriptor(demoDir);
  for (const r of demo.resources.filter((x) => COPIED_TABLES.includes(x.name))) {
    hash.update(JSON.stringify(r));
    hash.update(await readFile(path.join(demoDir, r.path)));
  }
  return hash.digest('hex').slice(0, 12);
}
