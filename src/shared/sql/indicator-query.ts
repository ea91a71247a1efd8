import type { IndicatorViewSpec } from '../view-spec.ts';
import { sqlIdentifier } from './quote.ts';
import { countrySelection, periodRange, type QueryTarget, type SqlQuery } from './sql-parts.ts';

/** The conventional table of country-period values in a Sprig data package. */
export const VALUES_TABLE = 'country_year_indicator';

/** z-scores: stored bounds are 95% intervals; a 90% interval is the same spread scaled. */
const Z95 = 1.959964;
const Z90 = 1.644854;

/**
 * Values of one indicator for trend, latest, slope, small-multiple and map views, with the
 * transform applied in DuckDB. Every view answers the same columns, so tables and exports
 * are the same whatever the chart: country, period, period_start/end (epoch ms), value,
 * lower, upper, status, synthetic, source, note, denominator (per 100,000: which
 * population divided), base_period (indexed: which period is 100).
 */
export function indicatorQuery(spec: IndicatorViewSpec, target: QueryTarget): SqlQuery {
  const ds = (table: string) => `${sqlIdentifier(target.schema)}.${sqlIdentifier(table)}`;
  const params: SqlQuery['params'] = { indicator: spec.indicator };
  const where = ['v.indicator_id = $indicator'];
  // The UK appears as its nations or as one; never both, so nothing is counted twice.
  where.push(spec.ukNations === 'combined' ? "v.country_code NOT LIKE 'GB-%'" : "v.country_code <> 'GB'");
  for (const part of [countrySelection(spec, 'v.country_code'), periodRange(spec.filters, 'v.period_start')]) {
    where.push(...part.conditions);
    Object.assign(params, part.params);
  }

  const values = [
    'values AS (',
    '  SELECT v.country_code AS country, v.period_label AS period, v.period_start, v.period_end,',
    '    v.value::DOUBLE AS value, v.lower::DOUBLE AS lower, v.upper::DOUBLE AS upper,',
    '    v.data_status AS status, v.is_synthetic AS synthetic, v.source_id AS source, v.note',
    `  FROM ${ds(VALUES_TABLE)} AS v`,
    `  WHERE ${where.join('\n    AND ')}`,
    ')',
  ].join('\n');

  const factor = transformFactor(spec, ds, params);
  const scaled = [
    'scaled AS (',
    `  SELECT values.*, ${factor.expression} AS factor, ${factor.denominator} AS denominator, ${factor.basePeriod} AS base_period`,
    `  FROM values${factor.join}`,
    ')',
  ].join('\n');

  const spread = spec.interval === '90' ? `* ${Z90 / Z95}` : '';
  const bound = (side: 'lower' | 'upper') =>
    spec.interval === 'none' ? 'NULL::DOUBLE' : `(value + (${side} - value) ${spread}) * factor`;
  const select = [
    'SELECT country, period,',
    '  epoch_ms(period_start::TIMESTAMP)::DOUBLE AS period_start,',
    '  epoch_ms(period_end::TIMESTAMP)::DOUBLE AS period_end,',
    `  value * factor AS value, ${bound('lower')} AS lower, ${bound('upper')} AS upper,`,
    '  status, synthetic, source, note, denominator, base_period',
    'FROM scaled',
  ];
  return { sql: [`WITH ${values},\n${factor.ctes}${scaled}`, ...select, ...reduction(spec, params)].join('\n'), params };
}

interface Factor {
  ctes: string;
  join: string;
  expression: string;
  denominator: string;
  basePeriod: string;
}

function transformFactor(spec: IndicatorViewSpec, ds: (t: string) => string, params: SqlQuery['params']): Factor {
  if (spec.transform === 'per100k') {
    // The population nearest in time to each period; resident counts before GP-registered lists.
    const ctes = [
      'denominators AS (',
      '  SELECT values.country, values.period,',
      "    arg_min(p.value, (CASE p.population_type WHEN 'resident' THEN 0 ELSE 1000 END) + abs(p.reference_year - year(values.period_start))) AS people,",
      "    arg_min(p.population_type || ', ' || p.period_label || ' (' || p.source_id || ')', (CASE p.population_type WHEN 'resident' THEN 0 ELSE 1000 END) + abs(p.reference_year - year(values.period_start))) AS label",
      `  FROM values JOIN ${ds('population')} AS p ON p.country_code = values.country`,
      '  GROUP BY ALL',
      '),',
      '',
    ].join('\n');
    return {
      ctes,
      join: ' LEFT JOIN denominators USING (country, period)',
      expression: '100000.0 / denominators.people',
      denominator: 'denominators.label',
      basePeriod: 'NULL::VARCHAR',
    };
  }
  if (spec.transform === 'indexed') {
    const chosen = spec.indexBase !== undefined;
    if (chosen) params.indexBase = spec.indexBase as string;
    const ctes = [
      'bases AS (',
      chosen
        ? '  SELECT country, any_value(value) AS base_value, any_value(period) AS base_label FROM values WHERE period = $indexBase AND value IS NOT NULL AND value <> 0 GROUP BY country'
        : '  SELECT country, arg_min(value, period_start) AS base_value, arg_min(period, period_start) AS base_label FROM values WHERE value IS NOT NULL AND value <> 0 GROUP BY country',
      '),',
      '',
    ].join('\n');
    return { ctes, join: ' LEFT JOIN bases USING (country)', expression: '100.0 / bases.base_value', denominator: 'NULL::VARCHAR', basePeriod: 'bases.base_label' };
  }
  return { ctes: '', join: '', expression: '1.0', denominator: 'NULL::VARCHAR', basePeriod: 'NULL::VARCHAR' };
}

/** Which rows each view keeps: all of them over time, the latest per country, or two periods. */
function reduction(spec: IndicatorViewSpec, params: SqlQuery['params']): string[] {
  switch (spec.view) {
    case 'latest':
    case 'map':
      // A country's latest value; a country with none keeps one row saying why (not available).
      return ['QUALIFY row_number() OVER (PARTITION BY country ORDER BY (value IS NULL), period_start DESC) = 1', 'ORDER BY country'];
    case 'slope':
      params.slopeFrom = spec.from;
      params.slopeTo = spec.to;
      return ['WHERE period IN ($slopeFrom, $slopeTo)', 'ORDER BY country, period_start'];
    default:
      return ['ORDER BY country, period_start, period'];
  }
}
