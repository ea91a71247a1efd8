import path from 'node:path';
import iconv from 'iconv-lite';
import { z } from 'zod';
import type { LoadProblemCode, LoadProblemValues, SkippedResource } from '../shared/load-problems.ts';
import type { CsvDialect } from './csv-text.ts';
import { FIELD_TYPES, type FieldLike } from './field-types.ts';
import { DESCRIPTOR_FILE, isRemote, leavesFolderAsWritten, openInside, packageRoot, readDescriptorText } from './package-files.ts';
import { PackageRefusal, skipped } from './package-refusal.ts';

/**
 * The descriptor side of a Frictionless Data Package (v1; v2 where v1's meaning carries
 * over): reading `datapackage.json`, checking it against the specification, and sorting its
 * resources into those Sprig reads (CSV and Parquet tables with a schema, in the package
 * folder) and those it declines with a plain reason (remote, inline, JSON, Excel, no
 * schema…). A descriptor that breaks the specification is refused, saying where.
 */

export { DESCRIPTOR_FILE } from './package-files.ts';
export { duckdbType } from './field-types.ts';
export { PackageRefusal } from './package-refusal.ts';

/** v1: names are lower-case letters, digits, ".", "-" and "_". */
const NAME = /^[a-z0-9._-]+$/;
const nameSchema = z.string().regex(NAME);

const fieldSchema = z.looseObject({
  name: z.string().min(1),
  type: z.string().optional(),
  format: z.string().optional(),
  title: z.string().optional(),
  description: z.string().optional(),
  constraints: z.looseObject({}).optional(),
  trueValues: z.array(z.string()).optional(),
  falseValues: z.array(z.string()).optional(),
  decimalChar: z.string().min(1).optional(),
  groupChar: z.string().optional(),
  bareNumber: z.boolean().optional(),
  missingValues: z.array(z.union([z.string(), z.looseObject({ value: z.string() })])).optional(),
});

const tableSchemaSchema = z.looseObject({
  fields: z.array(fieldSchema).min(1),
  missingValues: z.array(z.union([z.string(), z.looseObject({ value: z.string() })])).optional(),
  primaryKey: z.union([z.string(), z.array(z.string())]).optional(),
  foreignKeys: z.array(z.looseObject({})).optional(),
});

const resourceShellSchema = z.looseObject({
  name: nameSchema,
  path: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  title: z.string().optional(),
  description: z.string().optional(),
  format: z.string().optional(),
  mediatype: z.string().optional(),
  encoding: z.string().optional(),
  compression: z.string().optional(),
  profile: z.string().optional(),
  schema: z.union([z.string(), z.looseObject({})]).optional(),
  dialect: z.union([z.string(), z.looseObject({})]).optional(),
});

const packageShellSchema = z.looseObject({
  name: nameSchema.optional(),
  title: z.string().optional(),
  description: z.string().optional(),
  version: z.string().optional(),
  licenses: z.array(z.looseObject({ name: z.string().optional(), title: z.string().optional() })).optional(),
  resources: z.array(z.looseObject({})).min(1),
  sprig: z.looseObject({ synthetic: z.boolean().optional() }).optional(),
});

export interface FieldDescriptor extends FieldLike {
  name: string;
  title?: string;
  description?: string;
  constraints?: Record<string, unknown>;
  /** v2: this field's own missing values (their `value` when given as objects). */
  missingValues?: string[];
  [key: string]: unknown;
}

export interface TableSchema {
  fields: FieldDescriptor[];
  /** The strings that stand for a missing value (v2's objects as their `value`); [""] when not given. */
  missingValues?: string[];
  primaryKey?: string | string[];
  foreignKeys?: Record<string, unknown>[];
  [key: string]: unknown;
}

