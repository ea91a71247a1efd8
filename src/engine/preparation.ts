import type { DuckDBConnection, DuckDBInstance, DuckDBResultReader } from '@duckdb/node-api';
import type { PreparationStatus } from '../shared/catalogue.ts';
import { sqlIdentifier, sqlString } from '../shared/sql/quote.ts';
import type { CompactTables, SavedCompact } from './compact-tables.ts';
import type { PackageDescriptor } from './data-package.ts';
import { COMPACT_SCHEMA, PACKAGE_SCHEMA, type CacheSlot, type PackageCache } from './package-cache.ts';
import type { ExclusiveStatements, SharedStatements } from './view-queries.ts';

/**
 * What the engine does with each package once it is loaded, in the background, so the
 * interface can be used meanwhile: makes its compact tables (src/engine/compact-tables.ts)
 * and outcome series, then copies its tables into Sprig's cache and puts the cache file in
 * place (src/engine/package-cache.ts), so that the next start opens it at once. Views that
 * need a compact table not made yet wait for it; views of other kinds never wait.
 *
 * One package at a time, on a DuckDB connection of its own (so a view never queues behind
 * a statement of minutes, and cancelling interrupts this work and nothing else). `status`
 * says how far each package is, from the steps done and DuckDB's progress through the
 * current statement; the interface polls it. `cancel` stops a package's preparation: what
 * was made is kept, anything else is made by the first view that needs it (as if there were
 * no preparation), and the package loads from its files again at the next start.
 */

export interface PackageToPrepare {
  descriptor: PackageDescriptor;
  /** The package's schema in the engine's database. */
  schema: string;
  slot: CacheSlot;
  /** Rows of each of the package's tables, to weigh the steps. */
  rows: Record<string, number>;
}

interface Step {
  what: string;
  weight: number;
  run: () => Promise<void>;
}

interface Job {
  dataset: string;
  state: PreparationStatus['state'];
  steps: Step[];
  done: number;
  running: boolean;
  cancelled: boolean;
}

export class Preparations {
  private readonly jobs: Job[] = [];
  private readonly connection: DuckDBConnection;
  private readonly views: ExclusiveStatements;
  private readonly compact: CompactTables;
  private readonly cache: PackageCache;
  private readonly log: (message: string) => void;
  /** The tables copied into each package's cache, by package. */
  private readonly tables = new Map<string, string[]>();
  private closed = false;
  private current: Job | null = null;
  /** Settles when every job has ended (for tests and the bench: never awaited by the engine). */
  readonly finished: Promise<void>;

  private constructor(connection: DuckDBConnection, views: ExclusiveStatements, compact: CompactTables, cache: PackageCache, log: (message: string) => void, packages: PackageToPrepare[]) {
    this.connection = connection;
    this.views = views;
    this.compact = compact;
    this.cache = cache;
    this.log = log;
    for (const pkg of packages) {
      const steps = this.stepsFor(pkg);
      if (steps.length > 0) this.jobs.push({ dataset: pkg.descriptor.name, state: 'preparing', steps, done: 0, running: false, cancelled: false });
    }
    this.finished = this.runAll();
  }

  /** Starts preparing the packages, one after another, on a connection of its own. */
  static async start(
    instance: DuckDBInstance,
    views: ExclusiveStatements,
    compact: CompactTables,
    cache: PackageCache,
    log: (message: string) => void,
    packages: PackageToPrepare[],
  ): Promise<Preparations> {
    return new Preparations(await instance.connect(), views, compact, cache, log, packages);
  }

  status(): PreparationStatus[] {
    return this.jobs.map((job) => ({ dataset: job.dataset, state: job.state, percent: this.percent(job) }));
  }

  /** Stops preparing the package (every package when none is named); a package already prepared stays so. */
  cancel(dataset?: string): void {
    for (const job of this.jobs) {
      if (dataset !== undefined && job.dataset !== dataset) continue;
      if (job.state !== 'preparing') continue;
      job.cancelled = true;
      job.state = 'cancelled';
      if (job === this.current && job.running) this.connection.interrupt();
    }
  }

  /**
   * Stops everything (the engine is closing or reloading) and answers once the statement that
   * was running has stopped and the connection is closed: DuckDB must not be closed under a
   * running statement.
   */
  async close(): Promise<void> {
    this.cancel();
    this.closed = true;
    if (this.current?.running) this.connection.interrupt();
    await this.finished;
    this.connection.closeSync();
  }

  private percent(job: Job): number {
    const total = job.steps.reduce((sum, s) => sum + s.weight, 0);
    if (job.state === 'ready' || total === 0) return 100;
    let done = job.steps.slice(0, job.done).reduce((sum, s) => sum + s.weight, 0);
    const step = job.steps[job.done];
    if (step && job === this.current && job.running) {
      const progress = this.connection.progress.percentage;
      if (progress > 0) done += (step.weight * Math.min(progress, 100)) / 100;
    }
    return Math.min(99, Math.floor((100 * done) / total));
  }

  private async runAll(): Promise<void> {
    for (const job of this.jobs) {
      if (this.closed) return;
      if (job.cancelled) continue;
      this.current = job;
      try {
        for (const step of job.steps) {
          if (job.cancelled || this.closed) break;
          await step.run();
          job.done++;
        }
        if (!job.cancelled && !this.closed) job.state = 'ready';
      } catch (error) {
        if (this.closed) return;
        if (!job.cancelled) {
          job.state = 'failed';
          this.log(`${job.dataset}: preparing it stopped (${((error as Error).message ?? String(error)).split('\n')[0]}); views count from its own tables`);
        }
      }
    }
    this.current = null;
  }

