import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_REFERRALS, DEFAULT_SEED, PACKAGE_NAME, type Format } from './descriptor.ts';
import { thousands } from './published.ts';
import { writeDemoPackage } from './write-package.ts';

/**
 * `npm run data:demo`: regenerates data/sprig-demo from the recorded seed, byte for byte.
 *
 *   --referrals N   synthetic referrals (default 20,000; 1,000,000 or 10,000,000 for benchmarks)
 *   --seed N        the seed (default: the one recorded in the bundled package)
 *   --out DIR       where to write (default data/sprig-demo)
 *   --format F      csv (default) or parquet
 */

const usage = 'usage: node scripts/data/generate-demo.ts [--referrals N] [--seed N] [--out DIR] [--format csv|parquet]';

function parseOptions(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      referrals: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const whole = (name: string, text: string | undefined, fallback: number, min: number) => {
    if (text === undefined) return fallback;
    const n = Number(text.replaceAll('_', ''));
    if (!Number.isSafeInteger(n) || n < min) throw new Error(`--${name} must be a whole number of at least ${min}\n${usage}`);
    return n;
  };
  const format = (values.format ?? 'csv') as Format;
  if (format !== 'csv' && format !== 'parquet') throw new Error(`--format must be csv or parquet\n${usage}`);
  return {
    referrals: whole('referrals', values.referrals, DEFAULT_REFERRALS, 1),
    seed: whole('seed', values.seed, DEFAULT_SEED, 0),
    out: values.out ?? path.resolve(import.meta.dirname, '..', '..', 'data', PACKAGE_NAME),
    format,
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const started = performance.now();
  const report = await writeDemoPackage(options);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`${PACKAGE_NAME}: seed ${options.seed}, ${thousands(options.referrals)} referrals, ${options.format} → ${path.resolve(options.out)} (${seconds} s)`);
  for (const [table, rows] of report.rowCounts) console.log(`  ${table.padEnd(24)} ${thousands(rows).padStart(12)} rows`);
  console.log(`  total ${(report.totalBytes / 1_000_000).toFixed(2)} MB`);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
