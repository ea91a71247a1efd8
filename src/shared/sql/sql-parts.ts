/** Parameterised SQL: values travel as `$name` parameters, never spliced into the text. */
export interface SqlQuery {
  sql: string;
  params: Record<string, string | number | boolean | string[]>;
}

/** Where a view's rows come from: the DuckDB schema the package was loaded into. */
export interface QueryTarget {
  schema: string;
}

/** A country code as the view shows it: UK nations folded into GB when the UK is shown as one. */
export function countryExpression(ukNations: 'separate' | 'combined', column: string): string {
  return ukNations === 'combined' ? `CASE WHEN ${column} LIKE 'GB-%' THEN 'GB' ELSE ${column} END` : column;
}

/** A WHERE clause's parts and the parameters they name. */
export interface Conditions {
  conditions: string[];
  params: SqlQuery['params'];
}

/** The period range a view is filtered to, on one date column. */
export function periodRange(filters: { from?: string | undefined; to?: string | undefined }, column: string): Conditions {
  const out: Conditions = { conditions: [], params: {} };
  if (filters.from) {
    out.conditions.push(`${column} >= $from::DATE`);
    out.params.from = filters.from;
  }
  if (filters.to) {
    out.conditions.push(`${column} <= $to::DATE`);
    out.params.to = filters.to;
  }
  return out;
}

/** The countries a view asks for, as the UK setting shows them, on one country-code column. */
export function countrySelection(spec: { countries?: string[] | undefined; ukNations: 'separate' | 'combined' }, column: string): Conditions {
  if (!spec.countries) return { conditions: [], params: {} };
  return { conditions: [`list_contains($countries, ${countryExpression(spec.ukNations, column)})`], params: { countries: spec.countries } };
}
