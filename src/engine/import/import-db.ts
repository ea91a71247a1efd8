import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { sqlString } from '../../shared/sql/quote.ts';
import { lockDown, openDatabase } from '../database.ts';

/**
 * A short-lived DuckDB for one import, apart from the engine's (which stays locked to the
 * store): it may read and write only the import's own folder in the store's tmp, plus read
 * the named files (the source, for Parquet and JSON; the import it would replace, for the
 * difference). Locked before the first statement that touches data.
 */
export interface ImportDatabase {
  instance: DuckDBInstance;
  connection: DuckDBConnection;
  close(): void;
}

export async function openImportDatabase(workDir: string, readable: string[] = [], readableDirs: string[] = []): Promise<ImportDatabase> {
  const instance = await openDatabase({ allowedDirectories: [workDir], tempDirectory: workDir, memoryLimit: '1GB', threads: 2 });
  const connection = await instance.connect();
  if (readable.length > 0) await connection.run(`SET allowed_paths = [${readable.map(sqlString).join(', ')}]`);
  await lockDown(connection, [workDir, ...readableDirs]);
  return {
    instance,
    connection,
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** Rows of a query as plain objects, BIGINTs as numbers. */
export async function rows(connection: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJS().map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
}
