import {
  DuckDBBlobVector,
  DuckDBVarCharVector,
  StatementType,
  type DuckDBConnection,
  type DuckDBDataChunk,
  type DuckDBExtractedStatements,
  type DuckDBInstance,
  type DuckDBPreparedStatement,
  type DuckDBResult,
  type DuckDBValue,
  type DuckDBVector,
} from '@duckdb/node-api';
import { SQL_RESULT_METADATA, type MethodArgs } from '../shared/contract.ts';
import { AppError } from '../shared/errors.ts';
import { sqlIdentifier } from '../shared/sql/quote.ts';
import { answerBytes, columnsToArrowIPC } from './arrow.ts';
import { isCacheCatalog } from './package-cache.ts';
import { statementError } from './sql-errors.ts';
import type { ActiveQuery } from './view-queries.ts';

/** Rows sent back when the caller names no limit. */
export const DEFAULT_MAX_ROWS = 10_000;
/**
 * Bytes of values an answer holds at most (32 MiB), whatever the row cap: 100,000 rows of
 * 10 kB strings once took the engine to 5.5 GB. The answer says when it stopped here.
 */
export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

interface Running {
  queryId: string | undefined;
  connection: DuckDBConnection;
  cancelled: boolean;
  timedOut: boolean;
  /**
   * Whether DuckDB is running one of its statements now. Only then does an interrupt reach
   * it (DuckDB forgets one that comes before it begins a query); otherwise the flags above
   * are read before the next statement starts.
   */
  inQuery: boolean;
}

/**
 * The SQL console: one read-only SELECT on the loaded data packages. It runs on the
 * engine's locked-down database (no file outside the store, no extensions, no settings),
 * and refuses before running anything that is not exactly one SELECT or that reads files,
 * so a refusal is clear rather than a permission error from deep inside DuckDB.
 *
 * Each query gets a fresh connection: `USE` (how `dataset` becomes the default schema) is
 * per connection and allowed under `lock_configuration`, and the views' connection keeps
 * its own state and is never shared with a console query still streaming. So cancelling
 * one console query interrupts its own connection and nothing else.
 *
 * The answer is streamed from DuckDB a chunk at a time and stops at `maxRows` rows or
 * `maxBytes` bytes of values, whichever comes first (a text's size is read from DuckDB's
 * own vector before it becomes a JavaScript string), so no query makes an answer larger
 * than that; between chunks the time limit and Cancel are looked at, and during one DuckDB
 * is interrupted.
 */
export class SqlConsole {
  private readonly running = new Set<Running>();
  private readonly maxBytes: number;

  constructor({ maxBytes = DEFAULT_MAX_BYTES }: { maxBytes?: number } = {}) {
    this.maxBytes = maxBytes;
  }

  async run(instance: DuckDBInstance, args: MethodArgs<'runSql'>, timeoutMs: number): Promise<Uint8Array> {
    const maxRows = args.maxRows ?? DEFAULT_MAX_ROWS;
    const maxBytes = this.maxBytes;
    const connection = await instance.connect();
    const run: Running = { queryId: args.queryId, connection, cancelled: false, timedOut: false, inQuery: false };
    this.running.add(run);
    const timer = setTimeout(() => stop(run, 'timedOut'), timeoutMs);
    let prepared: DuckDBPreparedStatement | null = null;
    try {
      if (args.dataset) await connection.run(`USE ${sqlIdentifier(args.dataset)}`);
      prepared = await prepareReadOnly(connection, args.sql);
      stopIfCancelled(run, timeoutMs);
      // Streams the very statement that was checked, a chunk at a time.
      run.inQuery = true;
      let answer: CollectedAnswer;
      try {
        const result = await prepared.stream();
        answer = await collect(result, run, timeoutMs, maxRows, maxBytes);
      } finally {
        run.inQuery = false;
      }
      stopIfCancelled(run, timeoutMs);
      // Counting may outlive the time limit: then the rows still come back, without a total.
      const total = answer.cutBy ? await countRows(run, args.sql) : answer.rows;
      if (run.cancelled) throw cancelled(run, timeoutMs);
      const metadata: Record<string, string> = {
        [SQL_RESULT_METADATA.truncated]: String(answer.cutBy !== null),
        [SQL_RESULT_METADATA.rows]: String(answer.rows),
        [SQL_RESULT_METADATA.maxBytes]: String(maxBytes),
      };
      if (answer.cutBy) metadata[SQL_RESULT_METADATA.truncatedBy] = answer.cutBy;
      if (total !== null) metadata[SQL_RESULT_METADATA.totalRows] = String(total);
      return columnsToArrowIPC(answer.names, answer.typeIds, answer.columns, { metadata });
    } catch (error) {
      throw asAppError(error, run, timeoutMs);
    } finally {
      clearTimeout(timer);
      this.running.delete(run);
      prepared?.destroySync();
      connection.closeSync();
    }
  }

/** Stops the console query of this id (the Cancel button; `cancelQuery`), on its own connection. */
  cancel(queryId: string): void {
    for (const run of this.running) if (run.queryId === queryId) stop(run, 'cancelled');
  }

