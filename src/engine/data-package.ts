import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlIdentifier, sqlString } from '../shared/sql/quote.ts';
import { checkPackageConstraints } from './package-constraints.ts';
import { DESCRIPTOR_FILE, duckdbType, PackageRefusal, type PackageDescriptor, type ResourceDescriptor } from './package-descriptor.ts';

/**
 * Frictionless Data Packages (v1): a `datapackage.json` beside CSV (or Parquet) files.
 * Column types come from the descriptor's table schema, never from guessing.
 */

export {
  DESCRIPTOR_FILE,
  duckdbType,
  PackageRefusal,
  readDescriptor,
  type FieldDescriptor,
  type PackageDescriptor,
  type ResourceDescriptor,
} from './package-descriptor.ts';

/** The folder itself if it holds a descriptor, otherwise each sub-folder that does. */
export async function findPackageFolders(root: string): Promise<string[]> {
  if (await isFile(path.join(root, DESCRIPTOR_FILE))) return [root];
  const entries = await readdir(root, { withFileTypes: true });
  const folders: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const folder = path.join(root, entry.name);
    if (entry.isDirectory() && (await isFile(path.join(folder, DESCRIPTOR_FILE)))) folders.push(folder);
  }
  return folders;
}

/**
 * Loads every resource into a schema named after the package, then runs `readBack` (the
 * engine describes the package there) in the same transaction: all or nothing, so a
 * package refused at any step, its description included, leaves no schema and no table,
 * and a valid package of the same name can still open.
 */
export async function loadPackage(connection: DuckDBConnection, folder: string, descriptor: PackageDescriptor): Promise<void>;
export async function loadPackage<T>(
  connection: DuckDBConnection,
  folder: string,
  descriptor: PackageDescriptor,
  readBack: () => Promise<T>,
): Promise<T>;
export async function loadPackage<T>(
  connection: DuckDBConnection,
  folder: string,
  descriptor: PackageDescriptor,
  readBack?: () => Promise<T>,
): Promise<T | void> {
  const schema = sqlIdentifier(descriptor.name);
  await connection.run('BEGIN TRANSACTION');
  try {
    await connection.run(`CREATE SCHEMA ${schema}`);
    for (const resource of descriptor.resources) await loadResource(connection, folder, schema, resource);
    await checkPackageConstraints(connection, descriptor);
    const read = await readBack?.();
    await connection.run('COMMIT');
    return read;
  } catch (error) {
    await connection.run('ROLLBACK');
    throw error;
  }
}

async function loadResource(connection: DuckDBConnection, folder: string, schema: string, resource: ResourceDescriptor): Promise<void> {
  const file = path.join(folder, resource.path);
  if (!(await isFile(file))) {
    throw new PackageRefusal(`resource "${resource.name}": file ${resource.path} is missing`, { file: resource.path, rule: 'file' });
  }
  const target = `${schema}.${sqlIdentifier(resource.name)}`;
  const isParquet = (resource.format ?? path.extname(file).slice(1)).toLowerCase() === 'parquet';
  const source = isParquet ? parquetSource(file, resource) : await csvSource(file, resource);
  try {
    await connection.run(`CREATE TABLE ${target} AS ${source}`);
  } catch (error) {
    throw refusalFromLoadError(error as Error, resource);
  }
}

function parquetSource(file: string, resource: ResourceDescriptor): string {
  const columns = resource.schema.fields
    .map((f) => `CAST(${sqlIdentifier(f.name)} AS ${duckdbType(f)}) AS ${sqlIdentifier(f.name)}`)
    .join(', ');
  return `SELECT ${columns} FROM read_parquet(${sqlString(file)})`;
}

async function csvSource(file: string, resource: ResourceDescriptor): Promise<string> {
  const delimiter = resource.dialect?.delimiter ?? ',';
  await checkHeader(file, resource, delimiter);
  const columns = resource.schema.fields.map((f) => `${sqlString(f.name)}: ${sqlString(duckdbType(f))}`).join(', ');
  const missing = (resource.schema.missingValues ?? ['']).map(sqlString).join(', ');
  return `SELECT * FROM read_csv(${sqlString(file)}, header = true, auto_detect = false, delim = ${sqlString(delimiter)}, quote = '"', escape = '"', columns = {${columns}}, nullstr = [${missing}], strict_mode = true)`;
}

/** The CSV's header must name the descriptor's fields in the descriptor's order. */
async function checkHeader(file: string, resource: ResourceDescriptor, delimiter: string): Promise<void> {
  const header = (await readFirstLine(file)).replace(/^\uFEFF/, '');
  const names = header.split(delimiter).map((n) => n.trim().replace(/^"(.*)"$/, '$1'));
  const expected = resource.schema.fields.map((f) => f.name);
  const at = expected.findIndex((name, i) => names[i] !== name);
  if (at !== -1 || names.length !== expected.length) {
    const index = at === -1 ? expected.length : at;
    throw new PackageRefusal(
      `${resource.path}: line 1: the header has "${names[index] ?? '(nothing)'}" where the schema declares "${expected[index] ?? '(no more fields)'}"`,
      { file: resource.path, row: 1, field: expected[index] ?? names[index] ?? '', rule: 'header' },
    );
  }
}

/**
 * Turns DuckDB's CSV errors into a refusal naming the file, line, field and rule. DuckDB
 * 1.5 words a type error as `CSV Error on Line: 4` … `Error when converting column "a.b".
 * Could not convert string "12,5" to 'DOUBLE'`; field names may hold dots and spaces.
 */
function refusalFromLoadError(error: Error, resource: ResourceDescriptor): PackageRefusal {
  const text = error.message;
  const line = /on Line: (\d+)/i.exec(text)?.[1];
  const conversion = /^Error when converting column "(.*)"\. Could not convert string "(.*)" to '[^']*'$/m.exec(text);
  const column = conversion?.[1];
  const field = column !== undefined && resource.schema.fields.some((f) => f.name === column) ? column : undefined;
  const declared = field ? resource.schema.fields.find((f) => f.name === field)?.type ?? 'string' : undefined;
  const firstLine = text.split('\n')[0] ?? text;
  const where = [resource.path, line ? `line ${line}` : null, field ? `field "${field}"` : null].filter(Boolean).join(': ');
  const value = conversion?.[2] === undefined ? '' : `${JSON.stringify(conversion[2])} is `;
  return new PackageRefusal(`${where}: ${declared ? `${value}not a valid ${declared} (type)` : firstLine}`, {
    file: resource.path,
    ...(line ? { row: Number(line) } : {}),
    ...(field ? { field } : {}),
    rule: declared ? `type:${declared}` : 'read',
  });
}

async function readFirstLine(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    return text.split(/\r?\n/, 1)[0] ?? '';
  } finally {
    await handle.close();
  }
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}
