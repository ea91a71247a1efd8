import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { AppError } from '../../shared/errors.ts';
import type { CountryFinding, ImportCounts, ImportReject } from '../../shared/import/answers.ts';
import type { ImportFieldType, ImportRecipe } from '../../shared/import/recipe.ts';
import { sqlString } from '../../shared/sql/quote.ts';
import { SPRIG_VERSION } from '../sprig-version.ts';
import { transcodeToUtf8 } from './encoding.ts';
import { importRefused } from './import-errors.ts';
import { openImportDatabase, rows } from './import-db.ts';
import { dataSource, quoteIdent, type Prepared } from './prepare.ts';
import { countryFindings } from './sniff.ts';

/**
 * The second half of an import: the whole file, read with the recipe. Text is first written
 * as UTF-8 into the import's own folder (streaming), then DuckDB reads it once with every
 * column's type given (never guessed from a sample) and `store_rejects`, so a value that is
 * not its column's type, anywhere in the file, rejects its row with the line; a second,
 * all-text read counts the rows independently, and the import stops unless
 * read = imported + rejected exactly. The shape step (UNPIVOT INCLUDE NULLS) follows, and
 * the package (data.csv, datapackage.json, the recipe) is written into a folder of its own
 * that the caller renames into place.
 */

export const DATA_FILE = 'data.csv';
export const RECIPE_FILE = 'sprig-import.json';
const MAX_REJECTS = 1000;

export interface LoadProgress {
  phase: (phase: 'converting' | 'reading' | 'checking' | 'shaping' | 'writing') => void;
  bytes: (done: number) => void;
  rows: (done: number) => void;
}

export interface Loaded {
  counts: ImportCounts;
  countries: CountryFinding[];
  rejects: ImportReject[];
  /** The folder holding the package (inside the import's own folder). */
  packageDir: string;
  sha256: string;
  fields: { name: string; type: ImportFieldType }[];
}

const duckTypes: Record<ImportFieldType, string> = { string: 'VARCHAR', integer: 'BIGINT', number: 'DOUBLE', date: 'DATE', boolean: 'BOOLEAN' };

export async function sha256File(file: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20, ...(signal ? { signal } : {}) })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function loadImport(prepared: Prepared, workDir: string, progress: LoadProgress, signal: AbortSignal, onConnection: (c: DuckDBConnection | null) => void): Promise<Loaded> {
  const { recipe } = prepared;
  const sha256 = await sha256File(prepared.file, signal);
  let textFile: string | null = null;
  if (recipe.kind === 'csv') {
    progress.phase('converting');
    textFile = path.join(workDir, 'source.utf8.csv');
    await transcodeToUtf8(prepared.file, prepared.encoding ?? 'utf-8', textFile, { signal, onBytes: progress.bytes });
  } else if (prepared.sheetCsv) {
    textFile = prepared.sheetCsv;
  }
  signal.throwIfAborted();
  progress.phase('reading');
  const db = await openImportDatabase(workDir, recipe.kind === 'parquet' || recipe.kind === 'json' ? [prepared.file] : []);
  onConnection(db.connection);
  try {
    const c = db.connection;
    let counts: { read: number; imported: number; rejected: number };
    let rejects: ImportReject[];
    let names: string[];
    let types: ImportFieldType[];
    if (textFile) ({ counts, rejects, names, types } = await loadText(c, textFile, prepared, progress));
    else ({ counts, rejects, names, types } = await loadData(c, prepared));
    signal.throwIfAborted();
    if (counts.read !== counts.imported + counts.rejected) {
      throw new AppError('internal', `the rows do not add up: ${counts.read} read, ${counts.imported} imported, ${counts.rejected} rejected`, { reason: 'counts-differ' });
    }
    if (counts.read === 0) throw importRefused('no-rows', 'no rows below the header', { file: prepared.shownName });
    if (counts.imported === 0) throw importRefused('all-rejected', 'every row rejected', { file: prepared.shownName, count: counts.read });
    progress.phase('shaping');
    const fields = await shape(c, recipe, names, types);
    signal.throwIfAborted();
    progress.phase('writing');
    const packageDir = path.join(workDir, 'package');
    await mkdir(packageDir, { recursive: true });
    const selected = fields.map((f) => (f.type === 'date' ? `strftime(${quoteIdent(f.name)}, '%Y-%m-%d') AS ${quoteIdent(f.name)}` : quoteIdent(f.name))).join(', ');
    await c.run(`COPY (SELECT ${selected} FROM shaped ORDER BY __sprig_row) TO ${sqlString(path.join(packageDir, DATA_FILE))} (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"', ESCAPE '"')`);
    const [{ n: rowsWritten }] = (await rows(c, 'SELECT count(*) AS n FROM shaped')) as [{ n: number }];
    // The country column's every value in the whole file, matched by the mapping step's matcher.
    const countryColumn = recipe.countryColumn ? (recipe.columns?.[recipe.countryColumn]?.rename ?? recipe.countryColumn) : null;
    let countries: CountryFinding[] = [];
    if (countryColumn !== null && fields.some((f) => f.name === countryColumn)) {
      const values = await rows(c, `SELECT CAST(${quoteIdent(recipe.countryColumn!)} AS VARCHAR) AS v, count(*) AS n FROM raw GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 5000`);
      countries = countryFindings(values.filter((v) => v.v !== null).map((v) => String(v.v))).map((f) => ({ ...f, rows: Number(values.find((v) => String(v.v) === f.value)?.n ?? f.rows) }));
    }
    const allCounts: ImportCounts = { ...counts, rowsWritten };
    await writeDescriptor(packageDir, prepared, fields, allCounts, sha256);
    return { counts: allCounts, countries, rejects, packageDir, sha256, fields };
  } finally {
    onConnection(null);
    db.close();
  }
}

