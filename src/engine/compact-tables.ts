import { AppError } from '../shared/errors.ts';
import { dimensionColumns, pathwayStages } from '../shared/sql/person-query.ts';
import { sqlIdentifier, sqlString } from '../shared/sql/quote.ts';
import type { SqlQuery } from '../shared/sql/sql-parts.ts';
import { breakdownDimensions, type OutcomeViewSpec, type PersonViewSpec } from '../shared/view-spec.ts';
import {
  compactCountQuery,
  compactTableFor,
  compactUnderstands,
  monthCountsSelect,
  outcomeFromSeries,
  outcomeSeriesKey,
  outcomeSeriesSelect,
  seriesKey,
  type CompactLayout,
  type CompactTable,
} from './compact-query.ts';
import { duckdbType, type PackageDescriptor } from './data-package.ts';
import type { SharedStatements } from './view-queries.ts';

/**
 * Compact copies of a package's person-level tables, so that person-level views on
 * millions of referrals answer in milliseconds rather than seconds (`npm run bench`
 * measures both). The engine makes them while it prepares a package, right after loading
 * it (`prepare`, src/engine/preparation.ts), into Sprig's cache, and takes them from there
 * at the next start (`adopt`); views asking meanwhile wait for them. Should that not
 * happen (cancelled, or a caller without a cache), a view that needs one makes it:
 *
 *   referral   one row per referral
 *   activity   one row per referral × activity, the join the builder makes
 *   outcome    one row per referral × baseline × follow-up on the same instrument
 *
 * Each holds the referral's country, date and breakdown dimensions (and the activity's,
 * or the two scores), every category as a one-byte ENUM of its text, sorted by country
 * and date so period filters skip most blocks. Made by a view, they are TEMP tables of the
 * views' connection, gone when it closes (when packages reload); prepared, they are tables
 * of the package's cache catalogue (src/engine/package-cache.ts). The SQL console sees
 * neither: it opens connections of its own, and refuses any name in a cache catalogue.
 *
 * Anything the copies cannot answer exactly (a dimension with hundreds of categories, a
 * column missing, a follow-up of "baseline") runs the builder's SQL on the package's own
 * tables, as does every indicator view.
 */

/** Categories beyond this and a dimension stays out of the compact tables (an ENUM of one byte). */
const MAX_CATEGORIES = 255;

export type CompactKind = keyof CompactLayout;
type Kind = CompactKind;
export const compactKinds: readonly Kind[] = ['referral', 'activity', 'outcome'];

/**
 * A table being made: the table, null when it cannot be made (views then use the builder's
 * SQL), or `undefined` when its making stopped (a preparation cancelled) and whoever asks
 * next should make it.
 */
type Making<T> = Promise<T | null | undefined>;

interface PackageTables {
  layout: CompactLayout;
  building: Partial<Record<Kind, Making<CompactTable>>>;
  /** Dictionaries of the package's columns, read once and shared by the three tables. */
  dictionaries: Map<string, Promise<string[] | null>>;
  /** Outcome series tables, by instrument and follow-up (see `outcomeSeriesKey`). */
  series: Map<string, Making<string>>;
}

/** Where compact tables are made, and on which connection. */
export interface CompactPlace {
  statements: SharedStatements;
  /** A schema every connection of the engine sees (e.g. `"sprig:cache:1".compact`); null: TEMP tables of `statements`' connection. */
  schema: string | null;
}

/** A package's compact tables as Sprig's cache keeps them: table names without their schema. */
export interface SavedCompact {
  tables: Partial<Record<Kind, Omit<CompactTable, 'name' | 'months'> & { table: string; months?: string }>>;
  /** Series tables by `seriesKey`. */
  series: Record<string, string>;
}

let tableCounter = 0;