/** A table Sprig reads. */
export interface ResourceDescriptor {
  name: string;
  /** The file as the descriptor names it (the first, for a resource in several files). */
  path: string;
  /** Every file of the resource, in order (v1's multipart `path` array); `[path]` when not given. */
  paths?: string[];
  title?: string;
  description?: string;
  format?: string;
  mediatype?: string;
  encoding?: string;
  compression?: string;
  profile?: string;
  schema: TableSchema;
  /** The dialect as the descriptor gives it (resolved from a file when it names one). */
  dialect?: Record<string, unknown>;
  /** How Sprig reads it (set by readDescriptor; a descriptor made by hand is read as UTF-8 CSV or Parquet by its extension). */
  reading?: Reading;
  [key: string]: unknown;
}

export type Reading =
  | { kind: 'csv'; dialect: CsvDialect; encoding: TextEncoding; compression: 'gz' | 'zip' | null }
  | { kind: 'parquet' };

/** utf-8 and latin-1 DuckDB reads itself; any other encoding iconv-lite knows is transcoded to UTF-8 first. */
export type TextEncoding = { kind: 'utf-8' } | { kind: 'latin-1' } | { kind: 'transcode'; name: string };

export interface PackageDescriptor {
  /** The package's name, or (v1 allows none) one made from its folder's name. */
  name: string;
  title?: string;
  description?: string;
  version?: string;
  licenses?: { name?: string; title?: string; [key: string]: unknown }[];
  sprig?: { synthetic?: boolean; [key: string]: unknown };
  /** The tables Sprig reads. */
  resources: ResourceDescriptor[];
  /** Resources Sprig does not read, with why (each a decline). */
  skipped?: SkippedResource[];
  [key: string]: unknown;
}

export async function readDescriptor(folder: string, maxBytes?: number): Promise<PackageDescriptor> {
  let root: string;
  try {
    root = await packageRoot(folder);
  } catch {
    throw new PackageRefusal(`folder ${folder} cannot be read`, { code: 'folder-unreadable', values: { folder } });
  }
  const text = await readDescriptorText(folder, root, maxBytes);
  const json = parseJson(text, DESCRIPTOR_FILE);
  const shell = parseWith(packageShellSchema, json, '', DESCRIPTOR_FILE);
  // The descriptor's own objects, in their own key order: what Sprig hands on stays as written.
  const rawResources = (json as { resources: Record<string, unknown>[] }).resources;
  const name = shell.name ?? nameFromFolder(folder);
  try {
    return await sortResources(root, name, shell, rawResources);
  } catch (error) {
    if (error instanceof PackageRefusal) error.packageName ??= name;
    throw error;
  }
}

async function sortResources(
  root: string,
  name: string,
  shell: z.infer<typeof packageShellSchema>,
  rawResources: Record<string, unknown>[],
): Promise<PackageDescriptor> {
  const resources: ResourceDescriptor[] = [];
  const declined: SkippedResource[] = [];
  const seen = new Set<string>();
  for (const [index, raw] of shell.resources.entries()) {
    const where = `resources[${index}]`;
    const resource = parseWith(resourceShellSchema, raw, where, DESCRIPTOR_FILE);
    if (seen.has(resource.name)) {
      throw new PackageRefusal(`${DESCRIPTOR_FILE}: two resources are named "${resource.name}"; names must be unique`, {
        file: DESCRIPTOR_FILE,
        resource: resource.name,
        field: `${where}.name`,
        code: 'duplicate-resource',
      });
    }
    seen.add(resource.name);
    const read = await sortResource(root, resource, rawResources[index]!, where);
    if ('resource' in read) resources.push(read.resource);
    else declined.push(read.skipped);
  }
  if (resources.length === 0) {
    throw new PackageRefusal(`Sprig reads none of this package's resources: ${declined.map((d) => d.reason).join('; ')}`, {
      code: 'nothing-to-open',
      values: { package: name, count: declined.length },
      resources: declined,
    });
  }
  checkReferencesToSkipped(resources, declined);
  const { resources: _raw, ...rest } = shell;
  return { ...rest, name, resources, skipped: declined } as PackageDescriptor;
}

