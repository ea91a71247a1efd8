import type { DuckDBConnection } from '@duckdb/node-api';
import { z } from 'zod';
import type { LoadProblemCode, LoadProblemValues } from '../shared/load-problems.ts';
import { sqlIdentifier, sqlString } from '../shared/sql/quote.ts';
import { duckdbType, tryConversion } from './field-types.ts';
import { DESCRIPTOR_FILE, type FieldDescriptor, type PackageDescriptor, type ResourceDescriptor } from './package-descriptor.ts';
import { PackageRefusal, shownText } from './package-refusal.ts';

/**
 * Checks a loaded table against its own schema: blank rows, required, enum, minimum,
 * maximum, pattern, minLength, maxLength, unique, primary keys and foreign keys. The first
 * broken rule in file order refuses the package with the file, the line, the field and
 * the rule, as a Frictionless validator reads a table row by row, cell by cell.
 *
 * Runs inside the loading transaction, so a refusal leaves nothing behind. A table's
 * field rules are checked in one scan; keys use hash aggregates and anti joins.
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

/** Where a table's rows came from, for messages. */
export interface Place {
  resource: ResourceDescriptor;
  table: string;
  /** "line" for CSV (header = line 1), "row" for Parquet. */
  unit: 'line' | 'row';
  /** The file and line (or row) of the row at this position (0 = the first row). */
  locate: (index: number) => { file: string; row: number };
  /** CSV rows can be blank (every cell empty); Parquet rows have no such thing. */
  blankRows: boolean;
}

/** A problem at one row: what `refuseAt` needs. */
export interface RowProblem {
  index: number;
  fields: string[];
  code: LoadProblemCode;
  reason: string;
  values: LoadProblemValues;
}

/** One rule on one field, as a SQL condition true on the rows that break it. */
export interface FieldRule {
  field: FieldDescriptor | null;
  fieldIndex: number;
  rule: LoadProblemCode;
  broken: string;
  /** What is wrong, given the cell as shown, and the values for its sentence. */
  explain: (value: string) => { reason: string; values: LoadProblemValues };
}

/**
 * A table's blank rows and field rules (one scan), its primary key and unique fields, and
 * any problem found another way (a blank line DuckDB skipped): the earliest in file order
 * is refused.
 */
export async function checkTable(connection: DuckDBConnection, place: Place, known: RowProblem | null = null): Promise<void> {
  await withDescriptorErrors(place.resource, async () => {
    const rules = fieldRules(place.resource, (f) => sqlIdentifier(f.name), place.blankRows);
    const [ruleFound, keyFound] = [await firstBroken(connection, place.table, rules), await firstRepeat(connection, place)];
    let problem: RowProblem | null = null;
    if (ruleFound) {
      const rule = ruleFound.rule;
      const cell = rule.field ? await cellText(connection, place.table, ruleFound.index, sqlIdentifier(rule.field.name)) : null;
      problem = { index: ruleFound.index, fields: rule.field ? [rule.field.name] : [], code: rule.rule, ...rule.explain(showValue(rule.field, cell)) };
      if (rule.rule === 'required' && place.blankRows && (await isBlankRow(connection, place, ruleFound.index))) {
        problem = { index: ruleFound.index, fields: [], code: 'blank-row', reason: 'the row is blank: every cell is empty (blank-row)', values: {} };
      }
    }
    if (keyFound && (problem === null || keyFound.index < problem.index)) problem = keyFound;
    if (known && (problem === null || known.index <= problem.index)) problem = known;
    if (problem) refuseAt(place, problem);
  });
}

/**
 * A constraint DuckDB cannot evaluate (a bad regular expression, an enum value of the wrong
 * type) is the descriptor's fault. Other failures (out of memory, an interrupt) pass as they are.
 */
export async function withDescriptorErrors(resource: ResourceDescriptor, check: () => Promise<void>): Promise<void> {
  try {
    await check();
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0] ?? String(error);
    if (error instanceof PackageRefusal || !/^(Parser|Binder|Conversion|Invalid Input) Error/.test(reason)) throw error;
    throw new PackageRefusal(`${DESCRIPTOR_FILE}: resource "${resource.name}": its constraints cannot be checked (${shownText(reason, 200)})`, {
      file: DESCRIPTOR_FILE,
      resource: resource.name,
      code: 'constraint-invalid',
      rule: 'descriptor',
    });
  }
}

