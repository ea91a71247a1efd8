import { tableFromIPC } from 'apache-arrow';
import { parseViewSpec, type BreakdownViewSpec } from '../../src/shared/view-spec.ts';
import { arrowColumns, assertSameResult, checksum, compareViewWithRaw, rawAnswer, rowCount, type BenchContext, type Columns } from './compare-view.ts';
import { explorerSequence } from './explorer-sequence.ts';
import { elapsedMs, formatMs, percentile, median } from './timing.ts';

/**
 * One thing to measure. Each scenario prints its own labelled line(s); to add one, write
 * a function here and list it in `scenarios`.
 */
export interface Scenario {
  name: string;
  /** What the progress line says it does. */
  describe(ctx: BenchContext): string;
  run(ctx: BenchContext): Promise<void>;
}

/**
 * Breakdown of all referrals by primary need, every country: the typical grouped count.
 * Each round asks for a different small-cell threshold (no cell here is that small), so
 * the engine's cache never answers and the figure is the query path itself.
 */
async function breakdownByNeed(ctx: BenchContext): Promise<void> {
  const variant = (round: number) =>
    parseViewSpec({ version: 2, view: 'breakdown', dataset: ctx.dataset, dimension: 'primary_need', suppressBelow: 11 + round }) as BreakdownViewSpec;
  const { line, result } = await compareViewWithRaw(ctx, `breakdown ${ctx.sizeLabel}`, variant);

  // Both sides agree; check they agree on the right thing: every generated row counted once.
  const n = result.columns[result.names.indexOf('n')] ?? [];
  const total = n.reduce<number>((sum, value) => sum + Number(value), 0);
  if (total !== ctx.rows) throw new Error(`breakdown ${ctx.sizeLabel}: counts total ${total}, expected ${ctx.rows}`);
  console.error(`  breakdown by primary_need: ${n.length} groups, ${total.toLocaleString('en-GB')} referrals counted on both sides`);
  console.log(line);
}

/** Charts never get more marks than this: views bin or aggregate in DuckDB first. */
const MAX_ROWS = 5000;

/**
 * Fifty control changes in a row (explorer-sequence.ts), each timed from the new spec to
 * the decoded Arrow table through the engine, against the same SQL on plain DuckDB read
 * into JavaScript. Every answer is checked against plain DuckDB's (row count and a
 * checksum) and for size.
 */
async function explorer(ctx: BenchContext): Promise<void> {
  const label = `explorer ${ctx.sizeLabel}`;
  const steps = explorerSequence(ctx.dataset, ctx.description);
  const engineMs: number[] = [];
  const rawMs: number[] = [];
  let maxRows = 0;
  let roundedOnly = 0;
  const slowest: { ms: number; step: number }[] = [];

  for (const [i, step] of steps.entries()) {
    const runEngine = async (): Promise<Columns> => {
      const start = process.hrtime.bigint();
      // What the engine's contract does with a spec from the interface: validate, then answer.
      const spec = parseViewSpec(step.spec);
      const table = tableFromIPC(await ctx.engine.runView({ spec }));
      engineMs[i] = elapsedMs(start);
      return arrowColumns(table);
    };
    const runRaw = async (): Promise<Columns> => {
      const spec = parseViewSpec(step.spec);
      const start = process.hrtime.bigint();
      const result = await rawAnswer(ctx, spec);
      rawMs[i] = elapsedMs(start);
      return result;
    };
    // Alternate which side goes first, so drift falls on both alike.
    let engineResult: Columns;
    let rawResult: Columns;
    if (i % 2 === 0) {
      engineResult = await runEngine();
      rawResult = await runRaw();
    } else {
      rawResult = await runRaw();
      engineResult = await runEngine();
    }

    const where = `${label}, step ${i + 1} (${step.change}, ${JSON.stringify(step.spec)})`;
    if (rowCount(engineResult) !== rowCount(rawResult)) {
      throw new Error(`${where}: the engine answered ${rowCount(engineResult)} rows, raw DuckDB ${rowCount(rawResult)}`);
    }
    if (checksum(engineResult) !== checksum(rawResult)) {
      // Only a fraction rounding across the 9th digit may differ; anything else fails here.
      assertSameResult(where, engineResult, rawResult);
      roundedOnly++;
    }
    const rows = rowCount(engineResult);
    if (rows > MAX_ROWS) throw new Error(`${where}: ${rows} rows; a chart must never receive more than ${MAX_ROWS}`);
    maxRows = Math.max(maxRows, rows);
    slowest.push({ ms: engineMs[i] ?? 0, step: i });
  }

  const p50 = median(engineMs);
  const p95 = percentile(engineMs, 95);
  ctx.figures.explorerP95 = p95;
  if (ctx.steps) steps.forEach((step, i) => console.error(`  step ${i + 1} ${step.change}: ${formatMs(engineMs[i] ?? 0)} (raw ${formatMs(rawMs[i] ?? 0)})`));
  const rawP50 = median(rawMs);
  const rawP95 = percentile(rawMs, 95);
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  console.log(
    `${label}: p50 ${ms(p50)}, p95 ${ms(p95)}, raw p50 ${ms(rawP50)}, raw p95 ${ms(rawP95)}, ratio p50 ${(p50 / rawP50).toFixed(2)}, p95 ${(p95 / rawP95).toFixed(2)}`,
  );
  console.log(
    `${label} checks: all ${steps.length} answers match raw DuckDB (row count + checksum${roundedOnly > 0 ? `; ${roundedOnly} differ only past the 9th digit of a fraction` : ''}); ` +
      `largest answer ${maxRows} rows (limit ${MAX_ROWS})`,
  );
  const top = slowest.sort((a, b) => b.ms - a.ms).slice(0, 3);
  console.error(`  slowest engine steps: ${top.map((s) => `${s.step + 1} ${steps[s.step]?.change} ${formatMs(s.ms)} (raw ${formatMs(rawMs[s.step] ?? 0)})`).join('; ')}`);
}

export const scenarios: Scenario[] = [
  { name: 'breakdown', describe: (ctx) => `${ctx.counts.warmup} warm-up + ${ctx.counts.measured} measured runs per side`, run: breakdownByNeed },
  { name: 'explorer', describe: () => '50 control changes, engine and raw DuckDB in turn', run: explorer },
];
