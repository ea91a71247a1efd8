import { countsActivities, OUTCOME_QUANTILES, OUTCOME_SELECT, pathwayStages, personFilters, withUkSum } from '../shared/sql/person-query.ts';
import type { SqlQuery } from '../shared/sql/sql-parts.ts';
import { breakdownDimensions, type BreakdownViewSpec, type OutcomeViewSpec, type PathwayViewSpec, type PersonViewSpec } from '../shared/view-spec.ts';

/**
 * The raw counts of person-level views (src/shared/sql/person-query.ts `personCountQuery`)
 * answered from compact copies of the person tables (see compact-tables.ts) instead of the
 * package's own tables: the same rows, but every category held as a one-byte ENUM, sorted
 * by country and date. Grouping on those small codes is an order of magnitude faster than
 * grouping on text.
 *
 * Each function answers exactly what the builder answers for the same spec: the same
 * columns, types, rows and order. The filters are the builder's own (`personFilters`, on
 * this table's column names), and the compact path **fails closed**: it answers only specs
 * whose every field it knows (`compactUnderstands`); a spec with anything else (a filter
 * added to the builder later, say) runs the builder's SQL. test/engine/compact-tables.test.ts
 * draws hundreds of random specs and checks that both answer identically.
 */

/** One compact table: where it is, and the text of each ENUM code. */
export interface CompactTable {
  /** Qualified name, e.g. temp.main."sprig_compact_referral_1". */
  name: string;
  /** For each ENUM column (country, dimensions, instrument, follow-up point): its values in code order. */
  dictionaries: Record<string, readonly string[]>;
  /** Whether referral_date was copied (the period filter needs it). */
  hasDate: boolean;
  /** Whether the pathway stages were copied, as columns stage_1 … stage_n. */
  hasStages: boolean;
  /**
   * Its month counts (`monthCountsSelect`), once made: breakdowns and pathways with any period
   * range and at most one category count from these and from the days at the range's ends.
   */
  months?: string;
  /** The earliest and latest referral date, and whether any is missing (outcome table, once prepared). */
  dates?: { min: string | null; max: string | null; missing: boolean };
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

/**
 * Every field of a person-level spec that this file knows what to do with: those that
 * choose the people counted (filters, dimension, instrument, follow-up) are applied here
 * exactly as the builder applies them; the rest (countries, the UK, threshold, measure,
 * highlight) act after counting, in src/shared/person-answer.ts, on both paths alike.
 */
const KNOWN_FIELDS: Record<PersonViewSpec['view'], readonly string[]> = {
  breakdown: ['dimension'],
  pathway: [],
  outcome: ['instrument', 'followUp'],
};
const KNOWN_COMMON = ['version', 'dataset', 'view', 'countries', 'ukNations', 'highlight', 'filters', 'suppressBelow', 'measure'];
const KNOWN_FILTERS = ['from', 'to', 'category'];

/** Whether every field of the spec is one this file applies; anything else falls back to the builder. */
export function compactUnderstands(spec: PersonViewSpec): boolean {
  const known = new Set([...KNOWN_COMMON, ...KNOWN_FIELDS[spec.view]]);
  if (!Object.keys(spec).every((key) => known.has(key))) return false;
  return Object.keys(spec.filters).every((key) => KNOWN_FILTERS.includes(key));
}

/** Which compact table a spec needs: the one holding the rows the builder would count. */
export function compactTableFor(spec: PersonViewSpec): keyof CompactLayout {
  if (spec.view === 'outcome') return 'outcome';
  return countsActivities(spec) ? 'activity' : 'referral';
}

/** The compact query for a person-level view's raw counts, or null when the compact tables cannot answer it exactly. */
export function compactCountQuery(spec: PersonViewSpec, layout: CompactLayout): SqlQuery | null {
  if (!compactUnderstands(spec)) return null;
  const table = layout[compactTableFor(spec)];
  if (!table) return null;
  // The outcome table holds no activities; a filter on one needs the builder's join.
  if (spec.view === 'outcome' && countsActivities(spec)) return null;
  const where = filters(spec, table);
  if (!where) return null;
  switch (spec.view) {
    case 'breakdown':
      return monthCounts(spec, compactTableFor(spec), table) ?? breakdown(spec, table, where);
    case 'pathway':
      return monthCounts(spec, compactTableFor(spec), table) ?? pathway(spec, table, where);
    case 'outcome':
      return outcome(spec, table, where);
  }
}

interface Where {
  conditions: string[];
  params: SqlQuery['params'];
}

/** The builder's filters on the compact table's columns, or null when a column they need was not copied. */
function filters(spec: PersonViewSpec, table: CompactTable): Where | null {
  if (!table.dictionaries.country) return null;
  if ((spec.filters.from || spec.filters.to) && !table.hasDate) return null;
  const category = spec.filters.category;
  if (category && !table.dictionaries[category.dimension]) return null;
  const shared = personFilters(spec, { date: 'referral_date', dimension: (d) => d });
  return { conditions: ['country IS NOT NULL', ...shared.conditions], params: shared.params };
}

const whereClause = (where: Where, more: string[] = []) => {
  const all = [...more, ...where.conditions];
  return all.length > 0 ? `WHERE ${all.join(' AND ')}` : '';
};

function breakdown(spec: BreakdownViewSpec, table: CompactTable, where: Where): SqlQuery | null {
  if (!table.dictionaries[spec.dimension]) return null;
  const sql = [
    'WITH grouped AS (',
    `  SELECT country, ${spec.dimension} AS category, count(*) AS n`,
    `  FROM ${table.name}`,
    `  ${whereClause(where)}`,
    '  GROUP BY ALL',
    ')',
    'SELECT CAST(country AS VARCHAR) AS country, CAST(category AS VARCHAR) AS category, n::DOUBLE AS n',
    'FROM grouped',
    'ORDER BY country, category',
  ].join('\n');
  return { sql, params: where.params };
}

function pathway(_spec: PathwayViewSpec, table: CompactTable, where: Where): SqlQuery | null {
  if (!table.hasStages) return null;
  const stages = pathwayStages.slice(1).map((_, i) => `coalesce(stage_${i + 1}, false) AS stage_${i + 1}`);
  const sql = [
    'WITH grouped AS (',
    `  SELECT country, ${stages.join(', ')}, count(*) AS n`,
    `  FROM ${table.name}`,
    `  ${whereClause(where)}`,
    '  GROUP BY ALL',
    ')',
    `SELECT CAST(country AS VARCHAR) AS country, ${pathwayStages.slice(1).map((_, i) => `stage_${i + 1}`).join(', ')}, n::DOUBLE AS n`,
    'FROM grouped',
    'ORDER BY ALL',
  ].join('\n');
  return { sql, params: where.params };
}

/** The instrument and follow-up as conditions on the compact outcome table, or null when it cannot tell them. */
function outcomePairs(spec: Pick<OutcomeViewSpec, 'instrument' | 'followUp'>, table: CompactTable): string[] | null {
  const instruments = table.dictionaries.instrument;
  const followUps = table.dictionaries.follow_up_point;
  // The compact table pairs baselines with other timepoints only.
  if (!instruments || !followUps || spec.followUp === 'baseline') return null;
  const instrument = instruments.indexOf(spec.instrument);
  const followUp = followUps.indexOf(spec.followUp);
  return [instrument === -1 ? 'false' : `enum_code(instrument) = ${instrument}`, followUp === -1 ? 'false' : `enum_code(follow_up_point) = ${followUp}`];
}

/** The builder's pairs (with the UK as one beside its members), from the compact table. */
function pairsCte(table: CompactTable, where: Where, pairs: string[]): string {
  return [
    'pairs AS (',
    '  SELECT CAST(country AS VARCHAR) AS country, baseline, follow_up, follow_up - baseline AS change',
    `  FROM ${table.name}`,
    `  ${whereClause(where, pairs)}`,
    `), counted AS (${withUkSum('pairs')})`,
  ].join('\n');
}

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
  const series = ['baseline', 'follow_up', 'change'];
  const same = (a: string, b: string) => `${a}.country IS NOT DISTINCT FROM ${b}.country AND ${a}.series = ${b}.series`;
  const rankIn = (rank: string, row: string) => `${rank} >= ${row}.upto - ${row}.c AND ${rank} < ${row}.upto`;
  const quantileOf = (name: string) => `(SELECT q FROM quantiles WHERE quantiles.country IS NOT DISTINCT FROM stats.country AND quantiles.series = '${name}')`;
  return [
    'stats AS (',
    '  SELECT country, count(*) AS n, avg(baseline) AS mean_baseline, avg(follow_up) AS mean_follow_up, avg(change) AS mean_change,',
    '    stddev_samp(change) AS sd_change',
    '  FROM counted GROUP BY country',
    '), by_score AS (',
    series.map((name) => `  SELECT country, '${name}' AS series, ${name} AS v, count(*) AS c FROM counted WHERE ${name} IS NOT NULL GROUP BY ALL`).join('\n  UNION ALL\n'),
    '), running AS (',
    '  SELECT country, series, v, c, sum(c) OVER (PARTITION BY country, series ORDER BY v ROWS UNBOUNDED PRECEDING) AS upto FROM by_score',
    '), ranks AS (',
    '  SELECT country, series, k, (m - 1)::DOUBLE * p AS rn, floor((m - 1)::DOUBLE * p) AS lo_rank, ceil((m - 1)::DOUBLE * p) AS hi_rank',
    '  FROM (SELECT country, series, max(upto) AS m FROM running GROUP BY ALL),',
    `    (VALUES ${OUTCOME_QUANTILES.map((p, i) => `(${i + 1}, ${p}::DOUBLE)`).join(', ')}) AS quantile(k, p)`,
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
    "  SELECT country, 'change', n, mean_change, mean_change - 1.959964 * sd_change / sqrt(n),",
    `    mean_change + 1.959964 * sd_change / sqrt(n), ${quantileOf('change')} FROM stats`,
    ')',
  ].join('\n');
}

