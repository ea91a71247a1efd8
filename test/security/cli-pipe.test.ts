import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from '../support/temp.ts';

const sprig = path.join(repoRoot, 'bin', 'sprig.js');
const ENGLISH = { LANG: 'en_GB.UTF-8', LANGUAGE: '', LC_ALL: '', LC_MESSAGES: '' };

/**
 * Runs `sprig` with its stdout in a real pipe read by a slow reader: one chunk at a time,
 * each taken only after the event loop has turned, so most of the output is still waiting
 * in the child's own buffer when it finishes its work. A command that exited then lost it.
 */
function throughSlowPipe(args: string[]): Promise<{ code: number | null; bytes: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [sprig, ...args], { cwd: repoRoot, env: { ...process.env, ...ENGLISH }, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      child.stdout.pause();
      setImmediate(() => child.stdout.resume());
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, bytes: Buffer.concat(chunks), stderr }));
  });
}

/** A shell pipeline, so the reader is another process (head, a file that cannot be written). */
function shell(script: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script], { cwd: repoRoot, env: { ...process.env, ...ENGLISH, SPRIG: sprig, NODE: process.execPath } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The CSV `sprig query` prints for range(n): a header and one line per number, CRLF. */
function rangeCsv(n: number): string {
  let text = 'range\r\n';
  for (let i = 0; i < n; i++) text += `${i}\r\n`;
  return text;
}

describe('the sprig command through a pipe', () => {
  it('sprig query prints every row to a slow reader before it exits (100,000 rows, ~600 kB)', async () => {
    const store = await tempDir();
    const { code, bytes, stderr } = await throughSlowPipe(['query', '--store', store, '--max-rows', '100000', 'SELECT * FROM range(100000)']);
    expect(stderr).not.toMatch(/Error|at /);
    expect(code).toBe(0);
    expect(bytes.length).toBe(Buffer.byteLength(rangeCsv(100_000)));
    expect(bytes.toString()).toBe(rangeCsv(100_000));
  });

  it('sprig datasets --json prints the whole catalogue to a slow reader, well past 64 KiB', async () => {
    const root = await tempDir();
    // 64 small packages, each with a description of a page (the catalogue cuts a longer one at 5,000 characters): about 330 kB.
    for (let i = 0; i < 64; i++) {
      const folder = path.join(root, 'data', `long-${i}`);
      await mkdir(folder, { recursive: true });
      await writeFile(path.join(folder, 't.csv'), 'id\n1\n');
      const name = i === 0 ? 'long-description' : `long-${i}`;
      await writeFile(path.join(folder, 'datapackage.json'), JSON.stringify({ name, description: 'A long description. '.repeat(250), resources: [{ name: 't', path: 't.csv', schema: { fields: [{ name: 'id', type: 'integer' }] } }] }));
    }
    const { code, bytes } = await throughSlowPipe(['datasets', '--json', '--store', path.join(root, 'store'), '--data', path.join(root, 'data')]);
    expect(bytes.length).toBeGreaterThan(256 * 1024);
    const catalogue = JSON.parse(bytes.toString()) as { datasets: { name: string }[] };
    expect(catalogue.datasets.map((d) => d.name)).toContain('long-description');
    expect(code).toBe(0);
  });

  it('a reader that stops early (| head -c) is a quiet stop: no stack, the command’s own exit code', async () => {
    const store = await tempDir();
    const { stdout, stderr } = await shell(
      `"$NODE" "$SPRIG" query --store '${store}' --max-rows 100000 'SELECT * FROM range(100000)' | head -c 1000 > /dev/null; echo "exit=\${PIPESTATUS[0]}"`,
    );
    expect(stdout.trim()).toBe('exit=0');
    expect(stderr).not.toMatch(/EPIPE|Error|at /);
  });

  it('output that cannot be written (a full disk) is an error exit, said in one line', async () => {
    const store = await tempDir();
    const { stdout, stderr } = await shell(`"$NODE" "$SPRIG" query --store '${store}' --max-rows 100000 'SELECT * FROM range(100000)' > /dev/full; echo "exit=$?"`);
    expect(stdout.trim()).toBe('exit=1');
    expect(stderr).toMatch(/^sprig: output could not be written \(ENOSPC\)$/m);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
