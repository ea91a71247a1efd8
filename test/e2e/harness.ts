import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Browser } from 'playwright-core';
import { repoRoot, tempDir } from '../support/temp.ts';

export const CHROMIUM = process.env.SPRIG_CHROMIUM ?? '/usr/bin/chromium';

/** Debian's Chromium, headless and kept off the (closed) network. Never skips: a missing browser fails loudly. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The end-to-end tests need Chromium at ${CHROMIUM}, and it is not there. Install it with:\n` +
        '  sudo apt-get update && sudo apt-get install -y chromium\n' +
        'or point SPRIG_CHROMIUM at another Chromium binary.',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface RunningSprig {
  url: string;
  stop(): Promise<void>;
}

/** Starts `sprig serve` as a user would, with a fresh store, and reads the address from its first line. */
export async function startSprig(extraArgs: string[] = []): Promise<RunningSprig> {
  if (!existsSync(path.join(repoRoot, 'out', 'renderer', 'index.html'))) {
    throw new Error('The interface is not built: run `npm run build` (npm test does this first).');
  }
  const store = await tempDir('sprig-e2e-store-');
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'sprig.js'), 'serve', '--port', '0', '--store', store, ...extraArgs], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve(line.trim()));
    child.once('exit', (code) => reject(new Error(`sprig serve exited (${code}) before printing its address:\n${stderr}`)));
    setTimeout(() => reject(new Error(`sprig serve printed no address within 30 s:\n${stderr}`)), 30_000);
  });
  return { url, stop: () => stop(child) };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
