import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlIdentifier, sqlString } from '../shared/sql/quote.ts';
import { csvText, TempFiles, type CsvText, type Part } from './csv-source.ts';
import { datePattern, duckdbType, misfit, strictConversion, tryConversion, typeWithFormat } from './field-types.ts';
import {
  checkForeignKeys,
  checkTable,
  fieldRules,
  firstBroken,
  refuseAt,
  rowsOf,
  cellText,
  showValue,
  withDescriptorErrors,
  type FieldRule,
  type Place,
  type RowProblem,
} from './package-constraints.ts';
import { missingValuesOf, readingOf, type FieldDescriptor, type PackageDescriptor, type ResourceDescriptor } from './package-descriptor.ts';
import type { CsvDialect } from './csv-text.ts';
import { DESCRIPTOR_FILE, literalPathForDuckDB, openInside, packageRoot, type InsideFile } from './package-files.ts';
import { PackageRefusal, shownText } from './package-refusal.ts';
import { DEFAULT_LOAD_LIMITS, fileTooLarge, type LoadLimits } from './load-limits.ts';

/**
 * Frictionless Data Packages: a `datapackage.json` beside CSV (or Parquet) files. Column
 * types come from the descriptor's table schema, never from guessing.
 *
 * A CSV table is read as text (every column VARCHAR, with the declared dialect, encoding and
 * missing values) and converted to its declared types in the same statement: one pass over
 * the file, with each conversion guarded so that a value that does not fit stops the load
 * (see field-types.ts). Only then, on the rare failing load, is the file read a second time
 * to find the first line that does not fit, with DuckDB's rejects table for the lines that
 * are not CSV at all. A Parquet column whose type already is the declared one is taken as it
 * is. Then each table's rules are checked in one scan (package-constraints.ts).
 */

export { DESCRIPTOR_FILE, duckdbType, PackageRefusal, readDescriptor, type FieldDescriptor, type PackageDescriptor, type ResourceDescriptor } from './package-descriptor.ts';

export interface LoadOptions {
  /** Where transcoded, decompressed or joined copies of a resource go while it loads (Sprig's store `tmp`); the system's temp folder otherwise. */
  tempDir?: string;
  /** How much the package may make Sprig read and wait for (src/engine/load-limits.ts); the defaults otherwise. */
  limits?: LoadLimits;
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
  readBack: (() => Promise<T>) | undefined,
  options?: LoadOptions,
): Promise<T>;
export async function loadPackage<T>(
  connection: DuckDBConnection,
  folder: string,
  descriptor: PackageDescriptor,
  readBack?: () => Promise<T>,
  options: LoadOptions = {},
): Promise<T | void> {
  const root = await packageRoot(folder);
  const temp = new TempFiles(options.tempDir);
  const opened: InsideFile[] = [];
  const limits = options.limits ?? DEFAULT_LOAD_LIMITS;
  // Past its time, the load's statement is interrupted and Node's reading stops at its next chunk.
  const clock = new LoadClock(limits.loadMs, () => connection.interrupt());
  try {
    // Outside the transaction: an error inside one ends it.
    await checkFormats(connection, descriptor);
    const schema = sqlIdentifier(descriptor.name);
    await connection.run('BEGIN TRANSACTION');
    let failed: Source | null = null;
    try {
      await connection.run(`CREATE SCHEMA ${schema}`);
      const places = new Map<string, Place>();
      // Table by table, as a validator reads them: the first table's problems come first.
      for (const resource of descriptor.resources) {
        clock.check();
        const source = await prepare(connection, root, resource, temp, opened, limits, clock);
        clock.check();
        failed = source;
        const place = await loadSource(connection, schema, source);
        failed = null;
        clock.check();
        await checkRows(connection, place.table, resource.name, source.kind === 'csv' ? source.text.parts[0]!.file : source.path, limits.rows);
        await checkTable(connection, place, source.kind === 'csv' ? await blankLine(source) : null);
        places.set(source.resource.name, place);
      }
      await checkForeignKeys(connection, descriptor, places);
      const read = await readBack?.();
      await connection.run('COMMIT');
      return read;
    } catch (error) {
      await connection.run('ROLLBACK');
      if (clock.expired) throw clock.refusal();
      // Node found what is no CSV text (a NUL byte) and stopped DuckDB's reading: that is the refusal.
      if (failed?.kind === 'csv') {
        const found = await failed.blank.then(
          () => null,
          (e: unknown) => e,
        );
        if (found instanceof PackageRefusal) throw found;
      }
      // The load of one table failed (a value that does not fit, a line that is not CSV):
      // find the first such line, now that the transaction is over.
      if (failed !== null && !(error instanceof PackageRefusal)) throw await diagnose(connection, failed, error as Error);
      throw error;
    }
  } catch (error) {
    // Whatever statement the time limit interrupted, the reason is the time limit.
    if (clock.expired && !(error instanceof PackageRefusal && error.code === 'load-too-long')) throw clock.refusal();
    throw error;
  } finally {
    clock.stop();
    await Promise.all(opened.map((f) => f.handle.close().catch(() => undefined)));
    await temp.removeAll();
  }
}

