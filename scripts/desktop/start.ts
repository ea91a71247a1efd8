import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { downloadElectron, findElectron } from './electron-binary.ts';

/**
 * `npm start` (`start.ts preview`) and `npm run dev` (`start.ts dev`): electron-vite, given
 * the Electron binary that Electron's own download provides, or one sentence saying why
 * the desktop app cannot start here. Further arguments go to electron-vite.
 */
const [command, ...rest] = process.argv.slice(2);
if (command !== 'preview' && command !== 'dev') {
  console.error('Usage: node scripts/desktop/start.ts preview|dev [electron-vite options]');
  process.exit(2);
}

const require = createRequire(import.meta.url);
const electronDir = path.dirname(require.resolve('electron/package.json'));
const electronVite = path.join(path.dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');

const binary = findElectron({
  electronDir,
  execPath: process.env.ELECTRON_EXEC_PATH,
  download: () => {
    // Said only on a terminal, and taken back afterwards: the outcome is what matters.
    const status = process.stdout.isTTY ? "Downloading Electron's binary (first start only)…" : '';
    process.stdout.write(status);
    const attempt = downloadElectron(electronDir);
    if (status) process.stdout.write('\r\x1b[2K');
    return attempt;
  },
});
if (!binary.found) {
  console.error(binary.message);
  process.exit(1);
}

const child = spawn(process.execPath, [electronVite, command, ...rest], {
  stdio: 'inherit',
  env: { ...process.env, ELECTRON_EXEC_PATH: binary.executable },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