  /** The named console queries not yet answered: 'running' while DuckDB runs one of their statements. */
  active(): ActiveQuery[] {
    return [...this.running].flatMap((run) => (run.queryId === undefined ? [] : [{ queryId: run.queryId, state: run.inQuery ? 'running' : 'queued' }]));
  }
}

function stop(run: Running, why: 'cancelled' | 'timedOut'): void {
  run[why] = true;
  if (run.inQuery) run.connection.interrupt();
}

interface CollectedAnswer {
  names: string[];
  typeIds: ReturnType<DuckDBResult['columnTypeId']>[];
  columns: DuckDBValue[][];
  rows: number;
  /** Why rows were left out: the row cap, the byte cap, or null when every row is here. */
  cutBy: 'rows' | 'bytes' | null;
}

/**
 * Reads a streamed result a chunk at a time until it ends, `maxRows` rows are in, or the
 * next row would take the values past `maxBytes`. A row past either cap is looked at only
 * to know that there is more. Stops (throws) as soon as it is cancelled or out of time.
 */
async function collect(result: DuckDBResult, run: Running, timeoutMs: number, maxRows: number, maxBytes: number): Promise<CollectedAnswer> {
  const names = result.deduplicatedColumnNames();
  const typeIds = names.map((_, index) => result.columnTypeId(index));
  const columns: DuckDBValue[][] = names.map(() => []);
  let rows = 0;
  let bytes = 0;
  for (;;) {
    stopIfCancelled(run, timeoutMs);
    const chunk: DuckDBDataChunk | null = await result.fetchChunk();
    stopIfCancelled(run, timeoutMs);
    if (!chunk || chunk.rowCount === 0) return { names, typeIds, columns, rows, cutBy: null };
    const vectors = names.map((_, c) => chunk.getColumnVector(c));
    for (let r = 0; r < chunk.rowCount; r++) {
      if (rows >= maxRows) return { names, typeIds, columns, rows, cutBy: 'rows' };
      let size = 0;
      for (const vector of vectors) size += storedBytes(vector, r) ?? answerBytes(vector.getItem(r));
      if (bytes + size > maxBytes) return { names, typeIds, columns, rows, cutBy: 'bytes' };
      vectors.forEach((vector, c) => columns[c]!.push(vector.getItem(r)));
      rows++;
      bytes += size;
    }
  }
}

/**
 * The length of a text or blob value as DuckDB stores it (a string_t: its length in the
 * first four bytes), read without making it a JavaScript string; null for other vectors.
 */
function storedBytes(vector: DuckDBVector, row: number): number | null {
  if (!(vector instanceof DuckDBVarCharVector || vector instanceof DuckDBBlobVector)) return null;
  const raw = vector as unknown as { dataView?: unknown; validity?: { itemValid?: (i: number) => boolean } };
  if (!(raw.dataView instanceof DataView) || typeof raw.validity?.itemValid !== 'function') return null;
  if (!raw.validity.itemValid(row)) return 1;
  return raw.dataView.getUint32(row * 16, true);
}

/**
 * Checks, without running it, that `sql` is exactly one SELECT that reads no file, and
 * answers it prepared. Every refusal is an `AppError` 'sql-refused' naming what it refused.
 */
