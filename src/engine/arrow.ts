import {
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBTimestampMillisecondsValue,
  DuckDBTimestampNanosecondsValue,
  DuckDBTimestampSecondsValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBTypeId,
  type DuckDBResultReader,
  type DuckDBValue,
} from '@duckdb/node-api';
import {
  Bool,
  DateMillisecond,
  Float64,
  Int32,
  Schema,
  Table,
  TimestampMillisecond,
  Utf8,
  tableToIPC,
  vectorFromArray,
  type DataType,
  type Vector,
} from 'apache-arrow';
import type { AnswerColumns } from '../shared/view-answer.ts';

export interface ArrowOptions {
  /** Send at most this many rows (a streamed reader may have read a chunk more). */
  maxRows?: number;
  /** Key–value pairs for the Arrow schema's metadata (e.g. the SQL console's truncation). */
  metadata?: Record<string, string>;
}

/**
 * A DuckDB result as an Apache Arrow IPC stream, the bytes that cross to the interface.
 * Integers wider than 32 bits and decimals become Float64 (JavaScript numbers). DATE and
 * the TIMESTAMP kinds become Arrow millisecond dates and timestamps, which is what Plot
 * reads; values a JavaScript date cannot hold (`infinity`, year 300000) become null.
 * Anything else (lists, structs, intervals, UUIDs, …) travels as DuckDB's own text.
 */
export function resultToArrowIPC(reader: DuckDBResultReader, options: ArrowOptions = {}): Uint8Array {
  const names = reader.deduplicatedColumnNames();
  const typeIds = names.map((_, index) => reader.columnTypeId(index));
  // Raw DuckDB values, not getColumnsJS(): that throws on dates outside JavaScript's range.
  return columnsToArrowIPC(names, typeIds, reader.getColumns(), options);
}

/** Columns of raw DuckDB values (as a streamed console answer collects them) as an Arrow IPC stream, as `resultToArrowIPC`. */
export function columnsToArrowIPC(names: string[], typeIds: DuckDBTypeId[], columns: DuckDBValue[][], options: ArrowOptions = {}): Uint8Array {
  const vectors: Record<string, Vector> = {};
  names.forEach((name, index) => {
    const type = arrowTypeFor(typeIds[index] ?? DuckDBTypeId.VARCHAR);
    let raw = columns[index] ?? [];
    if (options.maxRows !== undefined && raw.length > options.maxRows) raw = raw.slice(0, options.maxRows);
    vectors[name] = vectorFromArray(raw.map((value) => toArrowValue(value, type)), type);
  });
  let table = new Table(vectors);
  if (options.metadata) {
    table = new Table(new Schema(table.schema.fields, new Map(Object.entries(options.metadata))), table.batches);
  }
  return tableToIPC(table, 'stream');
}

/**
 * Roughly how many bytes a value takes in an answer: text and blobs their length, numbers,
 * dates and booleans 8, anything sent as DuckDB's text (lists, structs…) that text's length.
 */
export function answerBytes(value: DuckDBValue): number {
  if (value === null || value === undefined) return 1;
  if (typeof value === 'string') return value.length;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return 8;
  if (value instanceof DuckDBDateValue || value instanceof DuckDBTimestampValue || value instanceof DuckDBTimestampTZValue || value instanceof DuckDBDecimalValue) return 8;
  return String(value).length;
}

function arrowTypeFor(typeId: DuckDBTypeId): DataType {
  switch (typeId) {
    case DuckDBTypeId.BOOLEAN:
      return new Bool();
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
      return new Int32();
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.DECIMAL:
      return new Float64();
    case DuckDBTypeId.DATE:
      return new DateMillisecond();
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
      return new TimestampMillisecond();
    case DuckDBTypeId.TIMESTAMP_TZ:
      // An instant: DuckDB stores it as UTC, so say so rather than leave it local.
      return new TimestampMillisecond('UTC');
    default:
      return new Utf8();
  }
}

/** The largest instant a JavaScript Date holds, in milliseconds either side of 1970. */
const MAX_JS_DATE_MS = 8.64e15;

function toArrowValue(value: DuckDBValue, type: DataType): unknown {
  if (value === null || value === undefined) return null;
  if (type instanceof Float64 || type instanceof Int32) {
    if (value instanceof DuckDBDecimalValue) return value.toDouble();
    return Number(value);
  }
  if (type instanceof Bool) return Boolean(value);
  if (type instanceof DateMillisecond || type instanceof TimestampMillisecond) {
    const ms = epochMilliseconds(value);
    return ms === null || Math.abs(ms) > MAX_JS_DATE_MS ? null : ms;
  }
  return typeof value === 'string' ? value : String(value);
}

function epochMilliseconds(value: DuckDBValue): number | null {
  if (value instanceof DuckDBDateValue) return value.isFinite ? value.days * 86_400_000 : null;
  if (value instanceof DuckDBTimestampValue || value instanceof DuckDBTimestampTZValue) {
    return value.isFinite ? Number(value.micros / 1000n) : null;
  }
  if (value instanceof DuckDBTimestampSecondsValue) return value.isFinite ? Number(value.seconds) * 1000 : null;
  if (value instanceof DuckDBTimestampMillisecondsValue) return value.isFinite ? Number(value.millis) : null;
  if (value instanceof DuckDBTimestampNanosecondsValue) return value.isFinite ? Number(value.nanos / 1_000_000n) : null;
  return null;
}

/**
 * Rows the engine composed itself (src/shared/indicator-answer.ts, person-answer.ts) as an
 * Apache Arrow IPC stream with the declared columns and types (src/shared/view-answer.ts).
 * Dates travel as epoch milliseconds in Float64, as every view answer has always sent them.
 */
export function rowsToArrowIPC<Row>(rows: readonly Row[], columns: AnswerColumns<Row>): Uint8Array {
  const vectors: Record<string, Vector> = {};
  for (const column of columns) {
    const type = column.type === 'boolean' ? new Bool() : column.type === 'text' ? new Utf8() : new Float64();
    vectors[column.name] = vectorFromArray(
      rows.map((row) => {
        const value = row[column.name] as unknown;
        if (value === null || value === undefined) return null;
        return column.type === 'boolean' ? Boolean(value) : column.type === 'text' ? String(value) : Number(value);
      }),
      type,
    );
  }
  return tableToIPC(new Table(vectors), 'stream');
}
