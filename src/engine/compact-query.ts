import { countryExpression, periodRange, type SqlQuery } from '../shared/sql/sql-parts.ts';
import { dimensionColumns, pathwayStages } from '../shared/sql/person-query.ts';
import type { BreakdownDimension, BreakdownViewSpec, OutcomeViewSpec, PathwayViewSpec, PersonViewSpec } from '../shared/view-spec.ts';

/**
 * The person-level views answered from compact copies of the person tables (see
 * compact-tables.ts) instead of the package's own tables: the same rows, but every
 * category held as a one-byte ENUM, sorted by country and date. Grouping on those small
 * codes is an order of magnitude faster than grouping on text, and the text comes back
 * only for the few dozen groups left.
 *
 * Each function here answers exactly what the SQL builder in src/shared/sql/person-query.ts
 * answers for the same spec (same columns, types, rows and order; means may differ in
 * the last bits, as between any two parallel runs of the builder itself): the filters
 * resolve to the same rows, counts are folded the same way, quantiles are read off
 * counted scores with DuckDB's own interpolation, and the final SELECT is the builder's.
 * test/engine/compact-tables.test.ts holds them to it, and `npm run bench` checks every
 * answer against the builder's SQL on plain DuckDB. Where a spec needs something the
 * compact tables lack, the answer is `null` and the builder's SQL runs.
 */

/** One compact table: where it is, and the text of each ENUM code. */
export interface CompactTable {
  /** Qualified name, e.g. temp.main."sprig_compact_referral_1". */
  name: string;
  /** For each ENUM column (country, dimensions, instrument, follow-up point): its values in code order. */
  dictionaries: Record<string, readonly string[]>;
  /** Whether referral_date was copied (the period filter needs it). */
  hasDate: boolean;
  /** Whether the pathway stages were copied, as columns stage_0 … stage_n. */
  hasStages: boolean;
}

/** The compact tables of one package that exist so far. */
export interface CompactLayout {
  /** One row per referral. */
  referral?: CompactTable;
  /** One row per referral × activity (the builder's join), with the referral's columns. */
  activity?: CompactTable;
  /** One row per referral × baseline × follow-up score on the same instrument (the builder's join). */
  outcome?: CompactTable;
}

/** Which compact table a spec needs: the one holding the rows the builder would count. */
export function compactTableFor(spec: PersonViewSpec): keyof CompactLayout {
  if (spec.view === 'outcome') return 'outcome';
  const byActivity = spec.view === 'breakdown' && dimensionColumns[spec.dimension].activities;
  return byActivity || filterOnActivity(spec) ? 'activity' : 'referral';
}

/** The compact query for a person-level view, or null when the compact tables cannot answer it. */
export function compactPersonQuery(spec: PersonViewSpec, layout: CompactLayout): SqlQuery | null {
  const table = layout[compactTableFor(spec)];
  if (!table) return null;
  if (spec.view === 'outcome' && filterOnActivity(spec)) return null;
  const where = filters(spec, table);
  if (!where) return null;
  switch (spec.view) {
    case 'breakdown':
      return breakdown(spec, table, where);
    case 'pathway':
      return pathway(spec, table, where);
    case 'outcome':
      return outcome(spec, table, where);
  }
}

/** Whether the category filter is on an activity's column (the builder then counts referral × activity rows). */
function filterOnActivity(spec: PersonViewSpec): boolean {
  const category = spec.filters.category;
  return category !== undefined && dimensionColumns[category.dimension as BreakdownDimension]?.activities === true;
}

interface Where {
  conditions: string[];
  params: SqlQuery['params'];
}

/**
 * The builder's filters as conditions on the compact table. Countries and categories
 * become sets of ENUM codes, worked out here from the dictionaries with the builder's
 * own rules; the period stays a parameter compared the builder's way.
 */
