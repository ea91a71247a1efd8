import { tableFromIPC, type Table } from 'apache-arrow';
import type { Engine } from '../../src/engine/engine.ts';
import type { DatasetDescription } from '../../src/shared/catalogue.ts';
import { answerView } from '../../src/engine/answer-view.ts';
import { CompactTables } from '../../src/engine/compact-tables.ts';
import type { ViewSpec } from '../../src/shared/view-spec.ts';
import type { RawDuckDB } from './raw-duckdb.ts';
import { formatMs, median, percentile, timeInterleaved, type RunCounts } from './timing.ts';

/** What every scenario gets: both sides loaded with the same data. */
export interface BenchContext {
  engine: Engine;
  raw: RawDuckDB;
  /** The package name, which is also the DuckDB schema both sides loaded it into. */
  dataset: string;
  description: DatasetDescription;
  rows: number;
  sizeLabel: string;
  counts: RunCounts;
  /** Print every control change's time. */
  steps: boolean;
  /** Figures a scenario leaves for the summary (explorerP95). */
  figures: Record<string, number>;
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

/** Round `i` of a comparison: the spec both sides answer. */
export type Variant = (round: number) => ViewSpec;

/**
 * The baseline's answer to a view: the builder's SQL run on plain DuckDB, then the same
 * shared answer functions the engine uses (disclosure control, the UK, countries), read
 * into JavaScript. What the engine adds or saves beyond that (validation, its cache, the
 * compact tables, Arrow bytes and back) is what the ratio measures.
 */
export async function rawAnswer(ctx: BenchContext, spec: ViewSpec): Promise<Columns> {
  const bytes = await answerView(spec, { descriptor: ctx.raw.descriptor, description: ctx.description }, (q) => ctx.raw.rows(q), new CompactTables(ctx.raw.connection, false));
  return arrowColumns(tableFromIPC(bytes));
}

/**
 * Times one view through the whole engine path (spec → SQL → Arrow IPC bytes → decoded
 * Arrow table) against the same SQL and answer functions on plain DuckDB (`rawAnswer`), then checks the
 * two answered the same thing. A mismatch throws: the bench must not report figures for
 * an engine that answers wrongly. Each round may ask a slightly different view (the
 * engine would otherwise answer repeats from its cache); both sides ask the same one.
 */
export async function compareViewWithRaw(ctx: BenchContext, label: string, variant: Variant): Promise<ComparisonResult> {
  let engineRound = 0;
  let rawRound = 0;
  const { a, b, lastA, lastB } = await timeInterleaved(
    ctx.counts,
    async () => tableFromIPC(await ctx.engine.runView({ spec: variant(engineRound++) })),
    () => rawAnswer(ctx, variant(rawRound++)),
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

export function arrowColumns(table: Table): Columns {
  const names = table.schema.fields.map((f) => f.name);
  return { names, columns: names.map((name) => [...(table.getChild(name) ?? [])]) };
}

/** Engine numbers are all JavaScript numbers (BIGINT leaves as Float64); plain DuckDB may answer bigint. */
function normalise(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString();
  return value ?? null;
}

/** Equal, or (for fractions) equal to 1e-9 relative: parallel sums of doubles may differ in the last bits. */
function same(e: unknown, w: unknown): boolean {
  if (e === w) return true;
  if (typeof e === 'number' && typeof w === 'number') return Math.abs(e - w) <= 1e-9 * Math.max(1, Math.abs(w));
  return false;
}

export function assertSameResult(label: string, engine: Columns, raw: Columns): void {
  const fail = (what: string) => {
    throw new Error(`${label}: the engine and raw DuckDB disagree: ${what}`);
  };
  if (engine.names.join(',') !== raw.names.join(',')) fail(`columns [${engine.names.join(', ')}] vs [${raw.names.join(', ')}]`);
  const engineRows = rowCount(engine);
  const rawRows = rowCount(raw);
  if (engineRows !== rawRows) fail(`${engineRows} rows vs ${rawRows}`);
  engine.names.forEach((name, c) => {
    for (let r = 0; r < engineRows; r++) {
      const e = normalise(engine.columns[c]?.[r]);
      const w = normalise(raw.columns[c]?.[r]);
      if (!same(e, w)) fail(`row ${r + 1}, column ${name}: ${String(e)} vs ${String(w)}`);
    }
  });
}

export function rowCount(result: Columns): number {
  return result.columns[0]?.length ?? 0;
}

/**
 * A checksum of a whole answer (FNV-1a over every cell, row by row), the same for the
 * engine's Arrow table and plain DuckDB's JavaScript values. Fractions count to 9
 * significant digits, so the last bits of a parallel sum do not change it.
 */
export function checksum(result: Columns): string {
  let hash = 0x811c9dc5;
  const add = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
  };
  add(result.names.join('\u001f'));
  for (let r = 0; r < rowCount(result); r++) {
    for (const column of result.columns) {
      const value = normalise(column[r]);
      add(typeof value === 'number' && !Number.isInteger(value) ? value.toPrecision(9) : JSON.stringify(value));
      add('\u001f');
    }
    add('\u001e');
  }
  return hash.toString(16).padStart(8, '0');
}
