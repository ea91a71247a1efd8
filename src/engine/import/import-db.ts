import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { sqlString } from '../../shared/sql/quote.ts';
import { lockDown } from '../database.ts';

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
  // A database file in the import's folder, not memory: a 1 GB file's rows live on disk, and DuckDB's memory stays under its limit.
  const instance = await DuckDBInstance.create(path.join(workDir, `import-${process.hrtime.bigint()}.duckdb`), {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    allow_community_extensions: 'false',
    allow_unsigned_extensions: 'false',
    memory_limit: '512MB',
    threads: '2',
    temp_directory: path.join(workDir, 'duckdb-tmp'),
  });
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
