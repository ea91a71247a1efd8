import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Every file Sprig writes into its store (settings, mappings, the record of sources) goes
 * through here, so that a crash at any moment (kill -9, a power cut) leaves either the old
 * file or the new one, never half of one:
 *
 * 1. the text is written to a temporary file in the same folder (a rename is atomic only
 *    within one file system), named `.<name>.<pid>.<random>.tmp`;
 * 2. the temporary file is flushed to disk (`fsync`), so the rename cannot land before its bytes;
 * 3. it is renamed over the file;
 * 4. the folder is flushed (`fsync`), so the rename itself survives a power cut.
 *
 * Temporary files a killed process left behind are removed by `removeStaleTemporaries`.
 * (The package cache's DuckDB files follow the same rule in src/engine/package-cache.ts:
 * written under a temporary name and renamed once DuckDB has closed them.)
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = temporaryName(file);
  const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncFolder(dir);
}

const TEMP_SUFFIX = '.tmp';

/** A name beside `file` for what becomes it by a rename: `.<name>.<pid>.<random>.tmp`, removed by `removeStaleTemporaries` once its process is gone. */
export function temporaryName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
}
const TEMP_NAME = /^\..+\.(\d+)\.[0-9a-f]{12}\.tmp$/;

/** Flushes a folder's entries (a rename in it) to disk; where folders cannot be opened (Windows), there is nothing to do. */
async function syncFolder(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, constants.O_RDONLY);
  } catch {
    return;
  }
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a folder; the rename has happened all the same.
  } finally {
    await handle.close();
  }
}

/** Removes the temporary files of `writeFileAtomic` in `dir` whose process is no longer running (this one's are left alone). */
export async function removeStaleTemporaries(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = TEMP_NAME.exec(name)?.[1];
    if (pid !== undefined && !isRunning(Number(pid))) await rm(path.join(dir, name), { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Whether a process of this id runs (on this machine); a process Sprig may not signal runs too. */
export function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
