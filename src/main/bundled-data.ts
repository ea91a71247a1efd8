import path from 'node:path';

/**
 * The folder of bundled data packages: `data/` beside the app. In a packaged app the app
 * folder is an asar archive, which DuckDB's own file reading cannot open, so the data are
 * read from the unpacked copy (the packaging must list `data/**` under `asarUnpack`).
 */
export function bundledDataDir(appPath: string): string {
  const unpacked = path.basename(appPath) === 'app.asar' ? `${appPath}.unpacked` : appPath;
  return path.join(unpacked, 'data');
}