export class CompactTables {
  /** The views' connection, through its queue: nothing else runs while these tables are made. */
  private readonly connection: SharedStatements;
  private readonly packages = new Map<string, PackageTables>();
  /** False: every view runs the builder's SQL (how tests compare the two paths). */
  private readonly enabled: boolean;

  constructor(connection: SharedStatements, enabled = true) {
    this.connection = connection;
    this.enabled = enabled;
  }

  /**
   * A person-level view's raw counts: from the compact tables when they can give them exactly,
   * otherwise by running the builder's query. `run` is the engine's (time limit, cancelling).
   */
  async answer<T>(spec: PersonViewSpec, descriptor: PackageDescriptor, builder: SqlQuery, run: (query: SqlQuery) => Promise<T>): Promise<T> {
    if (!this.enabled || !compactUnderstands(spec)) return run(builder);
    const kind = compactTableFor(spec);
    const tables = this.tablesOf(descriptor);
    await this.ensure(tables, kind, descriptor);
    let compact = compactCountQuery(spec, tables.layout);
    if (compact && spec.view === 'outcome') {
      const series = await this.ensureSeries(tables, spec);
      if (series) compact = outcomeFromSeries(series);
    }
    if (!compact) return run(builder);
    try {
      return await run(compact);
    } catch (error) {
      if (error instanceof AppError && error.code === 'query-cancelled') throw error;
      // Not expected; whatever it was, the builder's query answers. Should it fail too (a date
      // that does not exist, say), the spec was at fault, not these tables; else they are not tried again.
      const answer = await run(builder);
      delete tables.layout[kind];
      tables.series.clear();
      return answer;
    }
  }

  /**
   * Makes every compact table of the package, their month counts, and the series table of
   * each instrument and follow-up the data have, in `place`; views that need a table
   * meanwhile wait for it rather than make their own. Answers what was made, as the cache
   * keeps it (null when these tables are switched off). A failure or an interrupt stops it:
   * what it had not made yet is left for the views to make when they need it, and the error
   * is thrown. `onMade` hears of each step as it ends: each kind of table, then 'months',
   * then 'series'.
   */
  async prepare(descriptor: PackageDescriptor, place: CompactPlace, onMade: (step: string) => void = () => {}): Promise<SavedCompact | null> {
    if (!this.enabled) return null;
    const tables = this.tablesOf(descriptor);
    const waiting = new Map<Kind, (table: CompactTable | null | undefined) => void>();
    for (const kind of compactKinds) {
      if (tables.building[kind]) continue;
      tables.building[kind] = new Promise((resolve) => waiting.set(kind, resolve));
    }
    const seriesWaiting = new Map<string, (name: string | null | undefined) => void>();
    try {
      for (const kind of compactKinds) {
        const done = waiting.get(kind);
        if (done) {
          const table = await this.build(tables, kind, descriptor, place);
          if (table) tables.layout[kind] = table;
          waiting.delete(kind);
          done(table);
        }
        await tables.building[kind];
        onMade(kind);
      }
      // Month counts: views use them from the moment they are set.
      for (const kind of ['referral', 'activity'] as const) {
        const table = tables.layout[kind];
        const select = table && !table.months ? monthCountsSelect(kind, table) : null;
        if (table && select) table.months = await this.create(place, `sprig_compact_${kind}_months`, select);
      }
      const outcome = tables.layout.outcome;
      if (outcome?.hasDate && !outcome.dates) {
        const [row] = (
          await place.statements.runAndReadAll(
            `SELECT strftime(min(referral_date), '%Y-%m-%d') AS min, strftime(max(referral_date), '%Y-%m-%d') AS max, bool_or(referral_date IS NULL) AS missing FROM ${outcome.name}`,
          )
        ).getRowObjectsJS();
        outcome.dates = { min: row?.min == null ? null : String(row.min), max: row?.max == null ? null : String(row.max), missing: row?.missing !== false };
      }
      onMade('months');
      if (outcome) {
        const pairs = await place.statements.runAndReadAll(
          `SELECT DISTINCT CAST(instrument AS VARCHAR) AS i, CAST(follow_up_point AS VARCHAR) AS f FROM ${outcome.name} ORDER BY ALL`,
        );
        const keys = pairs.getRows().map(([i, f]) => [String(i), String(f)] as const);
        for (const [instrument, followUp] of keys) {
          const key = seriesKey(instrument, followUp);
          if (!tables.series.has(key)) tables.series.set(key, new Promise((resolve) => seriesWaiting.set(key, resolve)));
        }
        let n = 0;
        for (const [instrument, followUp] of keys) {
          const key = seriesKey(instrument, followUp);
          const done = seriesWaiting.get(key);
          if (!done) continue;
          const select = outcomeSeriesSelect(instrument, followUp, tables.layout);
          const made = select ? await this.create(place, `sprig_compact_series_${++n}`, select) : null;
          seriesWaiting.delete(key);
          done(made);
        }
      }
      onMade('series');
      return await this.saved(tables, place);
    } catch (error) {
      // Whatever was not made yet, the next view that needs it makes.
      for (const [kind, done] of waiting) {
        delete tables.building[kind];
        done(undefined);
      }
      for (const [key, done] of seriesWaiting) {
        tables.series.delete(key);
        done(undefined);
      }
      throw error;
    }
  }

