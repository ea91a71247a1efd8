import type { IndicatorViewSpec } from '../view-spec.ts';
import { sqlIdentifier } from './quote.ts';
import type { QueryTarget, SqlQuery } from './sql-parts.ts';

/** The conventional table of country-period values in a Sprig data package. */
export const VALUES_TABLE = 'country_year_indicator';
/** The conventional table of populations, the denominators of per 100,000. */
export const POPULATION_TABLE = 'population';

/** Optional columns of the values table that a package may have. */
export interface IndicatorColumns {
  /** `value_qualifier`: approximately, more_than. */
  qualifier: boolean;
  /** `programme_id`: the value is one programme's, not the country's. */
  programme: boolean;
}

/**
 * Every stored value of one indicator, in every country, as src/shared/indicator-answer.ts
 * reads them (`StoredValue`): the UK, countries, period range, transform and reduction are
 * applied there, on a few hundred rows, so that every rule about what a view shows is
 * decided in one place and every value's reason for being missing can be told.
 */
export function indicatorValuesQuery(spec: Pick<IndicatorViewSpec, 'indicator'>, target: QueryTarget, columns: IndicatorColumns): SqlQuery {
  const table = `${sqlIdentifier(target.schema)}.${sqlIdentifier(VALUES_TABLE)}`;
  const sql = [
    'SELECT v.country_code AS country, v.period_label AS period,',
    '  epoch_ms(v.period_start::TIMESTAMP)::DOUBLE AS period_start,',
    '  epoch_ms(v.period_end::TIMESTAMP)::DOUBLE AS period_end,',
    '  v.value::DOUBLE AS value, v.lower::DOUBLE AS lower, v.upper::DOUBLE AS upper,',
    '  v.data_status AS status, coalesce(v.is_synthetic, false) AS synthetic, v.source_id AS source, v.note,',
    `  ${columns.qualifier ? 'v.value_qualifier' : 'NULL::VARCHAR'} AS qualifier,`,
    `  ${columns.programme ? 'v.programme_id' : 'NULL::VARCHAR'} AS programme`,
    `FROM ${table} AS v`,
    'WHERE v.indicator_id = $indicator',
    'ORDER BY country, v.period_start, period',
  ].join('\n');
  return { sql, params: { indicator: spec.indicator } };
}

/** Every population of the package (`StoredPopulation`), for per 100,000. */
export function populationsQuery(target: QueryTarget): SqlQuery {
  const table = `${sqlIdentifier(target.schema)}.${sqlIdentifier(POPULATION_TABLE)}`;
  const sql = [
    'SELECT p.country_code AS country, p.population_type, p.reference_year::DOUBLE AS reference_year, p.period_label, p.value::DOUBLE AS value, p.source_id AS source',
    `FROM ${table} AS p`,
    'WHERE p.value IS NOT NULL',
    'ORDER BY country, reference_year',
  ].join('\n');
  return { sql, params: {} };
}
