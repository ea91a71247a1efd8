import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { listValue, type DuckDBConnection, type DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import type { Catalogue, DatasetDescription, DatasetSummary, LoadStatus, RefusedPackage } from '../shared/catalogue.ts';
import type { MethodArgs, SprigService } from '../shared/contract.ts';
import { AppError } from '../shared/errors.ts';
import type { SqlQuery } from '../shared/sql/view-query.ts';
import { answerView } from './answer-view.ts';
import { resultToArrowIPC } from './arrow.ts';
import { checkConventions } from './conventions.ts';
import { checkViewAgainstPackage } from './view-checks.ts';
import { findOtherDescriptors, findPackageFolders, loadPackage, PackageRefusal, readDescriptor, type PackageDescriptor } from './data-package.ts';
import { shownText } from './package-refusal.ts';
import { describePackage } from './describe.ts';
import { lockDown, openDatabase } from './database.ts';
import { SqlConsole } from './sql-console.ts';
import { ViewCache, viewCacheKey } from './view-cache.ts';
import { CompactTables } from './compact-tables.ts';
import { COMPACT_SCHEMA, PACKAGE_SCHEMA, PackageCache, type CacheSlot } from './package-cache.ts';
import { Preparations, type PackageToPrepare } from './preparation.ts';
import { ViewQueries, ViewQuery, type ActiveQuery } from './view-queries.ts';
import { readSettings, writeSettings } from './store.ts';
import { sqlIdentifier } from '../shared/sql/quote.ts';
import { AppliedMappings, inspectTable, MappingStore, saveTableMapping } from './package-mappings.ts';
import { tableFromIPC } from 'apache-arrow';
import { drawFigure, figureFile, type FigureSource } from './figures/export-figure.ts';
import { figureBundle } from './figures/figure-bundle.ts';
import { SPRIG_VERSION } from './sprig-version.ts';
import { Imports, importsDir } from './import/imports.ts';

export interface EngineOptions {
  /** Sprig's own folder (settings, spill files). The only folder DuckDB may touch once locked. */
  storeDir: string;
  /** Folders of bundled data packages (the demo). */
  bundledDataDirs: string[];
  /** Extra folders for this run only (`--data`). */
  extraDataDirs?: string[];
  memoryLimit?: string;
  threads?: number;
  /** Longest a view's query (or a console query) may run before it is cancelled. */
  queryTimeoutMs?: number;
  /** False: person-level views always count with the builder's SQL, never the compact tables (for tests that compare the two). */
  compactTables?: boolean;
  /** False: no cache of loaded packages in the store (src/engine/package-cache.ts); every start loads every package from its files. */
  cache?: boolean;
  /**
   * False: nothing is prepared after loading (no compact tables ahead of the first view, no
   * cache written), though a cache already written is used. For commands that answer once and exit.
   */
  prepare?: boolean;
  /** Where the engine says what it could not do but worked around (no cache, say); standard error by default. Not sent between processes. */
  log?: (message: string) => void;
}

const DEFAULT_QUERY_TIMEOUT_MS = 30_000;

interface OpenPackage {
  descriptor: PackageDescriptor;
  summary: DatasetSummary;
  description: DatasetDescription;
  /** Its cache for this run: where its compact tables go, and whether its tables came from there. */
  slot: CacheSlot;
}

interface DatabaseState {
  instance: DuckDBInstance;
  connection: DuckDBConnection;
  /** Every statement on `connection`, one at a time, each view cancellable by itself. */
  views: ViewQueries;
  packages: Map<string, OpenPackage>;
  refused: RefusedPackage[];
  /** Answers to views on this database; gone with it when packages reload. Made on first use. */
  viewCache?: ViewCache;
  /** Compact copies of the person tables (made while preparing, or by the first view that needs them). */
  compactTables: CompactTables;
  cache: PackageCache;
  /** Making compact tables and caches in the background, after loading. */
  preparations: Preparations;
  /** Set once closing began; resolves once closed. */
  closing?: Promise<void>;
  /** The user's saved mappings applied to these packages (src/engine/package-mappings.ts); made on first use, dropped when one changes. */
  mapped?: Promise<AppliedMappings>;
}

/**
 * Owns DuckDB and answers the contract. Plain Node: the desktop app, `sprig serve`,
 * the `sprig` commands and the tests all run this same class.
 */
export class Engine implements SprigService {
  private state: DatabaseState;
  private readonly options: EngineOptions;
  private userFolders: string[];
  private readonly sqlConsole = new SqlConsole();
  private readonly mappingStore: MappingStore;
  private readonly imports: Imports;

  private constructor(options: EngineOptions, userFolders: string[], state: DatabaseState) {
    this.options = options;
    this.userFolders = userFolders;
    this.state = state;
    this.mappingStore = new MappingStore(options.storeDir);
    this.imports = new Imports({
      storeDir: options.storeDir,
      reload: () => this.useFolders(this.userFolders),
      packagePath: (name) => this.state.packages.get(name)?.summary.path ?? null,
    });
  }

  static async open(options: EngineOptions): Promise<Engine> {
    const log = options.log ?? ((message: string) => console.warn(`[sprig] ${message}`));
    const settings = await readSettings(options.storeDir);
    const state = await Engine.openState(options, settings.dataFolders, log);
    return new Engine(options, settings.dataFolders, state);
  }

  private static async openState(options: EngineOptions, userFolders: string[], log: (message: string) => void): Promise<DatabaseState> {
    // A store that cannot be written (read-only) costs the cache and spilling to disk, never the start.
    const tempDirectory = path.join(options.storeDir, 'tmp');
    const canSpill = await mkdir(tempDirectory, { recursive: true }).then(
      () => true,
      (error: unknown) => {
        log(`${tempDirectory} cannot be made (${(error as Error).message.split('\n')[0]}); DuckDB will not spill to disk`);
        return false;
      },
    );
    const instance = await openDatabase({
      allowedDirectories: [options.storeDir],
      ...(canSpill ? { tempDirectory } : {}),
      ...(options.memoryLimit ? { memoryLimit: options.memoryLimit } : {}),
      ...(options.threads ? { threads: options.threads } : {}),
    });
    const connection = await instance.connect();
    const cache = new PackageCache({ storeDir: options.storeDir, enabled: options.cache !== false && canSpill, write: options.prepare !== false, log });
    const packages = new Map<string, OpenPackage>();
    const refused: RefusedPackage[] = [];
    // The store's imports (src/engine/import) open like any folder of packages, once there are any.
    const imports = importsDir(options.storeDir);
    const hasImports = await findPackageFolders(imports).then(
      (found) => found.length > 0,
      () => false,
    );
    const roots = [
      ...options.bundledDataDirs.map((dir) => ({ dir, bundled: true })),
      ...[...(options.extraDataDirs ?? []), ...userFolders, ...(hasImports ? [imports] : [])].map((dir) => ({ dir, bundled: false })),
    ];
    const tempDir = path.join(options.storeDir, 'tmp');
    for (const { dir, bundled } of roots) {
      let folders: string[];
      let others: { folder: string; found: string }[];
      try {
        folders = await findPackageFolders(dir);
        others = await findOtherDescriptors(dir);
      } catch {
        refused.push(problem(dir, 'folder-unreadable', `folder ${dir} cannot be read`, { folder: dir }));
        continue;
      }
      // A descriptor by another name (v2 allows other names; v1 and Sprig read datapackage.json).
      for (const { folder, found } of others) {
        refused.push(problem(folder, 'descriptor-other-name', `${folder} has ${found} but no datapackage.json; Sprig reads descriptors named datapackage.json`, { folder, found }));
      }
      if (folders.length === 0 && others.length === 0) refused.push(problem(dir, 'no-package', `no datapackage.json in ${dir} or its sub-folders`, { folder: dir }));
      for (const folder of folders) {
        try {
          const open = await openPackage(connection, cache, log, folder, bundled, packages, tempDir);
          packages.set(open.summary.name, open);
        } catch (error) {
          refused.push(toRefused(folder, error));
        }
      }
    }
    // Data are in memory or in the store now: from here DuckDB reaches no file outside Sprig's store.
    await lockDown(connection, [options.storeDir]);
    const views = new ViewQueries(connection, options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS);
    const compactTables = new CompactTables(views, options.compactTables !== false);
    const toPrepare: PackageToPrepare[] = [];
    for (const open of packages.values()) {
      const { slot, descriptor } = open;
      if (slot.kind === 'hit' && slot.meta.compact) compactTables.adopt(descriptor, slot.meta.compact, `${sqlIdentifier(slot.catalog)}.${COMPACT_SCHEMA}`);
      const rows = Object.fromEntries(open.description.tableDetails.map((t) => [t.name, t.rowCount]));
      if (options.prepare !== false) toPrepare.push({ descriptor, schema: descriptor.name, slot, rows });
    }
    const preparations = await Preparations.start(instance, views, compactTables, cache, log, toPrepare);
    return { instance, connection, views, packages, refused, compactTables, cache, preparations };
  }

  async listDatasets(): Promise<Catalogue> {
    const state = this.state;
    const mapped = await this.mapped();
    return {
      datasets: [...state.packages.values()].map((p) => mapped.packageOf(p).summary),
      refused: state.refused,
      folders: this.userFolders,
    };
  }

  async describeDataset({ dataset }: MethodArgs<'describeDataset'>): Promise<DatasetDescription> {
    return (await this.mappedPackage(dataset)).description;
  }

  async runView({ spec, queryId }: MethodArgs<'runView'>): Promise<Uint8Array> {
    const state = this.state;
    const open = await this.mappedPackage(spec.dataset);
    checkViewAgainstPackage(spec, open.descriptor, open.description);
    // Loaded data never change, so an answer holds until the state (with its cache) is swapped.
    state.viewCache ??= new ViewCache();
    // Person-level views on large packages count from compact copies of the tables (src/engine/compact-tables.ts).
    const compact = state.compactTables;
    const view = state.views.begin(queryId);
    try {
      const answer = state.viewCache.getOrRun(viewCacheKey(open.summary, spec) + open.stamp, async () => {
        view.throwIfStopped();
        return answerView(spec, open, (q) => this.runRows(q, view), compact);
      });
      return await view.answer(answer);
    } finally {
      view.end();
    }
  }

  /**
   * Opens the data packages in a folder the user chose and remembers it. Only an absolute
   * path is taken (both hosts' folder pickers give one; a relative one would depend on where
   * Sprig was started), and a folder with no data package at all is said to be so, not
   * remembered.
   */
  async addDataFolder({ path: folder }: MethodArgs<'addDataFolder'>): Promise<Catalogue> {
    if (!path.isAbsolute(folder)) throw new AppError('invalid-request', `Not an absolute path: ${folder}`, { context: 'relative-folder', path: folder });
    const absolute = path.resolve(folder);
    if (!(await isDirectory(absolute))) {
      throw new AppError('folder-not-found', `No folder at ${absolute}`, { path: absolute });
    }
    if ((await findPackageFolders(absolute)).length === 0) {
      throw new AppError('folder-not-found', `No datapackage.json in ${absolute} or its sub-folders`, { context: 'no-package', path: absolute });
    }
    return this.useFolders(this.userFolders.includes(absolute) ? this.userFolders : [...this.userFolders, absolute]);
  }

  /** Forgets a folder the user added; its packages close. Folders bundled or given on the command line stay. */
  async removeDataFolder({ path: folder }: MethodArgs<'removeDataFolder'>): Promise<Catalogue> {
    if (!this.userFolders.includes(folder)) throw new AppError('folder-not-found', `${folder} is not a folder you added`, { context: 'not-added', path: folder });
    return this.useFolders(this.userFolders.filter((f) => f !== folder));
  }

  /** Opens the packages again with these user folders, swaps them in and remembers the folders. */
  private async useFolders(folders: string[]): Promise<Catalogue> {
    // The locked database cannot widen its own access, so open a new one with the folders and swap.
    const next = await Engine.openState(this.options, folders, this.log);
    const previous = this.state;
    this.state = next;
    this.userFolders = folders;
    closeState(previous);
    await writeSettings(this.options.storeDir, { dataFolders: folders });
    return this.listDatasets();
  }

  /** Stops the view or console query of this id and nothing else (see `ViewQueries` and `SqlConsole`). */
  async cancelQuery({ queryId }: MethodArgs<'cancelQuery'>): Promise<void> {
    this.state.views.cancel(queryId);
    this.sqlConsole.cancel(queryId);
  }

  /** The named queries not yet answered: views queued or running, console queries running. */
  activeQueries(): ActiveQuery[] {
    return [...this.state.views.active(), ...this.sqlConsole.active()];
  }

  /** How far the packages loaded are being prepared (compact tables, the cache for the next start). */
  async loadStatus(): Promise<LoadStatus> {
    return { preparing: this.state.preparations.status() };
  }

  /** Stops preparing one package, or all; views still answer (their compact tables made when first needed). */
  async cancelPreparation({ dataset }: MethodArgs<'cancelPreparation'>): Promise<LoadStatus> {
    if (dataset !== undefined) this.getPackage(dataset);
    this.state.preparations.cancel(dataset);
    return this.loadStatus();
  }

  /** Settles once every package is prepared (or its preparing stopped): for tests and the bench, which must not time it by waiting. */
  async prepared(): Promise<LoadStatus> {
    await this.state.preparations.finished;
    return this.loadStatus();
  }

  /** The SQL console (src/engine/sql-console.ts): one read-only SELECT, time-limited and cancellable. */
  async runSql(args: MethodArgs<'runSql'>): Promise<Uint8Array> {
    if (args.dataset) this.getPackage(args.dataset);
    return this.sqlConsole.run(this.state.instance, args, this.options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS);
  }

  /**
   * Runs parameterised SQL on the views' connection, in turn with every other statement
   * there: as one statement of `view`, or else as a query of its own (named by `view` for
   * `cancelQuery`), stopped by its time limit or by cancelling it. Answers Arrow IPC bytes.
   */
  async run(query: SqlQuery, view?: ViewQuery | string): Promise<Uint8Array> {
    if (view instanceof ViewQuery) return resultToArrowIPC(await view.read(query.sql, toDuckDBParams(query.params)));
    const own = this.state.views.begin(view);
    try {
      return await own.answer(this.run(query, own));
    } finally {
      own.end();
    }
  }

  /** Runs parameterised SQL as `run` does; answers its rows as plain JavaScript objects. */
  async runRows(query: SqlQuery, view?: ViewQuery | string): Promise<Record<string, unknown>[]> {
    if (view instanceof ViewQuery) return (await view.read(query.sql, toDuckDBParams(query.params))).getRowObjectsJS() as Record<string, unknown>[];
    const own = this.state.views.begin(view);
    try {
      return await own.answer(this.runRows(query, own));
    } finally {
      own.end();
    }
  }

  // Mappings of partners' tables (src/engine/package-mappings.ts): saved in the store, applied to every view.

  async inspectMapping({ dataset, table, draft }: MethodArgs<'inspectMapping'>) {
    return inspectTable(await this.mappedPackage(dataset), table, draft, (q) => this.runRows(q));
  }

  async saveMapping({ dataset, draft }: MethodArgs<'saveMapping'>) {
    await saveTableMapping(await this.mappedPackage(dataset), draft, (q) => this.runRows(q), this.mappingStore);
    this.state.mapped = undefined;
    const saved = (await this.mapped()).list(dataset).find((m) => m.table === draft.table);
    if (!saved) throw new AppError('internal', `The mapping of ${draft.table} was saved but cannot be read back`, { reason: 'mapping not read back' });
    return saved;
  }

  async listMappings({ dataset }: MethodArgs<'listMappings'>) {
    return (await this.mapped()).list(dataset);
  }

  async removeMapping({ dataset, table }: MethodArgs<'removeMapping'>): Promise<void> {
    if (!(await this.mappingStore.remove(dataset, table))) {
      throw new AppError('mapping-not-found', `No mapping of ${table} in ${dataset}`, { dataset, table });
    }
    this.state.mapped = undefined;
  }

  /** The saved mappings applied to the packages open now, worked out once per database and after each change. */
  private mapped(): Promise<AppliedMappings> {
    const state = this.state;
    if (!state.mapped) {
      const applying = AppliedMappings.apply(this.mappingStore, state.packages, (q) => this.runRows(q));
      // A failure (a query stopped, say) is not kept: the next call tries again.
      applying.catch(() => {
        if (state.mapped === applying) state.mapped = undefined;
      });
      state.mapped = applying;
    }
    return state.mapped;
  }

  /** A package as the views see it: its own indicators and those of its mapped tables. */
  private async mappedPackage(name: string) {
    const open = this.getPackage(name);
    return (await this.mapped()).packageOf(open);
  }

  // Imports of partners' files (src/engine/import): written into the store's imports folder, opened like any package.

  inspectImport(args: MethodArgs<'inspectImport'>) {
    return this.imports.inspect(args);
  }

  startImport(args: MethodArgs<'startImport'>) {
    return this.imports.start(args);
  }

  importStatus(args: MethodArgs<'importStatus'>) {
    return this.imports.status(args);
  }

  cancelImport(args: MethodArgs<'cancelImport'>) {
    return this.imports.cancel(args);
  }

  confirmImport(args: MethodArgs<'confirmImport'>) {
    return this.imports.confirm(args);
  }

  listImports() {
    return this.imports.list();
  }

  /** Settles once an import stops running (done, failed, cancelled, or waiting for `confirmImport`): for the command line and tests. */
  importFinished(importId: string) {
    return this.imports.finished(importId);
  }

  removeImport(args: MethodArgs<'removeImport'>) {
    return this.imports.remove(args);
  }

  /** A figure of a view in one format (src/engine/figures): the file's bytes. */
  async renderFigure(args: MethodArgs<'renderFigure'>): Promise<Uint8Array> {
    return figureFile(drawFigure(await this.figureSource(args), args.figure), args.format);
  }

  /** The figure bundle of a view, as one zip (src/engine/figures/figure-bundle.ts). */
  async exportFigureBundle(args: MethodArgs<'exportFigureBundle'>): Promise<Uint8Array> {
    return figureBundle(await this.figureSource(args), args.figure, args.formats, SPRIG_VERSION);
  }

  /** The view's answer, refused when the view was saved with another version of its dataset (unless allowed). */
  private async figureSource(args: Omit<MethodArgs<'renderFigure'>, 'format'>): Promise<FigureSource> {
    const spec = args.spec;
    // As the views see the package: its mapped tables' indicators included.
    const open = await this.mappedPackage(spec.dataset);
    const current = open.summary.version;
    if (args.datasetVersion !== undefined && args.datasetVersion !== current && !args.allowOtherVersion) {
      throw new AppError('dataset-version-differs', `The view was saved with version ${args.datasetVersion ?? '(none)'} of ${spec.dataset}; version ${current ?? '(none)'} is open.`, {
        dataset: spec.dataset,
        saved: args.datasetVersion ?? '—',
        current: current ?? '—',
      });
    }
    const table = tableFromIPC(await this.runView({ spec }));
    return { spec, table, description: open.description };
  }

  /**
   * Closes DuckDB: at once when nothing runs, else as soon as the statement preparing a
   * package has stopped. Resolves once closed and the half-written cache files are removed
   * (callers need not wait).
   */
  close(): Promise<void> {
    this.imports.close();
    return closeState(this.state);
  }

  private get log(): (message: string) => void {
    return this.options.log ?? ((message: string) => console.warn(`[sprig] ${message}`));
  }

  private getPackage(name: string): OpenPackage {
    const open = this.state.packages.get(name);
    if (!open) throw new AppError('dataset-not-found', `No dataset named ${name}`, { dataset: name });
    return open;
  }
}

/** Stops preparing, closes DuckDB once its statement has stopped, then removes the cache files left half written. */
function closeState(state: DatabaseState): Promise<void> {
  state.closing ??= state.preparations
    .close()
    .catch(() => {})
    .then(() => {
      state.connection.closeSync();
      state.instance.closeSync();
      return state.cache.close();
    });
  return state.closing;
}

async function openPackage(
  connection: DuckDBConnection,
  cache: PackageCache,
  log: (message: string) => void,
  folder: string,
  bundled: boolean,
  open: Map<string, OpenPackage>,
  tempDir: string,
): Promise<OpenPackage> {
  const descriptor = await readDescriptor(folder);
  try {
    const clash = open.get(descriptor.name);
    if (clash) {
      throw new PackageRefusal(`a package named "${descriptor.name}" is already open, from ${clash.summary.path}`, {
        code: 'name-taken',
        rule: 'unique-name',
        values: { package: descriptor.name, other: clash.summary.path },
      });
    }
    checkConventions(descriptor);
    let found = await cache.open(connection, folder, descriptor.name);
    let description: DatasetDescription | undefined;
    if (found.kind === 'hit') {
      try {
        description = await openCached(connection, folder, descriptor, bundled, found.catalog, found.meta.tables);
      } catch (error) {
        log(`${folder}: its cache cannot be used (${(error as Error).message.split('\n')[0]}); loading it from its files`);
        await cache.discard(connection, found);
        // Removed, it is written again after loading; should it still be there (a read-only store), it is left alone.
        const again = await cache.open(connection, folder, descriptor.name);
        if (again.kind === 'hit') await connection.run(`DETACH ${sqlIdentifier(again.catalog)}`);
        found = again.kind === 'hit' ? { kind: 'load', catalog: again.catalog, file: null, key: null } : again;
      }
    }
    // Described inside the load's transaction: a package refused while being described leaves nothing behind.
    description ??= await loadPackage(connection, folder, descriptor, () => describePackage(connection, folder, descriptor, bundled), { tempDir });
    const slot = found.kind === 'load' ? await cache.afterLoading(connection, found) : found;
    const { tableDetails: _t, indicatorDetails: _i, countries: _c, sources: _s, instruments: _n, codeLabels: _l, ...summary } = description;
    return { descriptor, summary, description, slot };
  } catch (error) {
    if (error instanceof PackageRefusal) error.packageName ??= descriptor.name;
    else Object.assign(error as Error, { packageName: descriptor.name });
    throw error;
  }
}

/**
 * A package whose files have not changed since Sprig cached them: its schema holds a view
 * of each cached table (loaded and checked when the cache was made), described as at load.
 */
async function openCached(
  connection: DuckDBConnection,
  folder: string,
  descriptor: PackageDescriptor,
  bundled: boolean,
  catalog: string,
  tables: string[],
): Promise<DatasetDescription> {
  const schema = sqlIdentifier(descriptor.name);
  await connection.run('BEGIN TRANSACTION');
  try {
    await connection.run(`CREATE SCHEMA ${schema}`);
    for (const table of tables) {
      await connection.run(`CREATE VIEW ${schema}.${sqlIdentifier(table)} AS SELECT * FROM ${sqlIdentifier(catalog)}.${PACKAGE_SCHEMA}.${sqlIdentifier(table)}`);
    }
    const description = await describePackage(connection, folder, descriptor, bundled);
    await connection.run('COMMIT');
    return description;
  } catch (error) {
    await connection.run('ROLLBACK');
    throw error;
  }
}

function toDuckDBParams(params: SqlQuery['params']): Record<string, DuckDBValue> {
  const out: Record<string, DuckDBValue> = {};
  for (const [key, value] of Object.entries(params)) out[key] = Array.isArray(value) ? listValue(value) : value;
  return out;
}

function problem(folder: string, code: RefusedPackage['code'], reason: string, values: RefusedPackage['values']): RefusedPackage {
  return { path: folder, outcome: code === 'descriptor-other-name' ? 'declined' : 'refused', code, values, reason };
}

function toRefused(folder: string, error: unknown): RefusedPackage {
  const packageName = (error as { packageName?: unknown }).packageName;
  const named = typeof packageName === 'string' ? { package: packageName } : {};
  if (error instanceof PackageRefusal) {
    return {
      path: folder,
      ...named,
      outcome: error.outcome,
      code: error.code,
      values: { ...(typeof packageName === 'string' ? { package: packageName } : {}), ...error.values },
      reason: error.message,
      ...(error.resource !== undefined ? { resource: error.resource } : {}),
      ...(error.file !== undefined ? { file: error.file } : {}),
      ...(error.row !== undefined ? { row: error.row } : {}),
      ...(error.unit !== undefined ? { unit: error.unit } : {}),
      ...(error.field !== undefined ? { field: error.field } : {}),
      ...(error.rule !== undefined ? { rule: error.rule } : {}),
      ...(error.resources !== undefined ? { resources: error.resources } : {}),
    };
  }
  // Not a refusal of the package (a fault while describing it, say): the first line, never raw bytes.
  const reason = shownText((error as Error).message.split('\n')[0] ?? String(error), 300);
  return { path: folder, ...named, outcome: 'refused', code: 'other', values: { detail: reason }, reason };
}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}
