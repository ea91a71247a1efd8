import { AppError } from '../shared/errors.ts';
import { dimensionColumns, pathwayStages } from '../shared/sql/person-query.ts';
import { sqlIdentifier, sqlString } from '../shared/sql/quote.ts';
import type { SqlQuery } from '../shared/sql/sql-parts.ts';
import { breakdownDimensions, type OutcomeViewSpec, type PersonViewSpec } from '../shared/view-spec.ts';
import {
  compactCountQuery,
  compactTableFor,
  compactUnderstands,
  outcomeFromSeries,
  outcomeSeriesKey,
  outcomeSeriesTable,
  type CompactLayout,
  type CompactTable,
} from './compact-query.ts';
import { duckdbType, type PackageDescriptor } from './data-package.ts';
import type { SharedStatements } from './view-queries.ts';

/**
 * Compact copies of a package's person-level tables, made the first time a view needs
 * them, so that person-level views on millions of referrals answer in tens of
 * milliseconds rather than seconds (`npm run bench` measures both):
 *
 *   referral   one row per referral
 *   activity   one row per referral × activity, the join the builder makes
 *   outcome    one row per referral × baseline × follow-up on the same instrument
 *
 * Each holds the referral's country, date and breakdown dimensions (and the activity's,
 * or the two scores), every category as a one-byte ENUM of its text, sorted by country
 * and date so period filters skip most blocks. They are TEMP tables of the engine's own
 * connection: the SQL console (which opens its own connections) never sees them, and
 * they go when the connection closes, that is when packages reload.
 *
 * Anything the copies cannot answer exactly (a dimension with hundreds of categories, a
 * column missing, a follow-up of "baseline") runs the builder's SQL on the package's own
 * tables, as does every indicator view.
 */

/** Categories beyond this and a dimension stays out of the compact tables (an ENUM of one byte). */
const MAX_CATEGORIES = 255;

type Kind = keyof CompactLayout;

interface PackageTables {
  layout: CompactLayout;
  building: Partial<Record<Kind, Promise<CompactTable | null>>>;
  /** Dictionaries of the package's columns, read once and shared by the three tables. */
  dictionaries: Map<string, Promise<string[] | null>>;
  /** Outcome series tables, by instrument, follow-up and UK (see `outcomeSeriesKey`). */
  series: Map<string, Promise<string | null>>;
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
      // Not expected; whatever it was, the builder's query still answers, and these tables are not tried again.
      delete tables.layout[kind];
      tables.series.clear();
      return run(builder);
    }
  }

  /** The series table for an outcome view without period or category filter (made once), or null. */
  private async ensureSeries(tables: PackageTables, spec: OutcomeViewSpec): Promise<string | null> {
    const key = outcomeSeriesKey(spec);
    if (!key) return null;
    let made = tables.series.get(key);
    if (!made) {
      const name = sqlIdentifier(`sprig_compact_series_${++tableCounter}`);
      const sql = outcomeSeriesTable(spec, tables.layout, name);
      if (!sql) return null;
      made = this.connection.run(sql).then(
        () => `temp.main.${name}`,
        (error: unknown) => {
          if (!/interrupt/i.test((error as Error).message ?? '')) return null; // the pairs answer these views
          tables.series.delete(key); // cancelled by the user: try again next time
          throw new AppError('query-cancelled', 'The query was cancelled', {});
        },
      );
      tables.series.set(key, made);
    }
    return made;
  }

  /** Makes the compact table of this kind for the package, once (callers asking meanwhile wait for it). */
  private async ensure(tables: PackageTables, kind: Kind, descriptor: PackageDescriptor): Promise<CompactTable | null> {
    let building = tables.building[kind];
    if (!building) {
      building = this.build(tables, kind, descriptor).then(
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
    return building;
  }

  private tablesOf(descriptor: PackageDescriptor): PackageTables {
    let tables = this.packages.get(descriptor.name);
    if (!tables) {
      tables = { layout: {}, building: {}, dictionaries: new Map(), series: new Map() };
      this.packages.set(descriptor.name, tables);
    }
    return tables;
  }

  private async build(tables: PackageTables, kind: Kind, descriptor: PackageDescriptor): Promise<CompactTable | null> {
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
      const values = await this.dictionary(tables, ds(table), column);
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

    const name = `sprig_compact_${kind}_${++tableCounter}`;
    await this.connection.run(`CREATE OR REPLACE TEMP TABLE ${sqlIdentifier(name)} AS SELECT ${columns.join(', ')} ${from} ORDER BY ${order}`);
    return { name: `temp.main.${sqlIdentifier(name)}`, dictionaries, hasDate, hasStages };
  }

  /** The distinct texts of a column in DuckDB's order, or null when there are too many for a one-byte ENUM. */
  private dictionary(tables: PackageTables, table: string, column: string): Promise<string[] | null> {
    const key = `${table}.${column}`;
    let values = tables.dictionaries.get(key);
    if (!values) {
      const text = `CAST(${sqlIdentifier(column)} AS VARCHAR)`;
      values = this.connection
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

/** A column as an ENUM of its text: the codes are positions in `values`. */
function enumOf(expression: string, values: readonly string[]): string {
  return `CAST(CAST(${expression} AS VARCHAR) AS ENUM(${values.map(sqlString).join(', ')}))`;
}
