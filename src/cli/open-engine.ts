import path from 'node:path';
import { Engine } from '../engine/engine.ts';
import { defaultStoreDir, legacyStoreDir } from '../engine/store.ts';
import type { CliOptions } from './options.ts';

/** The repository's (or installed app's) own folder: bundled data and the built interface live here. */
export const appRoot = path.resolve(import.meta.dirname, '..', '..');
export const bundledDataDir = path.join(appRoot, 'data');

/**
 * The engine for a command. `sprig serve` prepares packages after loading them (compact
 * tables, the cache for the next start); commands that answer once and exit use a cache
 * already written but leave no work running.
 */
export function openEngine(options: CliOptions, { prepare = false }: { prepare?: boolean } = {}): Promise<Engine> {
  return Engine.open({
    storeDir: path.resolve(options.store ?? defaultStoreDir()),
    // The default store once was the application's folder itself: carry its settings over.
    ...(options.store === null ? { migrateFrom: legacyStoreDir() } : {}),
    bundledDataDirs: [bundledDataDir],
    extraDataDirs: options.data.map((dir) => path.resolve(dir)),
    prepare,
  });
}
