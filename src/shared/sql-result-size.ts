import type { Table } from 'apache-arrow';
import { SQL_RESULT_METADATA } from './contract.ts';

/** How much a SQL console answer holds: whether rows were left out, and how many there were in all (null when unknown). */
export function sqlResultSize(table: Table): { truncated: boolean; total: number | null } {
  const metadata = table.schema.metadata;
  const truncated = metadata.get(SQL_RESULT_METADATA.truncated) === 'true';
  const total = metadata.get(SQL_RESULT_METADATA.totalRows);
  return { truncated, total: total !== undefined ? Number(total) : truncated ? null : table.numRows };
}
