import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { tableFromIPC } from 'apache-arrow';
import { Engine } from '../../src/engine/engine.ts';
import * as sqlConsole from '../../src/engine/sql-console.ts';
import { SQL_RESULT_METADATA } from '../../src/shared/contract.ts';
import { AppError } from '../../src/shared/errors.ts';

/**
 * `npm run stress [-- --only NAME] [--timeout-ms N]`
 *
 * Runs the queries that once exhausted the engine (issue 12) through the SQL console of a
 * real engine on the demonstration data, each in a process of its own, and prints for each
 * the engine process's peak resident memory, what stays resident after the answer, the
 * time until it answered or stopped, and how it ended, beside the configured limits
 * (DuckDB's memory limit, the console's time limit, rows and bytes per answer). It asserts
 * nothing: the figures are for a person to read (and for the closing note of the issue).
 */

const DEMO_DATA = path.resolve(import.meta.dirname, '..', '..', 'data');
/** The engine's defaults, printed beside the figures: DuckDB's memory limit and the console's time limit. */
const MEMORY_LIMIT = '2GB';
const DEFAULT_TIMEOUT_MS = 30_000;

interface Scenario {
  name: string;
  what: string;
  sql: string;
  maxRows?: number;
}

const SCENARIOS: Scenario[] = [
  { name: 'wide-strings', what: '100,000 rows of 10 kB strings (1 GB), every row asked for', sql: "SELECT repeat('x', 10000) AS s FROM range(100000)", maxRows: 100_000 },
  { name: 'wide-strings-default', what: 'the same, the console’s default row cap', sql: "SELECT repeat('x', 10000) AS s FROM range(100000)" },
  { name: 'huge-values', what: '2,000 values of 1 MB each (2 GB)', sql: "SELECT repeat('y', 1000000) AS s FROM range(2000)", maxRows: 100_000 },
  { name: 'many-rows', what: '100 million narrow rows, 100,000 asked for (and counted)', sql: 'SELECT i, i * 2 AS j FROM range(100000000) t(i)', maxRows: 100_000 },
  { name: 'slow-scan', what: 'a hash over 10^11 numbers (minutes unless stopped)', sql: 'SELECT count(*) FROM range(100000000000) t(i) WHERE hash(i) % 7 = 3' },
  { name: 'slow-sort', what: 'a window over 400 million rows sorted by hash (stopped inside the sort)', sql: 'SELECT max(s) FROM (SELECT sum(i) OVER (ORDER BY hash(i)) AS s FROM range(400000000) t(i))' },
  { name: 'slow-count', what: '10 rows asked for of 10^11: the count for "10 of N" runs out of time', sql: 'SELECT i FROM range(100000000000) t(i) WHERE hash(i) % 7 = 3', maxRows: 10 },
  { name: 'big-sort', what: 'sorting 300 million rows (memory, then spilling)', sql: 'SELECT i FROM range(300000000) t(i) ORDER BY hash(i) LIMIT 10' },
  { name: 'big-aggregate', what: 'one list of 50 million 100-byte strings (past the memory limit)', sql: "SELECT length(list(repeat('z', 100))) FROM range(50000000)" },
];

interface Outcome {
  name: string;
  baselineRssMb: number;
  peakRssMb: number;
  afterRssMb: number;
  ms: number;
  ended: string;
}

async function runOne(scenario: Scenario, timeoutMs: number): Promise<Outcome> {
  const store = await mkdtemp(path.join(os.tmpdir(), 'sprig-stress-'));
  const engine = await Engine.open({ storeDir: store, bundledDataDirs: [DEMO_DATA], prepare: false, queryTimeoutMs: timeoutMs, log: () => {} });
  try {
    globalThis.gc?.();
    const baselineRssMb = mb(process.memoryUsage().rss);
    const started = performance.now();
    let ended: string;
    try {
      const bytes = await engine.runSql({ sql: scenario.sql, ...(scenario.maxRows ? { maxRows: scenario.maxRows } : {}) });
      const table = tableFromIPC(bytes);
      const meta = table.schema.metadata;
      const cut = meta.get(SQL_RESULT_METADATA.truncated) === 'true' ? ` cut (${meta.get('sprig.truncatedBy') ?? 'rows'})` : '';
      ended = `answered ${table.numRows} rows, ${(bytes.byteLength / 1048576).toFixed(1)} MB${cut}`;
    } catch (error) {
      ended = error instanceof AppError ? `${error.code}${error.detail.context ? ` (${String(error.detail.context)})` : ''}` : `crashed: ${(error as Error).message.split('\n')[0]}`;
    }
    const ms = performance.now() - started;
    globalThis.gc?.();
    const afterRssMb = mb(process.memoryUsage().rss);
    return { name: scenario.name, baselineRssMb, peakRssMb: process.resourceUsage().maxRSS / 1024, afterRssMb, ms, ended };
  } finally {
    await engine.close();
    await rm(store, { recursive: true, force: true });
  }
}

function mb(bytes: number): number {
  return bytes / 1048576;
}

/** Each scenario in a fresh process, so its peak is its own. */
function inChild(name: string, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', import.meta.filename, '--one', name, '--timeout-ms', String(timeoutMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code === 0 && line.startsWith('{')) resolve(JSON.parse(line) as Outcome);
      else resolve({ name, baselineRssMb: NaN, peakRssMb: NaN, afterRssMb: NaN, ms: NaN, ended: `engine process died (${signal ?? `exit ${code}`})` });
    });
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { one: { type: 'string' }, only: { type: 'string' }, 'timeout-ms': { type: 'string' } } });
  const timeoutMs = Number(values['timeout-ms'] ?? DEFAULT_TIMEOUT_MS);
  if (values.one) {
    const scenario = SCENARIOS.find((s) => s.name === values.one);
    if (!scenario) throw new Error(`no scenario ${values.one}`);
    process.stdout.write(`${JSON.stringify(await runOne(scenario, timeoutMs))}\n`);
    return;
  }
  const limits = sqlConsole as unknown as { DEFAULT_MAX_ROWS: number; DEFAULT_MAX_BYTES?: number };
  console.log(
    `Limits: DuckDB memory ${MEMORY_LIMIT}; console time ${(timeoutMs / 1000).toFixed(0)} s; answer ${limits.DEFAULT_MAX_ROWS.toLocaleString('en-GB')} rows by default` +
      (limits.DEFAULT_MAX_BYTES ? `, ${(limits.DEFAULT_MAX_BYTES / 1048576).toFixed(0)} MB at most` : ', no byte cap'),
  );
  console.log('Peak RSS is the whole engine process (Node and DuckDB); "after" is what stays resident once the answer is dropped.\n');
  const rows: string[][] = [['scenario', 'baseline MB', 'peak MB', 'after MB', 'time s', 'over limit s', 'ended', 'what']];
  for (const scenario of SCENARIOS.filter((s) => !values.only || s.name === values.only)) {
    process.stderr.write(`${scenario.name}…\n`);
    const o = await inChild(scenario.name, timeoutMs);
    const over = o.ms - timeoutMs;
    rows.push([
      o.name,
      o.baselineRssMb.toFixed(0),
      o.peakRssMb.toFixed(0),
      o.afterRssMb.toFixed(0),
      (o.ms / 1000).toFixed(1),
      o.ended.startsWith('query-cancelled') ? (over / 1000).toFixed(1) : '',
      o.ended,
      scenario.what,
    ]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const row of rows) console.log(row.map((cell, c) => (c < 6 && c > 0 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  '));
}

await main();