// ---- field rules ---------------------------------------------------------------------

function constraintsOf(resource: ResourceDescriptor, field: FieldDescriptor): Constraints {
  const parsed = constraintsSchema.safeParse(field.constraints ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const constraint = String(issue?.path[0] ?? '');
  throw new PackageRefusal(`${DESCRIPTOR_FILE}: resource "${resource.name}", field "${field.name}": its constraint ${constraint} is not valid`, {
    file: DESCRIPTOR_FILE,
    resource: resource.name,
    field: field.name,
    code: 'constraint-invalid',
    rule: 'descriptor',
    values: { constraint },
  });
}

/** A descriptor value as a SQL literal of the field's type (read with the field's own format, as its cells are). */
function literal(field: FieldDescriptor, value: string | number | boolean): string {
  const text = sqlString(String(value));
  const type = duckdbType(field);
  if (type === 'VARCHAR') return text;
  // A constant DuckDB folds, so that `NOT IN (…)` is one hash lookup; only a field written
  // its own way (a date format, a decimal comma, its own true values) needs its conversion.
  if (typeof value !== 'string' || !writtenItsOwnWay(field)) return `CAST(${text} AS ${type})`;
  return `coalesce(${tryConversion(field, text)}, CAST(${text} AS ${type}))`;
}

function writtenItsOwnWay(field: FieldDescriptor): boolean {
  const format = field.format ?? 'default';
  return (
    (format !== 'default' && ['date', 'time', 'datetime'].includes(field.type ?? '')) ||
    field.decimalChar !== undefined ||
    Boolean(field.groupChar) ||
    field.bareNumber === false ||
    field.trueValues !== undefined ||
    field.falseValues !== undefined
  );
}

const ORDERED_TYPES = new Set(['BIGINT', 'DOUBLE', 'DATE', 'TIMESTAMP', 'TIME', 'INTEGER']);

/**
 * Every field rule of a resource, in the order a validator meets them (field by field),
 * over the given column expressions (the loaded column, or the text converted by TRY).
 */
export function fieldRules(
  resource: ResourceDescriptor,
  column: (f: FieldDescriptor) => string,
  blankRows: boolean,
  /** The cell as read, when `column` is a conversion of it (a blank row is one whose cells are all empty as read). */
  cell: (f: FieldDescriptor) => string = column,
): FieldRule[] {
  const primaryKey = new Set(keyFields(resource.schema.primaryKey));
  const rules: FieldRule[] = [];
  // A blank row breaks `required` wherever a field is required, and is told apart then
  // (see checkTable): only a table with no required field needs its own test in the scan.
  const anyRequired = primaryKey.size > 0 || resource.schema.fields.some((f) => (f.constraints as { required?: unknown } | undefined)?.required === true);
  if (blankRows && (!anyRequired || cell !== column)) {
    rules.push({
      field: null,
      fieldIndex: -1,
      rule: 'blank-row',
      broken: resource.schema.fields.map((f) => `${cell(f)} IS NULL`).join(' AND '),
      explain: () => ({ reason: 'the row is blank: every cell is empty (blank-row)', values: {} }),
    });
  }
  for (const [fieldIndex, field] of resource.schema.fields.entries()) {
    const c = constraintsOf(resource, field);
    const col = column(field);
    const text = `CAST(${col} AS VARCHAR)`;
    const add = (rule: LoadProblemCode, broken: string, explain: FieldRule['explain']) => rules.push({ field, fieldIndex, rule, broken, explain });
    if (c.required || primaryKey.has(field.name)) {
      const asKey = !c.required;
      add('required', `${col} IS NULL`, () => ({
        reason: `a value is required${asKey ? ', as part of the primary key' : ''} but the cell is empty (required)`,
        values: { primaryKey: asKey ? 1 : 0 },
      }));
    }
    if (c.enum) {
      const allowed = c.enum;
      const shown = allowed.length <= 8 ? allowed.map((v) => JSON.stringify(v)).join(', ') : '';
      add('enum', `${col} NOT IN (${allowed.map((v) => literal(field, v)).join(', ')})`, (v) => ({
        reason: `${v} is not one of the allowed values${shown ? `: ${shown}` : ''} (enum)`,
        values: { value: v, allowed: shown },
      }));
    }
    const type = duckdbType(field);
    if (ORDERED_TYPES.has(type)) {
      // NaN is above every number in DuckDB; in the specification no comparison with NaN holds.
      const notNaN = type === 'DOUBLE' ? `NOT isnan(${col}) AND ` : '';
      if (c.minimum !== undefined) {
        const min = c.minimum;
        add('minimum', `${notNaN}${col} < ${literal(field, min)}`, (v) => ({ reason: `${v} is below the minimum ${min} (minimum)`, values: { value: v, limit: String(min) } }));
      }
      if (c.maximum !== undefined) {
        const max = c.maximum;
        add('maximum', `${notNaN}${col} > ${literal(field, max)}`, (v) => ({ reason: `${v} is above the maximum ${max} (maximum)`, values: { value: v, limit: String(max) } }));
      }
    }
    if (c.pattern !== undefined) {
      const pattern = c.pattern;
      add('pattern', `NOT regexp_full_match(${text}, ${sqlString(pattern)})`, (v) => ({
        reason: `${v} does not match the pattern ${pattern} (pattern)`,
        values: { value: v, pattern },
      }));
    }
    if (c.minLength !== undefined) {
      const n = c.minLength;
      add('minLength', `length(${text}) < ${n}`, (v) => ({ reason: `${v} is shorter than ${n} characters (minLength)`, values: { value: v, limit: n } }));
    }
    if (c.maxLength !== undefined) {
      const n = c.maxLength;
      add('maxLength', `length(${text}) > ${n}`, (v) => ({ reason: `${v} is longer than ${n} characters (maxLength)`, values: { value: v, limit: n } }));
    }
  }
  return rules;
}

/** One scan: the first row breaking each rule, then the earliest of those (at one row, the rule met first). */
export async function firstBroken(connection: DuckDBConnection, table: string, rules: FieldRule[]): Promise<{ index: number; rule: FieldRule } | null> {
  if (rules.length === 0) return null;
  const firsts = rules.map((r, i) => `min(rowid) FILTER (WHERE ${r.broken}) AS r${i}`).join(', ');
  const [found] = await rowsOf(connection, `SELECT ${firsts} FROM ${table}`);
  let best: { rowid: bigint; rule: FieldRule } | null = null;
  for (const [i, rule] of rules.entries()) {
    const first = found?.[`r${i}`];
    if (typeof first === 'bigint' && (best === null || first < best.rowid)) best = { rowid: first, rule };
  }
  return best === null ? null : { index: await positionOf(connection, table, best.rowid), rule: best.rule };
}

/** A row's position in its table (0 = the first row): rows keep file order, so it is its rowid less the first's. */
async function positionOf(connection: DuckDBConnection, table: string, rowid: bigint): Promise<number> {
  const [found] = await rowsOf(connection, `SELECT min(rowid) AS m FROM ${table}`);
  return Number(rowid - (found?.m as bigint));
}

// ---- keys ------------------------------------------------------------------------------

function keyFields(key: string | string[] | undefined): string[] {
  if (key === undefined) return [];
  return typeof key === 'string' ? [key] : key;
}

/** The earliest repeat of the primary key or of a field declared unique; nulls never clash (they are caught by `required`). */
async function firstRepeat(connection: DuckDBConnection, place: Place): Promise<RowProblem | null> {
  const resource = place.resource;
  const primaryKey = keyFields(resource.schema.primaryKey);
  checkFieldsExist(resource, primaryKey, 'primaryKey');
  const keys: { fields: string[]; rule: 'primaryKey' | 'unique'; why: string }[] = [];
  if (primaryKey.length > 0) keys.push({ fields: primaryKey, rule: 'primaryKey', why: 'the primary key must be unique' });
  for (const field of resource.schema.fields) {
    const alreadyKey = primaryKey.length === 1 && primaryKey[0] === field.name;
    if (constraintsOf(resource, field).unique && !alreadyKey) keys.push({ fields: [field.name], rule: 'unique', why: 'values must be unique' });
  }
  let earliest: RowProblem | null = null;
  for (const key of keys) {
    const found = await repeatOf(connection, place, key.fields, key.rule, key.why);
    if (found && (earliest === null || found.index < earliest.index)) earliest = found;
  }
  return earliest;
}

async function repeatOf(connection: DuckDBConnection, place: Place, fields: string[], rule: 'primaryKey' | 'unique', why: string): Promise<RowProblem | null> {
  const columns = fields.map(sqlIdentifier);
  const notNull = columns.map((c) => `${c} IS NOT NULL`).join(' AND ');
  const keyList = columns.join(', ');
  // Counting distinct 64-bit hashes is the cheap test (twice as fast as grouping on wide
  // keys at 10 million rows): all distinct means no repeat; otherwise look exactly.
  const [counts] = await rowsOf(connection, `SELECT count(DISTINCT hash(${keyList})) = count(*) AS all_distinct FROM ${place.table} WHERE ${notNull}`);
  if (counts?.all_distinct === true) return null;
  const [repeat] = await rowsOf(
    connection,
    `SELECT r, first FROM (
       SELECT rowid AS r, min(rowid) OVER (PARTITION BY ${keyList}) AS first,
         row_number() OVER (PARTITION BY ${keyList} ORDER BY rowid) AS k
       FROM ${place.table} WHERE ${notNull})
     WHERE k = 2 ORDER BY r LIMIT 1`,
  );
  if (!repeat) return null; // two keys shared a hash, but no key repeats
  const index = await positionOf(connection, place.table, repeat.r as bigint);
  const cells = await Promise.all(fields.map((f) => cellText(connection, place.table, index, sqlIdentifier(f))));
  const shown = fieldsOf(place.resource, fields).map((f, i) => showValue(f, cells[i] ?? null));
  const earlier = place.locate(await positionOf(connection, place.table, repeat.first as bigint));
  return {
    index,
    fields,
    code: rule,
    reason: `${shown.join(', ')} repeats ${place.unit} ${earlier.row}; ${why} (${rule})`,
    values: { value: shown.join(', '), first: earlier.row },
  };
}

/** Every non-empty foreign key must match a row of the table it references. */
export async function checkForeignKeys(connection: DuckDBConnection, descriptor: PackageDescriptor, places: Map<string, Place>): Promise<void> {
  const schema = sqlIdentifier(descriptor.name);
  const byName = new Map(descriptor.resources.map((r) => [r.name, r]));
  for (const resource of descriptor.resources) {
    const place = places.get(resource.name)!;
    await withDescriptorErrors(resource, async () => {
      for (const [n, raw] of (resource.schema.foreignKeys ?? []).entries()) {
        const parsed = foreignKeySchema.safeParse(raw);
        if (!parsed.success) descriptorError(resource, 'foreign-key-arity', `foreign key ${n + 1} needs "fields" and "reference": {"resource", "fields"}`, {});
        const fk = parsed.data;
        const fields = keyFields(fk.fields);
        const target = fk.reference.resource === '' ? resource : byName.get(fk.reference.resource);
        if (!target) {
          descriptorError(resource, 'foreign-key-target-missing', `foreign key ${n + 1} references "${fk.reference.resource}", which is not a resource of this package`, {
            target: fk.reference.resource,
          });
        }
        const referenced = keyFields(fk.reference.fields);
        checkFieldsExist(resource, fields, 'foreignKey');
        checkFieldsExist(target, referenced, 'foreignKey');
        if (referenced.length !== fields.length) descriptorError(resource, 'foreign-key-arity', `foreign key ${n + 1} pairs ${fields.length} fields with ${referenced.length}`, {});
        await checkForeignKey(connection, place, `${schema}.${sqlIdentifier(target.name)}`, target, fields, referenced);
      }
    });
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
  const [found] = await rowsOf(connection, `SELECT min(c.rowid) AS r FROM ${place.table} AS c ANTI JOIN ${targetTable} AS p ON ${match} WHERE ${notNull}`);
  const rowid = found?.r;
  if (typeof rowid !== 'bigint') return;
  const index = await positionOf(connection, place.table, rowid);
  const cells = await Promise.all(fields.map((f) => cellText(connection, place.table, index, sqlIdentifier(f))));
  const values = own.map((f, i) => showValue(f, cells[i] ?? null)).join(', ');
  const targetFile = target.path;
  const names = referenced.join(', ');
  const what = fields.length === 1 ? `is not a ${names} in ${targetFile}` : `match no ${names} in ${targetFile}`;
  refuseAt(place, {
    index,
    fields,
    code: 'foreignKey',
    reason: `${values} ${what} (foreignKey)`,
    values: { value: values, target: targetFile, targetFields: names },
  });
}

function fieldsOf(resource: ResourceDescriptor, names: string[]): FieldDescriptor[] {
  return names.map((name) => resource.schema.fields.find((f) => f.name === name)!);
}

function checkFieldsExist(resource: ResourceDescriptor, names: string[], key: 'primaryKey' | 'foreignKey'): void {
  const missing = names.find((name) => !resource.schema.fields.some((f) => f.name === name));
  if (missing !== undefined) descriptorError(resource, 'key-field-missing', `${key} names "${missing}", which is not a field of "${resource.name}"`, { key, name: missing });
}

function descriptorError(resource: ResourceDescriptor, code: LoadProblemCode, message: string, values: LoadProblemValues): never {
  throw new PackageRefusal(`${DESCRIPTOR_FILE}: resource "${resource.name}": ${message}`, {
    file: DESCRIPTOR_FILE,
    resource: resource.name,
    code,
    rule: 'descriptor',
    values,
  });
}

// ---- rows and messages ----------------------------------------------------------------

export async function rowsOf(connection: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await connection.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}

/** One cell of the row at a position, as text (null for an empty cell). */
export async function cellText(connection: DuckDBConnection, table: string, index: number, column: string): Promise<string | null> {
  const [row] = await rowsOf(connection, `SELECT CAST(${column} AS VARCHAR) AS v FROM ${table} WHERE rowid = (SELECT min(rowid) FROM ${table}) + ${index}`);
  const value = row?.v;
  return value === null || value === undefined ? null : String(value);
}

async function isBlankRow(connection: DuckDBConnection, place: Place, index: number): Promise<boolean> {
  const blank = place.resource.schema.fields.map((f) => `${sqlIdentifier(f.name)} IS NULL`).join(' AND ');
  const [row] = await rowsOf(connection, `SELECT ${blank} AS blank FROM ${place.table} WHERE rowid = (SELECT min(rowid) FROM ${place.table}) + ${index}`);
  return row?.blank === true;
}

/** A cell for a message: text in quotes, numbers and dates as they are, never control bytes. */
export function showValue(field: FieldDescriptor | null, value: string | null): string {
  if (value === null) return 'an empty cell';
  const shown = shownText(value);
  return field === null || duckdbType(field) === 'VARCHAR' ? JSON.stringify(shown) : shown;
}

/** Refuses the package at a row: file, line (or row), field and rule. */
export function refuseAt(place: Place, problem: RowProblem): never {
  const { file, row } = place.locate(problem.index);
  const fields = problem.fields;
  const label = fields.length === 0 ? '' : fields.length === 1 ? `field "${fields[0]}": ` : `fields ${fields.map((f) => `"${f}"`).join(', ')}: `;
  throw new PackageRefusal(`${file}: ${place.unit} ${row}: ${label}${problem.reason}`, {
    resource: place.resource.name,
    file,
    row,
    unit: place.unit,
    ...(fields.length > 0 ? { field: fields.join(',') } : {}),
    code: problem.code,
    // The rule as before codes existed ("type:integer"), for the command line and logs.
    rule: problem.code === 'type' ? `type:${String(problem.values.type)}` : problem.code,
    values: problem.values,
  });
}
