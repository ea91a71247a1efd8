import { DuckDBInstance, listValue, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { loadPackage, readDescriptor, type PackageDescriptor } from '../../src/engine/data-package.ts';
import type { SqlQuery } from '../../src/shared/sql/view-query.ts';

/**
 * The baseline: a plain DuckDB instance, no engine around it. It holds the same data as
 * the engine, in the same schema, so the two sides run the very same SQL.
 */
export interface RawDuckDB {
  connection: DuckDBConnection;
  descriptor: PackageDescriptor;
  /** Runs the query and reads the whole result into JavaScript, column by column. */
  run(query: SqlQuery): Promise<{ names: string[]; columns: unknown[][] }>;
  /** Runs the query and reads the whole result into JavaScript, row by row. */
  rows(query: SqlQuery): Promise<Record<string, unknown>[]>;
  close(): void;
}

export async function openRawDuckDB(
  packageFolder: string,
  settings: { threads: number; memoryLimit: string; tempDirectory?: string },
): Promise<RawDuckDB> {
  // Same thread count and memory limit as the engine, or the comparison would measure those instead;
  // and somewhere to spill that is not the current folder (DuckDB's default).
  const instance = await DuckDBInstance.create(':memory:', {
    threads: String(settings.threads),
    memory_limit: settings.memoryLimit,
    ...(settings.tempDirectory ? { temp_directory: settings.tempDirectory } : {}),
  });
  const connection = await instance.connect();
  // The engine's own loader, so both sides hold identical tables (same casts, same column
  // types); only the query path differs, and that is what the bench compares.
  const descriptor = await readDescriptor(packageFolder);
  await loadPackage(connection, packageFolder, descriptor);
  return {
    connection,
    descriptor,
    async run(query) {
      const reader = await connection.runAndReadAll(query.sql, toParams(query.params));
      return { names: reader.deduplicatedColumnNames(), columns: reader.getColumnsJS() };
    },
    async rows(query) {
      return (await connection.runAndReadAll(query.sql, toParams(query.params))).getRowObjectsJS() as Record<string, unknown>[];
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** Lists become DuckDB LIST values, as the engine binds them. */
function toParams(params: SqlQuery['params']): Record<string, DuckDBValue> {
  const out: Record<string, DuckDBValue> = {};
  for (const [key, value] of Object.entries(params)) out[key] = Array.isArray(value) ? listValue(value) : value;
  return out;
}