/** The columns as DuckDB names them while loading (c1, c2, …: any label is safe), with their labels and types. */
function textColumns(prepared: Prepared): { id: string; label: string; type: ImportFieldType }[] {
  return prepared.labels.map((label, i) => ({ id: `c${i + 1}`, label, type: prepared.recipe.columns?.[label]?.type ?? 'string' }));
}

async function loadText(c: DuckDBConnection, textFile: string, prepared: Prepared, progress: LoadProgress) {
  const { recipe } = prepared;
  const columns = textColumns(prepared);
  // Each date column's format (src/engine/import/sniff.ts); DuckDB's reader takes one, the most common. The others
  // are read as text and converted below, a value that does not fit rejecting its row with its line.
  const formatOf = new Map(columns.filter((col) => col.type === 'date').map((col) => [col.id, prepared.inspection.columns.find((ic) => ic.source === col.label)?.dateFormat ?? '%Y-%m-%d']));
  const tally = new Map<string, number>();
  for (const f of formatOf.values()) tally.set(f, (tally.get(f) ?? 0) + 1);
  const format = [...tally].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  const late = columns.filter((col) => formatOf.has(col.id) && formatOf.get(col.id) !== format);
  const markers = [...new Set(['', ...(recipe.missingValues ?? [])])];
  const common = [
    'auto_detect = false',
    'header = false',
    `skip = ${recipe.headerRow ?? 0}`,
    `delim = ${sqlString(recipe.delimiter ?? ',')}`,
    `quote = ${sqlString(recipe.quote ?? '"')}`,
    `escape = ${sqlString(recipe.quote ?? '"')}`,
    'strict_mode = true',
    'max_line_size = 10000000',
    'parallel = false',
  ].join(', ');
  const typed = columns.map((col) => `${sqlString(col.id)}: ${sqlString(late.includes(col) ? 'VARCHAR' : duckTypes[col.type])}`).join(', ');
  const text = columns.map((col) => `${sqlString(col.id)}: 'VARCHAR'`).join(', ');
  const numberOptions = [
    ...(recipe.decimalSeparator === ',' ? [`decimal_separator = ','`] : []),
    ...(recipe.thousandsSeparator ? [`thousands = ${sqlString(recipe.thousandsSeparator)}`] : []),
    ...(format ? [`dateformat = ${sqlString(format)}`] : []),
  ];
  const read = (cols: string, extra: string[], rejectsTable: string) =>
    `read_csv(${sqlString(textFile)}, ${common}, columns = {${cols}}, nullstr = [${markers.map(sqlString).join(', ')}], store_rejects = true, rejects_table = ${sqlString(rejectsTable)}, rejects_scan = ${sqlString(`${rejectsTable}_scan`)}${extra.length ? `, ${extra.join(', ')}` : ''})`;
  // Every value cast to its column's type as it is read; a value that is not rejects its row, with its line.
  await c.run(`CREATE TABLE loaded AS SELECT row_number() OVER () AS __sprig_row, * FROM ${read(typed, numberOptions, 'rejects_typed')}`);
  progress.rows(Number(((await rows(c, 'SELECT count(*) AS n FROM loaded'))[0] as { n: number }).n));
  progress.phase('checking');
  // The independent count: every row as text, only the file's structure able to reject it.
  const [{ n: textRows }] = (await rows(c, `SELECT count(*) AS n FROM ${read(text, [], 'rejects_text')}`)) as [{ n: number }];
  const [{ n: textRejected }] = (await rows(c, 'SELECT count(DISTINCT line) AS n FROM rejects_text')) as [{ n: number }];
  const [{ n: typedRejected }] = (await rows(c, 'SELECT count(DISTINCT line) AS n FROM rejects_typed')) as [{ n: number }];
  // And Node's own count of the records (quote-aware, as DuckDB splits them): a record DuckDB
  // neither returned nor rejected (a quote left open to the end of the file) is rejected here, with its line.
  const counted = await countRecords(textFile, recipe.delimiter ?? ',', recipe.quote ?? '"', recipe.headerRow ?? 0);
  const duckRead = textRows + textRejected;
  const unseen = counted.records - duckRead;
  if (unseen < 0 || (unseen > 0 && !(unseen === 1 && counted.openQuoteLine !== null))) {
    throw new AppError('internal', `the rows do not add up: Sprig counts ${counted.records} rows, DuckDB read ${duckRead}`, { reason: 'counts-differ' });
  }
  // Dates in a second format: converted here; a value that is not one rejects its row, whose line Node finds by
  // counting the records again (the same split DuckDB made, checked above), skipping those DuckDB rejected.
  const lateRejects: ImportReject[] = [];
  const bad = new Map<number, { column: string; value: string; expected: ImportFieldType }>();
  for (const col of late) {
    const fmt = formatOf.get(col.id)!;
    for (const r of await rows(c, `SELECT __sprig_row AS n, ${quoteIdent(col.id)} AS v FROM loaded WHERE ${quoteIdent(col.id)} IS NOT NULL AND try_strptime(${quoteIdent(col.id)}, ${sqlString(fmt)}) IS NULL ORDER BY 1`)) {
      if (!bad.has(Number(r.n))) bad.set(Number(r.n), { column: col.label, value: String(r.v), expected: 'date' });
    }
  }
  if (bad.size > 0) {
    const rejectedLines = new Set((await rows(c, 'SELECT DISTINCT line FROM rejects_typed')).map((r) => Number(r.line)));
    let ordinal = 0;
    await countRecords(textFile, recipe.delimiter ?? ',', recipe.quote ?? '"', recipe.headerRow ?? 0, (line) => {
      if (rejectedLines.has(line) || line === counted.openQuoteLine) return;
      ordinal++;
      const found = bad.get(ordinal);
      if (found) lateRejects.push({ line, column: found.column, reason: 'type', value: found.value, expected: found.expected });
    });
    if (lateRejects.length !== bad.size) throw new AppError('internal', 'the rows of rejected dates cannot be found again', { reason: 'counts-differ' });
    await c.run(`DELETE FROM loaded WHERE __sprig_row IN (${[...bad.keys()].join(', ')})`);
  }
  for (const col of late) {
    await c.run(`ALTER TABLE loaded ALTER ${quoteIdent(col.id)} TYPE DATE USING CAST(strptime(${quoteIdent(col.id)}, ${sqlString(formatOf.get(col.id)!)}) AS DATE)`);
  }
  const [{ n: imported }] = (await rows(c, 'SELECT count(*) AS n FROM loaded')) as [{ n: number }];
  const rejected = typedRejected + unseen + bad.size;
  const label = new Map(columns.map((col) => [col.id, col.label]));
  const typeOf = new Map(columns.map((col) => [col.id, col.type]));
  const rejectRows = await rows(
    c,
    `SELECT line, arg_min(column_name, column_idx) AS column_name, arg_min(error_type, column_idx) AS error_type, arg_min(error_message, column_idx) AS message, arg_min(csv_line, column_idx) AS csv_line
     FROM rejects_typed GROUP BY line ORDER BY line LIMIT ${MAX_REJECTS}`,
  );
  const rejects: ImportReject[] = rejectRows.map((r) => {
    const type = String(r.error_type);
    const value = type === 'CAST' ? (/string "(.*)" to/s.exec(String(r.message))?.[1] ?? null) : String(r.csv_line ?? '').slice(0, 200);
    return {
      line: Number(r.line),
      column: r.column_name === null ? null : (label.get(String(r.column_name)) ?? String(r.column_name)),
      reason: rejectReason(type),
      value,
      ...(type === 'CAST' && r.column_name !== null && typeOf.has(String(r.column_name)) ? { expected: typeOf.get(String(r.column_name))! } : {}),
    };
  });
  if (unseen === 1) rejects.push({ line: counted.openQuoteLine!, column: null, reason: 'quote', value: null });
  rejects.push(...lateRejects);
  rejects.sort((a, b) => a.line - b.line);
  rejects.splice(MAX_REJECTS);
  await c.run(`ALTER TABLE loaded RENAME TO raw`);
  // Through names no label has, so a label such as "c2" never meets a column not renamed yet.
  for (const col of columns) await c.run(`ALTER TABLE raw RENAME COLUMN ${quoteIdent(col.id)} TO ${quoteIdent(`__sprig_${col.id}`)}`);
  for (const col of columns) await c.run(`ALTER TABLE raw RENAME COLUMN ${quoteIdent(`__sprig_${col.id}`)} TO ${quoteIdent(col.label)}`);
  return {
    counts: { read: counted.records, imported, rejected },
    rejects,
    names: columns.map((col) => col.label),
    types: columns.map((col) => col.type),
  };
}