export async function prepareReadOnly(connection: DuckDBConnection, sql: string): Promise<DuckDBPreparedStatement> {
  const extracted = await extractStatements(connection, sql);
  const count = extracted?.count ?? 0;
  if (!extracted || count === 0) throw refused('There is no SQL statement to run', { context: 'empty' });
  if (count > 1) throw refused(`Only one statement may run at a time; this has ${count}`, { context: 'multiple', count });

  // DuckDB's parser serialises SELECTs only: anything else is refused here, before it is
  // even bound (binding COPY TO a forbidden file would fail with a permission error).
  const tree = await parseTree(connection, sql);
  if (tree === 'not-select') throw refusedKind(leadingKeyword(sql));
  await checkReadsNoFiles(connection, tree);

  let prepared: DuckDBPreparedStatement;
  try {
    prepared = await extracted.prepare(0);
  } catch (error) {
    // Lockdown's last word on anything the checks above let through.
    const message = (error as Error).message;
    if (/^Permission Error/m.test(message)) throw refused(message, { context: 'files', name: leadingKeyword(sql) });
    throw error;
  }
  // The type DuckDB bound is the authority for everything that parsed as a SELECT.
  if (prepared.statementType !== StatementType.SELECT) {
    const kind = StatementType[prepared.statementType] ?? leadingKeyword(sql);
    prepared.destroySync();
    throw refusedKind(kind);
  }
  return prepared;
}

/** DuckDB's own split of the text into statements; null when there is none (blank, only comments). */
async function extractStatements(connection: DuckDBConnection, sql: string): Promise<DuckDBExtractedStatements | null> {
  try {
    return await connection.extractStatements(sql);
  } catch (error) {
    // No statement at all fails without a message of its own; a syntax error has one.
    if (/native callback/i.test((error as Error).message)) return null;
    throw error;
  }
}

/** DuckDB's own parse tree of a SELECT, as JSON (parse only: nothing is bound or run). */
async function parseTree(connection: DuckDBConnection, sql: string): Promise<unknown | 'not-select'> {
  const reader = await connection.runAndReadAll('SELECT json_serialize_sql($sql::VARCHAR)', { sql });
  const json = JSON.parse(String(reader.getRows()[0]?.[0])) as { error: boolean; error_message?: string; statements?: unknown[] };
  if (!json.error) return json.statements;
  if (/only select statements/i.test(json.error_message ?? '')) return 'not-select';
  throw new Error(`Parser Error: ${json.error_message ?? 'the SQL could not be read'}`);
}

/**
 * How many rows the whole query has, for "showing X of Y". It runs the user's SELECT as a
 * subquery, checked again as a whole; null when it cannot be counted (it was stopped, or
 * the text does not nest, e.g. it ends in a comment after a semicolon).
 */
async function countRows(run: Running, sql: string): Promise<number | null> {
  const body = sql.replace(/[\s;]+$/, '');
  try {
    const prepared = await prepareReadOnly(run.connection, `SELECT count(*) FROM (\n${body}\n) AS sprig_console`);
    try {
      if (run.cancelled || run.timedOut) return null;
      const pending = prepared.start();
      run.inQuery = true;
      const reader = await pending.readAll();
      return Number(reader.getRows()[0]?.[0]);
    } finally {
      run.inQuery = false;
      prepared.destroySync();
    }
  } catch {
    return null;
  }
}

/**
 * Table functions a console query may call: they read the database's own catalogue or make
 * numbers, never a file. Every other one (read_csv, read_text, glob, query, query_table, …)
 * is refused, so nothing in the console reads a file, not even inside Sprig's store, where
 * lockdown would let it (the console is for the loaded datasets; the store holds Sprig's
 * settings and spill files, which are no business of a query).
 */
const ALLOWED_TABLE_FUNCTIONS = new Set([
  'range',
  'generate_series',
  'unnest',
  'duckdb_tables',
  'duckdb_views',
  'duckdb_columns',
  'duckdb_schemas',
  'duckdb_constraints',
  'duckdb_types',
  'duckdb_functions',
  'pragma_table_info',
  'json_each',
  'json_tree',
]);

/**
 * Refuses a parse tree that reads files: a table function outside the list above, a table
 * name DuckDB would take as a file path (`FROM '/etc/passwd'`, `FROM 'x.csv'`, its
 * "replacement scan") because no table or view, and no CTE, has that name, or a table in
 * one of Sprig's cache catalogues (src/engine/package-cache.ts: the console reads a
 * cached package through its own schema, never the cache file itself).
 */
