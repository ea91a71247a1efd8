import { tableFromIPC, type Table } from 'apache-arrow';
import type { Engine } from '../../src/engine/engine.ts';
import type { SqlQuery } from '../../src/shared/sql/view-query.ts';
import type { ViewSpec } from '../../src/shared/view-spec.ts';
import type { RawDuckDB } from './raw-duckdb.ts';
import { formatMs, median, percentile, timeInterleaved, type RunCounts } from './timing.ts';

/** What every scenario gets: both sides loaded with the same data. */
export interface BenchContext {
  engine: Engine;
  raw: RawDuckDB;
  /** The package name, which is also the DuckDB schema both sides loaded it into. */
  dataset: string;
  rows: number;
  sizeLabel: string;
  counts: RunCounts;
}

/** A result as plain columns, whichever side it came from, so the two can be compared. */
export interface Columns {
  names: string[];
  columns: unknown[][];
}

export interface ComparisonResult {
  line: string;
  result: Columns;
}

/**
 * Times one view through the whole engine path (spec → SQL → Arrow IPC bytes → decoded
 * Arrow table) against the same SQL on plain DuckDB read into JavaScript, then checks the
 * two answered the same thing. A mismatch throws: the bench must not report figures for
 * an engine that answers wrongly.
 */
export async function compareViewWithRaw(ctx: BenchContext, label: string, spec: ViewSpec, query: SqlQuery): Promise<ComparisonResult> {
  const { a, b, lastA, lastB } = await timeInterleaved(
    ctx.counts,
    async () => tableFromIPC(await ctx.engine.runView({ spec })),
    () => ctx.raw.run(query),
  );
  const engineResult = arrowColumns(lastA);
  assertSameResult(label, engineResult, lastB);
  const engineMedian = median(a);
  const rawMedian = median(b);
  const line =
    `${label}: engine median ${formatMs(engineMedian)}, raw DuckDB median ${formatMs(rawMedian)}, ` +
    `ratio ${(engineMedian / rawMedian).toFixed(2)} ` +
    `(p95 engine ${formatMs(percentile(a, 95))}, raw ${formatMs(percentile(b, 95))}; ${a.length} runs each)`;
  return { line, result: engineResult };
}

function arrowColumns(table: Table): Columns {
  const names = table.schema.fields.map((f) => f.name);
  return { names, columns: names.map((name) => [...(table.getChild(name) ?? [])]) };
}

/** Engine numbers are all JavaScript numbers (BIGINT leaves as Float64); plain DuckDB may answer bigint. */
function normalise(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString();
  return value ?? null;
}

function assertSameResult(label: string, engine: Columns, raw: Columns): void {
  const fail = (what: string) => {
    throw new Error(`${label}: the engine and raw DuckDB disagree: ${what}`);
  };
  if (engine.names.join(',') !== raw.names.join(',')) fail(`columns [${engine.names.join(', ')}] vs [${raw.names.join(', ')}]`);
  const engineRows = engine.columns[0]?.length ?? 0;
  const rawRows = raw.columns[0]?.length ?? 0;
  if (engineRows !== rawRows) fail(`${engineRows} rows vs ${rawRows}`);
  engine.names.forEach((name, c) => {
    for (let r = 0; r < engineRows; r++) {
      const e = normalise(engine.columns[c]?.[r]);
      const w = normalise(raw.columns[c]?.[r]);
      if (e !== w) fail(`row ${r + 1}, column ${name}: ${String(e)} vs ${String(w)}`);
    }
  });
}