/** v1 allows a package without a name; its folder's name, in the form names take, stands in. */
function nameFromFolder(folder: string): string {
  const base = path.basename(path.resolve(folder)).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return base === '' ? 'package' : base;
}

type Sorted = { resource: ResourceDescriptor } | { skipped: SkippedResource };

const decline = (resource: string, code: LoadProblemCode, reason: string, values: LoadProblemValues = {}): Sorted => ({
  skipped: skipped(resource, code, reason, values),
});

const EXCEL = new Set(['xls', 'xlsx', 'xlsm', 'ods']);
const JSON_FORMATS = new Set(['json', 'jsonl', 'ndjson', 'geojson', 'topojson']);
const CSV_FORMATS = new Set(['csv', 'tsv', 'txt', '']);

/** Whether Sprig reads this resource, and how; or why not. */
async function sortResource(root: string, resource: z.infer<typeof resourceShellSchema>, raw: Record<string, unknown>, where: string): Promise<Sorted> {
  const name = resource.name;
  if (resource.path === undefined) {
    if (resource.data !== undefined) return decline(name, 'inline-data', `resource "${name}" holds its data inside the descriptor; Sprig reads tables from CSV or Parquet files`);
    throw descriptorProblem(`${where}.path`, 'path-or-data', name);
  }
  const paths = typeof resource.path === 'string' ? [resource.path] : resource.path;
  const remote = paths.find(isRemote);
  if (remote !== undefined) {
    return decline(name, 'remote-path', `resource "${name}" is on the network (${remote}); Sprig works offline and reads only files in the package folder`, { url: remote });
  }
  const outside = paths.find(leavesFolderAsWritten);
  if (outside !== undefined) {
    throw new PackageRefusal(`resource "${name}": path "${outside}" is outside the package folder; Sprig opens only files inside it`, {
      resource: name,
      file: outside,
      field: `${where}.path`,
      code: 'path-outside',
      rule: 'path',
      values: { path: outside },
    });
  }
  const first = paths[0]!;
  const compressionWord = (resource.compression ?? '').toLowerCase();
  const extension = (p: string) => path.extname(p).slice(1).toLowerCase();
  const compressedByName = ['gz', 'zip'].includes(extension(first)) ? extension(first) : '';
  const compression = compressionWord === 'gzip' ? 'gz' : compressionWord || compressedByName;
  const innerName = compressedByName ? first.slice(0, -(compressedByName.length + 1)) : first;
  const format = (resource.format ?? extension(innerName)).toLowerCase();
  const mediatype = (resource.mediatype ?? '').toLowerCase();

  if (EXCEL.has(format) || mediatype.includes('spreadsheet') || mediatype.includes('ms-excel')) {
    return decline(name, 'excel', `resource "${name}" is a spreadsheet (${format || mediatype}); Sprig reads tables from CSV or Parquet files`, { format: format || mediatype });
  }
  if (JSON_FORMATS.has(format) || mediatype.includes('json')) {
    return decline(name, 'json-table', `resource "${name}" is a JSON table; Sprig reads tables from CSV or Parquet files`, { format: format || mediatype });
  }
  const kind = format === 'parquet' || mediatype.includes('parquet') ? 'parquet' : CSV_FORMATS.has(format) || mediatype === 'text/csv' ? 'csv' : null;
  if (kind === null) return decline(name, 'format-unsupported', `resource "${name}" is in the ${format} format; Sprig reads tables from CSV or Parquet files`, { format });
  if (compression !== '' && (kind === 'parquet' || !['gz', 'zip'].includes(compression))) {
    return decline(name, 'compression-unsupported', `resource "${name}" is compressed with ${compression}; Sprig reads gzip and zip CSV files`, { compression });
  }

  if (resource.schema === undefined) {
    return decline(name, 'no-schema', `resource "${name}" has no table schema, so its columns' types are not declared; Sprig does not guess them`);
  }
  let schemaValue: unknown = resource.schema;
  let schemaFile = DESCRIPTOR_FILE;
  let schemaWhere = `${where}.schema`;
  if (typeof resource.schema === 'string') {
    if (isRemote(resource.schema)) {
      return decline(name, 'remote-schema', `resource "${name}": its table schema is on the network (${resource.schema}); Sprig works offline and does not fetch it`, { url: resource.schema });
    }
    schemaFile = resource.schema;
    schemaWhere = '';
    schemaValue = await readJsonInside(root, resource.schema, name);
  }
  const parsedSchema = parseWith(tableSchemaSchema, schemaValue, schemaWhere, schemaFile);

  let dialectValue: Record<string, unknown> | undefined;
  if (typeof resource.dialect === 'string') {
    if (isRemote(resource.dialect)) {
      return decline(name, 'remote-dialect', `resource "${name}": its CSV dialect is on the network (${resource.dialect}); Sprig works offline and does not fetch it`, { url: resource.dialect });
    }
    const value = await readJsonInside(root, resource.dialect, name);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw descriptorProblem('', 'object', name, resource.dialect);
    dialectValue = value as Record<string, unknown>;
  } else {
    dialectValue = resource.dialect as Record<string, unknown> | undefined;
  }

  const schema = normaliseSchema(name, parsedSchema, schemaValue as Record<string, unknown>, schemaWhere, schemaFile);
  let reading: Reading;
  if (kind === 'parquet') {
    reading = { kind: 'parquet' };
  } else {
    const dialect = resolveDialect(name, dialectValue ?? {}, format === 'tsv' ? '\t' : ',');
    if ('skipped' in dialect) return dialect;
    const encoding = resolveEncoding(resource.encoding);
    if (encoding === null) {
      return decline(name, 'encoding-unsupported', `resource "${name}" is in the ${resource.encoding} encoding, which Sprig cannot read`, { encoding: resource.encoding ?? '' });
    }
    reading = { kind: 'csv', dialect: dialect.dialect, encoding, compression: compression === '' ? null : (compression as 'gz' | 'zip') };
  }
  const read = { ...raw, path: first, schema, ...(dialectValue ? { dialect: dialectValue } : {}) } as ResourceDescriptor;
  // Sprig's own reading of the resource stays out of its JSON (a descriptor written from this one is the package's own).
  Object.defineProperties(read, { paths: { value: paths, enumerable: false }, reading: { value: reading, enumerable: false } });
  return { resource: read };
}

