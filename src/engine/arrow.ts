import { DuckDBTypeId, type DuckDBResultReader } from '@duckdb/node-api';
import { Bool, Float64, Int32, Table, Utf8, tableToIPC, vectorFromArray, type DataType, type Vector } from 'apache-arrow';

/**
 * A DuckDB result as an Apache Arrow IPC stream, the bytes that cross to the interface.
 * Integers wider than 32 bits and decimals become Float64 (JavaScript numbers); dates are
 * expected to be cast to epoch milliseconds in SQL, so anything else falls back to text.
 */
export function resultToArrowIPC(reader: DuckDBResultReader): Uint8Array {
  const names = reader.deduplicatedColumnNames();
  const columns = reader.getColumnsJS();
  const vectors: Record<string, Vector> = {};
  names.forEach((name, index) => {
    const type = arrowTypeFor(reader.columnTypeId(index));
    const values = (columns[index] ?? []).map((value) => toArrowValue(value, type));
    vectors[name] = vectorFromArray(values, type);
  });
  return tableToIPC(new Table(vectors), 'stream');
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
    default:
      return new Utf8();
  }
}

function toArrowValue(value: unknown, type: DataType): unknown {
  if (value === null || value === undefined) return null;
  if (type instanceof Float64 || type instanceof Int32) return Number(value);
  if (type instanceof Bool) return Boolean(value);
  return value instanceof Date ? value.toISOString() : String(value);
}
