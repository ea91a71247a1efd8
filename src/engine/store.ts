import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from './atomic-write.ts';

/**
 * Sprig's own folder: its settings and, later, imported data. The user's data folders
 * are only ever read; everything Sprig writes goes here. It is a folder of its own inside
 * the application's folder (`~/.config/Sprig/store`), never that folder itself: there the
 * desktop app's Electron keeps its profile (cookies, caches, local storage), which nothing
 * Sprig reads or lets DuckDB reach should be near.
 */
export function defaultStoreDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  return path.join(legacyStoreDir(env, platform), STORE_FOLDER);
}

/** The store's folder inside the application's folder. */
export const STORE_FOLDER = 'store';

/**
 * Where Sprig kept its store before it had a folder of its own: the application's folder,
 * which is also Electron's profile folder (`app.getPath('userData')`). Read once, to carry
 * the settings and mappings over (src/engine/store-migration.ts).
 */
export function legacyStoreDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Sprig');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Sprig');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Sprig');
}

export interface Settings {
  /** Folders of data packages the user added, opened again at every start. */
  dataFolders: string[];
}

const SETTINGS_FILE = 'settings.json';

export async function readSettings(storeDir: string): Promise<Settings> {
  try {
    const json = JSON.parse(await readFile(path.join(storeDir, SETTINGS_FILE), 'utf8')) as Partial<Settings>;
    const folders = Array.isArray(json.dataFolders) ? json.dataFolders.filter((f): f is string => typeof f === 'string') : [];
    return { dataFolders: folders };
  } catch {
    return { dataFolders: [] };
  }
}

/** Through the store's one atomic write (src/engine/atomic-write.ts): a crash never leaves half a settings file. */
export async function writeSettings(storeDir: string, settings: Settings): Promise<void> {
  await writeFileAtomic(path.join(storeDir, SETTINGS_FILE), `${JSON.stringify(settings, null, 2)}\n`);
}