function normaliseSchema(resource: string, schema: z.infer<typeof tableSchemaSchema>, raw: Record<string, unknown>, where: string, file: string): TableSchema {
  const names = new Set<string>();
  for (const [i, field] of schema.fields.entries()) {
    if (names.has(field.name)) {
      throw new PackageRefusal(`${file}: resource "${resource}" has two fields named "${field.name}"; names must be unique`, {
        file,
        resource,
        field: field.name,
        code: 'duplicate-field',
        values: { property: `${where}${where ? '.' : ''}fields[${i}]` },
      });
    }
    names.add(field.name);
    const type = field.type ?? 'string';
    if (!FIELD_TYPES.has(type)) {
      throw new PackageRefusal(`${file}: resource "${resource}", field "${field.name}": "${type}" is not a Table Schema type`, {
        file,
        resource,
        field: field.name,
        code: 'field-type-unknown',
        rule: 'descriptor',
        values: { type },
      });
    }
  }
  // v2's missing values may be objects ({value, label}); Sprig needs their values. Anything
  // else stays as the descriptor wrote it, in its order.
  const missing = (values: unknown) => (values as (string | { value: string })[]).map((v) => (typeof v === 'string' ? v : v.value));
  const strings = (values: unknown) => values === undefined || (values as unknown[]).every((v) => typeof v === 'string');
  const fields = (raw.fields as Record<string, unknown>[]).map((f) => (strings(f.missingValues) ? f : { ...f, missingValues: missing(f.missingValues) }));
  return { ...raw, fields, ...(strings(raw.missingValues) ? {} : { missingValues: missing(raw.missingValues) }) } as TableSchema;
}

