import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { DESCRIPTOR_FILE, duckdbType } from '../../src/engine/data-package.ts';
import { sqlString } from '../../src/shared/sql/quote.ts';
import { CsvWriter } from './csv.ts';
import { buildDescriptor, type Format, type GeneratorRun, type WrittenFile } from './descriptor.ts';
import { derivedRates, notAvailableRows, publishedFigures, sortValues } from './published.ts';
import { buildReadme } from './readme.ts';
import { createRandom } from './random.ts';
import * as referenceRows from './reference-rows.ts';
import { table, tables, type TableSpec } from './schema.ts';
import { CohortSummaries } from './summaries.ts';
import { generateCohorts, type Row, type RowSink } from './synthetic.ts';

/**
 * Writes the whole demonstration package into a fresh folder, then swaps it in for `out`,
 * so a failed run never leaves half a package behind.
 */

const PENDING_DESCRIPTOR = `${DESCRIPTOR_FILE}.pending`;

export interface WriteOptions extends GeneratorRun {
  out: string;
}

export interface WriteReport {
  rowCounts: Map<string, number>;
  files: WrittenFile[];
  totalBytes: number;
}

/** A CSV file fed with rows keyed by column name, written in the schema's column order. */
class TableWriter implements RowSink {
  readonly spec: TableSpec;
  private readonly names: string[];
  private readonly csv: CsvWriter;

  constructor(dir: string, spec: TableSpec) {
    this.spec = spec;
    this.names = spec.fields.map((f) => f.name);
    this.csv = new CsvWriter(path.join(dir, `${spec.name}.csv`), this.names);
  }

  get rows(): number {
    return this.csv.rows;
  }

  write(row: Row): void {
    if (this.csv.rows === 0) checkColumns(this.spec, row);
    this.csv.write(
      this.names.map((name) => {
        const cell = row[name];
        if (cell === undefined) throw new Error(`${this.spec.name}: no value for column ${name}`);
        return cell;
      }),
    );
  }

  writeAll(rows: Row[]): this {
    for (const row of rows) this.write(row);
    return this;
  }

  close(): void {
    this.csv.close();
  }
}

/** A row builder with a column the schema lacks is a bug: say so rather than drop it. */
function checkColumns(spec: TableSpec, row: Row): void {
  const extra = Object.keys(row).filter((key) => !spec.fields.some((f) => f.name === key));
  if (extra.length > 0) throw new Error(`${spec.name}: columns ${extra.join(', ')} are not in the schema`);
}

export async function writeDemoPackage(options: WriteOptions): Promise<WriteReport> {
  const out = path.resolve(options.out);
  const staging = `${out}.partial-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    const rowCounts = writeTables(staging, options);
    if (options.format === 'parquet') await convertToParquet(staging);
    const files = await describeFiles(staging, options.format);
    const descriptor = buildDescriptor(options, files);
    // The descriptor keeps another name until the folder is in place, so a Sprig scanning the
    // parent folder meanwhile never sees two packages with one name.
    await writeFile(path.join(staging, PENDING_DESCRIPTOR), `${JSON.stringify(descriptor, null, 2)}\n`);
    const paths = new Map(files.map((f) => [f.table, f.path]));
    await writeFile(path.join(staging, 'README.md'), buildReadme(options, rowCounts, paths));
    await replaceFolder(staging, out);
    await rename(path.join(out, PENDING_DESCRIPTOR), path.join(out, DESCRIPTOR_FILE));
    const totalBytes = (await Promise.all((await readdir(out)).map(async (name) => (await stat(path.join(out, name))).size))).reduce((a, b) => a + b, 0);
    return { rowCounts, files, totalBytes };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/** Every table as CSV. The synthetic tables stream; the rest are small. */
function writeTables(dir: string, run: GeneratorRun): Map<string, number> {
  const writer = (name: string) => new TableWriter(dir, table(name));
  const done: TableWriter[] = [];
  const small = (name: string, rows: Row[]) => done.push(writer(name).writeAll(rows));

  small('country', referenceRows.countryRows());
  small('source', referenceRows.sourceRows());
  small('indicator', referenceRows.indicatorRows());
  small('population', referenceRows.populationRows());
  small('programme', referenceRows.programmeRows());
  small('instrument', referenceRows.instrumentRows());

  const sinks = {
    referral: writer('referral'),
    activity: writer('referral_activity'),
    outcome: writer('outcome_measurement'),
    serviceUse: writer('service_use'),
  };
  const summaries = new CohortSummaries();
  generateCohorts(createRandom(run.seed), run.referrals, sinks, (facts) => summaries.add(facts));
  done.push(...Object.values(sinks));

  const published = [...publishedFigures, ...derivedRates()];
  small('country_year_indicator', referenceRows.valueRows(sortValues([...published, ...notAvailableRows(published), ...summaries.connectedValues()])));
  small('cohort_outcome_summary', summaries.outcomeRows());
  small('codelist', referenceRows.codelistRows());

  for (const w of done) w.close();
  return new Map(done.map((w) => [w.spec.name, w.rows]));
}

/** Parquet copies for benchmarks: DuckDB reads each CSV with the schema's types and writes Parquet. */
async function convertToParquet(dir: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    for (const spec of tables) {
      const csv = path.join(dir, `${spec.name}.csv`);
      const columns = spec.fields.map((f) => `${sqlString(f.name)}: ${sqlString(duckdbType(f))}`).join(', ');
      const select = `SELECT * FROM read_csv(${sqlString(csv)}, header = true, auto_detect = false, quote = '"', escape = '"', columns = {${columns}}, nullstr = [''])`;
      await connection.run(`COPY (${select}) TO ${sqlString(path.join(dir, `${spec.name}.parquet`))} (FORMAT parquet, COMPRESSION zstd)`);
      await rm(csv);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function describeFiles(dir: string, format: Format): Promise<WrittenFile[]> {
  return Promise.all(
    tables.map(async (spec) => {
      const file = `${spec.name}.${format}`;
      const bytes = await readFile(path.join(dir, file));
      return { table: spec.name, path: file, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    }),
  );
}

/** Replaces `out` only if it is empty or holds a data package: never a folder of other things. */
async function replaceFolder(staging: string, out: string): Promise<void> {
  if (existsSync(out)) {
    const entries = await readdir(out);
    if (entries.length > 0 && !entries.includes(DESCRIPTOR_FILE)) {
      throw new Error(`${out} exists and is not a data package; choose an empty folder`);
    }
    await rm(out, { recursive: true, force: true });
  }
  await mkdir(path.dirname(out), { recursive: true });
  await rename(staging, out);
}
