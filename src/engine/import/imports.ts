import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Catalogue } from '../../shared/catalogue.ts';
import type { MethodArgs } from '../../shared/contract.ts';
import { AppError, toErrorData } from '../../shared/errors.ts';
import type { ImportDiff, ImportInspection, ImportPhase, ImportStatus, ImportSummary } from '../../shared/import/answers.ts';
import { importRecipeSchema, type ImportRecipePartial } from '../../shared/import/recipe.ts';
import { sqlString } from '../../shared/sql/quote.ts';
import { choiceNeeded, importRefused } from './import-errors.ts';
import { openImportDatabase, rows } from './import-db.ts';
import { DATA_FILE, loadImport, RECIPE_FILE, type Loaded } from './load.ts';
import { prepareImport, quoteIdent, withFile, type PrepareOptions, type Prepared } from './prepare.ts';

/**
 * Import jobs: each runs in the background in its own folder under `<store>/tmp`, with its
 * own short-lived DuckDB, and ends written into `<store>/imports/<name>` by one rename (a
 * failure or a cancel leaves nothing there), or failed or cancelled with nothing written.
 * The engine opens the store's imports folder like any data folder, so a finished import
 * opens through the same loader as every other package.
 */

/** What the engine gives the imports: its store, and a way to open the packages again once an import is written or removed. */
export interface ImportHost {
  storeDir: string;
  reload: () => Promise<Catalogue>;
  /** The folder of the open package of this name, or null. */
  packagePath: (name: string) => string | null;
}

export function importsDir(storeDir: string): string {
  return path.join(storeDir, 'imports');
}

interface Job {
  status: ImportStatus;
  started: number;
  controller: AbortController;
  connection: DuckDBConnection | null;
  workDir: string;
  prepared: Prepared;
  /** The recipe as asked (the workbook's second preparation starts from it). */
  request: ImportRecipePartial;
  loaded: Loaded | null;
  /** Settles when the job stops running (done, failed, cancelled or waiting for confirmation). */
  settled: Promise<ImportStatus>;
}

export class Imports {
  private readonly host: ImportHost;
  private readonly jobs = new Map<string, Job>();

  constructor(host: ImportHost) {
    this.host = host;
  }

  private get root(): string {
    return importsDir(this.host.storeDir);
  }

  private async workDir(): Promise<string> {
    const tmp = path.join(this.host.storeDir, 'tmp');
    await mkdir(tmp, { recursive: true });
    return mkdtemp(path.join(tmp, 'import-'));
  }

