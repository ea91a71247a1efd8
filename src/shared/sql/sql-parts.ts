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
