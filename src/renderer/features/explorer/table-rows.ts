import type { Table } from 'apache-arrow';
import { answerRows, type AnswerRow, type Cell } from '../../../shared/view-table.ts';

export type { Cell };
export type TableRow = AnswerRow;

/** The Arrow table's rows as plain values, and its column names in order. */
export function tableRows(table: Table): { columns: string[]; rows: TableRow[] } {
  const { columns, rows } = answerRows(table);
  return { columns, rows };
}

/**
 * Columns whose order is another column's: periods by when they start (not "Jan 2024"
 * before "Jul 2023"), pathway stages by their step.
 */
const orderedBy: Record<string, string> = { period: 'period_start', stage: 'step' };

export interface SortOptions {
  /** The cell as the reader sees it: text columns sort by what is on screen (country names, not codes). */
  text: (column: string, value: Cell) => string;
  /** The interface language's collation ("Griechenland" under G in German; Greek names in Greek order). */
  collator: Intl.Collator;
}

/**
 * Rows sorted by one column: numbers (and days) numerically, false before true, text by
 * the collator on what the reader sees; empty cells last in either direction; rows that
 * tie keep the engine's order.
 */
export function sortRows(rows: TableRow[], column: string, direction: 1 | -1, { text, collator }: SortOptions): TableRow[] {
  const along = orderedBy[column];
  const keyColumn = along !== undefined && rows.some((r) => typeof r[along] === 'number') ? along : column;
  const keyed = rows.map((row, index) => ({ row, index, key: sortKey(row[column] ?? null, row[keyColumn] ?? null, column, text) }));
  keyed.sort((a, b) => {
    if (a.key === null || b.key === null) return a.key === b.key ? a.index - b.index : a.key === null ? 1 : -1;
    const order = typeof a.key === 'number' && typeof b.key === 'number' ? a.key - b.key : collator.compare(String(a.key), String(b.key));
    return direction * order || a.index - b.index;
  });
  return keyed.map((k) => k.row);
}

function sortKey(value: Cell, key: Cell, column: string, text: (column: string, value: Cell) => string): number | string | null {
  if (value === null || key === null) return null;
  if (typeof key === 'number') return key;
  if (typeof key === 'boolean') return key ? 1 : 0;
  return text(column, value);
}
