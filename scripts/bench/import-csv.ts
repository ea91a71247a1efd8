import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { Engine } from '../../src/engine/engine.ts';
import { elapsedMs, formatMs } from './timing.ts';

/**
 * The whole import pipeline on a large file (issue 11: files up to 1 GB stream, never read
 * whole into memory): writes a Windows-1252 CSV of about N MB (";", decimal comma, a title
 * line, "k.A." and one bad value near the end) in the temp folder, then imports it through
 * the engine (`startImport` to done: SHA-256, transcoding, DuckDB's typed read with
 * store_rejects, the independent counts, the package written) in a fresh Node process, and
 * prints the time, the peak RSS and the counts. Never asserts (this machine is shared).
 *
 * `node scripts/bench/import-csv.ts [--mb 100]`
 */

interface Measured {
  ms: number;
  maxRssMb: number;
  counts: { read: number; imported: number; rejected: number } | null;
  state: string;
  rejects: { line: number; column: string | null; value: string | null }[];
}

const COUNTRIES = ['Deutschland', 'Österreich', 'Vereinigtes Königreich', 'Griechenland', 'Schweiz', 'Zypern'];

async function generate(file: string, megabytes: number): Promise<number> {
  const out = createWriteStream(file);
  const write = (text: string) => new Promise<void>((resolve) => (out.write(iconv.encode(text, 'windows-1252')) ? resolve() : out.once('drain', resolve)));
  await write('Überweisungen – Stand € 2024\r\n\r\nLand;Maßnahme;Jahr;Wert;Datum\r\n');
  const target = megabytes * 1024 * 1024;
  let bytes = 0;
  let rows = 0;
  while (bytes < target) {
    const lines: string[] = [];
    for (let i = 0; i < 10_000; i++, rows++) {
      const value = rows % 97 === 0 ? 'k.A.' : `${(rows % 1000) / 10}`.replace('.', ',');
      lines.push(`${COUNTRIES[rows % COUNTRIES.length]};Grünes Rezept „draußen“;${2000 + (rows % 25)};${value};${String((rows % 28) + 1).padStart(2, '0')}.${String((rows % 12) + 1).padStart(2, '0')}.2023`);
    }
    const text = `${lines.join('\r\n')}\r\n`;
    bytes += text.length;
    await write(text);
  }
  // One bad value near the end, far past any sample.
  await write('Schweiz;Bewegung;2024;nicht verfügbar;01.01.2024\r\n');
  rows++;
  await new Promise<void>((resolve) => out.end(resolve));
  return rows;
}

async function importInChild(file: string, store: string): Promise<void> {
  const engine = await Engine.open({ storeDir: store, bundledDataDirs: [], prepare: false });
  const start = process.hrtime.bigint();
  const started = await engine.startImport({ file, recipe: { encoding: 'windows-1252', name: 'bench-import' } });
  const final = await engine.importFinished(started.importId);
  const measured: Measured = {
    ms: elapsedMs(start),
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    counts: final.counts,
    state: final.state,
    rejects: final.rejects.slice(0, 3).map((r) => ({ line: r.line, column: r.column, value: r.value })),
  };
  await engine.close();
  process.stdout.write(JSON.stringify(measured));
}

async function bench(megabytes: number): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sprig-bench-import-'));
  try {
    const file = path.join(dir, 'überweisungen.csv');
    console.error(`import: writing a Windows-1252 CSV of about ${megabytes} MB…`);
    const rows = await generate(file, megabytes);
    const { size } = await stat(file);
    console.error(`  ${rows.toLocaleString('en-GB')} rows, ${(size / 1024 / 1024).toFixed(1)} MB; importing it in a fresh Node process…`);
    const m = await new Promise<Measured>((resolve, reject) => {
      const child = spawn(process.execPath, [import.meta.filename, '--child', file, path.join(dir, 'store')], { stdio: ['ignore', 'pipe', 'inherit'] });
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(JSON.parse(text) as Measured) : reject(new Error(`the import process exited with ${code}`))));
    });
    console.log(
      `import ${(size / 1024 / 1024).toFixed(1)} MB Windows-1252 CSV (${rows.toLocaleString('en-GB')} rows): ${m.state} in ${formatMs(m.ms)}, peak RSS ${m.maxRssMb.toFixed(0)} MB; ` +
        `read ${m.counts?.read.toLocaleString('en-GB')}, imported ${m.counts?.imported.toLocaleString('en-GB')}, rejected ${m.counts?.rejected.toLocaleString('en-GB')} ` +
        `(${m.rejects.map((r) => `line ${r.line}: ${r.column} "${r.value}"`).join('; ')})`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    await importInChild(args[1]!, args[2]!);
  } else {
    const at = args.indexOf('--mb');
    const mb = at === -1 ? 100 : Number(args[at + 1]);
    if (!(mb > 0)) throw new Error(`--mb must be a positive number, not ${args[at + 1]}`);
    await bench(mb);
  }
}
