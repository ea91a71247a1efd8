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

  /** `schemas`: each loaded package's schema name and its tables (see `ConsoleScope`). */
  async run(instance: DuckDBInstance, args: MethodArgs<'runSql'>, timeoutMs: number, schemas: ReadonlyMap<string, ReadonlySet<string>>): Promise<Uint8Array> {
    const scope: ConsoleScope = { schemas, instance, ...(args.dataset !== undefined ? { defaultSchema: args.dataset } : {}) };
    const maxRows = args.maxRows ?? DEFAULT_MAX_ROWS;
    const maxBytes = this.maxBytes;
    const connection = await instance.connect();
    const run: Running = { queryId: args.queryId, connection, cancelled: false, timedOut: false, inQuery: false };
    this.running.add(run);
    const timer = setTimeout(() => stop(run, 'timedOut'), timeoutMs);
    let prepared: DuckDBPreparedStatement | null = null;
    try {
      if (args.dataset) await connection.run(`USE ${sqlIdentifier(args.dataset)}`);
      prepared = await prepareReadOnly(connection, args.sql, scope);
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
      const total = answer.cutBy ? await countRows(run, args.sql, scope) : answer.rows;
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
 * What a console query may read: the loaded packages, each a schema of its tables (names in
 * lower case, as DuckDB matches them), and the default package (`dataset`), if any.
 */
export interface ConsoleScope {
  schemas: ReadonlyMap<string, ReadonlySet<string>>;
  defaultSchema?: string;
  /** The database the query runs on (its safe functions are read once). */
  instance: object;
}

/**
 * Checks, without running it, that `sql` is exactly one SELECT that reads only the loaded
 * packages' tables and calls only safe functions (`checkTree`), and answers it prepared.
 * Every refusal is an `AppError` 'sql-refused' (or 'sql-invalid' for a name nothing has)
 * naming what it refused.
 */
export async function prepareReadOnly(connection: DuckDBConnection, sql: string, scope: ConsoleScope): Promise<DuckDBPreparedStatement> {
  // DuckDB's parser serialises SELECTs only: anything else (PRAGMA, SET, ATTACH, COPY,
  // EXPORT, IMPORT, INSTALL, LOAD, CALL…) is refused, before it is even bound. This parse
  // comes first because it only parses: splitting the text into statements (below) also
  // expands IMPORT DATABASE and PRAGMA, which reads files.
  const tree = await parseTree(connection, sql);
  if (tree === 'not-select') {
    // Refused whatever it holds; only which sentence says so is left to choose.
    if (/\b(import|pragma)\b/i.test(sql)) throw refusedKind(leadingKeyword(sql));
    const count = (await extractStatements(connection, sql))?.count ?? 0;
    if (count > 1) throw refused(`Only one statement may run at a time; this has ${count}`, { context: 'multiple', count });
    throw refusedKind(leadingKeyword(sql));
  }
  const extracted = await extractStatements(connection, sql);
  const count = extracted?.count ?? 0;
  if (!extracted || count === 0) throw refused('There is no SQL statement to run', { context: 'empty' });
  if (count > 1) throw refused(`Only one statement may run at a time; this has ${count}`, { context: 'multiple', count });
  checkTree(tree, scope, await safeFunctions(connection, scope.instance));

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
async function countRows(run: Running, sql: string, scope: ConsoleScope): Promise<number | null> {
  const body = sql.replace(/[\s;]+$/, '');
  try {
    const prepared = await prepareReadOnly(run.connection, `SELECT count(*) FROM (\n${body}\n) AS sprig_console`, scope);
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
 * numbers, never a file. Every other one (read_csv, read_parquet, read_json, read_text,
 * glob, parquet_metadata, sniff_csv, query, query_table, duckdb_databases, duckdb_settings,
 * which_secret, …) is refused, so nothing in the console reads a file or Sprig's own state.
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
 * Built-in functions a console query may not call, though they read no table: what they
 * answer is Sprig's or the machine's, not the data's (settings such as allowed_directories,
 * environment variables), or they write (DuckDB's log), or run SQL given as text.
 */
const REFUSED_FUNCTIONS = new Set(['current_setting', 'getenv', 'write_log', 'json_execute_serialized_sql', 'query', 'query_table', 'getvariable']);

/** Window functions (not in duckdb_functions(): DuckDB binds them itself). */
const WINDOW_FUNCTIONS = ['row_number', 'rank', 'dense_rank', 'rank_dense', 'percent_rank', 'cume_dist', 'ntile', 'lag', 'lead', 'first_value', 'last_value', 'nth_value', 'first', 'last'];

interface SafeFunctions {
  /** Every scalar, aggregate and macro function DuckDB has built in (lower case). */
  builtIn: ReadonlySet<string>;
  /** Those a console query may call. */
  safe: ReadonlySet<string>;
}

const safeFunctionSets = new WeakMap<object, Promise<SafeFunctions>>();

/**
 * The scalar, aggregate and macro functions DuckDB has built in, less the refused ones and
 * any macro whose definition calls one: the safe list, read once per database from
 * DuckDB's own catalogue so that it follows DuckDB's version.
 */
function safeFunctions(connection: DuckDBConnection, instance: object): Promise<SafeFunctions> {
  let found = safeFunctionSets.get(instance);
  if (!found) {
    found = (async () => {
      const reader = await connection.runAndReadAll(
        `SELECT DISTINCT lower(function_name), coalesce(macro_definition, '') FROM duckdb_functions()
         WHERE database_name = 'system' AND function_type IN ('scalar', 'aggregate', 'macro')`,
      );
      const refusedCall = new RegExp(`\\b(${[...REFUSED_FUNCTIONS].join('|')})\\s*\\(`, 'i');
      const builtIn = new Set<string>(WINDOW_FUNCTIONS);
      const safe = new Set<string>(WINDOW_FUNCTIONS);
      const unsafe = new Set<string>(REFUSED_FUNCTIONS);
      for (const [name, definition] of reader.getRows()) {
        const fn = String(name);
        builtIn.add(fn);
        if (REFUSED_FUNCTIONS.has(fn) || refusedCall.test(String(definition))) unsafe.add(fn);
        else safe.add(fn);
      }
      // A name with a safe and an unsafe overload (a macro in pg_catalog, say) is refused.
      for (const fn of unsafe) {
        builtIn.add(fn);
        safe.delete(fn);
      }
      return { builtIn, safe };
    })();
    found.catch(() => safeFunctionSets.delete(instance));
    safeFunctionSets.set(instance, found);
  }
  return found;
}

/** Table references the tree may hold besides base tables and table functions, each checked inside. */
const CONTAINER_REFS = new Set(['SUBQUERY', 'JOIN', 'EXPRESSION_LIST', 'PIVOT', 'EMPTY', 'EMPTY_FROM']);
/** Every kind of table reference DuckDB serialises (others, such as SHOW TABLES, are refused). */
const TABLE_REF_TYPES = new Set([...CONTAINER_REFS, 'BASE_TABLE', 'TABLE_FUNCTION', 'SHOW_REF', 'COLUMN_DATA', 'DELIM_GET', 'BOUND_TABLE_REF', 'CTE']);

/**
 * Walks DuckDB's JSON parse tree of a SELECT and refuses, with a typed reason:
 * - a base table that is not a table of a loaded package (in the package's schema, or
 *   unqualified with `dataset` as the default, or a CTE of the query): no other schema or
 *   catalogue (information_schema, the cache catalogues `sprig:cache:<n>`, system views
 *   such as duckdb_settings), and no name DuckDB would read as a file path (its
 *   "replacement scan": `FROM 'x.csv'`, `FROM "<store>/settings"."json"`);
 * - a table function outside ALLOWED_TABLE_FUNCTIONS;
 * - a function call outside the safe list (`safeFunctions`), or qualified with another
 *   catalogue or schema;
 * - a table reference of a kind it does not know (SHOW TABLES, …).
 */
export function checkTree(tree: unknown, scope: ConsoleScope, functions: SafeFunctions): void {
  const ctes = new Set<string>();
  collectCtes(tree, ctes);
  walk(tree, (node) => {
    const type = typeof node.type === 'string' ? node.type : '';
    const isTableRef = TABLE_REF_TYPES.has(type) && 'query_location' in node && ('alias' in node || 'sample' in node);
    if (isTableRef) checkTableRef(node, type, scope, ctes);
    if ((node.class === 'FUNCTION' || node.class === 'WINDOW') && typeof node.function_name === 'string') {
      checkFunction(node, functions);
    }
  });
}

function checkTableRef(node: Record<string, unknown>, type: string, scope: ConsoleScope, ctes: ReadonlySet<string>): void {
  if (CONTAINER_REFS.has(type)) return;
  if (type === 'SHOW_REF') {
    // DESCRIBE and SUMMARIZE of a query (checked inside); SHOW TABLES and its kin list every catalogue.
    if (node.table_name === '' && node.query) return;
    throw refused(`The SQL console reads only the loaded datasets; refused SHOW ${String(node.table_name)}`, { context: 'table', name: 'SHOW' });
  }
  if (type === 'TABLE_FUNCTION') {
    const fn = node.function as { function_name?: unknown; schema?: unknown; catalog?: unknown } | undefined;
    const name = String(fn?.function_name ?? '');
    const qualified = Boolean(fn?.schema) || Boolean(fn?.catalog);
    if (qualified || !ALLOWED_TABLE_FUNCTIONS.has(name.toLowerCase())) {
      throw refused(`The SQL console reads only the loaded datasets; refused the table function ${name}`, { context: 'files', name });
    }
    return;
  }
  if (type !== 'BASE_TABLE') throw refused(`The SQL console reads only the loaded datasets; refused a ${type} reference`, { context: 'table', name: type });
  const table = String(node.table_name ?? '');
  const schema = String(node.schema_name ?? '');
  const catalog = String(node.catalog_name ?? '');
  const shown = [catalog, schema, table].filter(Boolean).map((part) => sqlIdentifier(part)).join('.');
  const fileLike = (name: string) => /[./\\:~*?[\]]/.test(name) || name.includes('\0');
  if (catalog && catalog.toLowerCase() !== 'memory') {
    // Another catalogue: a cache file attached as `sprig:cache:<n>`, system, temp.
    throw refused(`The SQL console reads only the loaded datasets; refused ${shown}`, { context: isCacheCatalog(catalog) ? 'files' : 'table', name: shown });
  }
  if (!schema) {
    if (!catalog && ctes.has(table.toLowerCase())) return;
    const inDefault = scope.defaultSchema !== undefined && scope.schemas.get(scope.defaultSchema.toLowerCase())?.has(table.toLowerCase());
    if (inDefault) return;
    if (fileLike(table)) throw refused(`The SQL console reads only the loaded datasets; refused the file ${table}`, { context: 'files', name: `'${table}'` });
    // A name nothing loaded has (a system view such as duckdb_settings included): said as
    // DuckDB would, with the nearest table of the loaded packages as its suggestion.
    if (SYSTEM_VIEW.test(table)) throw refused(`The SQL console reads only the loaded datasets; refused DuckDB's own ${table}`, { context: 'table', name: table });
    const suggestion = nearestTable(table, scope);
    const message = `No table named ${table} in the loaded datasets`;
    if (suggestion) throw new AppError('sql-invalid', message, { context: 'table-suggestion', table, suggestion });
    throw new AppError('sql-invalid', message, { context: 'table', table });
  }
  const tables = scope.schemas.get(schema.toLowerCase());
  if (!tables) {
    if (fileLike(schema) || fileLike(table) || isCacheCatalog(schema)) {
      throw refused(`The SQL console reads only the loaded datasets; refused the file ${shown}`, { context: 'files', name: shown });
    }
    if (RESERVED_SCHEMAS.has(schema.toLowerCase())) throw refused(`The SQL console reads only the loaded datasets; refused ${shown}`, { context: 'table', name: shown });
    throw new AppError('sql-invalid', `No dataset named ${schema}`, { context: 'schema', schema });
  }
  if (!tables.has(table.toLowerCase())) {
    if (fileLike(table)) throw refused(`The SQL console reads only the loaded datasets; refused the file ${shown}`, { context: 'files', name: shown });
    throw new AppError('sql-invalid', `No table named ${table} in the dataset ${schema}`, { context: 'table', table: `${schema}.${table}` });
  }
}

/**
 * The loaded table nearest to a name nothing has (at most a third of its letters apart):
 * in the default package as it is, in any other qualified with its package.
 */
function nearestTable(name: string, scope: ConsoleScope): string | null {
  const wanted = name.toLowerCase();
  const fallback = scope.defaultSchema?.toLowerCase();
  let best: { text: string; distance: number } | null = null;
  for (const [schema, tables] of scope.schemas) {
    for (const table of tables) {
      const distance = editDistance(wanted, table);
      const text = schema === fallback ? table : `${schema}.${table}`;
      // The default package's tables first, at equal distance.
      if (distance <= Math.max(1, Math.floor(wanted.length / 3)) && (!best || distance < best.distance)) best = { text, distance };
    }
  }
  return best?.text ?? null;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

/** The names of DuckDB's own views of its state (duckdb_settings, duckdb_databases, pragma_database_list, sqlite_master, pg_settings…). */
const SYSTEM_VIEW = /^(duckdb_|pragma_|sqlite_|pg_)/i;

/** DuckDB's own schemas (and catalogues a name may stand for), which hold no package. */
const RESERVED_SCHEMAS = new Set(['main', 'information_schema', 'pg_catalog', 'temp', 'system', 'memory']);

/**
 * A function call must name a function of DuckDB's own (unqualified, or in `main` or
 * `pg_catalog` of the system catalogue) on the safe list. A name DuckDB has no function of
 * is left to DuckDB, which cannot run it and says so when it binds the statement ("No
 * function named … Did you mean …?"); every built-in one off the list is refused here.
 */
function checkFunction(node: Record<string, unknown>, functions: SafeFunctions): void {
  const name = String(node.function_name);
  const lower = name.toLowerCase();
  const schema = String(node.schema ?? '').toLowerCase();
  const catalog = String(node.catalog ?? '').toLowerCase();
  const qualifiedElsewhere = (catalog !== '' && catalog !== 'system') || (schema !== '' && schema !== 'main' && schema !== 'pg_catalog');
  if (qualifiedElsewhere || (functions.builtIn.has(lower) && !functions.safe.has(lower))) {
    throw refused(`The SQL console reads only the loaded datasets; refused the function ${name}`, { context: 'function', name });
  }
}

/** Every CTE name in the tree (lower case), wherever it is defined. */
function collectCtes(tree: unknown, into: Set<string>): void {
  walk(tree, (node) => {
    const cteMap = node.cte_map as { map?: { key?: unknown }[] } | undefined;
    for (const entry of cteMap?.map ?? []) if (typeof entry.key === 'string') into.add(entry.key.toLowerCase());
  });
}

function walk(node: unknown, visit: (node: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  visit(record);
  for (const value of Object.values(record)) walk(value, visit);
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
