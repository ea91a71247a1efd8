import type { MappingDraft } from '../mapping/mapping-spec.ts';
import { sqlIdentifier } from './quote.ts';
import type { QueryTarget, SqlQuery } from './sql-parts.ts';

/**
 * What the engine reads from a partner's table to map it (src/shared/mapping/apply-mapping.ts
 * does the rest): the country and period as text, exactly as stored (a date as 2023-09-30, a
 * year as 1960), and each value column as a number, named v0, v1, … in the mapping's order.
 * The engine checks first that every value column is declared a number.
 */
export function mappingRowsQuery(draft: Pick<MappingDraft, 'table' | 'layout' | 'indicators'>, target: QueryTarget): SqlQuery {
  const text = (column: string, as: string) => `CAST(${sqlIdentifier(column)} AS VARCHAR) AS ${as}`;
  const numbers = (columns: string[]) => columns.map((column, i) => `CAST(${sqlIdentifier(column)} AS DOUBLE) AS v${i}`);
  const { layout } = draft;
  const parts: string[] = [];
  switch (layout.kind) {
    case 'long':
      if ('column' in layout.country) parts.push(text(layout.country.column, 'country'));
      parts.push(text(layout.period.column, 'period'), ...numbers(draft.indicators.map((i) => i.column ?? '')));
      break;
    case 'periods-as-columns':
      parts.push(text(layout.country.column, 'country'), ...numbers(layout.period.columns));
      break;
    case 'countries-as-columns':
      parts.push(text(layout.period.column, 'period'), ...numbers(layout.countryColumns));
      break;
  }
  return { sql: `SELECT ${parts.join(', ')}\nFROM ${tableName(draft.table, target)}`, params: {} };
}

/** The first rows of a table, for the mapping panel's preview: numbers as numbers, everything else as the text DuckDB writes. */
export function tablePreviewQuery(table: string, columns: readonly { name: string; numeric: boolean }[], target: QueryTarget, rows: number): SqlQuery {
  const selects = columns.map((c, i) => `CAST(${sqlIdentifier(c.name)} AS ${c.numeric ? 'DOUBLE' : 'VARCHAR'}) AS c${i}`);
  return { sql: `SELECT ${selects.join(', ')} FROM ${tableName(table, target)} LIMIT $rows`, params: { rows } };
}

/**
 * Up to `limit` different values of each column named, as text, for guessing which column is
 * the country and which the period. One row per column: its name and a list of values.
 */
export function distinctValuesQuery(table: string, columns: string[], target: QueryTarget, limit: number): SqlQuery {
  const from = tableName(table, target);
  const selects = columns.map(
    (column, i) =>
      `SELECT ${i} AS position, list(value) AS sample FROM (SELECT DISTINCT CAST(${sqlIdentifier(column)} AS VARCHAR) AS value FROM ${from} WHERE ${sqlIdentifier(column)} IS NOT NULL ORDER BY value LIMIT $limit)`,
  );
  return { sql: `${selects.join('\nUNION ALL\n')}\nORDER BY position`, params: { limit } };
}

function tableName(table: string, target: QueryTarget): string {
  return `${sqlIdentifier(target.schema)}.${sqlIdentifier(table)}`;
}