  async inspect({ file, recipe }: MethodArgs<'inspectImport'>): Promise<ImportInspection> {
    checkAbsolute(file);
    const workDir = await this.workDir();
    try {
      const prepared = withFile(await prepare(file, recipe ?? {}, workDir));
      return { ...prepared.inspection, existing: await this.summary(prepared.recipe.name) };
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  }

  async start({ file, recipe, replace }: MethodArgs<'startImport'>): Promise<ImportStatus> {
    checkAbsolute(file);
    const workDir = await this.workDir();
    let prepared: Prepared;
    try {
      // A workbook's sheet is written as CSV in the job (it can take seconds): here only up to knowing the sheet.
      prepared = withFile(await prepare(file, recipe ?? {}, workDir, { sheetOnly: true }));
      const other = this.host.packagePath(prepared.recipe.name);
      if (other !== null && path.resolve(other) !== path.join(this.root, prepared.recipe.name)) {
        throw importRefused('name-taken', `a package named ${prepared.recipe.name} is open from ${other}`, { file: prepared.shownName, name: prepared.recipe.name, other });
      }
      const open = prepared.inspection.choices[0];
      if (open) {
        throw choiceNeeded(open.kind, prepared.shownName, open.options, open.columns ? { columns: open.columns.join(', ') } : {});
      }
    } catch (error) {
      await rm(workDir, { recursive: true, force: true });
      throw error;
    }
    const importId = randomUUID().replace(/-/g, '');
    const controller = new AbortController();
    const job: Job = {
      status: {
        importId,
        name: prepared.recipe.name,
        state: 'running',
        phase: 'identifying',
        progress: { bytesDone: 0, bytesTotal: prepared.size, rowsDone: 0 },
        counts: null,
        rejects: [],
        package: null,
        diff: null,
        error: null,
        problems: prepared.inspection.problems,
        elapsedMs: 0,
      },
      started: Date.now(),
      controller,
      connection: null,
      workDir,
      prepared,
      request: recipe ?? {},
      loaded: null,
      settled: Promise.resolve(null as unknown as ImportStatus),
    };
    this.jobs.set(importId, job);
    job.settled = this.run(job, replace === true);
    return this.snapshot(job);
  }

  private async run(job: Job, replace: boolean): Promise<ImportStatus> {
    const { status, controller } = job;
    const setPhase = (phase: ImportPhase) => {
      status.phase = phase;
      status.progress.phasePercent = null;
    };
    // DuckDB's own progress on the statement running, for the interface's bar (read when asked, never waited on).
    const watch = setInterval(() => {
      try {
        const percent = job.connection?.progress.percentage;
        if (percent !== undefined && percent >= 0) status.progress.phasePercent = Math.round(percent);
      } catch {
        // The connection closed between two looks: nothing to say.
      }
    }, 250);
    watch.unref();
    try {
      if (job.prepared.labels.length === 0 && job.prepared.recipe.sheet !== undefined) {
        // A workbook: its sheet written as CSV now, then sniffed as any CSV; a choice still open ends the job asking for it.
        setPhase('converting');
        const { file, recipe } = job.prepared;
        job.prepared = withFile(
          await prepare(file, { ...job.request, sheet: recipe.sheet }, job.workDir, {
            signal: controller.signal,
            onRows: (rows) => {
              status.progress.rowsDone = rows;
            },
          }),
        );
        status.problems = job.prepared.inspection.problems;
        const open = job.prepared.inspection.choices[0];
        if (open) throw choiceNeeded(open.kind, job.prepared.shownName, open.options, open.columns ? { columns: open.columns.join(', ') } : {});
      }
      const loaded = await loadImport(
        job.prepared,
        job.workDir,
        {
          phase: setPhase,
          bytes: (done) => {
            status.progress.bytesDone = done;
          },
          rows: (done) => {
            status.progress.rowsDone = done;
          },
        },
        controller.signal,
        (connection) => {
          job.connection = connection;
        },
      );
      job.loaded = loaded;
      status.counts = loaded.counts;
      status.rejects = loaded.rejects;
      status.countries = loaded.countries;
      status.progress.bytesDone = job.prepared.size;
      const target = path.join(this.root, job.prepared.recipe.name);
      if (await exists(target)) {
        setPhase('comparing');
        status.diff = await compare(job, target);
        controller.signal.throwIfAborted();
        if (!replace) {
          status.state = 'needs-replace';
          return this.snapshot(job);
        }
      }
      await this.commit(job);
      return this.snapshot(job);
    } catch (error) {
      status.state = controller.signal.aborted ? 'cancelled' : 'failed';
      status.error = controller.signal.aborted ? null : toErrorData(withFileName(error, job.prepared.shownName));
      status.counts = status.state === 'failed' ? status.counts : null;
      await rm(job.workDir, { recursive: true, force: true });
      return this.snapshot(job);
    } finally {
      clearInterval(watch);
    }
  }

  /** Moves the written package into the imports folder (replacing the one there, if any) and opens it. */
  private async commit(job: Job): Promise<void> {
    const { prepared, loaded, status } = job;
    if (!loaded) throw new AppError('internal', 'nothing loaded to commit', { reason: 'not loaded' });
    await mkdir(this.root, { recursive: true });
    const target = path.join(this.root, prepared.recipe.name);
    const old = path.join(job.workDir, 'replaced');
    if (await exists(target)) await rename(target, old);
    try {
      await rename(loaded.packageDir, target);
    } catch (error) {
      if (await exists(old)) await rename(old, target);
      throw error;
    }
    await rm(job.workDir, { recursive: true, force: true });
    status.package = { name: prepared.recipe.name, path: target };
    // 'done' means written and opened: a poll never sees it before the catalogue has the package.
    await this.host.reload();
    status.state = 'done';
  }

  private snapshot(job: Job): ImportStatus {
    return structuredClone({ ...job.status, elapsedMs: Date.now() - job.started });
  }

  private job(importId: string): Job {
    const job = this.jobs.get(importId);
    if (!job) throw new AppError('import-not-found', `No import ${importId}`, { name: importId });
    return job;
  }

  async status({ importId }: MethodArgs<'importStatus'>): Promise<ImportStatus> {
    return this.snapshot(this.job(importId));
  }

  /** Settles once the import stops running: for the command line and tests, which wait for the state rather than polling by the clock. */
  finished(importId: string): Promise<ImportStatus> {
    return this.job(importId).settled;
  }

  async cancel({ importId }: MethodArgs<'cancelImport'>): Promise<ImportStatus> {
    const job = this.job(importId);
    if (job.status.state === 'running') {
      job.controller.abort();
      job.connection?.interrupt();
      return job.settled;
    }
    if (job.status.state === 'needs-replace') {
      job.status.state = 'cancelled';
      await rm(job.workDir, { recursive: true, force: true });
    }
    return this.snapshot(job);
  }

  async confirm({ importId }: MethodArgs<'confirmImport'>): Promise<ImportStatus> {
    const job = this.job(importId);
    if (job.status.state !== 'needs-replace') return this.snapshot(job);
    try {
      await this.commit(job);
    } catch (error) {
      job.status.state = 'failed';
      job.status.error = toErrorData(error);
      await rm(job.workDir, { recursive: true, force: true });
    }
    return this.snapshot(job);
  }

  async list(): Promise<ImportSummary[]> {
    let names: string[];
    try {
      names = (await readdir(this.root, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    } catch {
      return [];
    }
    const out: ImportSummary[] = [];
    for (const name of names.sort()) {
      const summary = await this.summary(name);
      if (summary) out.push(summary);
    }
    return out;
  }

  /** An import kept in the store, from its descriptor and recipe; null when there is none (or it cannot be read). */
  async summary(name: string): Promise<ImportSummary | null> {
    const folder = path.join(this.root, name);
    try {
      const descriptor = JSON.parse(await readFile(path.join(folder, 'datapackage.json'), 'utf8')) as {
        title?: string;
        sprigImport?: { source: ImportSummary['source']; importedAt: string; counts: ImportSummary['counts'] };
      };
      const recipe = importRecipeSchema.parse(JSON.parse(await readFile(path.join(folder, RECIPE_FILE), 'utf8')));
      if (!descriptor.sprigImport) return null;
      return { name, title: descriptor.title ?? name, path: folder, importedAt: descriptor.sprigImport.importedAt, source: descriptor.sprigImport.source, counts: descriptor.sprigImport.counts, recipe };
    } catch {
      return null;
    }
  }

  async remove({ name }: MethodArgs<'removeImport'>): Promise<Catalogue> {
    const folder = path.join(this.root, name);
    if (!(await this.summary(name))) throw new AppError('import-not-found', `No import ${name}`, { name });
    // Moved out of the imports folder first, so a failure half-way never leaves half a package that would open.
    const trash = path.join(await this.workDir(), 'removed');
    await rename(folder, trash);
    await rm(path.dirname(trash), { recursive: true, force: true });
    return this.host.reload();
  }

  /** Stops every running import (the engine is closing). */
  close(): void {
    for (const job of this.jobs.values()) {
      if (job.status.state === 'running') {
        job.controller.abort();
        job.connection?.interrupt();
      }
    }
  }
}

async function prepare(file: string, recipe: ImportRecipePartial, workDir: string, options: PrepareOptions = {}): Promise<Prepared> {
  try {
    return await prepareImport(file, recipe, workDir, options);
  } catch (error) {
    throw withFileName(error, path.basename(file));
  }
}

/** Refusals raised deep in the sniffing do not know the file's name: fill it in. */
function withFileName(error: unknown, file: string): unknown {
  if (error instanceof AppError && (error.detail.file === '' || error.detail.file === undefined) && error.code.startsWith('import-')) {
    return new AppError(error.code, `${file}: ${error.message}`, { ...error.detail, file });
  }
  return error;
}

function checkAbsolute(file: string): void {
  if (!path.isAbsolute(file)) throw importRefused('path-relative', `not an absolute path: ${file}`, { file });
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * What the new import changes against the one it would replace: rows added and removed
 * (whole rows, as text), rows changed (a key in both with other values: the country and
 * period columns when known, else the first column), columns added, removed or retyped.
 */
async function compare(job: Job, existing: string): Promise<ImportDiff> {
  const loaded = job.loaded!;
  const db = await openImportDatabase(job.workDir, [], [existing]);
  job.connection = db.connection;
  try {
    const c = db.connection;
    const before = JSON.parse(await readFile(path.join(existing, 'datapackage.json'), 'utf8')) as {
      resources: { schema: { fields: { name: string; type: string }[] } }[];
      sprigImport?: { source?: { sha256?: string } };
    };
    const oldFields = before.resources[0]?.schema.fields ?? [];
    const newFields = loaded.fields;
    const read = (dir: string) => `read_csv(${sqlString(path.join(dir, DATA_FILE))}, header = true, all_varchar = true, auto_detect = false, columns = `;
    const struct = (fields: { name: string }[]) => `{${fields.map((f) => `${sqlString(f.name)}: 'VARCHAR'`).join(', ')}}`;
    await c.run(`CREATE TABLE old AS SELECT * FROM ${read(existing)}${struct(oldFields)}, delim = ',', quote = '"', escape = '"')`);
    await c.run(`CREATE TABLE new AS SELECT * FROM ${read(loaded.packageDir)}${struct(newFields)}, delim = ',', quote = '"', escape = '"')`);
    const common = newFields.filter((f) => oldFields.some((o) => o.name === f.name)).map((f) => quoteIdent(f.name));
    const list = common.length > 0 ? common.join(', ') : `'x'`;
    const count = async (sql: string) => Number(((await rows(c, sql))[0] as { n: number }).n);
    const rowsBefore = await count('SELECT count(*) AS n FROM old');
    const rowsAfter = await count('SELECT count(*) AS n FROM new');
    const added = await count(`SELECT count(*) AS n FROM (SELECT ${list} FROM new EXCEPT ALL SELECT ${list} FROM old)`);
    const removed = await count(`SELECT count(*) AS n FROM (SELECT ${list} FROM old EXCEPT ALL SELECT ${list} FROM new)`);
    const recipe = job.prepared.recipe;
    const keyNames = [recipe.countryColumn ? (recipe.columns?.[recipe.countryColumn]?.rename ?? recipe.countryColumn) : null, recipe.unpivot?.nameColumn ?? null].filter(
      (k): k is string => k !== null && newFields.some((f) => f.name === k) && oldFields.some((f) => f.name === k),
    );
    const keys = keyNames.length > 0 ? keyNames : newFields[0] && oldFields.some((f) => f.name === newFields[0]!.name) ? [newFields[0].name] : [];
    let changed: number | null = null;
    if (keys.length > 0 && common.length > 0) {
      const key = keys.map(quoteIdent).join(', ');
      const hashed = (t: string) => `SELECT ${key}, md5(string_agg(CAST(ROW(${list}) AS VARCHAR), '|' ORDER BY CAST(ROW(${list}) AS VARCHAR))) AS h FROM ${t} GROUP BY ${key}`;
      changed = await count(`SELECT count(*) AS n FROM (${hashed('old')}) o JOIN (${hashed('new')}) n USING (${key}) WHERE o.h <> n.h`);
    }
    return {
      rowsBefore,
      rowsAfter,
      added,
      removed,
      changed,
      columnsAdded: newFields.filter((f) => !oldFields.some((o) => o.name === f.name)).map((f) => f.name),
      columnsRemoved: oldFields.filter((o) => !newFields.some((f) => f.name === o.name)).map((o) => o.name),
      typesChanged: newFields.flatMap((f) => {
        const o = oldFields.find((x) => x.name === f.name);
        return o && o.type !== f.type ? [{ column: f.name, before: o.type, after: f.type }] : [];
      }),
      sourceBefore: before.sprigImport?.source?.sha256 ?? '',
      sourceAfter: loaded.sha256,
    };
  } finally {
    job.connection = null;
    db.close();
  }
}
