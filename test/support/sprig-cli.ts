import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './temp.ts';

const sprig = path.join(repoRoot, 'bin', 'sprig.js');

/** British English whatever the developer's own locale, unless a test asks for another. */
const ENGLISH = { LANG: 'en_GB.UTF-8', LANGUAGE: '', LC_ALL: '', LC_MESSAGES: '' };

export interface SprigRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the `sprig` command as a user would, and collects what it printed. */
export function runSprig(args: string[], env: Record<string, string> = {}): Promise<SprigRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [sprig, ...args], { cwd: repoRoot, env: { ...process.env, ...ENGLISH, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
