import { constants } from 'node:fs';
import { lstat, open, realpath, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlString } from '../shared/sql/quote.ts';
import { PackageRefusal } from './package-refusal.ts';
import { DEFAULT_LOAD_LIMITS, shownBytes } from './load-limits.ts';

/**
 * Sprig reads nothing outside a package's folder. Paths are checked as written (no
 * absolute path, no "..", no URL), then again as the file system resolves them: the real
 * path, after every symbolic link, must lie inside the folder's real path, and it must be a
 * regular file (a FIFO would hang the reader, a device would never end). Only then is the
 * file opened, with O_NOFOLLOW and O_NONBLOCK, and checked once more on the open handle.
 *
 * DuckDB then reads the same real path. Its readers take a path as a glob pattern (`*`, `?`
 * and `[…]`), so a file named `[ab].csv` would read `a.csv` and `b.csv` instead; see
 * `literalPathForDuckDB`.
 */

export const DESCRIPTOR_FILE = 'datapackage.json';

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** A URL (two letters or more before the colon, so that "C:" stays a drive). */
export function isRemote(p: string): boolean {
  return /^[a-z][a-z0-9+.-]+:/i.test(p);
}

/** A path that is absolute or climbs out of its folder as written. */
export function leavesFolderAsWritten(p: string): boolean {
  return path.isAbsolute(p) || path.win32.isAbsolute(p) || p.includes('\0') || p.split(/[\\/]/).includes('..');
}

function inside(root: string, real: string): boolean {
  return real === root || real.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

function kindOf(s: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (s.isDirectory()) return 'directory';
  if (s.isFIFO()) return 'fifo';
  if (s.isSocket()) return 'socket';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'device';
  return 'other';
}

/** The package folder's real path: every check compares against it. */
export async function packageRoot(folder: string): Promise<string> {
  return realpath(folder);
}

export interface InsideFile {
  /** As the descriptor wrote it, for messages. */
  path: string;
  /** The real path, inside the package folder. */
  real: string;
  handle: FileHandle;
}

/**
 * Opens a file the descriptor names, or refuses: outside the folder as written or once
 * links are followed, missing, or not a regular file. Nothing outside is opened or read.
 */
export async function openInside(root: string, written: string, resource: string | undefined): Promise<InsideFile> {
  const where = { resource, file: written };
  if (leavesFolderAsWritten(written)) {
    throw new PackageRefusal(`${resourceLabel(resource)}path "${written}" is outside the package folder; Sprig opens only files inside it`, {
      ...where,
      code: 'path-outside',
      rule: 'path',
      values: { path: written },
    });
  }
  const full = path.join(root, written);
  let real: string;
  try {
    real = await realpath(full);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') {
      throw new PackageRefusal(`${resourceLabel(resource)}${written} is a link that leads nowhere Sprig may read`, { ...where, code: 'link-outside', rule: 'path', values: { path: written } });
    }
    throw new PackageRefusal(`${resourceLabel(resource)}file ${written} is missing`, { ...where, code: 'file-missing', rule: 'file', values: { path: written } });
  }
  if (!inside(root, real)) {
    // Neither the target's name nor anything in it is said or read.
    throw new PackageRefusal(`${resourceLabel(resource)}${written} is a link to a place outside the package folder; Sprig opens only files inside it`, {
      ...where,
      code: 'link-outside',
      rule: 'path',
      values: { path: written },
    });
  }
  const found = await stat(real);
  if (!found.isFile()) {
    const kind = kindOf(found);
    throw new PackageRefusal(`${resourceLabel(resource)}${written} is not a regular file (${kind}); Sprig reads only files`, {
      ...where,
      code: 'not-regular-file',
      rule: 'file',
      values: { path: written, kind },
    });
  }
  const handle = await openRegular(real, written, where);
  return { path: written, real, handle };
}