// ---- sources -----------------------------------------------------------------------------

type Source =
  | { kind: 'csv'; resource: ResourceDescriptor; dialect: CsvDialect; text: CsvText; path: string; blank: Promise<number | null> }
  | { kind: 'parquet'; resource: ResourceDescriptor; file: string; path: string; columns: { name: string; type: string }[] };

/** Opens a resource's files (inside the package folder only), reads what Node reads of them, and checks the header. */
async function prepare(
  connection: DuckDBConnection,
  root: string,
  resource: ResourceDescriptor,
  temp: TempFiles,
  opened: InsideFile[],
  limits: LoadLimits,
  clock: LoadClock,
): Promise<Source> {
  const fieldCount = resource.schema.fields.length;
  if (fieldCount > limits.fields) {
    throw new PackageRefusal(`${DESCRIPTOR_FILE}: resource "${resource.name}" has ${fieldCount} fields, more than the ${limits.fields} Sprig reads in one table`, {
      file: DESCRIPTOR_FILE,
      resource: resource.name,
      code: 'too-many-fields',
      values: { count: fieldCount, limit: limits.fields },
    });
  }
  const files: InsideFile[] = [];
  for (const p of resource.paths ?? [resource.path]) {
    const file = await openInside(root, p, resource.name);
    opened.push(file);
    files.push(file);
    const size = (await file.handle.stat()).size;
    if (size > limits.fileBytes) throw fileTooLarge(resource.name, file.path, size, limits.fileBytes);
  }
  const reading = readingOf(resource);
  if (reading.kind === 'parquet') {
    if (files.length > 1) {
      throw new PackageRefusal(`resource "${resource.name}": a Parquet resource in several files is not something Sprig reads`, {
        resource: resource.name,
        code: 'format-unsupported',
        values: { format: 'parquet' },
      });
    }
    const file = files[0]!;
    const literal = await literalPathForDuckDB(connection, file.real, file.path, resource.name);
    let columns: { name: string; type: string }[];
    try {
      columns = (await rowsOf(connection, `DESCRIBE SELECT * FROM read_parquet(${sqlString(literal)})`)).map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
    } catch {
      throw new PackageRefusal(`resource "${resource.name}": ${file.path} is not a Parquet file Sprig can read`, {
        resource: resource.name,
        file: file.path,
        code: 'binary-file',
        values: { kind: 'not-parquet' },
      });
    }
    checkLabels(resource, file.path, 'row', columns.map((c) => c.name));
    for (const [i, field] of resource.schema.fields.entries()) parquetConversion(resource, file.path, field, columns[i]!.type);
    return { kind: 'parquet', resource, file: literal, path: file.path, columns };
  }
  const text = await csvText(files, resource.name, reading, temp, { limits, clock });
  if (reading.dialect.header) checkLabels(resource, text.parts[0]!.file, 'line', text.labels ?? []);
  const literal = await literalPathForDuckDB(connection, text.file, text.parts[0]!.file, resource.name);
  return { kind: 'csv', resource, dialect: reading.dialect, text, path: literal, blank: Promise.resolve(null) };
}

