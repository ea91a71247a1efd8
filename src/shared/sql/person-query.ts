import type { BreakdownDimension, BreakdownViewSpec, OutcomeViewSpec, PathwayViewSpec, PersonViewSpec } from '../view-spec.ts';
import { sqlIdentifier } from './quote.ts';
import { countryExpression, countrySelection, periodRange, type QueryTarget, type SqlQuery } from './sql-parts.ts';

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

export function personQuery(spec: PersonViewSpec, target: QueryTarget): SqlQuery {
  switch (spec.view) {
    case 'breakdown':
      return breakdownQuery(spec, target);
    case 'pathway':
      return pathwayQuery(spec, target);
    case 'outcome':
      return outcomeQuery(spec, target);
  }
}

/** Rows of the referral table (joined to activities when asked) after every filter of the view. */
function referrals(spec: PersonViewSpec, target: QueryTarget, withActivities: boolean, extraJoins: string[] = []): { from: string; params: SqlQuery['params'] } {
  const ds = (t: string) => `${sqlIdentifier(target.schema)}.${sqlIdentifier(t)}`;
  const params: SqlQuery['params'] = {};
  const where = [spec.ukNations === 'combined' ? 'true' : "r.country_code <> 'GB'"];
  for (const part of [countrySelection(spec, 'r.country_code'), periodRange(spec.filters, 'r.referral_date')]) {
    where.push(...part.conditions);
    Object.assign(params, part.params);
  }
  const category = spec.filters.category;
  const joinActivities = withActivities || (category !== undefined && dimensionColumns[category.dimension as BreakdownDimension]?.activities);
  if (category) {
    const column = dimensionColumns[category.dimension as BreakdownDimension];
    if (column) {
      where.push(`CAST(${column.expression} AS VARCHAR) = $category`);
      params.category = category.value;
    }
  }
  const joins = [...(joinActivities ? [`JOIN ${ds('referral_activity')} AS a ON a.referral_id = r.referral_id`] : []), ...extraJoins];
  return { from: [`FROM ${ds('referral')} AS r`, ...joins, `WHERE ${where.join(' AND ')}`].join('\n  '), params };
}

/**
 * Counts from 1 to below the threshold leave as NULL with `suppressed` true (a zero names
 * nobody and stays); shares are of the country's whole total.
 */
function suppressed(count: string, threshold: number): { n: string; flag: string } {
  const flag = `(${count} > 0 AND ${count} < ${threshold})`;
  return { n: `CASE WHEN ${flag} THEN NULL ELSE ${count} END::DOUBLE`, flag };
}

export function breakdownQuery(spec: BreakdownViewSpec, target: QueryTarget): SqlQuery {
  const column = dimensionColumns[spec.dimension];
  const { from, params } = referrals(spec, target, column.activities);
  const country = countryExpression(spec.ukNations, 'r.country_code');
  const cell = suppressed('n', spec.suppressBelow);
  const sql = [
    'WITH counts AS (',
    `  SELECT ${country} AS country, CAST(${column.expression} AS VARCHAR) AS category, count(*) AS n`,
    `  ${from}`,
    '  GROUP BY ALL',
    ')',
    `SELECT country, category, ${cell.n} AS n, ${cell.flag} AS suppressed,`,
    `  CASE WHEN ${cell.flag} THEN NULL ELSE n / sum(n) OVER (PARTITION BY country) END::DOUBLE AS share`,
    'FROM counts',
    'ORDER BY country, category',
  ].join('\n');
  return { sql, params };
}

export function pathwayQuery(spec: PathwayViewSpec, target: QueryTarget): SqlQuery {
  const { from, params } = referrals(spec, target, false);
  const country = countryExpression(spec.ukNations, 'r.country_code');
  const stages = pathwayStages.map((s, i) => `struct_pack(step := ${i}, stage := '${s.stage}', n := count_if(${s.condition}))`).join(', ');
  const cell = suppressed('n', spec.suppressBelow);
  const sql = [
    'WITH stages AS (',
    `  SELECT ${country} AS country, [${stages}] AS s`,
    `  ${from}`,
    '  GROUP BY ALL',
    '), counted AS (SELECT country, u.s.step AS step, u.s.stage AS stage, u.s.n AS n FROM (SELECT country, unnest(s) AS s FROM stages) AS u)',
    `SELECT country, step::INTEGER AS step, stage, ${cell.n} AS n, ${cell.flag} AS suppressed,`,
    `  CASE WHEN ${cell.flag} THEN NULL ELSE n / max(n) OVER (PARTITION BY country) END::DOUBLE AS share`,
    'FROM counted',
    'ORDER BY country, step',
  ].join('\n');
  return { sql, params };
}

/**
 * Baseline against one follow-up on one instrument, paired by person: for each country the
 * distribution at both timepoints (quantiles) and the mean change with its 95% interval.
 * Scores on different instruments are never pooled: the view names one.
 */
export function outcomeQuery(spec: OutcomeViewSpec, target: QueryTarget): SqlQuery {
  const ds = (t: string) => `${sqlIdentifier(target.schema)}.${sqlIdentifier(t)}`;
  const score = (alias: string, timepoint: string) =>
    `JOIN ${ds('outcome_measurement')} AS ${alias} ON ${alias}.referral_id = r.referral_id AND ${alias}.instrument = $instrument AND ${alias}.timepoint = ${timepoint}`;
  const { from, params } = referrals(spec, target, false, [score('b', "'baseline'"), score('f', '$followUp')]);
  const country = countryExpression(spec.ukNations, 'r.country_code');
  const k = spec.suppressBelow;
  const quantiles = (column: string) =>
    `quantile_cont(${column}, [0.1, 0.25, 0.5, 0.75, 0.9]) AS q`;
  const sql = [
    'WITH pairs AS (',
    `  SELECT ${country} AS country, b.score AS baseline, f.score AS follow_up, f.score - b.score AS change`,
    `  ${from}`,
    '), series AS (',
    `  SELECT country, 'baseline' AS series, count(*) AS n, avg(baseline) AS mean, NULL::DOUBLE AS lower, NULL::DOUBLE AS upper, ${quantiles('baseline')} FROM pairs GROUP BY country`,
    '  UNION ALL',
    `  SELECT country, 'follow_up', count(*), avg(follow_up), NULL, NULL, ${quantiles('follow_up')} FROM pairs GROUP BY country`,
    '  UNION ALL',
    `  SELECT country, 'change', count(*), avg(change), avg(change) - 1.959964 * stddev_samp(change) / sqrt(count(*)),`,
    `    avg(change) + 1.959964 * stddev_samp(change) / sqrt(count(*)), ${quantiles('change')} FROM pairs GROUP BY country`,
    ')',
    `SELECT country, series, CASE WHEN n < ${k} THEN NULL ELSE n END::DOUBLE AS n, (n < ${k}) AS suppressed,`,
    ...['mean', 'lower', 'upper'].map((c) => `  CASE WHEN n < ${k} THEN NULL ELSE ${c} END::DOUBLE AS ${c},`),
    ...['p10', 'p25', 'p50', 'p75', 'p90'].map((c, i, all) => `  CASE WHEN n < ${k} THEN NULL ELSE q[${i + 1}] END::DOUBLE AS ${c}${i < all.length - 1 ? ',' : ''}`),
    'FROM series',
    "ORDER BY country, CASE series WHEN 'baseline' THEN 0 WHEN 'follow_up' THEN 1 ELSE 2 END",
  ].join('\n');
  return { sql, params: { ...params, instrument: spec.instrument, followUp: spec.followUp } };
}
