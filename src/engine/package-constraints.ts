import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { z } from 'zod';
import { sqlIdentifier, sqlString } from '../shared/sql/quote.ts';
import {
  DESCRIPTOR_FILE,
  duckdbType,
  PackageRefusal,
  type FieldDescriptor,
  type PackageDescriptor,
  type ResourceDescriptor,
} from './package-descriptor.ts';

/**
 * Checks a loaded package against its own table schemas: required, enum, minimum,
 * maximum, pattern, minLength, maxLength, unique, primary keys and foreign keys. The
 * first broken rule refuses the package with the file, the line, the field and the rule.
 *
 * Runs after every resource is loaded into the schema named after the package, inside
 * the loading transaction, so a refusal leaves nothing behind. Each table's field rules
 * are checked in one scan; keys use hash aggregates and anti joins.
 *
 * Lines count CSV records as DuckDB does (header = line 1, first row = line 2); they
 * differ from the editor's line number only when a quoted cell holds a line break.
 * Rows keep file order in DuckDB (insertion order is preserved), so a row's position is
 * its rowid minus the table's first rowid.
 */

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const constraintsSchema = z.looseObject({
  required: z.boolean().optional(),
  unique: z.boolean().optional(),
  enum: z.array(scalar).min(1).optional(),
  minimum: z.union([z.string(), z.number()]).optional(),
  maximum: z.union([z.string(), z.number()]).optional(),
  pattern: z.string().optional(),
  minLength: z.number().int().nonnegative().optional(),
  maxLength: z.number().int().nonnegative().optional(),
});
type Constraints = z.infer<typeof constraintsSchema>;

const fieldList = z.union([z.string(), z.array(z.string()).min(1)]);
const foreignKeySchema = z.looseObject({
  fields: fieldList,
  reference: z.looseObject({ resource: z.string(), fields: fieldList }),
});

/** One rule on one field, as a SQL condition true on the rows that break it. */
interface FieldRule {
  field: FieldDescriptor;
  rule: string;
  broken: string;
  /** What is wrong, given the cell as text. */
  explain: (value: string) => string;
}

/** Where a table's rows came from, for messages. */
interface Place {
  resource: ResourceDescriptor;
  table: string;
  /** "line" for CSV (header = line 1), "row" for Parquet. */
  unit: 'line' | 'row';
  firstRow: number;
}

export async function checkPackageConstraints(connection: DuckDBConnection, descriptor: PackageDescriptor): Promise<void> {
  const schema = sqlIdentifier(descriptor.name);
  const byName = new Map(descriptor.resources.map((r) => [r.name, r]));
  for (const resource of descriptor.resources) {
    const place = placeOf(schema, resource);
    await withDescriptorErrors(resource, async () => {
      await checkFieldRules(connection, place);
      await checkUniqueKeys(connection, place);
      await checkForeignKeys(connection, place, schema, byName);
    });
  }
}

function placeOf(schema: string, resource: ResourceDescriptor): Place {
  const isParquet = (resource.format ?? path.extname(resource.path).slice(1)).toLowerCase() === 'parquet';
  return {
    resource,
    table: `${schema}.${sqlIdentifier(resource.name)}`,
    unit: isParquet ? 'row' : 'line',
    firstRow: isParquet ? 1 : 2,
  };
}

/**
 * A constraint DuckDB cannot evaluate (a bad regular expression, an enum value of the wrong
 * type) is the descriptor's fault. Other failures (out of memory, an interrupt) pass as they are.
 */
async function withDescriptorErrors(resource: ResourceDescriptor, check: () => Promise<void>): Promise<void> {
  try {
    await check();
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0] ?? String(error);
    if (error instanceof PackageRefusal || !/^(Parser|Binder|Conversion|Invalid Input) Error/.test(reason)) throw error;
    throw new PackageRefusal(`${DESCRIPTOR_FILE}: resource "${resource.name}": its constraints cannot be checked: ${reason}`, {
      file: DESCRIPTOR_FILE,
      field: resource.name,
      rule: 'descriptor',
    });
  }
}

// ---- field rules ---------------------------------------------------------------------

