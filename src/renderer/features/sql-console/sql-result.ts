import { DataType, tableFromIPC, type Field } from 'apache-arrow';
import type { ColumnKind } from '../../../shared/charts/quick-chart.ts';

/**
 * The engine's schema-metadata keys on a console answer (src/engine/sql-console.ts,
 * SQL_RESULT_METADATA; the renderer may not import the engine, so they are repeated here
 * and test/renderer/sql-console.test.tsx proves the two agree through the real engine).
 */
const METADATA = { truncated: 'sprig.truncated', totalRows: 'sprig.totalRows' } as const;

export interface ResultColumn {
  name: string;
  kind: ColumnKind;
  /** Dates show a day; timestamps a day and a time. */
  temporal: 'date' | 'timestamp' | null;
}

export interface SqlResult {
  columns: ResultColumn[];
  rows: Record<string, unknown>[];
  /** The engine sent only the first rows: the query has more. */
  truncated: boolean;
  /** Rows the whole query has, when the engine could count them. */
  total: number | null;
}

/** A console answer (Arrow IPC bytes) as columns, plain rows and whether there was more. */
export function readSqlResult(bytes: Uint8Array): SqlResult {
  const table = tableFromIPC(bytes);
  const columns = table.schema.fields.map(toColumn);
  const rows = table.toArray().map((row) => row.toJSON() as Record<string, unknown>);
  const metadata = table.schema.metadata;
  const truncated = metadata.get(METADATA.truncated) === 'true';
  const totalText = metadata.get(METADATA.totalRows);
  const total = totalText !== undefined ? Number(totalText) : truncated ? null : rows.length;
  return { columns, rows, truncated, total };
}

function toColumn(field: Field): ResultColumn {
  const type = field.type as DataType;
  if (DataType.isInt(type) || DataType.isFloat(type) || DataType.isDecimal(type)) return { name: field.name, kind: 'number', temporal: null };
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) return { name: field.name, kind: 'text', temporal: null };
  if (DataType.isDate(type)) return { name: field.name, kind: 'date', temporal: 'date' };
  if (DataType.isTimestamp(type)) return { name: field.name, kind: 'date', temporal: 'timestamp' };
  return { name: field.name, kind: 'other', temporal: null };
}
