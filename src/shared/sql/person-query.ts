import { UK_SUM } from '../person-answer.ts';
import type { BreakdownDimension, BreakdownViewSpec, OutcomeViewSpec, PathwayViewSpec, PersonViewSpec } from '../view-spec.ts';
import { sqlIdentifier } from './quote.ts';
import { periodRange, type Conditions, type QueryTarget, type SqlQuery } from './sql-parts.ts';

/** What each breakdown counts, and from which table: activities are counted as activities. */
export const dimensionColumns: Record<BreakdownDimension, { expression: string; activities: boolean }> = {
  age_band: { expression: 'r.age_band', activities: false },
  sex: { expression: 'r.sex', activities: false },
  deprivation_quintile: { expression: 'r.deprivation_quintile', activities: false },
  referral_source: { expression: 'r.referral_source', activities: false },
  referral_route: { expression: 'r.referral_route', activities: false },
  primary_need: { expression: 'r.primary_need', activities: false },
  activity_category: { expression: 'a.category', activities: true },
  glam: { expression: 'a.is_glam', activities: true },
};

/** The stages of the referral pathway, in order, as counted from the referral table. */
export const pathwayStages = [
  { stage: 'referred', condition: 'true' },
  { stage: 'contacted', condition: 'r.contacted' },
  { stage: 'connected', condition: 'r.connected' },
  { stage: 'completed', condition: "r.discharge_reason = 'completed'" },
] as const;
export const pathwayStageNames: readonly string[] = pathwayStages.map((s) => s.stage);

/** The spec fields that decide which people a person-level view counts. Both ways of counting read exactly these. */
export const personFilterKeys = ['from', 'to', 'category'] as const;

/**
 * The people a view counts, as conditions on a table's columns: the period range on the
 * referral date, and one category (null: people without a value). Shared by the builder
 * here and by the compact tables (src/engine/compact-query.ts), which name their columns
 * differently but must filter exactly the same people.
 */
export function personFilters(spec: PersonViewSpec, columns: { date: string; dimension: (d: BreakdownDimension) => string }): Conditions {
  const out = periodRange(spec.filters, columns.date);
  const category = spec.filters.category;
  if (category) {
    const column = `CAST(${columns.dimension(category.dimension)} AS VARCHAR)`;
    if (category.value === null) out.conditions.push(`${column} IS NULL`);
    else {
      out.conditions.push(`${column} = $category`);
      out.params.category = category.value;
    }
  }
  return out;
}

/** Whether a view counts referral × activity rows: a breakdown by an activity's column, or a filter on one. */
export function countsActivities(spec: PersonViewSpec): boolean {
  const category = spec.filters.category;
  return (spec.view === 'breakdown' && dimensionColumns[spec.dimension].activities) || (category !== undefined && dimensionColumns[category.dimension].activities);
}

/**
 * The raw counts of a person-level view (src/shared/person-answer.ts protects them and
 * picks out what the view shows): every country, each UK nation on its own, no
 * suppression. They never leave the engine as they are.
 */
export function personCountQuery(spec: PersonViewSpec, target: QueryTarget): SqlQuery {
  switch (spec.view) {
    case 'breakdown':
      return breakdownCounts(spec, target);
    case 'pathway':
      return pathwayCounts(spec, target);
    case 'outcome':
      return outcomeSeries(spec, target);
  }
}

/** Rows of the referral table (joined to activities when counted by them) after every filter of the view. */
function referrals(spec: PersonViewSpec, target: QueryTarget, extraJoins: string[] = []): { from: string; params: SqlQuery['params'] } {
  const ds = (t: string) => `${sqlIdentifier(target.schema)}.${sqlIdentifier(t)}`;
  const filters = personFilters(spec, { date: 'r.referral_date', dimension: (d) => dimensionColumns[d].expression });
  const joins = [...(countsActivities(spec) ? [`JOIN ${ds('referral_activity')} AS a ON a.referral_id = r.referral_id`] : []), ...extraJoins];
  const where = ['r.country_code IS NOT NULL', ...filters.conditions];
  return { from: [`FROM ${ds('referral')} AS r`, ...joins, `WHERE ${where.join(' AND ')}`].join('\n  '), params: filters.params };
}