/** A field's own missing values (v2), else its schema's. */
export function missingValuesOf(schema: TableSchema, field: FieldDescriptor): string[] {
  return field.missingValues ?? schema.missingValues ?? [''];
}

/** How Sprig reads a resource: as readDescriptor sorted it, or by its extension for one made by hand. */
export function readingOf(resource: ResourceDescriptor): Reading {
  if (resource.reading) return resource.reading;
  if (path.extname(resource.path).toLowerCase() === '.parquet' || resource.format === 'parquet') return { kind: 'parquet' };
  return {
    kind: 'csv',
    dialect: { delimiter: ',', quoteChar: '"', escapeChar: '"', header: true, skipInitialSpace: false },
    encoding: { kind: 'utf-8' },
    compression: null,
  };
}

/** CSV Dialect (v1) with its defaults; what DuckDB cannot read as written is declined, never read another way. */
function resolveDialect(resource: string, raw: Record<string, unknown>, defaultDelimiter: string): { dialect: CsvDialect } | { skipped: SkippedResource } {
  const unsupported = (property: string, why: string) => ({
    skipped: skipped(resource, 'dialect-unsupported', `resource "${resource}": ${why}; Sprig cannot read this CSV dialect`, { property }),
  });
  const text = (key: string, fallback: string) => (typeof raw[key] === 'string' ? (raw[key] as string) : fallback);
  const delimiter = text('delimiter', defaultDelimiter);
  const quoteChar = text('quoteChar', '"');
  const doubleQuote = raw.doubleQuote !== false;
  const escape = typeof raw.escapeChar === 'string' ? (raw.escapeChar as string) : doubleQuote ? quoteChar : '';
  if (typeof raw.commentChar === 'string' && raw.commentChar !== '') return unsupported('commentChar', 'its lines may be comments (commentChar)');
  if (Array.isArray(raw.commentRows) && raw.commentRows.length > 0) return unsupported('commentRows', 'some of its rows are comments (commentRows)');
  if (Array.isArray(raw.headerRows) && !(raw.headerRows.length === 1 && raw.headerRows[0] === 1)) return unsupported('headerRows', 'its header is not one first row (headerRows)');
  if (delimiter === '' || Buffer.byteLength(delimiter) > 4) return unsupported('delimiter', `its delimiter "${delimiter}" is not 1 to 4 bytes`);
  if (Buffer.byteLength(quoteChar) > 1) return unsupported('quoteChar', `its quote character "${quoteChar}" is not one byte`);
  if (Buffer.byteLength(escape) > 1) return unsupported('escapeChar', `its escape character "${escape}" is not one byte`);
  if (/[\r\n]/.test(delimiter) || (quoteChar !== '' && delimiter.includes(quoteChar))) return unsupported('delimiter', 'its delimiter is a line break or holds the quote character');
  const nullSequence = typeof raw.nullSequence === 'string' ? (raw.nullSequence as string) : undefined;
  return {
    dialect: {
      delimiter,
      quoteChar,
      escapeChar: escape,
      header: raw.header !== false,
      skipInitialSpace: raw.skipInitialSpace === true,
      ...(nullSequence !== undefined ? { nullSequence } : {}),
    },
  };
}

const UTF8_NAMES = new Set(['', 'utf-8', 'utf8', 'ascii', 'us-ascii', 'utf-8-sig']);
const LATIN1_NAMES = new Set(['iso-8859-1', 'iso8859-1', 'iso_8859-1', 'latin1', 'latin-1', 'l1', 'cp819', 'ibm819', 'iso-ir-100']);

