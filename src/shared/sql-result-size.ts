import type { Table } from 'apache-arrow';
import { SQL_RESULT_METADATA } from './contract.ts';

export interface SqlResultSize {
  /** Rows were left out. */
  truncated: boolean;
  /** Rows the whole query has; null when unknown. */
  total: number | null;
  /** Why rows were left out: the row cap, or the answer's size cap (null when nothing was). */
  cutBy: 'rows' | 'bytes' | null;
  /** The answer's size cap in bytes, when the engine said it. */
  maxBytes: number | null;
}

/** How much a SQL console answer holds: whether rows were left out and why, and how many there were in all (null when unknown). */
export function sqlResultSize(table: Table): SqlResultSize {
  const metadata = table.schema.metadata;
  const truncated = metadata.get(SQL_RESULT_METADATA.truncated) === 'true';
  const total = metadata.get(SQL_RESULT_METADATA.totalRows);
  const by = metadata.get(SQL_RESULT_METADATA.truncatedBy);
  const maxBytes = metadata.get(SQL_RESULT_METADATA.maxBytes);
  return {
    truncated,
    total: total !== undefined ? Number(total) : truncated ? null : table.numRows,
    cutBy: truncated ? (by === 'bytes' ? 'bytes' : 'rows') : null,
    maxBytes: maxBytes !== undefined ? Number(maxBytes) : null,
  };
}