function outcome(spec: OutcomeViewSpec, table: CompactTable, where: Where): SqlQuery | null {
  const pairs = outcomePairs(spec, table);
  if (!pairs) return null;
  return { sql: `WITH ${pairsCte(table, where, pairs)},\n${seriesCte()}\n${OUTCOME_SELECT}`, params: where.params };
}

/**
 * Quantiles over millions of scores take most of an outcome view's time, and an outcome
 * view without period or category filter depends only on its instrument and follow-up (the
 * countries, the UK and the threshold act after counting). So those views' series are kept
 * in a small table of their own: made while the package is prepared (src/engine/preparation.ts),
 * or else the first time one is asked for.
 */
export function outcomeSeriesKey(spec: OutcomeViewSpec, table?: CompactTable): string | null {
  if (!compactUnderstands(spec) || spec.filters.category || spec.followUp === 'baseline') return null;
  if ((spec.filters.from || spec.filters.to) && !coversEveryDate(spec.filters, table?.dates)) return null;
  return seriesKey(spec.instrument, spec.followUp);
}

/**
 * Whether a period range keeps every pair: it starts no later than the earliest referral
 * date and ends no earlier than the latest, and no referral lacks a date (a range leaves
 * those out). Then the unfiltered series answer exactly. Ends that are not real dates
 * (2023-02-30) never qualify: the builder refuses them, and so must this.
 */