function resolveEncoding(declared: string | undefined): TextEncoding | null {
  const name = (declared ?? '').trim().toLowerCase();
  if (UTF8_NAMES.has(name)) return { kind: 'utf-8' };
  // DuckDB's latin-1 is ISO-8859-1 byte for byte (not Windows-1252, which iconv-lite reads).
  if (LATIN1_NAMES.has(name)) return { kind: 'latin-1' };
  return iconv.encodingExists(name) ? { kind: 'transcode', name } : null;
}

/** A package whose table has a foreign key into a resource Sprig does not read cannot be checked: it is declined whole. */
function checkReferencesToSkipped(resources: ResourceDescriptor[], declined: SkippedResource[]): void {
  const skippedNames = new Set(declined.map((d) => d.resource));
  for (const resource of resources) {
    for (const fk of resource.schema.foreignKeys ?? []) {
      const target = (fk as { reference?: { resource?: unknown } }).reference?.resource;
      if (typeof target === 'string' && skippedNames.has(target)) {
        const why = declined.find((d) => d.resource === target)!;
        throw new PackageRefusal(`resource "${resource.name}" refers to resource "${target}", which Sprig does not read (${why.reason})`, {
          resource: resource.name,
          code: 'refers-to-skipped',
          values: { target },
          resources: declined,
        });
      }
    }
  }
}

/** A JSON file the descriptor names (a table schema or a dialect), read under the same rules as data. */
async function readJsonInside(root: string, written: string, resource: string): Promise<unknown> {
  const file = await openInside(root, written, resource);
  try {
    return parseJson(await file.handle.readFile('utf8'), written);
  } finally {
    await file.handle.close();
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const at = /position (\d+)/.exec((error as Error).message)?.[1];
    const position = at === undefined ? text.length : Number(at);
    const before = text.slice(0, position).split('\n');
    const line = before.length;
    const column = (before.at(-1)?.length ?? 0) + 1;
    throw new PackageRefusal(`${file} is not valid JSON (line ${line}, column ${column})`, {
      file,
      code: 'descriptor-json',
      rule: 'json',
      values: { line, column },
    });
  }
}

/** Validates with zod, and refuses in Sprig's own words (never zod's) with the property's path. */
function parseWith<T extends z.ZodType>(schema: T, value: unknown, where: string, file: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const property = joinPath(where, issue.path);
  throw descriptorProblem(property, expectedOf(issue), undefined, file);
}

function joinPath(where: string, keys: PropertyKey[]): string {
  let out = where;
  for (const key of keys) out += typeof key === 'number' ? `[${key}]` : `${out === '' ? '' : '.'}${String(key)}`;
  return out;
}

/** What a property should be, as a word the interface translates (loadProblem.words.*). */
function expectedOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'present' : issue.expected;
    case 'too_small':
      return issue.origin === 'array' ? 'non-empty-list' : 'non-empty-text';
    case 'invalid_format':
      return 'name';
    default:
      return 'valid-value';
  }
}

const EXPECTED_ENGLISH: Record<string, string> = {
  present: 'present',
  object: 'an object',
  array: 'a list',
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  'non-empty-list': 'a list that is not empty',
  'non-empty-text': 'text that is not empty',
  name: 'a name of lower-case letters, digits, ".", "-" and "_"',
  'path-or-data': 'given: a resource needs a path or data',
  'valid-value': 'a value the specification allows',
};

function englishExpected(expected: string): string {
  return EXPECTED_ENGLISH[expected] ?? expected;
}

function descriptorProblem(property: string, expected: string, resource?: string, file = DESCRIPTOR_FILE): PackageRefusal {
  const shown = property === '' ? 'the file' : property;
  // The property is named in the sentence (values.property), not as a field of a table.
  return new PackageRefusal(`${file}: ${shown} must be ${englishExpected(expected)}`, {
    file,
    ...(resource !== undefined ? { resource } : {}),
    code: 'descriptor-invalid',
    rule: 'descriptor',
    values: { property: shown, expected },
  });
}
