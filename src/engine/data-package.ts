import { open, readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { z } from 'zod';
import { sqlIdentifier, sqlString } from '../shared/sql/quote.ts';

/**
 * Frictionless Data Packages (v1): a `datapackage.json` beside CSV (or Parquet) files.
 * Column types come from the descriptor's table schema, never from guessing.
 */

const nameSchema = z.string().regex(/^[a-z0-9._-]+$/, 'must use only lower-case letters, digits, ".", "-" and "_"');

const fieldSchema = z.looseObject({
  name: z.string().min(1),
  type: z.string().optional(),
  format: z.string().optional(),
  title: z.string().optional(),
  description: z.string().optional(),
  constraints: z.looseObject({}).optional(),
});

const resourceSchema = z.looseObject({
  name: nameSchema,
  path: z.string().min(1),
  title: z.string().optional(),
  format: z.string().optional(),
  dialect: z.looseObject({ delimiter: z.string().length(1).optional() }).optional(),
  schema: z.looseObject({
    fields: z.array(fieldSchema).min(1),
    missingValues: z.array(z.string()).optional(),
    primaryKey: z.union([z.string(), z.array(z.string())]).optional(),
    foreignKeys: z.array(z.looseObject({})).optional(),
  }),
});

const descriptorSchema = z.looseObject({
  name: nameSchema,
  title: z.string().optional(),
  description: z.string().optional(),
  version: z.string().optional(),
  licenses: z.array(z.looseObject({ name: z.string().optional(), title: z.string().optional() })).optional(),
  resources: z.array(resourceSchema).min(1),
  sprig: z.looseObject({ synthetic: z.boolean().optional() }).optional(),
});

export type PackageDescriptor = z.infer<typeof descriptorSchema>;
export type ResourceDescriptor = z.infer<typeof resourceSchema>;
export type FieldDescriptor = z.infer<typeof fieldSchema>;

export const DESCRIPTOR_FILE = 'datapackage.json';

/** Why a package was not opened, and where, when the problem is in one place. */
export class PackageRefusal extends Error {
  readonly file: string | undefined;
  readonly row: number | undefined;
  readonly field: string | undefined;
  readonly rule: string | undefined;

  constructor(message: string, where: { file?: string; row?: number; field?: string; rule?: string } = {}) {
    super(message);
    this.file = where.file;
    this.row = where.row;
    this.field = where.field;
    this.rule = where.rule;
  }
}

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

export async function readDescriptor(folder: string): Promise<PackageDescriptor> {
  let text: string;
  try {
    text = await readFile(path.join(folder, DESCRIPTOR_FILE), 'utf8');
  } catch {
    throw new PackageRefusal(`${DESCRIPTOR_FILE} cannot be read`, { file: DESCRIPTOR_FILE });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PackageRefusal(`${DESCRIPTOR_FILE} is not valid JSON: ${(error as Error).message}`, { file: DESCRIPTOR_FILE, rule: 'json' });
  }
  const parsed = descriptorSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    throw new PackageRefusal(`${DESCRIPTOR_FILE}: ${where}: ${issue?.message ?? 'invalid'}`, { file: DESCRIPTOR_FILE, field: where, rule: 'descriptor' });
  }
  for (const resource of parsed.data.resources) checkResourcePath(resource);
  return parsed.data;
}

/** Data must sit inside the package folder: nothing on the network, nothing elsewhere on disk. */
function checkResourcePath(resource: ResourceDescriptor): void {
  const p = resource.path;
  if (/^[a-z][a-z0-9+.-]*:/i.test(p) || path.isAbsolute(p) || p.split(/[\\/]/).includes('..')) {
    throw new PackageRefusal(`resource "${resource.name}": path "${p}" is outside the package folder; Sprig opens only files inside it`, {
      file: DESCRIPTOR_FILE,
      field: `resources.${resource.name}.path`,
      rule: 'path',
    });
  }
}

const duckdbTypes: Record<string, string> = {
  string: 'VARCHAR',
  integer: 'BIGINT',
  number: 'DOUBLE',
  boolean: 'BOOLEAN',
  date: 'DATE',
  datetime: 'TIMESTAMP',
  time: 'TIME',
  year: 'INTEGER',
  any: 'VARCHAR',
};

/** The DuckDB type for a Frictionless field type; types Sprig does not model stay text. */
export function duckdbType(field: FieldDescriptor): string {
  return duckdbTypes[field.type ?? 'string'] ?? 'VARCHAR';
}

/** Loads every resource into a schema named after the package; all or nothing. */
export async function loadPackage(connection: DuckDBConnection, folder: string, descriptor: PackageDescriptor): Promise<void> {
  const schema = sqlIdentifier(descriptor.name);
  await connection.run('BEGIN TRANSACTION');
  try {
    await connection.run(`CREATE SCHEMA ${schema}`);
    for (const resource of descriptor.resources) await loadResource(connection, folder, schema, resource);
    await connection.run('COMMIT');
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

/** Turns DuckDB's CSV errors into a refusal naming the file, line, field and rule. */
function refusalFromLoadError(error: Error, resource: ResourceDescriptor): PackageRefusal {
  const text = error.message;
  const line = /on Line: (\d+)/i.exec(text)?.[1];
  const column = /column "?([^".\s]+)"?/i.exec(text)?.[1];
  const field = column && resource.schema.fields.some((f) => f.name === column) ? column : undefined;
  const declared = field ? resource.schema.fields.find((f) => f.name === field)?.type ?? 'string' : undefined;
  const firstLine = text.split('\n')[0] ?? text;
  const where = [resource.path, line ? `line ${line}` : null, field ? `field "${field}"` : null].filter(Boolean).join(': ');
  return new PackageRefusal(`${where}: ${declared ? `not a valid ${declared}` : firstLine}`, {
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