async function checkReadsNoFiles(connection: DuckDBConnection, tree: unknown): Promise<void> {
  const found = { functions: new Set<string>(), tables: new Set<string>(), ctes: new Set<string>(), qualified: new Set<string>() };
  collectReferences(tree, found);
  for (const name of found.qualified) {
    const [catalog = '', schema = ''] = name.split('\u0000');
    if (isCacheCatalog(catalog) || isCacheCatalog(schema)) {
      const shown = [catalog, schema].filter(Boolean).map((part) => sqlIdentifier(part)).join('.');
      throw refused(`The SQL console reads only the loaded datasets; refused Sprig's cache ${shown}`, { context: 'files', name: shown });
    }
  }
  for (const name of found.functions) {
    if (!ALLOWED_TABLE_FUNCTIONS.has(name.toLowerCase())) {
      throw refused(`The SQL console reads only the loaded datasets; refused the table function ${name}`, { context: 'files', name });
    }
  }
  const fileLike = [...found.tables].filter((t) => /[./\\:~]/.test(t) && !found.ctes.has(t));
  if (fileLike.length === 0) return;
  const known = new Set(
    (await connection.runAndReadAll('SELECT table_name FROM duckdb_tables() UNION ALL SELECT view_name FROM duckdb_views()'))
      .getRows()
      .map((row) => String(row[0])),
  );
  for (const name of fileLike) {
    if (/[/\\:~]/.test(name) || !known.has(name)) {
      throw refused(`The SQL console reads only the loaded datasets; refused the file ${name}`, { context: 'files', name: `'${name}'` });
    }
  }
}

/** Walks DuckDB's JSON parse tree for table functions, table names (and their catalogue and schema) and CTE names. */
function collectReferences(node: unknown, found: { functions: Set<string>; tables: Set<string>; ctes: Set<string>; qualified: Set<string> }): void {
  if (Array.isArray(node)) {
    for (const child of node) collectReferences(child, found);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  if (record.type === 'TABLE_FUNCTION') {
    const fn = record.function as { function_name?: unknown } | undefined;
    found.functions.add(String(fn?.function_name ?? ''));
  }
  if (record.type === 'BASE_TABLE' && typeof record.table_name === 'string') {
    found.tables.add(record.table_name);
    found.qualified.add(`${String(record.catalog_name ?? '')}\u0000${String(record.schema_name ?? '')}`);
  }
  const cteMap = record.cte_map as { map?: { key?: unknown }[] } | undefined;
  for (const entry of cteMap?.map ?? []) if (typeof entry.key === 'string') found.ctes.add(entry.key);
  for (const value of Object.values(record)) collectReferences(value, found);
}

/** The statement's first word (`COPY`, `INSTALL`, `PRAGMA`…), after comments and brackets. */
export function leadingKeyword(sql: string): string {
  const text = sql.replace(/^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/|\()*/, '');
  return (/^[A-Za-z_]+/.exec(text)?.[0] ?? 'SQL').toUpperCase();
}

function refusedKind(kind: string): AppError {
  return refused(`The SQL console runs only read-only SELECT statements; refused ${kind}`, { kind });
}

/** `context` picks the translated sentence (errors.sql-refused_files, …_multiple, …_empty). */
function refused(message: string, detail: Record<string, string | number>): AppError {
  return new AppError('sql-refused', message, detail);
}

function stopIfCancelled(run: Running, timeoutMs: number): void {
  if (run.cancelled || run.timedOut) throw cancelled(run, timeoutMs);
}

function cancelled(run: Running, timeoutMs: number): AppError {
  if (run.timedOut && !run.cancelled) {
    const seconds = Math.round(timeoutMs / 100) / 10;
    return new AppError('query-cancelled', `The query took longer than ${seconds} s and was stopped`, { context: 'timeout', seconds });
  }
  return new AppError('query-cancelled', 'The query was cancelled', { context: 'user' });
}

function asAppError(error: unknown, run: Running, timeoutMs: number): AppError {
  if (error instanceof AppError) return error;
  const message = (error as Error).message ?? String(error);
  if (run.cancelled || run.timedOut || /interrupt/i.test(message)) return cancelled(run, timeoutMs);
  const statement = statementError(message);
  if (statement) return statement;
  const reason = message.replace(/^Failed to extract statements: /, '').split('\n')[0] ?? message;
  return new AppError('query-failed', message, { reason });
}