function coversEveryDate(range: { from?: string | undefined; to?: string | undefined }, dates: CompactTable['dates']): boolean {
  if (!dates || dates.missing || dates.min === null || dates.max === null) return false;
  if (range.from !== undefined && (!isRealDate(range.from) || range.from > dates.min)) return false;
  if (range.to !== undefined && (!isRealDate(range.to) || range.to < dates.max)) return false;
  return true;
}

function isRealDate(iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 1;
}

/** The key of one instrument and follow-up's series table. */
export function seriesKey(instrument: string, followUp: string): string {
  return JSON.stringify([instrument, followUp]);
}

/** The SELECT whose rows make the series table of this instrument and follow-up, or null when the compact outcome table cannot give it. */
export function outcomeSeriesSelect(instrument: string, followUp: string, layout: CompactLayout): string | null {
  const table = layout.outcome;
  if (!table) return null;
  const pairs = outcomePairs({ instrument, followUp }, table);
  const where: Where | null = table.dictionaries.country ? { conditions: ['country IS NOT NULL'], params: {} } : null;
  if (!pairs || !where) return null;
  return `WITH ${pairsCte(table, where, pairs)},\n${seriesCte()}\nSELECT * FROM series`;
}

/** An outcome view's raw series from its series table. */
export function outcomeFromSeries(seriesTable: string): SqlQuery {
  return { sql: `WITH series AS (SELECT * FROM ${seriesTable})\n${OUTCOME_SELECT}`, params: {} };
}

