import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Finding Electron's binary for `npm start` and `npm run dev`.
 *
 * Electron 45's package has no install script: it downloads its binary (from GitHub) the
 * first time `require('electron')` runs, then names it in `path.txt`. electron-vite looks
 * for `path.txt` before anything has required Electron, so on a fresh install it fails with
 * "Electron uninstall". The launcher asks Electron to download first and hands electron-vite
 * the binary in ELECTRON_EXEC_PATH; where the download is impossible it says so in one
 * sentence and points to the browser host.
 */

/** What requiring the `electron` package (which downloads its binary) did. */
export interface DownloadAttempt {
  ok: boolean;
  /** Everything it printed, for the reason it failed. */
  output: string;
}

export type ElectronBinary = { found: true; executable: string } | { found: false; message: string };

/** The binary Electron has already downloaded into its package folder, or null. */
export function downloadedElectron(electronDir: string): string | null {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const executable = path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? executable : null;
}

/**
 * ELECTRON_EXEC_PATH when it is set (and exists), else the binary Electron has downloaded,
 * else whatever `download` fetches. `download` runs only when there is no binary yet.
 */
export function findElectron(options: { electronDir: string; execPath?: string | undefined; download: () => DownloadAttempt }): ElectronBinary {
  const { electronDir, execPath, download } = options;
  if (execPath) {
    return existsSync(execPath)
      ? { found: true, executable: execPath }
      : { found: false, message: `ELECTRON_EXEC_PATH names ${execPath}, which does not exist; unset it, or run "npm run serve" to use Sprig in your browser instead.` };
  }
  const downloaded = downloadedElectron(electronDir);
  if (downloaded) return { found: true, executable: downloaded };
  const attempt = download();
  const fetched = downloadedElectron(electronDir);
  if (fetched) return { found: true, executable: fetched };
  return { found: false, message: cannotDownload(attempt.ok ? 'it left no binary behind' : failureReason(attempt.output)) };
}

/** The one sentence a newcomer reads when the desktop app cannot start here. */
export function cannotDownload(reason: string | null): string {
  return (
    `Sprig's desktop app cannot start because Electron could not download its binary from GitHub${reason ? ` (${reason})` : ''}; ` +
    'run "npm run serve" to use Sprig in your browser instead.'
  );
}

/** The first error Electron's download printed (a network error, a checksum), not its generic advice. */
export function failureReason(output: string): string | null {
  const lines = output.split(/\r?\n/).map((line) => line.trim());
  const error = lines.find((line) => /^[A-Za-z]*Error: /.test(line) && !/failed to install correctly/.test(line));
  return error ? error.replace(/^[A-Za-z]*Error: /, '') : null;
}

/**
 * Runs Electron's own download by requiring its package in a child Node, so that what it
 * prints (a stack trace when it fails) is kept for the reason instead of shown.
 */
export function downloadElectron(electronDir: string): DownloadAttempt {
  const result = spawnSync(process.execPath, ['--eval', `require(${JSON.stringify(electronDir)})`], {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}