function filters(spec: PersonViewSpec, table: CompactTable): Where | null {
  const conditions: string[] = [];
  const params: SqlQuery['params'] = {};
  const countries = table.dictionaries.country;
  if (!countries) return null;

  // Separate: every row but the UK-wide ones (and rows without a country, as `<> 'GB'` is then NULL).
  // Combined: every row. Then, if countries are named, those whose shown code is one of them.
  const shown = (code: string) => (spec.ukNations === 'combined' && code.startsWith('GB-') ? 'GB' : code);
  const kept = countries.flatMap((code, i) => ((spec.ukNations === 'combined' || code !== 'GB') && (!spec.countries || spec.countries.includes(shown(code))) ? [i] : []));
  const keepsMissing = spec.ukNations === 'combined' && !spec.countries;
  if (kept.length < countries.length || !keepsMissing) {
    const parts = [];
    if (kept.length === countries.length) parts.push('country IS NOT NULL');
    else if (kept.length > 0) parts.push(`enum_code(country) IN (${kept.join(', ')})`);
    if (keepsMissing) parts.push('country IS NULL');
    conditions.push(parts.length === 0 ? 'false' : `(${parts.join(' OR ')})`);
  }

  if (spec.filters.from || spec.filters.to) {
    if (!table.hasDate) return null;
    const range = periodRange(spec.filters, 'referral_date');
    conditions.push(...range.conditions);
    Object.assign(params, range.params);
  }

  const category = spec.filters.category;
  // The builder ignores a category of a dimension it does not know; so do we.
  if (category && dimensionColumns[category.dimension as BreakdownDimension]) {
    const values = table.dictionaries[category.dimension];
    if (!values) return null;
    const code = values.indexOf(category.value);
    conditions.push(code === -1 ? 'false' : `enum_code(${category.dimension}) = ${code}`);
  }
  return { conditions, params };
}

const whereClause = (where: Where) => (where.conditions.length > 0 ? `WHERE ${where.conditions.join(' AND ')}` : '');

/** The country as the builder shows it, from the ENUM code (after grouping, so on few rows). */
function shownCountry(spec: PersonViewSpec): string {
  return countryExpression(spec.ukNations, 'CAST(country AS VARCHAR)');
}

/** As in the builder: counts from 1 to below the threshold leave as NULL, flagged. */
function suppressed(count: string, threshold: number): { n: string; flag: string } {
  const flag = `(${count} > 0 AND ${count} < ${threshold})`;
  return { n: `CASE WHEN ${flag} THEN NULL ELSE ${count} END::DOUBLE`, flag };
}

function breakdown(spec: BreakdownViewSpec, table: CompactTable, where: Where): SqlQuery | null {
  if (!table.dictionaries[spec.dimension]) return null;
  const cell = suppressed('n', spec.suppressBelow);
  const sql = [
    'WITH grouped AS (',
    `  SELECT country, ${spec.dimension} AS category, count(*) AS n`,
    `  FROM ${table.name}`,
    `  ${whereClause(where)}`,
    '  GROUP BY ALL',
    '), counts AS (',
    `  SELECT ${shownCountry(spec)} AS country, CAST(category AS VARCHAR) AS category, sum(n)::BIGINT AS n`,
    '  FROM grouped',
    '  GROUP BY ALL',
    ')',
    // From here, the builder's own SELECT.
    `SELECT country, category, ${cell.n} AS n, ${cell.flag} AS suppressed,`,
    `  CASE WHEN ${cell.flag} THEN NULL ELSE n / sum(n) OVER (PARTITION BY country) END::DOUBLE AS share`,
    'FROM counts',
    'ORDER BY country, category',
  ].join('\n');
  return { sql, params: where.params };
}

function pathway(spec: PathwayViewSpec, table: CompactTable, where: Where): SqlQuery | null {
  if (!table.hasStages) return null;
  const counts = pathwayStages.map((s, i) => (s.condition === 'true' ? `count(*)::HUGEINT AS n${i}` : `count_if(stage_${i}) AS n${i}`));
  const sums = pathwayStages.map((_, i) => `sum(n${i})::HUGEINT AS n${i}`);
  const cell = suppressed('n', spec.suppressBelow);
  const sql = [
    'WITH grouped AS (',
    `  SELECT country, ${counts.join(', ')}`,
    `  FROM ${table.name}`,
    `  ${whereClause(where)}`,
    '  GROUP BY ALL',
    '), folded AS (',
    `  SELECT ${shownCountry(spec)} AS country, ${sums.join(', ')} FROM grouped GROUP BY ALL`,
    '), counted AS (',
    `  SELECT country, unnest([${pathwayStages.map((_, i) => i).join(', ')}]) AS step,`,
    `    unnest([${pathwayStages.map((s) => `'${s.stage}'`).join(', ')}]) AS stage,`,
    `    unnest([${pathwayStages.map((_, i) => `n${i}`).join(', ')}]) AS n`,
    '  FROM folded',
    ')',
    // From here, the builder's own SELECT.
    `SELECT country, step::INTEGER AS step, stage, ${cell.n} AS n, ${cell.flag} AS suppressed,`,
    `  CASE WHEN ${cell.flag} THEN NULL ELSE n / max(n) OVER (PARTITION BY country) END::DOUBLE AS share`,
    'FROM counted',
    'ORDER BY country, step',
  ].join('\n');
  return { sql, params: where.params };
}