function constraintsOf(resource: ResourceDescriptor, field: FieldDescriptor): Constraints {
  const parsed = constraintsSchema.safeParse(field.constraints ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new PackageRefusal(
    `${DESCRIPTOR_FILE}: resource "${resource.name}", field "${field.name}": constraints.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
    { file: DESCRIPTOR_FILE, field: `${resource.name}.${field.name}`, rule: 'descriptor' },
  );
}

/** A descriptor value as a SQL literal of the field's type. */
function literal(field: FieldDescriptor, value: string | number | boolean): string {
  return `CAST(${sqlString(String(value))} AS ${duckdbType(field)})`;
}

const ORDERED_TYPES = new Set(['BIGINT', 'DOUBLE', 'DATE', 'TIMESTAMP', 'TIME', 'INTEGER']);

function fieldRules(resource: ResourceDescriptor): FieldRule[] {
  const primaryKey = new Set(keyFields(resource.schema.primaryKey));
  const rules: FieldRule[] = [];
  for (const field of resource.schema.fields) {
    const c = constraintsOf(resource, field);
    const column = sqlIdentifier(field.name);
    const text = `CAST(${column} AS VARCHAR)`;
    if (c.required || primaryKey.has(field.name)) {
      const why = c.required ? '' : ', as part of the primary key';
      rules.push({ field, rule: 'required', broken: `${column} IS NULL`, explain: () => `a value is required${why} but the cell is empty (required)` });
    }
    if (c.enum) {
      const allowed = c.enum;
      const shown = allowed.length <= 8 ? `: ${allowed.map((v) => JSON.stringify(v)).join(', ')}` : '';
      rules.push({
        field,
        rule: 'enum',
        broken: `${column} NOT IN (${allowed.map((v) => literal(field, v)).join(', ')})`,
        explain: (v) => `${v} is not one of the allowed values${shown} (enum)`,
      });
    }
    if (ORDERED_TYPES.has(duckdbType(field))) {
      if (c.minimum !== undefined) {
        const min = c.minimum;
        rules.push({ field, rule: 'minimum', broken: `${column} < ${literal(field, min)}`, explain: (v) => `${v} is below the minimum ${min} (minimum)` });
      }
      if (c.maximum !== undefined) {
        const max = c.maximum;
        rules.push({ field, rule: 'maximum', broken: `${column} > ${literal(field, max)}`, explain: (v) => `${v} is above the maximum ${max} (maximum)` });
      }
    }
    if (c.pattern !== undefined) {
      const pattern = c.pattern;
      rules.push({
        field,
        rule: 'pattern',
        broken: `NOT regexp_full_match(${text}, ${sqlString(pattern)})`,
        explain: (v) => `${v} does not match the pattern ${pattern} (pattern)`,
      });
    }
    if (c.minLength !== undefined) {
      const n = c.minLength;
      rules.push({ field, rule: 'minLength', broken: `length(${text}) < ${n}`, explain: (v) => `${v} is shorter than ${n} characters (minLength)` });
    }
    if (c.maxLength !== undefined) {
      const n = c.maxLength;
      rules.push({ field, rule: 'maxLength', broken: `length(${text}) > ${n}`, explain: (v) => `${v} is longer than ${n} characters (maxLength)` });
    }
  }
  return rules;
}

/** One scan per table: the first row breaking each rule, then the earliest of those. */
async function checkFieldRules(connection: DuckDBConnection, place: Place): Promise<void> {
  const rules = fieldRules(place.resource);
  if (rules.length === 0) return;
  const firsts = rules.map((r, i) => `min(rowid) FILTER (WHERE ${r.broken}) AS r${i}`).join(', ');
  const [found] = await rowsOf(connection, `SELECT ${firsts} FROM ${place.table}`);
  let index = -1;
  let rowid = 0n;
  rules.forEach((_, i) => {
    const first = found?.[`r${i}`];
    if (typeof first === 'bigint' && (index === -1 || first < rowid)) {
      index = i;
      rowid = first;
    }
  });
  if (index === -1) return;
  const rule = rules[index]!;
  const [cells] = await cellsAt(connection, place, rowid, [rule.field.name]);
  refuse(place, await rowNumber(connection, place, rowid), [rule.field.name], rule.rule, rule.explain(showValue(rule.field, cells?.[0] ?? null)));
}

// ---- keys ------------------------------------------------------------------------------

function keyFields(key: string | string[] | undefined): string[] {
  if (key === undefined) return [];
  return typeof key === 'string' ? [key] : key;
}

/** The primary key, then each field declared unique; nulls never clash (they are caught by `required`). */
async function checkUniqueKeys(connection: DuckDBConnection, place: Place): Promise<void> {
  const resource = place.resource;
  const primaryKey = keyFields(resource.schema.primaryKey);
  checkFieldsExist(resource, primaryKey, 'primaryKey');
  const keys: { fields: string[]; rule: string; why: string }[] = [];
  if (primaryKey.length > 0) keys.push({ fields: primaryKey, rule: 'primaryKey', why: 'the primary key must be unique' });
  for (const field of resource.schema.fields) {
    const alreadyKey = primaryKey.length === 1 && primaryKey[0] === field.name;
    if (constraintsOf(resource, field).unique && !alreadyKey) keys.push({ fields: [field.name], rule: 'unique', why: 'values must be unique' });
  }
  for (const key of keys) await checkUnique(connection, place, key.fields, key.rule, key.why);
}

async function checkUnique(connection: DuckDBConnection, place: Place, fields: string[], rule: string, why: string): Promise<void> {
  const columns = fields.map(sqlIdentifier);
  const notNull = columns.map((c) => `${c} IS NOT NULL`).join(' AND ');
  const keyList = columns.join(', ');
  // Counting distinct 64-bit hashes is the cheap test (twice as fast as grouping on wide
  // keys at 10 million rows): all distinct means no repeat; otherwise look exactly.
  const [counts] = await rowsOf(connection, `SELECT count(DISTINCT hash(${keyList})) = count(*) AS all_distinct FROM ${place.table} WHERE ${notNull}`);
  if (counts?.all_distinct === true) return;
  const [repeat] = await rowsOf(
    connection,
    `SELECT r, first FROM (
       SELECT rowid AS r, min(rowid) OVER (PARTITION BY ${keyList}) AS first,
         row_number() OVER (PARTITION BY ${keyList} ORDER BY rowid) AS k
       FROM ${place.table} WHERE ${notNull})
     WHERE k = 2 ORDER BY r LIMIT 1`,
  );
  if (!repeat) return; // two keys shared a hash, but no key repeats
  const rowid = repeat.r as bigint;
  const [cells] = await cellsAt(connection, place, rowid, fields);
  const values = fieldsOf(place.resource, fields).map((f, i) => showValue(f, cells?.[i] ?? null));
  const earlier = await rowNumber(connection, place, repeat.first as bigint);
  refuse(place, await rowNumber(connection, place, rowid), fields, rule, `${values.join(', ')} repeats ${place.unit} ${earlier}; ${why} (${rule})`);
}

/** Every non-empty foreign key must match a row of the table it references. */
async function checkForeignKeys(connection: DuckDBConnection, place: Place, schema: string, resources: Map<string, ResourceDescriptor>): Promise<void> {
  const resource = place.resource;
  for (const [n, raw] of (resource.schema.foreignKeys ?? []).entries()) {
    const parsed = foreignKeySchema.safeParse(raw);
    if (!parsed.success) descriptorError(resource, `foreignKeys.${n}`, `foreign key ${n + 1} needs "fields" and "reference": {"resource", "fields"}`);
    const fk = parsed.data;
    const fields = keyFields(fk.fields);
    const target = fk.reference.resource === '' ? resource : resources.get(fk.reference.resource);
    if (!target) descriptorError(resource, `foreignKeys.${n}`, `foreign key ${n + 1} references "${fk.reference.resource}", which is not a resource of this package`);
    const referenced = keyFields(fk.reference.fields);
    checkFieldsExist(resource, fields, 'foreignKey');
    checkFieldsExist(target, referenced, 'foreignKey');
    if (referenced.length !== fields.length) descriptorError(resource, `foreignKeys.${n}`, `foreign key ${n + 1} pairs ${fields.length} fields with ${referenced.length}`);
    await checkForeignKey(connection, place, `${schema}.${sqlIdentifier(target.name)}`, target, fields, referenced);
  }
}

async function checkForeignKey(
  connection: DuckDBConnection,
  place: Place,
  targetTable: string,
  target: ResourceDescriptor,
  fields: string[],
  referenced: string[],
): Promise<void> {
  const own = fieldsOf(place.resource, fields);
  const theirs = fieldsOf(target, referenced);
  // Compare as text when the declared types differ, rather than fail on a cast.
  const side = (alias: string, f: FieldDescriptor, other: FieldDescriptor) =>
    duckdbType(f) === duckdbType(other) ? `${alias}.${sqlIdentifier(f.name)}` : `CAST(${alias}.${sqlIdentifier(f.name)} AS VARCHAR)`;
  const notNull = own.map((f) => `c.${sqlIdentifier(f.name)} IS NOT NULL`).join(' AND ');
  const match = own.map((f, i) => `${side('p', theirs[i]!, f)} = ${side('c', f, theirs[i]!)}`).join(' AND ');
  const [found] = await rowsOf(
    connection,
    `SELECT min(c.rowid) AS r FROM ${place.table} AS c ANTI JOIN ${targetTable} AS p ON ${match} WHERE ${notNull}`,
  );
  const rowid = found?.r;
  if (typeof rowid !== 'bigint') return;
  const [cells] = await cellsAt(connection, place, rowid, fields);
  const values = own.map((f, i) => showValue(f, cells?.[i] ?? null)).join(', ');
  const targetFile = target.path;
  const names = referenced.join(', ');
  const what = fields.length === 1 ? `is not a ${names} in ${targetFile}` : `match no ${names} in ${targetFile}`;
  refuse(place, await rowNumber(connection, place, rowid), fields, 'foreignKey', `${values} ${what} (foreignKey)`);
}

function fieldsOf(resource: ResourceDescriptor, names: string[]): FieldDescriptor[] {
  return names.map((name) => resource.schema.fields.find((f) => f.name === name)!);
}

function checkFieldsExist(resource: ResourceDescriptor, names: string[], rule: string): void {
  const missing = names.find((name) => !resource.schema.fields.some((f) => f.name === name));
  if (missing !== undefined) descriptorError(resource, rule, `${rule} names "${missing}", which is not a field of "${resource.name}"`);
}

function descriptorError(resource: ResourceDescriptor, where: string, message: string): never {
  throw new PackageRefusal(`${DESCRIPTOR_FILE}: resource "${resource.name}": ${message}`, {
    file: DESCRIPTOR_FILE,
    field: `${resource.name}.${where}`,
    rule: 'descriptor',
  });
}

// ---- rows and messages ----------------------------------------------------------------

async function rowsOf(connection: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await connection.runAndReadAll(sql)).getRowObjects() as Record<string, unknown>[];
}

/** The given columns of one row, as text (null for an empty cell). */
async function cellsAt(connection: DuckDBConnection, place: Place, rowid: bigint, fields: string[]): Promise<(string | null)[][]> {
  const columns = fields.map((f) => `CAST(${sqlIdentifier(f)} AS VARCHAR)`).join(', ');
  const reader = await connection.runAndReadAll(`SELECT ${columns} FROM ${place.table} WHERE rowid = ${rowid}`);
  return reader.getRows().map((row) => row.map((v) => (v === null ? null : String(v))));
}

/** The row's line in the CSV (or its row in the Parquet file). */
async function rowNumber(connection: DuckDBConnection, place: Place, rowid: bigint): Promise<number> {
  const [found] = await rowsOf(connection, `SELECT (${rowid} - min(rowid))::DOUBLE AS i FROM ${place.table}`);
  return Number(found?.i ?? 0) + place.firstRow;
}

function showValue(field: FieldDescriptor, value: string | null): string {
  if (value === null) return 'an empty cell';
  return duckdbType(field) === 'VARCHAR' ? JSON.stringify(value) : value;
}

function refuse(place: Place, row: number, fields: string[], rule: string, what: string): never {
  const file = place.resource.path;
  const label = fields.length === 1 ? `field "${fields[0]}"` : `fields ${fields.map((f) => `"${f}"`).join(', ')}`;
  throw new PackageRefusal(`${file}: ${place.unit} ${row}: ${label}: ${what}`, { file, row, field: fields.join(','), rule });
}
