import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { repoRoot, tempDir } from '../support/temp.ts';

/** A `sprig serve` started as a user would, with a store of its own. */
export interface Served {
  url: string;
  port: number;
  token: string;
  store: string;
  /** Everything it wrote to stderr so far. */
  stderr(): string;
  /** Whether the process is still running. */
  alive(): boolean;
  stop(): Promise<void>;
}

export async function serve(extraArgs: string[] = [], { store }: { store?: string } = {}): Promise<Served> {
  if (!existsSync(path.join(repoRoot, 'out', 'renderer', 'index.html'))) {
    throw new Error('The interface is not built: run `npm run build` (npm test does this first).');
  }
  const storeDir = store ?? (await tempDir('sprig-security-store-'));
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'sprig.js'), 'serve', '--port', '0', '--store', storeDir, ...extraArgs], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LANG: 'en_GB.UTF-8', LANGUAGE: '', LC_ALL: '', LC_MESSAGES: '' },
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => resolve(line.trim()));
    child.once('exit', (code) => reject(new Error(`sprig serve exited (${code}) before printing its address:\n${stderr}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    port: Number(parsed.port),
    token: parsed.searchParams.get('token') ?? '',
    store: storeDir,
    stderr: () => stderr,
    alive: () => child.exitCode === null && child.signalCode === null,
    stop: () => stop(child),
  };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw HTTP request, so every header (Host, Origin, Sec-Fetch-Site) is exactly what the test says. */
export function send(port: number, options: { path: string; method?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: options.path, method: options.method ?? 'GET', headers: options.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The headers of a call from Sprig's own page (a browser adds Origin and Sec-Fetch-Site to every POST). */
export function ownPage(served: { port: number; token: string }): Record<string, string> {
  return {
    host: `127.0.0.1:${served.port}`,
    cookie: `sprig_token=${served.token}`,
    origin: `http://127.0.0.1:${served.port}`,
    'sec-fetch-site': 'same-origin',
    'content-type': 'application/json',
  };
}

/** A contract call as Sprig's page makes it; the reply's JSON when it is JSON. */
export async function call(served: { port: number; token: string }, method: string, args: unknown, headers: Record<string, string> = {}): Promise<Reply & { json: unknown }> {
  const reply = await send(served.port, { path: `/api/${method}`, method: 'POST', headers: { ...ownPage(served), ...headers }, body: JSON.stringify(args) });
  const type = String(reply.headers['content-type'] ?? '');
  return { ...reply, json: type.startsWith('application/json') ? (JSON.parse(reply.body.toString()) as unknown) : null };
}

/** A socket to the host, and a promise that settles when the host (or anything) closes it. */
export function openSocket(port: number): Promise<{ socket: Socket; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.on('error', () => {});
    socket.once('connect', () => resolve({ socket, closed }));
    socket.once('error', reject);
  });
}
