/** A quoted SQL identifier (schema, table or column name). */
export function sqlIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A SQL string literal, for the few places DuckDB takes no parameter (SET, table-function paths). */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