function rejectReason(errorType: string): string {
  switch (errorType) {
    case 'CAST':
      return 'type';
    case 'TOO MANY COLUMNS':
      return 'extra-cells';
    case 'MISSING COLUMNS':
      return 'missing-cells';
    case 'UNQUOTED VALUE':
    case 'INVALID UNICODE':
      return 'quote';
    case 'LINE SIZE OVER MAXIMUM':
      return 'line-too-long';
    default:
      return 'other';
  }
}

/** Parquet and JSON: typed already; every record is a row (none rejected). */
async function loadData(c: DuckDBConnection, prepared: Prepared) {
  const kind = prepared.recipe.kind as 'parquet' | 'json';
  const source = dataSource(prepared.file, kind);
  try {
    await c.run(`CREATE TABLE raw AS SELECT row_number() OVER () AS __sprig_row, * FROM ${source}`);
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0] ?? '';
    throw importRefused(kind === 'json' ? 'json-not-records' : 'unreadable-data', reason, { file: prepared.shownName, reason });
  }
  const [{ n }] = (await rows(c, 'SELECT count(*) AS n FROM raw')) as [{ n: number }];
  const columns = prepared.inspection.columns;
  // Types the recipe overrides are cast strictly: a value that does not fit stops the import (it names the column).
  for (const col of columns) {
    const wanted = prepared.recipe.columns?.[col.source]?.type ?? col.detected;
    if (wanted !== col.detected) {
      await c.run(`ALTER TABLE raw ALTER ${quoteIdent(col.source)} TYPE ${duckTypes[wanted]}`);
    } else if (col.detected === 'string') {
      await c.run(`ALTER TABLE raw ALTER ${quoteIdent(col.source)} TYPE VARCHAR`);
    }
  }
  return {
    counts: { read: n, imported: n, rejected: 0 },
    rejects: [],
    names: columns.map((col) => col.source),
    types: columns.map((col) => prepared.recipe.columns?.[col.source]?.type ?? col.detected),
  };
}