/** A date, time or datetime `format` DuckDB cannot parse is the descriptor's fault; said before any data is read. */
async function checkFormats(connection: DuckDBConnection, descriptor: PackageDescriptor): Promise<void> {
  for (const resource of descriptor.resources) {
    for (const field of resource.schema.fields) {
      if (!['date', 'time', 'datetime'].includes(field.type ?? '')) continue;
      const pattern = datePattern(field);
      if (pattern === null) continue;
      try {
        await connection.run(`SELECT try_strptime('', ${sqlString(pattern)})`);
      } catch {
        throw new PackageRefusal(`${DESCRIPTOR_FILE}: resource "${resource.name}", field "${field.name}": Sprig cannot read dates in the format ${pattern}`, {
          file: DESCRIPTOR_FILE,
          resource: resource.name,
          field: field.name,
          code: 'format-invalid',
          rule: 'descriptor',
          values: { format: pattern },
        });
      }
    }
  }
}

/**
 * The header must name the descriptor's fields in the descriptor's order (Frictionless
 * matches fields to columns by position). The first difference is refused: a blank label,
 * a label repeated, one too many or too few, or another name.
 */
function checkLabels(resource: ResourceDescriptor, file: string, unit: 'line' | 'row', labels: string[]): void {
  const fields = resource.schema.fields.map((f) => f.name);
  const at = (position: number, field: string | undefined, code: 'blank-label' | 'duplicate-label' | 'extra-label' | 'missing-label' | 'incorrect-label', reason: string, values: Record<string, string | number>): never => {
    const where = unit === 'line' ? `${file}: line 1` : `${file}: columns`;
    throw new PackageRefusal(`${where}: ${reason}`, {
      resource: resource.name,
      file,
      ...(unit === 'line' ? { row: 1 } : {}),
      unit,
      ...(field !== undefined ? { field } : {}),
      code,
      rule: 'header',
      values: { position, ...values },
    });
  };
  const n = Math.max(fields.length, labels.length);
  for (let i = 0; i < n; i++) {
    const label = labels[i]?.trim();
    const field = fields[i];
    const position = i + 1;
    if (field === undefined) at(position, shownText(label ?? ''), 'extra-label', `the header has an extra column "${shownText(label ?? '')}" (column ${position}) that the schema does not describe`, { label: shownText(label ?? '') });
    if (label === undefined) at(position, field, 'missing-label', `the header has no column ${position}, where the schema declares "${field}"`, {});
    if (label === field) continue;
    if (label === '') at(position, field, 'blank-label', `column ${position} of the header is blank, where the schema declares "${field}"`, {});
    const shown = shownText(label!);
    if (labels.slice(0, i).some((l) => l.trim() === label)) {
      at(position, field, 'duplicate-label', `the header has "${shown}" again in column ${position}, where the schema declares "${field}"`, { label: shown });
    }
    at(position, field, 'incorrect-label', `the header has "${shown}" where the schema declares "${field}" (column ${position})`, { label: shown });
  }
}

// ---- loading -------------------------------------------------------------------------------

/** Each field's cell text before conversion: the dialect's leading spaces gone, missing values NULL. */
function rawColumns(source: Source & { kind: 'csv' }): { read: string; text: (i: number) => string } {
  const resource = source.resource;
  const dialect = source.dialect;
  const fields = resource.schema.fields;
  const perField = fields.some((f) => f.missingValues !== undefined) || dialect.skipInitialSpace;
  const schemaMissing = [...(resource.schema.missingValues ?? ['']), ...(dialect.nullSequence !== undefined ? [dialect.nullSequence] : [])];
  // DuckDB turns the missing values into NULL as it reads, unless some field has its own
  // (v2) or the text must lose its leading spaces first; then SQL does it per column.
  const nullstr = perField ? [NOTHING_IS_MISSING] : schemaMissing.length > 0 ? schemaMissing : [NOTHING_IS_MISSING];
  const columns = fields.map((_, i) => `${sqlString(`c${i}`)}: 'VARCHAR'`).join(', ');
  const read = `read_csv(${sqlString(source.path)}, header = ${dialect.header}, auto_detect = false, columns = {${columns}}, delim = ${sqlString(dialect.delimiter)}, quote = ${sqlString(dialect.quoteChar)}, escape = ${sqlString(dialect.escapeChar)}, nullstr = [${nullstr.map(sqlString).join(', ')}], strict_mode = true, encoding = ${sqlString(source.text.encoding)}`;
  const text = (i: number) => {
    const column = sqlIdentifier(`c${i}`);
    if (!perField) return column;
    const trimmed = dialect.skipInitialSpace ? `ltrim(${column}, ' ')` : column;
    const missing = [...missingValuesOf(resource.schema, fields[i]!), ...(dialect.nullSequence !== undefined ? [dialect.nullSequence] : [])];
    return missing.length === 0 ? trimmed : `CASE WHEN ${trimmed} IN (${missing.map(sqlString).join(', ')}) THEN NULL ELSE ${trimmed} END`;
  };
  return { read, text };
}