async function openRegular(real: string, written: string, where: { resource: string | undefined; file: string }): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await open(real, OPEN_FLAGS);
  } catch {
    throw new PackageRefusal(`${resourceLabel(where.resource)}${written} cannot be opened`, { ...where, code: 'file-missing', rule: 'file', values: { path: written } });
  }
  // The file may have been swapped between the check and the open.
  const opened = await handle.stat();
  if (!opened.isFile()) {
    await handle.close();
    throw new PackageRefusal(`${resourceLabel(where.resource)}${written} is not a regular file`, {
      ...where,
      code: 'not-regular-file',
      rule: 'file',
      values: { path: written, kind: kindOf(opened) },
    });
  }
  return handle;
}

/**
 * The descriptor's text. A `datapackage.json` that is a link out of the folder, or not a
 * regular file, is refused without reading it (and without naming where it points).
 */
export async function readDescriptorText(folder: string, root: string, maxBytes: number = DEFAULT_LOAD_LIMITS.descriptorBytes): Promise<string> {
  const where = { file: DESCRIPTOR_FILE };
  const full = path.join(folder, DESCRIPTOR_FILE);
  let real: string;
  try {
    await lstat(full);
    real = await realpath(full);
  } catch {
    throw new PackageRefusal(`${DESCRIPTOR_FILE} cannot be read`, { ...where, code: 'descriptor-unreadable', rule: 'file' });
  }
  if (!inside(root, real)) {
    throw new PackageRefusal(`${DESCRIPTOR_FILE} is a link to a place outside the package folder; Sprig reads only files inside it`, {
      ...where,
      code: 'descriptor-outside',
      rule: 'path',
    });
  }
  const found = await stat(real);
  if (!found.isFile()) {
    throw new PackageRefusal(`${DESCRIPTOR_FILE} is not a regular file`, { ...where, code: 'descriptor-not-file', rule: 'file', values: { kind: kindOf(found) } });
  }
  // Refused by its size before it is read: its text is parsed, kept and described.
  if (found.size > maxBytes) {
    throw new PackageRefusal(`${DESCRIPTOR_FILE} is ${shownBytes(found.size)}, more than the ${shownBytes(maxBytes)} Sprig reads as a descriptor`, {
      ...where,
      code: 'descriptor-too-large',
      rule: 'file',
      values: { size: shownBytes(found.size), limit: shownBytes(maxBytes) },
    });
  }
  const handle = await openRegular(real, DESCRIPTOR_FILE, { resource: undefined, file: DESCRIPTOR_FILE });
  try {
    const size = (await handle.stat()).size;
    if (size > maxBytes) throw new PackageRefusal(`${DESCRIPTOR_FILE} grew past ${shownBytes(maxBytes)} while being opened`, { ...where, code: 'descriptor-too-large', rule: 'file', values: { size: shownBytes(size), limit: shownBytes(maxBytes) } });
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/**
 * A path DuckDB reads as exactly this file. DuckDB's readers expand `*`, `?` and `[…]` in
 * a path (no escape character is documented), so each of those characters is written as a
 * one-character class (`[[]`, `[*]`, `[?]`), which matches only itself, in the folder names
 * as in the file name. The pattern is then expanded by DuckDB's own `glob()` and must name
 * this one file and nothing else; otherwise the file is refused rather than read by a
 * pattern. (Copying the file to a safe name would also work, at the cost of a copy of
 * every large file; this costs one directory listing.)
 */
export async function literalPathForDuckDB(connection: DuckDBConnection, real: string, written: string, resource: string | undefined): Promise<string> {
  const escaped = real.replace(/[[*?]/g, (c) => `[${c}]`);
  if (escaped === real && !real.includes(']')) return real;
  const reader = await connection.runAndReadAll(`SELECT file FROM glob(${sqlString(escaped)})`);
  const files = reader.getRows().map((r) => String(r[0]));
  if (files.length !== 1 || path.resolve(files[0]!) !== real) {
    throw new PackageRefusal(`${resourceLabel(resource)}Sprig cannot read ${written} by its exact name`, {
      resource,
      file: written,
      code: 'name-not-literal',
      rule: 'path',
      values: { path: written },
    });
  }
  return escaped;
}

function resourceLabel(resource: string | undefined): string {
  return resource === undefined ? '' : `resource "${resource}": `;
}
