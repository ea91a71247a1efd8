import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Engine } from '../../src/engine/engine.ts';
import type { BenchContext } from './compare-view.ts';
import { openRawDuckDB, type RawDuckDB } from './raw-duckdb.ts';
import { scenarios } from './scenarios.ts';
import { buildReferralPackage } from './synthetic-referrals.ts';
import { elapsedMs, formatMs, type RunCounts } from './timing.ts';

/**
 * `npm run bench [-- --size 1M|10M] [--runs 30] [--warmup 5]`
 *
 * Measures what the engine adds on top of DuckDB for real views on a large synthetic
 * table. Prints figures only: it never fails on speed, only when something crashes or
 * the engine and plain DuckDB answer differently. Progress goes to stderr, figures to stdout.
 */

const SIZES: Record<string, number> = { '1M': 1_000_000, '10M': 10_000_000 };
// Both sides get these, explicitly, so neither depends on the other's defaults.
const DUCKDB_SETTINGS = { threads: 2, memoryLimit: '2GB' };

function parseOptions(): { sizeLabel: string; rows: number; counts: RunCounts } {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: '1M' },
      runs: { type: 'string', default: '30' },
      warmup: { type: 'string', default: '5' },
    },
  });
  const rows = SIZES[values.size];
  if (rows === undefined) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}, not ${values.size}`);
  const measured = Number(values.runs);
  const warmup = Number(values.warmup);
  if (!Number.isInteger(measured) || measured < 1) throw new Error(`--runs must be a whole number ≥ 1, not ${values.runs}`);
  if (!Number.isInteger(warmup) || warmup < 0) throw new Error(`--warmup must be a whole number ≥ 0, not ${values.warmup}`);
  return { sizeLabel: values.size, rows, counts: { warmup, measured } };
}

const progress = (message: string) => console.error(message);

async function main(): Promise<void> {
  const { sizeLabel, rows, counts } = parseOptions();
  const root = await mkdtemp(path.join(os.tmpdir(), 'sprig-bench-'));
  // Ctrl-C must not leave hundreds of megabytes behind in the temp folder.
  const onInterrupt = () => {
    rmSync(root, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', onInterrupt);
  let engine: Engine | undefined;
  let raw: RawDuckDB | undefined;
  try {
    const packageDir = path.join(root, 'package');
    const storeDir = path.join(root, 'store');
    await mkdir(packageDir);

    progress(`building ${rows.toLocaleString('en-GB')} referrals…`);
    let start = process.hrtime.bigint();
    const dataset = await buildReferralPackage(packageDir, rows);
    progress(`  built in ${formatMs(elapsedMs(start))} (${packageDir})`);

    progress('opening the engine…');
    start = process.hrtime.bigint();
    engine = await Engine.open({ storeDir, bundledDataDirs: [], extraDataDirs: [packageDir], ...DUCKDB_SETTINGS });
    const loadMs = elapsedMs(start);
    // The engine refuses a bad package quietly (it lists it as refused); the bench must not.
    const { datasets, refused } = await engine.listDatasets();
    if (!datasets.some((d) => d.name === dataset)) {
      throw new Error(`the engine did not open ${dataset}: ${refused.map((r) => r.reason).join('; ') || 'no reason given'}`);
    }
    console.log(`engine load ${sizeLabel}: ${formatMs(loadMs)}`);

    progress('loading the same data into plain DuckDB…');
    start = process.hrtime.bigint();
    raw = await openRawDuckDB(packageDir, DUCKDB_SETTINGS);
    progress(`  loaded in ${formatMs(elapsedMs(start))}`);

    const ctx: BenchContext = { engine, raw, dataset, rows, sizeLabel, counts };
    for (const scenario of scenarios) {
      progress(`${scenario.name}: ${counts.warmup} warm-up + ${counts.measured} measured runs per side…`);
      await scenario.run(ctx);
    }
  } finally {
    engine?.close();
    raw?.close();
    await rm(root, { recursive: true, force: true });
    process.off('SIGINT', onInterrupt);
  }
}

await main();