/** DuckDB needs at least one null string; this one no cell holds. */
const NOTHING_IS_MISSING = '\u0001sprig: no missing values\u0001';

async function loadSource(connection: DuckDBConnection, schema: string, source: Source): Promise<Place> {
  const resource = source.resource;
  const target = `${schema}.${sqlIdentifier(resource.name)}`;
  const fields = resource.schema.fields;
  if (source.kind === 'parquet') {
    const columns = fields.map((f, i) => `${parquetConversion(resource, source.path, f, source.columns[i]!.type).strict(sqlIdentifier(source.columns[i]!.name), i)} AS ${sqlIdentifier(f.name)}`);
    await connection.run(`CREATE TABLE ${target} AS SELECT ${columns.join(', ')} FROM read_parquet(${sqlString(source.file)})`);
    return parquetPlace(source, target);
  }
  const { read, text } = rawColumns(source);
  const columns = fields.map((f, i) => `${strictConversion(f, text(i), i)} AS ${sqlIdentifier(f.name)}`);
  // Node looks for blank lines (and NUL bytes) while DuckDB reads; a NUL byte stops DuckDB's reading at once.
  source.blank = source.text.blank();
  source.blank.catch(() => connection.interrupt());
  await connection.run(`CREATE TABLE ${target} AS SELECT ${columns.join(', ')} FROM ${read})`);
  return csvPlace(source, target);
}

function csvPlace(source: Source & { kind: 'csv' }, table: string): Place {
  const parts = source.text.parts;
  const first = parts[0]!.start;
  return {
    resource: source.resource,
    table,
    unit: 'line',
    blankRows: true,
    locate: (index) => locateRecord(parts, index + first),
  };
}

function parquetPlace(source: Source & { kind: 'parquet' }, table: string): Place {
  return { resource: source.resource, table, unit: 'row', blankRows: false, locate: (index) => ({ file: source.path, row: index + 1 }) };
}

/** The file and line of a record of the text DuckDB read. */
function locateRecord(parts: Part[], record: number): { file: string; row: number } {
  let part = parts[0]!;
  for (const p of parts) if (p.start <= record) part = p;
  return { file: part.file, row: record - part.start + part.firstLine };
}

/** A blank line (DuckDB skips them in a file of several columns), as a problem at its place among the table's rows. */
async function blankLine(source: Source & { kind: 'csv' }): Promise<RowProblem | null> {
  const blank = await source.blank;
  if (blank === null) return null;
  return { index: blank - source.text.parts[0]!.start, fields: [], code: 'blank-row', reason: 'the row is blank: every cell is empty (blank-row)', values: {} };
}

// ---- Parquet --------------------------------------------------------------------------------

const INTEGER_TYPES = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'HUGEINT', 'UHUGEINT']);
const FLOAT_TYPES = new Set(['FLOAT', 'DOUBLE']);
const isDecimal = (t: string) => t.startsWith('DECIMAL');
const isNumeric = (t: string) => INTEGER_TYPES.has(t) || FLOAT_TYPES.has(t) || isDecimal(t);

interface ParquetConversion {
  strict: (column: string, index: number) => string;
  misfit: (column: string) => string | null;
  attempt: (column: string) => string;
}

/**
 * A Parquet column as its declared type. A column already of that type is taken as it is
 * (its schema guarantees its values); text is converted as CSV text is; numbers and times
 * are cast where nothing can be lost (an integer field takes a float only when whole); any
 * other pairing is refused before reading.
 */