/** The instrument and follow-up as conditions on the compact outcome table, or null when it cannot tell them. */
function outcomePairs(spec: OutcomeViewSpec, table: CompactTable): string[] | null {
  const instruments = table.dictionaries.instrument;
  const followUps = table.dictionaries.follow_up_point;
  // The compact table pairs baselines with other timepoints only.
  if (!instruments || !followUps || spec.followUp === 'baseline') return null;
  const instrument = instruments.indexOf(spec.instrument);
  const followUp = followUps.indexOf(spec.followUp);
  return [instrument === -1 ? 'false' : `enum_code(instrument) = ${instrument}`, followUp === -1 ? 'false' : `enum_code(follow_up_point) = ${followUp}`];
}

/** The builder's pairs, from the compact table. */
function pairsCte(spec: OutcomeViewSpec, table: CompactTable, conditions: string[]): string {
  return [
    'pairs AS (',
    `  SELECT ${shownCountry(spec)} AS country, baseline, follow_up, follow_up - baseline AS change`,
    `  FROM ${table.name}`,
    `  WHERE ${conditions.join(' AND ')}`,
    ')',
  ].join('\n');
}

/** The quantiles every outcome view shows, as in the builder's quantile_cont. */
const QUANTILES = [0.1, 0.25, 0.5, 0.75, 0.9];

/**
 * The builder's series (per country: count, mean and interval, and the quantiles of
 * baseline, follow-up and change), computed faster. quantile_cont keeps and sorts every
 * score; here each series is first counted by distinct score (scores repeat a lot: they
 * are whole or rounded numbers), and the quantiles are read off the running counts with
 * DuckDB's own interpolation: the value at rank floor((n − 1)·p), or between the values
 * at floor and ceil as lo·(1 − d) + hi·d. Same numbers, to the last bit, in a fraction
 * of the time; means and the interval are the builder's aggregates.
 */
function seriesCte(): string {
  const series = [
    ['baseline', 'baseline'],
    ['follow_up', 'follow_up'],
    ['change', 'change'],
  ];
  const same = (a: string, b: string) => `${a}.country IS NOT DISTINCT FROM ${b}.country AND ${a}.series = ${b}.series`;
  const rankIn = (rank: string, row: string) => `${rank} >= ${row}.upto - ${row}.c AND ${rank} < ${row}.upto`;
  const quantileOf = (name: string) => `(SELECT q FROM quantiles WHERE quantiles.country IS NOT DISTINCT FROM stats.country AND quantiles.series = '${name}')`;
  return [
    'stats AS (',
    '  SELECT country, count(*) AS n, avg(baseline) AS mean_baseline, avg(follow_up) AS mean_follow_up, avg(change) AS mean_change,',
    '    stddev_samp(change) AS sd_change',
    '  FROM pairs GROUP BY country',
    '), counted AS (',
    series.map(([name, column]) => `  SELECT country, '${name}' AS series, ${column} AS v, count(*) AS c FROM pairs WHERE ${column} IS NOT NULL GROUP BY ALL`).join('\n  UNION ALL\n'),
    '), running AS (',
    '  SELECT country, series, v, c, sum(c) OVER (PARTITION BY country, series ORDER BY v ROWS UNBOUNDED PRECEDING) AS upto FROM counted',
    '), ranks AS (',
    '  SELECT country, series, k, (m - 1)::DOUBLE * p AS rn, floor((m - 1)::DOUBLE * p) AS lo_rank, ceil((m - 1)::DOUBLE * p) AS hi_rank',
    '  FROM (SELECT country, series, max(upto) AS m FROM running GROUP BY ALL),',
    `    (VALUES ${QUANTILES.map((p, i) => `(${i + 1}, ${p}::DOUBLE)`).join(', ')}) AS quantile(k, p)`,
    '), quantiles AS (',
    '  SELECT r.country, r.series,',
    '    list(CASE WHEN r.lo_rank = r.hi_rank THEN lo.v ELSE lo.v * (1 - (r.rn - r.lo_rank)) + hi.v * (r.rn - r.lo_rank) END ORDER BY r.k) AS q',
    '  FROM ranks AS r',
    `  JOIN running AS lo ON ${same('lo', 'r')} AND ${rankIn('r.lo_rank', 'lo')}`,
    `  JOIN running AS hi ON ${same('hi', 'r')} AND ${rankIn('r.hi_rank', 'hi')}`,
    '  GROUP BY ALL',
    '), series AS (',
    `  SELECT country, 'baseline' AS series, n, mean_baseline AS mean, NULL::DOUBLE AS lower, NULL::DOUBLE AS upper, ${quantileOf('baseline')} AS q FROM stats`,
    '  UNION ALL',
    `  SELECT country, 'follow_up', n, mean_follow_up, NULL, NULL, ${quantileOf('follow_up')} FROM stats`,
    '  UNION ALL',
    '  SELECT country, \'change\', n, mean_change, mean_change - 1.959964 * sd_change / sqrt(n),',
    `    mean_change + 1.959964 * sd_change / sqrt(n), ${quantileOf('change')} FROM stats`,
    ')',
  ].join('\n');
}

