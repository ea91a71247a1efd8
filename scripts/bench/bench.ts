import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { tableFromIPC } from 'apache-arrow';
import { Engine } from '../../src/engine/engine.ts';
import { parseViewSpec, type ViewSpecInput } from '../../src/shared/view-spec.ts';
import { rawAnswer, type BenchContext } from './compare-view.ts';
import { openRawDuckDB, type RawDuckDB } from './raw-duckdb.ts';
import { benchFigures } from './figures.ts';
import { scenarios } from './scenarios.ts';
import { cachedReferralPackage } from './synthetic-referrals.ts';
import { elapsedMs, formatMs, type RunCounts } from './timing.ts';

/**
 * `npm run bench [-- --size 1M|10M|all] [--runs 30] [--warmup 5] [--fresh] [--figures]`
 *
 * First, export time per figure format for a trend and a breakdown (scripts/bench/figures.ts;
 * `--figures` stops after it).
 * Measures the engine against plain DuckDB on large synthetic packages (1 and 10 million
 * referrals by default): one breakdown repeated, and fifty control changes in a row as
 * someone exploring would make them. Prints figures only: it never fails on speed, only
 * when something crashes, the engine and plain DuckDB answer differently, or an answer is
 * too big for a chart. Progress goes to stderr, figures to stdout.
 *
 * The packages are generated once and kept under the system temp folder (keyed by the
 * generator version and the demo tables they copy); `--fresh` generates them again.
 */

const SIZES: Record<string, number> = { '1M': 1_000_000, '10M': 10_000_000 };
/**
 * Both sides get these, explicitly, so neither depends on the other's defaults. Ten
 * million referrals with their activities and scores take ~4 GB in DuckDB: with the
 * engine's default 2 GB both sides would mostly measure spilling to disk.
 */
const DUCKDB_SETTINGS: Record<string, { threads: number; memoryLimit: string }> = {
  '1M': { threads: 2, memoryLimit: '2GB' },
  '10M': { threads: 2, memoryLimit: '6GB' },
};
const DEMO = path.resolve(import.meta.dirname, '..', '..', 'data', 'sprig-demo');

function parseOptions(): { sizes: string[]; counts: RunCounts; fresh: boolean; figures: boolean } {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'all' },
      runs: { type: 'string', default: '30' },
      warmup: { type: 'string', default: '5' },
      fresh: { type: 'boolean', default: false },
      figures: { type: 'boolean', default: false },
    },
  });
  const sizes = values.size === 'all' ? Object.keys(SIZES) : [values.size];
  for (const size of sizes) {
    if (SIZES[size] === undefined) throw new Error(`--size must be one of ${[...Object.keys(SIZES), 'all'].join(', ')}, not ${values.size}`);
  }
  const measured = Number(values.runs);
  const warmup = Number(values.warmup);
  if (!Number.isInteger(measured) || measured < 1) throw new Error(`--runs must be a whole number ≥ 1, not ${values.runs}`);
  if (!Number.isInteger(warmup) || warmup < 0) throw new Error(`--warmup must be a whole number ≥ 0, not ${values.warmup}`);
  return { sizes, counts: { warmup, measured }, fresh: values.fresh, figures: values.figures };
}

const progress = (message: string) => console.error(message);

async function benchSize(sizeLabel: string, counts: RunCounts, fresh: boolean): Promise<void> {
  const rows = SIZES[sizeLabel]!;
  const settings = DUCKDB_SETTINGS[sizeLabel]!;
  const root = await mkdtemp(path.join(os.tmpdir(), 'sprig-bench-'));
  // Ctrl-C must not leave DuckDB's spill files behind in the temp folder.
  const onInterrupt = () => {
    rmSync(root, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', onInterrupt);
  let engine: Engine | undefined;
  let raw: RawDuckDB | undefined;
  try {
    progress(`${sizeLabel}: ${rows.toLocaleString('en-GB')} referrals (DuckDB: ${settings.threads} threads, ${settings.memoryLimit} each side)`);
    let start = process.hrtime.bigint();
    const { folder, dataset, reused } = await cachedReferralPackage(rows, DEMO, progress, { fresh });
    if (!reused) progress(`  generated in ${formatMs(elapsedMs(start))}`);

    progress('opening the engine…');
    start = process.hrtime.bigint();
    engine = await Engine.open({ storeDir: path.join(root, 'store'), bundledDataDirs: [], extraDataDirs: [folder], ...settings });
    const loadMs = elapsedMs(start);
    // The engine refuses a bad package quietly (it lists it as refused); the bench must not.
    const { datasets, refused } = await engine.listDatasets();
    if (!datasets.some((d) => d.name === dataset)) {
      throw new Error(`the engine did not open ${dataset}: ${refused.map((r) => r.reason).join('; ') || 'no reason given'}`);
    }
    console.log(`engine load ${sizeLabel}: ${formatMs(loadMs)}`);

    progress('loading the same data into plain DuckDB…');
    start = process.hrtime.bigint();
    const spill = path.join(root, 'raw-tmp');
    await mkdir(spill);
    raw = await openRawDuckDB(folder, { ...settings, tempDirectory: spill });
    progress(`  loaded in ${formatMs(elapsedMs(start))}`);

    const description = await engine.describeDataset({ dataset });
    const ctx: BenchContext = { engine, raw, dataset, description, rows, sizeLabel, counts };
    await firstViews(ctx);
    for (const scenario of scenarios) {
      progress(`${scenario.name}: ${scenario.describe(ctx)}…`);
      await scenario.run(ctx);
    }
  } finally {
    engine?.close();
    raw?.close();
    await rm(root, { recursive: true, force: true });
    process.off('SIGINT', onInterrupt);
  }
}

/**
 * The first person-level views make the engine's compact tables (src/engine/compact-tables.ts),
 * seconds at 10 million referrals; that is part of opening a package, not of changing a
 * control, so it happens here (on views the scenarios never ask for) and is reported apart.
 * Plain DuckDB runs the same queries, so both sides start warm.
 */
async function firstViews(ctx: BenchContext): Promise<void> {
  const instrument = ctx.description.instruments.find((i) => i.followUps.length > 0);
  const views: [string, ViewSpecInput][] = [
    ['referral', { version: 2, view: 'breakdown', dataset: ctx.dataset, dimension: 'sex', suppressBelow: 12 }],
    ['activity', { version: 2, view: 'breakdown', dataset: ctx.dataset, dimension: 'activity_category', suppressBelow: 12 }],
  ];
  if (instrument) {
    views.push([
      'outcome',
      { version: 2, view: 'outcome', dataset: ctx.dataset, instrument: instrument.id, followUp: instrument.followUps[0]!, suppressBelow: 12, filters: { from: '2000-01-01' } },
    ]);
  }
  const figures: string[] = [];
  for (const [table, input] of views) {
    progress(`  first ${input.view} (makes the compact ${table} table)…`);
    const spec = parseViewSpec(input);
    const start = process.hrtime.bigint();
    tableFromIPC(await ctx.engine.runView({ spec }));
    figures.push(`${table} ${formatMs(elapsedMs(start))}`);
    await rawAnswer(ctx, spec);
  }
  console.log(`first person views ${ctx.sizeLabel} (each makes a compact table): ${figures.join(', ')}`);
}

async function main(): Promise<void> {
  const { sizes, counts, fresh, figures } = parseOptions();
  // Figures first: they need no large package, and a few runs each say enough.
  await benchFigures({ warmup: 1, measured: Math.min(counts.measured, 5) }, progress);
  if (figures) return;
  for (const size of sizes) await benchSize(size, counts, fresh);
}

await main();