function parquetConversion(resource: ResourceDescriptor, file: string, field: FieldDescriptor, found: string): ParquetConversion {
  const type = duckdbType(field);
  const checked = (valid: (x: string) => string, convert: (x: string) => string): ParquetConversion => ({
    strict: (x, i) => `CASE WHEN ${x} IS NULL THEN NULL WHEN ${valid(x)} THEN ${convert(x)} ELSE error(${sqlString(`sprig: field ${i} does not fit`)}) END`,
    misfit: (x) => `(${x} IS NOT NULL AND NOT coalesce(${valid(x)}, false))`,
    attempt: (x) => `CASE WHEN ${valid(x)} THEN ${convert(x)} END`,
  });
  const asIs: ParquetConversion = { strict: (x) => x, misfit: () => null, attempt: (x) => x };
  if (found === 'VARCHAR' && type !== 'VARCHAR') {
    return { strict: (x, i) => strictConversion(field, x, i), misfit: (x) => misfit(field, x), attempt: (x) => tryConversion(field, x) };
  }
  if (type === 'VARCHAR') {
    const text = (x: string) => (found === 'VARCHAR' ? x : `CAST(${x} AS VARCHAR)`);
    const m = misfit(field, 'x');
    if (m === null) return found === 'VARCHAR' ? asIs : { strict: text, misfit: () => null, attempt: text };
    return { strict: (x, i) => strictConversion(field, text(x), i), misfit: (x) => misfit(field, text(x)), attempt: (x) => tryConversion(field, text(x)) };
  }
  if (found === type) return asIs;
  if (type === 'BIGINT' && INTEGER_TYPES.has(found)) return checked((x) => `TRY_CAST(${x} AS BIGINT) IS NOT NULL`, (x) => `CAST(${x} AS BIGINT)`);
  if (type === 'BIGINT' && (FLOAT_TYPES.has(found) || isDecimal(found))) {
    return checked((x) => `(isfinite(CAST(${x} AS DOUBLE)) AND ${x} = trunc(${x}) AND TRY_CAST(${x} AS BIGINT) IS NOT NULL)`, (x) => `CAST(${x} AS BIGINT)`);
  }
  if (type === 'INTEGER' && INTEGER_TYPES.has(found)) return checked((x) => `${x} BETWEEN 0 AND 9999`, (x) => `CAST(${x} AS INTEGER)`);
  if (type === 'DOUBLE' && isNumeric(found)) return { strict: (x) => `CAST(${x} AS DOUBLE)`, misfit: () => null, attempt: (x) => `CAST(${x} AS DOUBLE)` };
  if (type === 'TIMESTAMP' && (found.startsWith('TIMESTAMP') || found === 'DATE')) {
    const convert = (x: string) => (found === 'TIMESTAMP WITH TIME ZONE' ? `make_timestamp(epoch_us(${x}))` : `CAST(${x} AS TIMESTAMP)`);
    return { strict: convert, misfit: () => null, attempt: convert };
  }
  const { type: declared } = typeWithFormat(field);
  throw new PackageRefusal(`${file}: column "${field.name}" holds ${found} values; the schema declares ${declared}`, {
    resource: resource.name,
    file,
    unit: 'row',
    field: field.name,
    code: 'column-type',
    values: { found, type: declared },
  });
}

// ---- finding where a load failed ---------------------------------------------------------

let diagnosisCount = 0;

/**
 * The first line that stopped a table from loading, in file order: a line DuckDB cannot
 * read as CSV (extra or missing cells, a quote out of place, bytes that are not the
 * declared encoding), a blank line, or a value that does not fit its field or breaks one
 * of its rules. Runs after the transaction is rolled back, on temporary tables of text.
 */
