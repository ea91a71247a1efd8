import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { isRunning } from './atomic-write.ts';
import { PackageRefusal } from './package-refusal.ts';

/**
 * How much one data package may make Sprig read, hold and wait for. A package past a limit
 * is refused by name, with the limit in the sentence (`loadProblem.<code>`), before it can
 * fill the disk, the memory or the afternoon:
 *
 * - `descriptorBytes`: `datapackage.json` itself (its text is kept and described);
 * - `fileBytes`: each resource's file as it is on disk;
 * - `inflatedBytes` and `inflateRatio`: the text a compressed (or transcoded) file turns
 *   into, in all and per byte of the file (past the first `INFLATE_FREE_BYTES`): a 2 MB gzip
 *   bomb stops at a few hundred MB, not at 2 GB;
 * - `rows`, `fields`: of each table;
 * - `loadMs`: reading and checking one package (its statement is interrupted at the limit).
 *
 * Loading itself has no Cancel: a load runs while a folder is added or Sprig starts, and
 * ends at these limits; the background preparation after it has its own Stop (`cancelPreparation`).
 */
export interface LoadLimits {
  descriptorBytes: number;
  fileBytes: number;
  inflatedBytes: number;
  inflateRatio: number;
  rows: number;
  fields: number;
  loadMs: number;
}

export const DEFAULT_LOAD_LIMITS: LoadLimits = {
  descriptorBytes: 4 * 1024 * 1024,
  fileBytes: 16 * 1024 ** 3,
  inflatedBytes: 16 * 1024 ** 3,
  inflateRatio: 100,
  rows: 500_000_000,
  fields: 4_096,
  loadMs: 15 * 60_000,
};

/** Text a compressed file may inflate to whatever its ratio: small files compress very well. */
export const INFLATE_FREE_BYTES = 64 * 1024 * 1024;

export function loadLimits(partial: Partial<LoadLimits> = {}): LoadLimits {
  return { ...DEFAULT_LOAD_LIMITS, ...partial };
}

/** A size for a sentence: "2 GB", "512 MB", "40 kB" (decimal units, as file managers show them). */
export function shownBytes(bytes: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : Number(value.toPrecision(3))} ${units[unit]}`;
}

export function fileTooLarge(resource: string, file: string, size: number, limit: number): PackageRefusal {
  return new PackageRefusal(`resource "${resource}": ${file} is ${shownBytes(size)}, more than the ${shownBytes(limit)} Sprig reads from one file`, {
    resource,
    file,
    code: 'file-too-large',
    values: { size: shownBytes(size), limit: shownBytes(limit) },
  });
}

export function inflatedTooLarge(resource: string, file: string, limit: number): PackageRefusal {
  return new PackageRefusal(`resource "${resource}": ${file} unpacks to more than ${shownBytes(limit)} of text, more than Sprig reads from one file of its size`, {
    resource,
    file,
    code: 'inflated-too-large',
    values: { limit: shownBytes(limit) },
  });
}

/** Stops counting bytes of one file's text once past its limit (absolute, or the ratio to the file's own size). */
export function inflatedLimit(limits: LoadLimits, fileBytes: number): number {
  return Math.min(limits.inflatedBytes, Math.max(INFLATE_FREE_BYTES, fileBytes * limits.inflateRatio));
}

// ---- temporary files -----------------------------------------------------------------------

/**
 * Sprig's temporary files (DuckDB's spill files, transcoded and decompressed copies) go in a
 * folder of each database's own inside `<store>/tmp`, named after the process
 * (`p<pid>-<n>`), removed when that database closes. At start, folders of processes no longer
 * running are removed (a load killed half-way leaves its spill files); folders of another
 * Sprig still running on the same store are left alone. Anything else directly in `tmp`
 * (the flat layout of earlier versions) is removed too.
 */
let tempCounter = 0;

export async function processTempDir(storeDir: string): Promise<{ dir: string; own: boolean }> {
  const tmp = path.join(storeDir, 'tmp');
  const dir = path.join(tmp, `p${process.pid}-${++tempCounter}`);
  try {
    await mkdir(dir, { recursive: true });
    return { dir, own: true };
  } catch (error) {
    // A store made read-only after its tmp/ was made: DuckDB is told of tmp/ as before (it spills nothing there), and nothing is removed.
    if (await stat(tmp).then((s) => s.isDirectory(), () => false)) return { dir: tmp, own: false };
    throw error;
  }
}

export async function removeStaleTempFiles(storeDir: string): Promise<string[]> {
  const tmp = path.join(storeDir, 'tmp');
  let names: string[];
  try {
    names = await readdir(tmp);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = /^p(\d+)-\d+$/.exec(name)?.[1];
    if (pid !== undefined && isRunning(Number(pid))) continue;
    await rm(path.join(tmp, name), { recursive: true, force: true }).then(
      () => removed.push(name),
      () => undefined,
    );
  }
  return removed;
}
