import type { Table } from 'apache-arrow';

export type Cell = string | number | boolean | null;
export type TableRow = Record<string, Cell>;

/** The Arrow table's rows as plain values, and its column names in order. */
export function tableRows(table: Table): { columns: string[]; rows: TableRow[] } {
  const columns = table.schema.fields.map((f) => f.name);
  const rows = table.toArray().map((r) => {
    const json = r.toJSON() as Record<string, unknown>;
    return Object.fromEntries(columns.map((c) => [c, normalise(json[c])])) as TableRow;
  });
  return { columns, rows };
}

function normalise(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  return String(value);
}

/** Columns the table shows and exports; the engine's `factor`-style helpers never reach it. */
export const dateColumns = new Set(['period_start', 'period_end']);

export function compareCells(a: Cell, b: Cell): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}