  /** Statements of this job, refused once it is cancelled. */
  private statements(job: Job): SharedStatements {
    return {
      run: (sql) => this.execute(job, sql),
      runAndReadAll: (sql) => this.execute(job, sql),
    };
  }

  /**
   * One statement, interruptible: DuckDB forgets an interrupt sent before a statement has
   * begun, so it counts as running (and `cancel` interrupts it) only once started, and a job
   * cancelled before that never starts it.
   */
  private async execute(job: Job, sql: string): Promise<DuckDBResultReader> {
    const stopped = () => job.cancelled || this.closed;
    if (stopped()) throw cancelled();
    const prepared = await this.connection.prepare(sql);
    try {
      if (stopped()) throw cancelled();
      const pending = prepared.start();
      job.running = true;
      const reader = await pending.readAll();
      if (stopped()) throw cancelled();
      return reader;
    } catch (error) {
      throw stopped() ? cancelled() : error;
    } finally {
      job.running = false;
      prepared.destroySync();
    }
  }

  private stepsFor(pkg: PackageToPrepare): Step[] {
    const { descriptor, slot, rows } = pkg;
    if (slot.kind === 'hit') return [];
    const job = (): Job => this.jobs.find((j) => j.dataset === descriptor.name)!;
    const n = (table: string) => rows[table] ?? 0;
    const all = Object.values(rows).reduce((sum, r) => sum + r, 0);
    const catalog = sqlIdentifier(slot.catalog);
    let compact: SavedCompact | null = null;
    const steps: Step[] = [];
    const persons = descriptor.resources.some((r) => r.name === 'referral');
    if (persons) {
      // The compact tables first: views wait for them; the cache only speeds up the next start.
      // One call makes them all; each step ends when its part is made (or it all stopped).
      // Weights: rows each step reads, scaled to the time each took at 1M and 10M referrals.
      const phases = [
        { what: 'referral', weight: 1.5 * n('referral') },
        { what: 'activity', weight: n('referral') / 2 + n('referral_activity') },
        { what: 'outcome', weight: n('outcome_measurement') + n('referral') / 2 },
        { what: 'months', weight: 1.2 * (n('referral') + n('referral_activity')) },
        { what: 'series', weight: n('outcome_measurement') },
      ];
      const marks = new Map<string, () => void>();
      const reached = new Map(phases.map(({ what }) => [what, new Promise<void>((resolve) => marks.set(what, resolve))]));
      let made: Promise<SavedCompact | null> | undefined;
      for (const phase of phases) {
        steps.push({
          what: `compact ${phase.what}`,
          weight: phase.weight + 1,
          run: async () => {
            made ??= this.compact.prepare(descriptor, { statements: this.statements(job()), schema: `${catalog}.${COMPACT_SCHEMA}` }, (what) => marks.get(what)?.());
            await Promise.race([reached.get(phase.what), made.then(() => undefined)]);
            if (phase.what === 'series') compact = (await made) ?? null;
          },
        });
      }
    }
    if (slot.kind === 'miss') {
      steps.push({
        what: 'copy into the cache',
        weight: 1.3 * all + 1,
        run: async () => {
          const statements = this.statements(job());
          const tables = (
            await statements.runAndReadAll(
              `SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = ${sqlString(pkg.schema)} AND NOT temporary ORDER BY table_name`,
            )
          ).getRows().map(([name]) => String(name));
          for (const table of tables) {
            await statements.run(`CREATE TABLE ${catalog}.${PACKAGE_SCHEMA}.${sqlIdentifier(table)} AS SELECT * FROM ${sqlIdentifier(pkg.schema)}.${sqlIdentifier(table)}`);
          }
          this.tables.set(descriptor.name, tables);
        },
      });
      steps.push({
        what: 'finish the cache',
        weight: all / 5 + 1,
        run: async () => {
          const tables = this.tables.get(descriptor.name) ?? [];
          await this.cache.finish(this.statements(job()), this.views, slot, { package: descriptor.name, tables, compact });
          // From now on this run reads the package as the next start will: from the cache, not
          // from a second copy in memory (gigabytes at 10M referrals, which DuckDB's buffers need).
          // Queries already reading the tables finish on them.
          if (job().cancelled || this.closed) return;
          const schema = sqlIdentifier(pkg.schema);
          await this.views.exclusive(async (connection) => {
            await connection.run('BEGIN TRANSACTION');
            try {
              for (const table of tables) {
                await connection.run(`DROP TABLE ${schema}.${sqlIdentifier(table)}`);
                await connection.run(`CREATE VIEW ${schema}.${sqlIdentifier(table)} AS SELECT * FROM ${catalog}.${PACKAGE_SCHEMA}.${sqlIdentifier(table)}`);
              }
              await connection.run('COMMIT');
            } catch (error) {
              await connection.run('ROLLBACK');
              throw error;
            }
          });
        },
      });
    }
    return steps;
  }

}

/** Worded as DuckDB words an interrupt, so that the compact tables treat it as one. */
function cancelled(): Error {
  return new Error('INTERRUPT Error: preparing was cancelled');
}
