import { readdir, realpath, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DESCRIPTOR_FILE } from './package-files.ts';

/**
 * Which folders Sprig takes as data folders, and how it looks inside them.
 *
 * A data folder is a folder the user keeps data packages in. Sprig remembers it and scans it
 * at every start, so a folder that is not one is refused when it is added (and skipped, with
 * a note in the catalogue, should an older settings file name it):
 *
 * - the top of a disk (`/`, `C:\`), and the operating system's own folders: on Linux and
 *   macOS `/proc`, `/sys`, `/dev`, `/etc`, `/boot`, `/run` and everything inside them, and
 *   `/usr`, `/var`, `/bin`, `/sbin`, `/lib`, `/opt`, `/srv`, `/mnt`, `/media`, `/home`,
 *   `/root`, `/snap`, `/tmp` themselves (a folder inside them, `/mnt/usb/data`, is fine); on
 *   macOS also `/System`, `/Library`, `/Applications`, `/private`, `/Volumes`, `/Users`; on
 *   Windows the drive's top, `Windows`, `Program Files`, `Program Files (x86)`,
 *   `ProgramData` and `Users`;
 * - the user's home folder itself (choose the folder that holds the packages: scanning the
 *   whole home would open anything in it that looks like a package);
 * - Sprig's own store, anything inside it, and any folder that contains it: the store holds
 *   Sprig's settings and caches, never data packages to open.
 *
 * Folders are compared by their real paths (after links), so a link to `/` is `/`.
 *
 * A data folder is scanned one level deep (the folder itself, or each folder directly inside
 * it that holds a `datapackage.json`), at most `MAX_SCAN_ENTRIES` entries and for at most
 * `SCAN_TIME_MS`; a scan cut short says so in the catalogue.
 */

export type FolderRefusal = 'system-folder' | 'home-folder' | 'store-folder';

/** Folders refused together with everything inside them. */
const SYSTEM_TREES_POSIX = ['/proc', '/sys', '/dev', '/etc', '/boot', '/run', '/System', '/private/etc', '/private/var'];
/** Folders refused themselves; a folder inside them may hold data. */
const SYSTEM_FOLDERS_POSIX = ['/usr', '/var', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/opt', '/srv', '/mnt', '/media', '/home', '/root', '/snap', '/tmp', '/Library', '/Applications', '/private', '/Volumes', '/Users'];
const SYSTEM_TREES_WIN32 = ['\\Windows', '\\Program Files', '\\Program Files (x86)', '\\ProgramData'];
const SYSTEM_FOLDERS_WIN32 = ['\\Users'];

/** How many entries one data folder's scan looks at, and for how long, before it stops and says so. */
export const MAX_SCAN_ENTRIES = 10_000;
export const SCAN_TIME_MS = 10_000;

export interface FolderCheck {
  storeDir: string;
  home?: string;
  platform?: NodeJS.Platform;
}

/**
 * Why `folder` (absolute) is not a data folder, or null when it may be one. Compares real
 * paths; a folder that does not exist is left to the caller to report.
 */
export async function folderRefusal(folder: string, check: FolderCheck): Promise<FolderRefusal | null> {
  const platform = check.platform ?? process.platform;
  const p = platform === 'win32' ? path.win32 : path.posix;
  const real = await realOrResolved(folder, p);
  const home = await realOrResolved(check.home ?? os.homedir(), p);
  const store = await realOrResolved(check.storeDir, p);
  const same = (a: string, b: string) => (platform === 'win32' || platform === 'darwin' ? a.toLowerCase() === b.toLowerCase() : a === b);
  const within = (child: string, parent: string) => {
    if (same(child, parent)) return true;
    const rel = p.relative(parent, child);
    return rel !== '' && !rel.startsWith('..') && !p.isAbsolute(rel);
  };
  if (platform === 'win32') {
    const root = p.parse(real).root;
    const rest = real.slice(root.length - 1);
    if (same(real, root) || rest === '\\' || rest === '') return 'system-folder';
    if (SYSTEM_TREES_WIN32.some((t) => within(rest, t))) return 'system-folder';
    if (SYSTEM_FOLDERS_WIN32.some((t) => same(rest, t))) return 'system-folder';
  } else {
    if (real === '/') return 'system-folder';
    if (SYSTEM_TREES_POSIX.some((t) => within(real, t))) return 'system-folder';
    if (SYSTEM_FOLDERS_POSIX.some((t) => same(real, t))) return 'system-folder';
  }
  if (same(real, home)) return 'home-folder';
  if (within(real, store) || within(store, real)) return 'store-folder';
  return null;
}

async function realOrResolved(folder: string, p: typeof path.posix): Promise<string> {
  try {
    return await realpath(folder);
  } catch {
    return p.resolve(folder);
  }
}

export interface FolderScan {
  folders: string[];
  /** Descriptors under another name (datapackage.yml, …) in folders without a datapackage.json. */
  others: { folder: string; found: string }[];
  /** Why the scan stopped before the end: too many entries, or too long. */
  cut: { reason: 'entries' | 'time'; limit: number } | null;
}

export interface ScanLimits {
  maxEntries?: number;
  timeMs?: number;
}

/**
 * The package folders in a data folder: the folder itself if it holds a descriptor,
 * otherwise each folder directly inside it that does (in name order). Also the descriptors
 * by other names. Throws when the folder cannot be read.
 */
export async function scanDataFolder(root: string, limits: ScanLimits = {}): Promise<FolderScan> {
  const maxEntries = limits.maxEntries ?? MAX_SCAN_ENTRIES;
  const timeMs = limits.timeMs ?? SCAN_TIME_MS;
  const started = performance.now();
  const other = async (folder: string) => {
    for (const name of ['datapackage.yml', 'datapackage.yaml']) if (await isFile(path.join(folder, name))) return name;
    return null;
  };
  if (await isFile(path.join(root, DESCRIPTOR_FILE))) return { folders: [root], others: [], cut: null };
  const entries = await readdir(root, { withFileTypes: true });
  const folders: string[] = [];
  const others: { folder: string; found: string }[] = [];
  const here = await other(root);
  if (here) others.push({ folder: root, found: here });
  let cut: FolderScan['cut'] = null;
  const sorted = entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const [i, entry] of sorted.entries()) {
    if (i >= maxEntries) {
      cut = { reason: 'entries', limit: maxEntries };
      break;
    }
    if (performance.now() - started > timeMs) {
      cut = { reason: 'time', limit: Math.max(0, Math.round(timeMs / 1000)) };
      break;
    }
    if (!entry.isDirectory()) continue;
    const folder = path.join(root, entry.name);
    if (await isFile(path.join(folder, DESCRIPTOR_FILE))) {
      folders.push(folder);
      continue;
    }
    const found = await other(folder);
    if (found) others.push({ folder, found });
  }
  return { folders, others, cut };
}

/**
 * A path as the interface shows it: inside a data folder, that folder's name and the path
 * within it (`partner-data/pkg-a`); else inside the home folder, from `~`; else its last part.
 * Never the whole path of the user's machine.
 */
export function shownPath(full: string, roots: string[], home: string = os.homedir()): string {
  for (const root of [...roots].sort((a, b) => b.length - a.length)) {
    const rel = path.relative(root, full);
    if (!rel.startsWith('..') && !path.isAbsolute(rel)) return rel === '' ? path.basename(root) : path.join(path.basename(root), rel);
  }
  const inHome = path.relative(home, full);
  if (home !== '' && !inHome.startsWith('..') && !path.isAbsolute(inHome)) return inHome === '' ? '~' : path.join('~', inHome);
  return path.basename(full) || full;
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}