  /** What the cache keeps of the tables made in `place`: those outside it (made by a view, as TEMP tables) are not kept. */
  private async saved(tables: PackageTables, place: CompactPlace): Promise<SavedCompact> {
    const saved: SavedCompact = { tables: {}, series: {} };
    const own = (name: string | null | undefined) => (name && place.schema && name.startsWith(`${place.schema}.`) ? unqualified(name, place.schema) : null);
    for (const kind of compactKinds) {
      const table = tables.layout[kind];
      const bare = own(table?.name);
      if (!table || !bare) continue;
      const { name: _name, months, ...rest } = table;
      const monthsBare = own(months);
      saved.tables[kind] = { ...rest, table: bare, ...(monthsBare ? { months: monthsBare } : {}) };
    }
    for (const [key, made] of tables.series) {
      const bare = own(await made);
      if (bare) saved.series[key] = bare;
    }
    return saved;
  }

  /** Takes compact tables made at an earlier start (kept in Sprig's cache, in `schema`), as if just made. */
  adopt(descriptor: PackageDescriptor, saved: SavedCompact, schema: string): void {
    if (!this.enabled) return;
    const tables = this.tablesOf(descriptor);
    for (const kind of compactKinds) {
      const kept = saved.tables[kind];
      if (!kept) continue;
      const { table, months, ...rest } = kept;
      const made: CompactTable = { ...rest, name: `${schema}.${sqlIdentifier(table)}`, ...(months ? { months: `${schema}.${sqlIdentifier(months)}` } : {}) };
      tables.layout[kind] = made;
      tables.building[kind] = Promise.resolve(made);
    }
    for (const [key, table] of Object.entries(saved.series)) tables.series.set(key, Promise.resolve(`${schema}.${sqlIdentifier(table)}`));
  }

  /** The series table for an outcome view without period or category filter (made once), or null. */
  private async ensureSeries(tables: PackageTables, spec: OutcomeViewSpec): Promise<string | null> {
    const key = outcomeSeriesKey(spec, tables.layout.outcome);
    if (!key) return null;
    for (;;) {
      let made = tables.series.get(key);
      if (!made) {
        const select = outcomeSeriesSelect(spec.instrument, spec.followUp, tables.layout);
        if (!select) return null;
        made = this.create({ statements: this.connection, schema: null }, `sprig_compact_series_${++tableCounter}`, select).catch((error: unknown) => {
          if (!/interrupt/i.test((error as Error).message ?? '')) return null; // the pairs answer these views
          tables.series.delete(key); // cancelled by the user: try again next time
          throw new AppError('query-cancelled', 'The query was cancelled', {});
        });
        tables.series.set(key, made);
      }
      const name = await made;
      if (name !== undefined) return name;
    }
  }