async function diagnose(connection: DuckDBConnection, source: Source, original: Error): Promise<PackageRefusal> {
  const n = ++diagnosisCount;
  const raw = `sprig_diagnosis_${n}`;
  const rejects = `sprig_rejects_${n}`;
  const scans = `sprig_reject_scans_${n}`;
  const resource = source.resource;
  const fields = resource.schema.fields;
  try {
    let place: Place;
    let columns: ((i: number) => string) | null;
    const rules: FieldRule[] = [];
    if (source.kind === 'csv') {
      const { read, text } = rawColumns(source);
      const select = fields.map((_, i) => `${text(i)} AS ${sqlIdentifier(`c${i}`)}`).join(', ');
      const withRejects = `${read}, store_rejects = true, rejects_table = ${sqlString(rejects)}, rejects_scan = ${sqlString(scans)})`;
      await connection.run(`CREATE TEMP TABLE ${raw} AS SELECT ${select} FROM ${withRejects}`);
      place = { ...csvPlace(source, raw), resource };
      columns = (i) => sqlIdentifier(`c${i}`);
      fields.forEach((f, i) => {
        const broken = misfit(f, columns!(i));
        if (broken) rules.push(typeRule(f, i, broken));
      });
    } else {
      await connection.run(`CREATE TEMP TABLE ${raw} AS SELECT * FROM read_parquet(${sqlString(source.file)})`);
      place = { ...parquetPlace(source, raw), resource };
      columns = (i) => sqlIdentifier(source.columns[i]!.name);
      fields.forEach((f, i) => {
        const broken = parquetConversion(resource, source.path, f, source.columns[i]!.type).misfit(columns!(i));
        if (broken) rules.push(typeRule(f, i, broken));
      });
    }
    const converted = (f: FieldDescriptor) => {
      const i = fields.indexOf(f);
      return source.kind === 'csv' ? tryConversion(f, columns!(i)) : parquetConversion(resource, source.path, f, source.columns[i]!.type).attempt(columns!(i));
    };
    let constraintRules: FieldRule[] = [];
    await withDescriptorErrors(resource, async () => {
      constraintRules = fieldRules(resource, converted, place.blankRows, (f) => columns!(fields.indexOf(f)));
    });
    // Cell by cell: a field's type before its constraints, field after field.
    const ordered = [...rules, ...constraintRules].sort((a, b) => a.fieldIndex - b.fieldIndex);
    let found: Awaited<ReturnType<typeof firstBroken>> = null;
    await withDescriptorErrors(resource, async () => {
      found = await firstBroken(connection, raw, ordered);
    });
    const reject = source.kind === 'csv' ? await firstReject(connection, rejects) : null;
    const blank = source.kind === 'csv' ? await source.text.blank() : null;
    const valueRecord = found === null ? Infinity : (found as { index: number }).index + (source.kind === 'csv' ? source.text.parts[0]!.start : 1);
    const structural = Math.min(reject?.line ?? Infinity, blank ?? Infinity);
    if (valueRecord < structural && found !== null) {
      const { index, rule } = found as { index: number; rule: FieldRule };
      const column = rule.field ? columns(fields.indexOf(rule.field)) : null;
      const cell = column ? await cellText(connection, raw, index, column) : null;
      const shown = rule.rule === 'type' ? showText(cell) : showValue(rule.field, cell === null ? null : cell);
      refuseAt(place, { index, fields: rule.field ? [rule.field.name] : [], code: rule.rule, ...rule.explain(shown) });
    }
    if (source.kind === 'csv' && blank !== null && blank <= (reject?.line ?? Infinity)) {
      refuseAt(place, { index: blank - source.text.parts[0]!.start, fields: [], code: 'blank-row', reason: 'the row is blank: every cell is empty (blank-row)', values: {} });
    }
    if (source.kind === 'csv' && reject) return rejectRefusal(source, reject);
  } catch (error) {
    if (error instanceof PackageRefusal) return error;
  } finally {
    for (const table of [raw, rejects, scans]) await connection.run(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
  }
  const file = source.kind === 'csv' ? source.text.parts[0]!.file : source.path;
  const first = shownText(original.message.split('\n')[0] ?? '', 200);
  return new PackageRefusal(`${file}: Sprig could not read this file (${first})`, { resource: resource.name, file, code: 'other', values: { detail: first } });
}

function showText(cell: string | null): string {
  return cell === null ? 'an empty cell' : JSON.stringify(shownText(cell));
}

function typeRule(field: FieldDescriptor, fieldIndex: number, broken: string): FieldRule {
  const { type, format } = typeWithFormat(field);
  const described = format ? `${type} in the format ${format}` : type;
  return {
    field,
    fieldIndex,
    rule: 'type',
    broken,
    explain: (value) => ({ reason: `${value} is not a valid ${described} (type)`, values: { value, type, format } }),
  };
}

interface Reject {
  line: number;
  type: string;
  column: number | null;
}

async function firstReject(connection: DuckDBConnection, table: string): Promise<Reject | null> {
  const [row] = await rowsOf(connection, `SELECT line::DOUBLE AS line, error_type::VARCHAR AS type, column_idx::DOUBLE AS col FROM ${table} ORDER BY line, column_idx LIMIT 1`);
  if (!row) return null;
  return { line: Number(row.line), type: String(row.type), column: row.col === null ? null : Number(row.col) };
}

/** A line DuckDB could not read as CSV, in Sprig's words (never the line's own bytes). */
function rejectRefusal(source: Source & { kind: 'csv' }, reject: Reject): PackageRefusal {
  const { file, row } = locateRecord(source.text.parts, reject.line);
  const resource = source.resource.name;
  const expected = source.resource.schema.fields.length;
  const base = { resource, file, row, unit: 'line' as const };
  switch (reject.type) {
    case 'TOO MANY COLUMNS':
      return new PackageRefusal(`${file}: line ${row}: the row has more cells than the schema's ${expected} fields (extra-cell)`, { ...base, code: 'extra-cell', values: { expected } });
    case 'MISSING COLUMNS': {
      const field = source.resource.schema.fields[Math.max(0, reject.column ?? 0)]?.name;
      return new PackageRefusal(`${file}: line ${row}: the row has fewer cells than the schema's ${expected} fields${field ? `; "${field}" has none` : ''} (missing-cell)`, {
        ...base,
        ...(field ? { field } : {}),
        code: 'missing-cell',
        values: { expected },
      });
    }
    case 'INVALID ENCODING':
    case 'INVALID UNICODE': {
      const encoding = source.text.encoding === 'latin-1' ? 'ISO-8859-1' : 'UTF-8';
      return new PackageRefusal(`${file}: line ${row}: the text is not valid ${encoding}; declare the file's encoding in the descriptor`, { ...base, code: 'encoding-invalid', values: { encoding } });
    }
    case 'LINE SIZE OVER MAXIMUM':
      return new PackageRefusal(`${file}: line ${row}: the line is longer than Sprig reads (2 MB)`, { ...base, code: 'line-too-long' });
    default:
      return new PackageRefusal(`${file}: line ${row}: the line is not valid CSV for the declared dialect (a quote or delimiter out of place)`, { ...base, code: 'csv-syntax' });
  }
}

/** A table with more rows than Sprig holds is refused (counted once loaded: DuckDB reads faster than it could be stopped row by row). */
async function checkRows(connection: DuckDBConnection, table: string, resource: string, file: string, limit: number): Promise<void> {
  const [row] = await rowsOf(connection, `SELECT count(*)::DOUBLE AS n FROM ${table}`);
  const count = Number(row?.n ?? 0);
  if (count > limit) {
    throw new PackageRefusal(`resource "${resource}": ${file} has ${count} rows, more than the ${limit} Sprig reads in one table`, {
      resource,
      file,
      code: 'too-many-rows',
      values: { count, limit },
    });
  }
}

/**
 * One package's time to load. Past it, `onExpiry` interrupts DuckDB's statement, Node's
 * reading stops at its next chunk (`check`), and the load is refused with the limit.
 */
export class LoadClock {
  expired = false;
  private readonly timer: NodeJS.Timeout;
  private readonly limitMs: number;

  constructor(limitMs: number, onExpiry: () => void) {
    this.limitMs = limitMs;
    this.timer = setTimeout(() => {
      this.expired = true;
      onExpiry();
    }, limitMs);
    this.timer.unref();
  }

  /** Throws the refusal once the time is up. */
  check(): void {
    if (this.expired) throw this.refusal();
  }

  refusal(): PackageRefusal {
    const seconds = Math.max(1, Math.round(this.limitMs / 1000));
    return new PackageRefusal(`the package took longer than ${seconds} s to read and check, Sprig's limit for one package`, { code: 'load-too-long', values: { seconds } });
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}