/** Columns left out, renamed, and years as columns turned into rows (empty cells kept as missing values). */
async function shape(c: DuckDBConnection, recipe: ImportRecipe, names: string[], types: ImportFieldType[]): Promise<{ name: string; type: ImportFieldType }[]> {
  const kept = names.map((name, i) => ({ name, type: types[i]!, out: recipe.columns?.[name]?.rename ?? name, skip: recipe.columns?.[name]?.skip ?? false })).filter((col) => !col.skip);
  const select = kept.map((col) => `${quoteIdent(col.name)} AS ${quoteIdent(col.out)}`).join(', ');
  await c.run(`CREATE TABLE kept AS SELECT __sprig_row, ${select} FROM raw`);
  const unpivot = recipe.unpivot;
  if (!unpivot) {
    await c.run('CREATE TABLE shaped AS SELECT * FROM kept');
    return kept.map((col) => ({ name: col.out, type: col.type }));
  }
  const outName = (label: string) => recipe.columns?.[label]?.rename ?? label;
  const pivoted = unpivot.columns.map(outName);
  const pivotTypes = new Set(kept.filter((col) => pivoted.includes(col.out)).map((col) => col.type));
  const valueType: ImportFieldType = pivotTypes.size === 1 ? [...pivotTypes][0]! : [...pivotTypes].every((t) => t === 'integer' || t === 'number') ? 'number' : 'string';
  const casts = kept.map((col) => (pivoted.includes(col.out) ? `CAST(${quoteIdent(col.out)} AS ${duckTypes[valueType]}) AS ${quoteIdent(col.out)}` : quoteIdent(col.out))).join(', ');
  await c.run(`CREATE TABLE kept_cast AS SELECT __sprig_row, ${casts} FROM kept`);
  // INCLUDE NULLS: an empty cell stays a row with a missing value (UNPIVOT's default drops it).
  await c.run(
    `CREATE TABLE shaped AS SELECT row_number() OVER (ORDER BY __sprig_row, ord) AS __sprig_row, * EXCLUDE (__sprig_row, ord) FROM (
       SELECT *, list_position(${`[${pivoted.map(sqlString).join(', ')}]`}, ${quoteIdent(unpivot.nameColumn)}) AS ord FROM (
         SELECT * FROM kept_cast UNPIVOT INCLUDE NULLS (${quoteIdent(unpivot.valueColumn)} FOR ${quoteIdent(unpivot.nameColumn)} IN (${pivoted.map(quoteIdent).join(', ')}))))`,
  );
  const rest = kept.filter((col) => !pivoted.includes(col.out)).map((col) => ({ name: col.out, type: col.type }));
  return [...rest, { name: unpivot.nameColumn, type: 'string' }, { name: unpivot.valueColumn, type: valueType }];
}

