import type { BreakdownViewSpec, TrendViewSpec, ViewSpec } from '../view-spec.ts';
import { sqlIdentifier } from './quote.ts';

/** Parameterised SQL: values travel as `$name` parameters, never spliced into the text. */
export interface SqlQuery {
  sql: string;
  params: Record<string, string | number | boolean | string[]>;
}

/** The conventional table of country-period values in a Sprig data package. */
export const VALUES_TABLE = 'country_year_indicator';

/** Where a view's rows come from: the DuckDB schema the package was loaded into. */
export interface QueryTarget {
  schema: string;
}

export function viewQuery(spec: ViewSpec, target: QueryTarget): SqlQuery {
  switch (spec.view) {
    case 'trend':
      return trendQuery(spec, target);
    case 'breakdown':
      return breakdownQuery(spec, target);
  }
}

function table(target: QueryTarget, name: string): string {
  return `${sqlIdentifier(target.schema)}.${sqlIdentifier(name)}`;
}

function countryFilter(spec: ViewSpec, column: string): { clause: string; params: SqlQuery['params'] } {
  if (!spec.countries) return { clause: '', params: {} };
  return { clause: ` AND list_contains($countries, ${column})`, params: { countries: spec.countries } };
}

/**
 * One indicator's values over time. Dates leave as epoch milliseconds (what charts read)
 * and every number as DOUBLE, so no BIGINT reaches the interface.
 */
export function trendQuery(spec: TrendViewSpec, target: QueryTarget): SqlQuery {
  const countries = countryFilter(spec, 'v.country_code');
  const sql = [
    'SELECT v.country_code AS country, v.period_label AS period,',
    '  epoch_ms(v.period_start::TIMESTAMP)::DOUBLE AS period_start,',
    '  epoch_ms(v.period_end::TIMESTAMP)::DOUBLE AS period_end,',
    '  v.value::DOUBLE AS value, v.lower::DOUBLE AS lower, v.upper::DOUBLE AS upper,',
    '  v.data_status AS status, v.is_synthetic AS synthetic, v.source_id AS source, v.note AS note',
    `FROM ${table(target, VALUES_TABLE)} AS v`,
    `WHERE v.indicator_id = $indicator${countries.clause}`,
    'ORDER BY country, period_start, period',
  ].join('\n');
  return { sql, params: { indicator: spec.indicator, ...countries.params } };
}

/** Person-level rows counted per country and per category of one column. */
export function breakdownQuery(spec: BreakdownViewSpec, target: QueryTarget): SqlQuery {
  const countries = countryFilter(spec, 'country_code');
  const by = sqlIdentifier(spec.by);
  const sql = [
    `SELECT country_code AS country, CAST(${by} AS VARCHAR) AS category, count(*)::DOUBLE AS n`,
    `FROM ${table(target, spec.table)}`,
    `WHERE true${countries.clause}`,
    'GROUP BY ALL',
    'ORDER BY country, category',
  ].join('\n');
  return { sql, params: countries.params };
}
