import { DataType, tableFromIPC, type Field } from 'apache-arrow';
import type { ColumnKind } from '../../../shared/charts/quick-chart.ts';
import { sqlResultSize } from '../../../shared/sql-result-size.ts';


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
  /** Why rows were left out: the row cap, or the answer's size cap (the engine says which). */
  cutBy: 'rows' | 'bytes' | null;
  /** The answer's size cap in bytes. */
  maxBytes: number | null;
}

/** A console answer (Arrow IPC bytes) as columns, plain rows and whether there was more. */
export function readSqlResult(bytes: Uint8Array): SqlResult {
  const table = tableFromIPC(bytes);
  const columns = table.schema.fields.map(toColumn);
  const rows = table.toArray().map((row) => row.toJSON() as Record<string, unknown>);
  return { columns, rows, ...sqlResultSize(table) };
}

function toColumn(field: Field): ResultColumn {
  const type = field.type as DataType;
  if (DataType.isInt(type) || DataType.isFloat(type) || DataType.isDecimal(type)) return { name: field.name, kind: 'number', temporal: null };
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) return { name: field.name, kind: 'text', temporal: null };
  if (DataType.isDate(type)) return { name: field.name, kind: 'date', temporal: 'date' };
  if (DataType.isTimestamp(type)) return { name: field.name, kind: 'date', temporal: 'timestamp' };
  return { name: field.name, kind: 'other', temporal: null };
}