async function writeDescriptor(packageDir: string, prepared: Prepared, fields: { name: string; type: ImportFieldType }[], counts: ImportCounts, sha256: string): Promise<void> {
  const { recipe } = prepared;
  const importedAt = new Date().toISOString();
  const descriptor = {
    name: recipe.name,
    title: recipe.title ?? prepared.shownName,
    profile: 'tabular-data-package',
    created: importedAt,
    description: `Imported by Sprig ${SPRIG_VERSION} from ${prepared.shownName}.`,
    sources: [{ title: prepared.shownName }],
    resources: [
      {
        name: 'data',
        path: DATA_FILE,
        profile: 'tabular-data-resource',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        schema: {
          fields: fields.map((f) => ({ name: f.name, type: f.type, ...(f.type === 'date' ? { format: 'default' } : {}) })),
          missingValues: [''],
        },
      },
    ],
    // How the package was made: the source as it was (name, size, SHA-256), when, by which Sprig, the counts and the recipe.
    sprigImport: {
      source: { name: prepared.shownName, size: prepared.size, sha256 },
      importedAt,
      sprigVersion: SPRIG_VERSION,
      counts,
      recipe: RECIPE_FILE,
      ...(prepared.conversion ? { workbook: { sheet: recipe.sheet, formulas: prepared.conversion.formulas, mergedTitleRows: prepared.conversion.mergedTitleRows } } : {}),
    },
  };
  await writeFile(path.join(packageDir, 'datapackage.json'), `${JSON.stringify(descriptor, null, 2)}\n`, 'utf8');
  await writeFile(path.join(packageDir, RECIPE_FILE), `${JSON.stringify(recipe, null, 2)}\n`, 'utf8');
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * The records of a UTF-8 CSV below the header, counted as DuckDB splits them (a line break
 * inside quotes is part of the cell; blank lines are no records), streaming; and the line
 * where a record starts whose quote is never closed.
 */
export async function countRecords(
  file: string,
  delimiter: string,
  quote: string,
  headerRow: number,
  onRecord?: (line: number) => void,
): Promise<{ records: number; openQuoteLine: number | null }> {
  const d = delimiter.charCodeAt(0);
  const q = quote === '' ? -1 : quote.charCodeAt(0);
  let line = 1;
  let recordLine = 1;
  let records = 0;
  let quoted = false;
  let closedQuote = false;
  let cellStart = true;
  let empty = true;
  let afterCR = false;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const bytes = chunk as Buffer;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      if (afterCR) {
        afterCR = false;
        if (b === LF) continue;
      }
      if (quoted) {
        if (b === CR || b === LF) {
          line++;
          afterCR = b === CR;
        } else if (b === q) {
          quoted = false;
          closedQuote = true;
        }
        continue;
      }
      if (closedQuote) {
        closedQuote = false;
        if (b === q) {
          quoted = true;
          continue;
        }
      }
      if (b === LF || b === CR) {
        if (!empty && recordLine > headerRow) {
          records++;
          onRecord?.(recordLine);
        }
        line++;
        recordLine = line;
        empty = true;
        cellStart = true;
        afterCR = b === CR;
        continue;
      }
      empty = false;
      if (b === d) cellStart = true;
      else if (cellStart && b === q) {
        quoted = true;
        cellStart = false;
      } else cellStart = false;
    }
  }
  if ((!empty || quoted) && recordLine > headerRow) {
    records++;
    onRecord?.(recordLine);
  }
  return { records, openQuoteLine: quoted ? recordLine : null };
}
