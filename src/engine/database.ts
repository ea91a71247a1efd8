import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { sqlString } from '../shared/sql/quote.ts';

export interface DatabaseOptions {
  /** Folders DuckDB may read and write once locked: the data packages and Sprig's store. */
  allowedDirectories: string[];
  /** e.g. '2GB'. */
  memoryLimit?: string;
  threads?: number;
  /** Where DuckDB may spill to disk; must be inside an allowed directory. */
  tempDirectory?: string;
}

/**
 * An in-memory DuckDB that will not install or load extensions by itself. Call
 * `lockDown` once the data packages are loaded: after that it reaches no file outside
 * the allowed folders, and no setting can be changed (not even by the SQL console).
 */
export async function openDatabase(options: DatabaseOptions): Promise<DuckDBInstance> {
  const config: Record<string, string> = {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    allow_community_extensions: 'false',
    allow_unsigned_extensions: 'false',
    memory_limit: options.memoryLimit ?? '2GB',
    threads: String(options.threads ?? 2),
  };
  if (options.tempDirectory) config.temp_directory = options.tempDirectory;
  return DuckDBInstance.create(':memory:', config);
}

export async function lockDown(connection: DuckDBConnection, allowedDirectories: string[]): Promise<void> {
  const list = allowedDirectories.map((dir) => sqlString(withTrailingSlash(dir))).join(', ');
  await connection.run(`SET allowed_directories = [${list}]`);
  await connection.run(`SET enable_external_access = false`);
  await connection.run(`SET lock_configuration = true`);
}

function withTrailingSlash(dir: string): string {
  return dir.endsWith('/') ? dir : `${dir}/`;
}