/** The builder's final SELECT over `series`: small cells suppressed, series in order. */
function outcomeSelect(k: number): string {
  return [
    `SELECT country, series, CASE WHEN n < ${k} THEN NULL ELSE n END::DOUBLE AS n, (n < ${k}) AS suppressed,`,
    ...['mean', 'lower', 'upper'].map((c) => `  CASE WHEN n < ${k} THEN NULL ELSE ${c} END::DOUBLE AS ${c},`),
    ...['p10', 'p25', 'p50', 'p75', 'p90'].map((c, i, all) => `  CASE WHEN n < ${k} THEN NULL ELSE q[${i + 1}] END::DOUBLE AS ${c}${i < all.length - 1 ? ',' : ''}`),
    'FROM series',
    "ORDER BY country, CASE series WHEN 'baseline' THEN 0 WHEN 'follow_up' THEN 1 ELSE 2 END",
  ].join('\n');
}

function outcome(spec: OutcomeViewSpec, table: CompactTable, where: Where): SqlQuery | null {
  const pairs = outcomePairs(spec, table);
  if (!pairs) return null;
  const sql = `WITH ${pairsCte(spec, table, [...pairs, ...where.conditions])},\n${seriesCte()}\n${outcomeSelect(spec.suppressBelow)}`;
  return { sql, params: where.params };
}

/**
 * Quantiles over millions of scores take most of an outcome view's time, and most
 * outcome views differ only in countries and threshold. So the series of every country,
 * for one instrument, follow-up and way of showing the UK, are kept in a small table of
 * their own; a view without period or category filter picks its countries' rows from it.
 * A country's series never depends on which other countries are shown. The table is made
 * when a view asks for every country (it then costs what that view would); until then a
 * view of a few countries is answered, more quickly, from the pairs.
 */
export function outcomeSeriesKey(spec: OutcomeViewSpec): string | null {
  if (spec.filters.from || spec.filters.to || spec.filters.category || spec.followUp === 'baseline') return null;
  return JSON.stringify([spec.instrument, spec.followUp, spec.ukNations]);
}

/** SQL making the series table `name` for the spec's instrument, follow-up and UK, every country. */
export function outcomeSeriesTable(spec: OutcomeViewSpec, layout: CompactLayout, name: string): string | null {
  const table = layout.outcome;
  if (!table) return null;
  const { countries: _shown, ...everyCountry } = spec;
  const all = filters({ ...everyCountry, filters: {} }, table);
  const pairs = outcomePairs(spec, table);
  if (!all || !pairs) return null;
  return `CREATE OR REPLACE TEMP TABLE ${name} AS\nWITH ${pairsCte(spec, table, [...pairs, ...all.conditions])},\n${seriesCte()}\nSELECT * FROM series`;
}

/** An outcome view from its series table: the countries asked for, the builder's SELECT. */
export function outcomeFromSeries(spec: OutcomeViewSpec, seriesTable: string): SqlQuery {
  const params: SqlQuery['params'] = {};
  let where = '';
  if (spec.countries) {
    where = ' WHERE list_contains($countries, country)';
    params.countries = spec.countries;
  }
  return { sql: `WITH series AS (SELECT * FROM ${seriesTable}${where})\n${outcomeSelect(spec.suppressBelow)}`, params };
}