  /** The compact table of this kind for the package: made once (callers asking meanwhile wait for it), or being prepared. */
  private async ensure(tables: PackageTables, kind: Kind, descriptor: PackageDescriptor): Promise<CompactTable | null> {
    for (;;) {
      let building = tables.building[kind];
      if (!building) {
        building = this.build(tables, kind, descriptor, { statements: this.connection, schema: null }).then(
          (table) => {
            if (table) tables.layout[kind] = table;
            return table;
          },
          (error: unknown) => {
            const message = (error as Error).message ?? String(error);
            if (/interrupt/i.test(message)) {
              // Cancelled by the user: try again next time, and cancel the view that waited.
              delete tables.building[kind];
              throw new AppError('query-cancelled', 'The query was cancelled', {});
            }
            return null; // cannot be made (out of memory, say): the builder's SQL answers these views.
          },
        );
        tables.building[kind] = building;
      }
      const table = await building;
      if (table !== undefined) return table;
    }
  }

  /** Makes a table `bare` in `place` from a SELECT; answers its qualified name. */
  private async create(place: CompactPlace, bare: string, select: string): Promise<string> {
    const name = place.schema ? `${place.schema}.${sqlIdentifier(bare)}` : `temp.main.${sqlIdentifier(bare)}`;
    const create = place.schema ? `CREATE OR REPLACE TABLE ${name}` : `CREATE OR REPLACE TEMP TABLE ${sqlIdentifier(bare)}`;
    await place.statements.run(`${create} AS ${select}`);
    return name;
  }

  private tablesOf(descriptor: PackageDescriptor): PackageTables {
    let tables = this.packages.get(descriptor.name);
    if (!tables) {
      tables = { layout: {}, building: {}, dictionaries: new Map(), series: new Map() };
      this.packages.set(descriptor.name, tables);
    }
    return tables;
  }