function breakdownCounts(spec: BreakdownViewSpec, target: QueryTarget): SqlQuery {
  const { from, params } = referrals(spec, target);
  const sql = [
    `SELECT r.country_code AS country, CAST(${dimensionColumns[spec.dimension].expression} AS VARCHAR) AS category, count(*)::DOUBLE AS n`,
    `  ${from}`,
    'GROUP BY ALL',
    'ORDER BY country, category',
  ].join('\n');
  return { sql, params };
}

/** People grouped by which later stages they reached (`stage_1` … `stage_3`, false where unknown). */
function pathwayCounts(spec: PathwayViewSpec, target: QueryTarget): SqlQuery {
  const { from, params } = referrals(spec, target);
  const stages = pathwayStages.slice(1).map((s, i) => `coalesce(${s.condition}, false) AS stage_${i + 1}`);
  const sql = [`SELECT r.country_code AS country, ${stages.join(', ')}, count(*)::DOUBLE AS n`, `  ${from}`, 'GROUP BY ALL', 'ORDER BY ALL'].join('\n');
  return { sql, params };
}

/** The quantiles every outcome view shows. */
export const OUTCOME_QUANTILES = [0.1, 0.25, 0.5, 0.75, 0.9] as const;

/** The pairs counted again as the United Kingdom as one (UK_SUM), beside each country's own. */
export function withUkSum(pairs: string): string {
  return `SELECT * FROM ${pairs} UNION ALL SELECT '${UK_SUM}' AS country, * EXCLUDE (country) FROM ${pairs} WHERE country = 'GB' OR country LIKE 'GB-%'`;
}

/** The columns every outcome answer has, from a CTE `series` (country, series, n, mean, lower, upper, q). */
export const OUTCOME_SELECT = [
  'SELECT country, series, n::DOUBLE AS n, mean::DOUBLE AS mean, lower::DOUBLE AS lower, upper::DOUBLE AS upper,',
  ...['p10', 'p25', 'p50', 'p75', 'p90'].map((c, i, all) => `  q[${i + 1}]::DOUBLE AS ${c}${i < all.length - 1 ? ',' : ''}`),
  'FROM series',
  "ORDER BY country, CASE series WHEN 'baseline' THEN 0 WHEN 'follow_up' THEN 1 ELSE 2 END",
].join('\n');

/**
 * Baseline against one follow-up on one instrument, paired by person: for each country (and
 * the UK as one) the distribution at both timepoints (quantiles) and the mean change with
 * its 95% interval. Scores on different instruments are never pooled: the view names one.
 */
function outcomeSeries(spec: OutcomeViewSpec, target: QueryTarget): SqlQuery {
  const ds = (t: string) => `${sqlIdentifier(target.schema)}.${sqlIdentifier(t)}`;
  const score = (alias: string, timepoint: string) =>
    `JOIN ${ds('outcome_measurement')} AS ${alias} ON ${alias}.referral_id = r.referral_id AND ${alias}.instrument = $instrument AND ${alias}.timepoint = ${timepoint}`;
  const { from, params } = referrals(spec, target, [score('b', "'baseline'"), score('f', '$followUp')]);
  const quantiles = (column: string) => `quantile_cont(${column}, [${OUTCOME_QUANTILES.join(', ')}]) AS q`;
  const sql = [
    'WITH pairs AS (',
    '  SELECT r.country_code AS country, b.score AS baseline, f.score AS follow_up, f.score - b.score AS change',
    `  ${from}`,
    `), counted AS (${withUkSum('pairs')}`,
    '), series AS (',
    `  SELECT country, 'baseline' AS series, count(*) AS n, avg(baseline) AS mean, NULL::DOUBLE AS lower, NULL::DOUBLE AS upper, ${quantiles('baseline')} FROM counted GROUP BY country`,
    '  UNION ALL',
    `  SELECT country, 'follow_up', count(*), avg(follow_up), NULL, NULL, ${quantiles('follow_up')} FROM counted GROUP BY country`,
    '  UNION ALL',
    `  SELECT country, 'change', count(*), avg(change), avg(change) - 1.959964 * stddev_samp(change) / sqrt(count(*)),`,
    `    avg(change) + 1.959964 * stddev_samp(change) / sqrt(count(*)), ${quantiles('change')} FROM counted GROUP BY country`,
    ')',
    OUTCOME_SELECT,
  ].join('\n');
  return { sql, params: { ...params, instrument: spec.instrument, followUp: spec.followUp } };
}