// ---- month counts ------------------------------------------------------------------------

/**
 * What a compact table's month counts group by. Each grouping set is one or two "parts", a
 * part being a breakdown dimension or the pathway's stages: one part answers a breakdown
 * (or the pathway) with no category or a category of its own dimension; two answer one
 * filtered by a category of another. The activity table keeps only sets with an activity
 * dimension (the referral table answers the others).
 */
export function monthGrouping(kind: keyof CompactLayout, table: CompactTable): { columns: string[]; sets: Map<string, number> } | null {
  if (kind === 'outcome' || !table.hasDate || !table.dictionaries.country) return null;
  const dimensions = breakdownDimensions.filter((d) => table.dictionaries[d]);
  const parts: string[] = [...dimensions, ...(table.hasStages ? ['stages'] : [])];
  const stageColumns = pathwayStages.slice(1).map((_, i) => `stage_${i + 1}`);
  const columns = ['country', 'month', ...dimensions, ...(table.hasStages ? stageColumns : [])];
  const isActivity = (part: string) => part === 'activity_category' || part === 'glam';
  const chosen: string[][] = [];
  parts.forEach((a, i) => {
    chosen.push([a]);
    for (const b of parts.slice(i + 1)) chosen.push([a, b]);
  });
  const sets = new Map<string, number>();
  for (const set of chosen) {
    if (kind === 'activity' && !set.some(isActivity)) continue;
    const grouped = new Set(['country', 'month', ...set.flatMap((part) => (part === 'stages' ? stageColumns : [part]))]);
    // DuckDB's GROUPING(columns…): a bit per column, the first the highest, set where the column is not grouped.
    const gid = columns.reduce((id, column) => id * 2 + (grouped.has(column) ? 0 : 1), 0);
    sets.set(setKey(set), gid);
  }
  return { columns, sets };
}

const setKey = (parts: string[]) => [...parts].sort().join('+');

/** The SELECT making a compact table's month counts: rows per grouping set, country, month and categories, sorted by set. */
export function monthCountsSelect(kind: keyof CompactLayout, table: CompactTable): string | null {
  const grouping = monthGrouping(kind, table);
  if (!grouping) return null;
  const { columns, sets } = grouping;
  const inner = columns.map((c) =>
    c === 'month' ? `date_trunc('month', referral_date)::DATE AS month` : c.startsWith('stage_') ? `coalesce(${c}, false) AS ${c}` : c,
  );
  const stageColumns = columns.filter((c) => c.startsWith('stage_'));
  const groupingSets = [...sets.keys()].map((key) => {
    const grouped = key.split('+').flatMap((part) => (part === 'stages' ? stageColumns : [part]));
    return `(country, month, ${grouped.join(', ')})`;
  });
  return [
    `SELECT GROUPING(${columns.join(', ')}) AS gid, ${columns.join(', ')}, count(*) AS n`,
    `FROM (SELECT ${inner.join(', ')} FROM ${table.name} WHERE country IS NOT NULL)`,
    `GROUP BY GROUPING SETS (${groupingSets.join(', ')})`,
    'ORDER BY gid, country, month',
  ].join('\n');
}

/**
 * A breakdown's or pathway's raw counts from the month counts, or null when they cannot give
 * them (not made, a set not kept). The whole months inside the period range come from the
 * month counts; the days of the range's first and last month outside those (if any) are
 * counted from the compact table itself, whose rows are sorted by country and date, so
 * only those days are read. The builder's filters, on the builder's dates: same people.
 */