  private async build(tables: PackageTables, kind: Kind, descriptor: PackageDescriptor, place: CompactPlace): Promise<CompactTable | null> {
    const ds = (table: string) => `${sqlIdentifier(descriptor.name)}.${sqlIdentifier(table)}`;
    const field = (table: string, column: string) =>
      descriptor.resources.find((r) => r.name === table)?.schema.fields.find((f) => f.name === column);
    const has = (table: string, column: string) => field(table, column) !== undefined;
    const isText = (table: string, column: string) => {
      const f = field(table, column);
      return f !== undefined && duckdbType(f) === 'VARCHAR';
    };
    // The builder compares and returns country codes as text; so must the copy.
    if (!isText('referral', 'country_code')) return null;

    const dictionaries: Record<string, readonly string[]> = {};
    const columns: string[] = [];
    const enumColumn = async (name: string, table: string, alias: string, column: string) => {
      const values = await this.dictionary(tables, place.statements, ds(table), column);
      if (!values) return false;
      dictionaries[name] = values;
      columns.push(`${enumOf(`${alias}.${sqlIdentifier(column)}`, values)} AS ${sqlIdentifier(name)}`);
      return true;
    };
    if (!(await enumColumn('country', 'referral', 'r', 'country_code'))) return null;
    const hasDate = has('referral', 'referral_date');
    if (hasDate) columns.push('r.referral_date');

    // Breakdown dimensions: the referral's always, the activity's in the activity table.
    for (const dimension of breakdownDimensions) {
      const source = /^([ra])\.([a-z_][a-z0-9_]*)$/.exec(dimensionColumns[dimension].expression);
      if (!source) continue;
      const [, alias, column] = source as unknown as [string, 'r' | 'a', string];
      const table = alias === 'r' ? 'referral' : 'referral_activity';
      if (alias === 'a' && kind !== 'activity') continue;
      if (has(table, column)) await enumColumn(dimension, table, alias, column);
    }

    // Pathway stages, as the builder's own conditions, when every column they name exists.
    const stageColumns = pathwayStages.flatMap((s) => [...s.condition.matchAll(/\br\.([a-z_][a-z0-9_]*)/g)].map((m) => m[1] ?? ''));
    const hasStages = kind !== 'outcome' && stageColumns.every((c) => has('referral', c));
    if (hasStages) pathwayStages.forEach((s, i) => s.condition !== 'true' && columns.push(`(${s.condition}) AS stage_${i}`));

    let from = `FROM ${ds('referral')} AS r`;
    let order = `country${hasDate ? ', referral_date' : ''}`;
    if (kind === 'activity') {
      if (!has('referral', 'referral_id') || !has('referral_activity', 'referral_id')) return null;
      from += ` JOIN ${ds('referral_activity')} AS a ON a.referral_id = r.referral_id`;
    }
    if (kind === 'outcome') {
      const needed = ['referral_id', 'instrument', 'timepoint', 'score'];
      if (!has('referral', 'referral_id') || !needed.every((c) => has('outcome_measurement', c))) return null;
      if (!isText('outcome_measurement', 'instrument') || !isText('outcome_measurement', 'timepoint')) return null;
      if (!(await enumColumn('instrument', 'outcome_measurement', 'b', 'instrument'))) return null;
      if (!(await enumColumn('follow_up_point', 'outcome_measurement', 'f', 'timepoint'))) return null;
      columns.push('b.score AS baseline', 'f.score AS follow_up');
      // The builder's pairs: this baseline and that follow-up, by person, on one instrument.
      from += ` JOIN ${ds('outcome_measurement')} AS b ON b.referral_id = r.referral_id AND b.timepoint = 'baseline'`;
      from += ` JOIN ${ds('outcome_measurement')} AS f ON f.referral_id = r.referral_id AND f.instrument = b.instrument AND f.timepoint <> 'baseline'`;
      order = `instrument, follow_up_point, ${order}`;
    }

    const bare = place.schema ? `sprig_compact_${kind}` : `sprig_compact_${kind}_${++tableCounter}`;
    const name = await this.create(place, bare, `SELECT ${columns.join(', ')} ${from} ORDER BY ${order}`);
    return { name, dictionaries, hasDate, hasStages };
  }

  /** The distinct texts of a column in DuckDB's order, or null when there are too many for a one-byte ENUM. */
  private dictionary(tables: PackageTables, statements: SharedStatements, table: string, column: string): Promise<string[] | null> {
    const key = `${table}.${column}`;
    let values = tables.dictionaries.get(key);
    if (!values) {
      const text = `CAST(${sqlIdentifier(column)} AS VARCHAR)`;
      values = statements
        .runAndReadAll(`SELECT DISTINCT ${text} AS v FROM ${table} WHERE ${text} IS NOT NULL ORDER BY v LIMIT ${MAX_CATEGORIES + 1}`)
        .then(
          (reader) => {
            const list = reader.getColumnsJS()[0]?.map(String) ?? [];
            return list.length === 0 || list.length > MAX_CATEGORIES ? null : list;
          },
          (error: unknown) => {
            tables.dictionaries.delete(key);
            throw error;
          },
        );
      tables.dictionaries.set(key, values);
    }
    return values;
  }
}

/** `"a".b."c"` less its schema `"a".b`: `c`. */
function unqualified(name: string, schema: string): string {
  const bare = name.slice(schema.length + 1);
  return bare.startsWith('"') ? bare.slice(1, -1).replace(/""/g, '"') : bare;
}

/** A column as an ENUM of its text: the codes are positions in `values`. */
function enumOf(expression: string, values: readonly string[]): string {
  return `CAST(CAST(${expression} AS VARCHAR) AS ENUM(${values.map(sqlString).join(', ')}))`;
}
