import { cp, readFile, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { temporaryName } from './atomic-write.ts';
import { writeSettings } from './store.ts';

/** What a store holds that the user made and must not lose: their folders (settings) and their mappings. */
const SETTINGS_FILE = 'settings.json';
const MAPPINGS_FOLDER = 'mappings';

/**
 * Carries a store kept in the old place (the application's folder, shared with Electron's
 * profile) over to the store's own folder, once: the settings when the new store has none
 * yet, the mappings when it has no mappings folder. The old files stay where they were (an
 * older Sprig still finds them); the cache and spill files are not carried (the cache is
 * made again). Never throws: a store that cannot be carried over is said in the log, and
 * Sprig starts with the new store as it is.
 */
export async function migrateLegacyStore(from: string, to: string, log: (message: string) => void): Promise<void> {
  if (path.resolve(from) === path.resolve(to)) return;
  try {
    const oldSettings = path.join(from, SETTINGS_FILE);
    if ((await isFile(oldSettings)) && !(await isFile(path.join(to, SETTINGS_FILE)))) {
      const json = JSON.parse(await readFile(oldSettings, 'utf8')) as { dataFolders?: unknown };
      const dataFolders = Array.isArray(json.dataFolders) ? json.dataFolders.filter((f): f is string => typeof f === 'string') : [];
      await writeSettings(to, { ...json, dataFolders } as Parameters<typeof writeSettings>[1]);
      log(`carried Sprig's settings over from ${from} to its own folder ${to}`);
    }
    const oldMappings = path.join(from, MAPPINGS_FOLDER);
    const newMappings = path.join(to, MAPPINGS_FOLDER);
    if ((await isDirectory(oldMappings)) && !(await exists(newMappings))) {
      // Copied beside, then renamed into place at once: a Sprig killed while copying leaves no half a mappings folder (the copy is removed at the next start, src/engine/atomic-write.ts).
      const copying = temporaryName(newMappings);
      await cp(oldMappings, copying, { recursive: true, errorOnExist: false, force: false, verbatimSymlinks: true });
      await rename(copying, newMappings);
      log(`carried the saved mappings over from ${from} to ${to}`);
    }
  } catch (error) {
    log(`Sprig's settings in ${from} could not be carried over to ${to} (${((error as Error).message ?? String(error)).split('\n')[0]})`);
  }
}

async function isFile(p: string): Promise<boolean> {
  return stat(p).then(
    (s) => s.isFile(),
    () => false,
  );
}

async function isDirectory(p: string): Promise<boolean> {
  return stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}