function monthCounts(spec: BreakdownViewSpec | PathwayViewSpec, kind: keyof CompactLayout, table: CompactTable): SqlQuery | null {
  if (!table.months) return null;
  const grouping = monthGrouping(kind, table);
  if (!grouping) return null;
  const own = spec.view === 'breakdown' ? spec.dimension : 'stages';
  const category = spec.filters.category;
  const parts = category && category.dimension !== own ? [own, category.dimension] : [own];
  const gid = grouping.sets.get(setKey(parts));
  if (gid === undefined) return null;

  const { from, to } = spec.filters;
  // A day that does not exist (2023-02-30) the builder refuses; the compact table's own query refuses it the same way.
  if ((from && !isRealDate(from)) || (to && !isRealDate(to))) return null;
  // So far out that a month's arithmetic would leave four-digit years: the compact table's own query answers.
  if ((from && from < '0100-01-01') || (to && to > '9999-11-30')) return null;
  // The whole months in the range: from `wholeFrom` (the first of a month) up to, not including, `wholeTo`.
  // The days outside them are `[from, min(wholeFrom, to + 1))` and `[max(wholeTo, wholeFrom), to]`:
  // each read from the compact table by a plain date range, so only those days' blocks are.
  const wholeFrom = from ? firstOfMonth(from, from.endsWith('-01') ? 0 : 1) : null;
  const wholeTo = to ? firstOfMonth(addDays(to, 1), 0) : null;
  const categoryOnly = personFilters({ ...spec, filters: category ? { category } : {} }, { date: 'referral_date', dimension: (d) => d });
  const day = (iso: string) => `DATE '${iso}'`;

  const monthConditions = [`gid = ${gid}`, ...(wholeFrom ? [`month >= ${day(wholeFrom)}`] : []), ...(wholeTo ? [`month < ${day(wholeTo)}`] : []), ...categoryOnly.conditions];
  const edgeRanges: [string, string][] = [];
  if (from && wholeFrom) {
    const end = to && addDays(to, 1) < wholeFrom ? addDays(to, 1) : wholeFrom;
    if (from < end) edgeRanges.push([`referral_date >= ${day(from)}`, `referral_date < ${day(end)}`]);
  }
  if (to && wholeTo) {
    const start = wholeFrom && wholeFrom > wholeTo ? wholeFrom : wholeTo;
    if (start <= to) edgeRanges.push([`referral_date >= ${day(start)}`, `referral_date <= ${day(to)}`]);
  }

  const stageColumns = pathwayStages.slice(1).map((_, i) => `stage_${i + 1}`);
  const [counted, raw, output] =
    spec.view === 'breakdown'
      ? [`country, ${spec.dimension} AS category`, `country, ${spec.dimension} AS category`, 'CAST(country AS VARCHAR) AS country, CAST(category AS VARCHAR) AS category, n::DOUBLE AS n']
      : [
          `country, ${stageColumns.join(', ')}`,
          `country, ${stageColumns.map((c) => `coalesce(${c}, false) AS ${c}`).join(', ')}`,
          `CAST(country AS VARCHAR) AS country, ${stageColumns.join(', ')}, n::DOUBLE AS n`,
        ];
  const order = spec.view === 'breakdown' ? 'country, category' : 'ALL';
  const edges = edgeRanges.flatMap((range) => [
    '  UNION ALL',
    `  SELECT ${raw}, count(*) AS n FROM ${table.name} WHERE ${['country IS NOT NULL', ...range, ...categoryOnly.conditions].join(' AND ')} GROUP BY ALL`,
  ]);
  const sql = [
    'WITH counted AS (',
    `  SELECT ${counted}, sum(n) AS n FROM ${table.months} WHERE ${monthConditions.join(' AND ')} GROUP BY ALL`,
    ...edges,
    `), grouped AS (SELECT * EXCLUDE (n), sum(n) AS n FROM counted GROUP BY ALL)`,
    `SELECT ${output}`,
    'FROM grouped',
    `ORDER BY ${order}`,
  ].join('\n');
  return { sql, params: categoryOnly.params };
}

/** The first day of the month of an ISO date, `months` later: firstOfMonth('2024-02-29', 1) is '2024-03-01'. */
function firstOfMonth(iso: string, months: number): string {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + months, 1)).toISOString().slice(0, 10);
}

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

