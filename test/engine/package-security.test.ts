import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import type { Catalogue } from '../../src/shared/catalogue.ts';
import { repoRoot, tempDir } from '../support/temp.ts';

/**
 * Sprig reads nothing outside a package's folder: not through a link to a file or to a
 * folder, not through a descriptor that is itself a link, not through a FIFO, not through a
 * file name DuckDB would take as a pattern, not over the network. The outside files hold a
 * marker that must never appear in any answer, and (where strace runs) the process is
 * watched to prove it never even opens them.
 */

const MARKER = `SPRIG-SECRET-${process.pid}-${Date.now()}`;
let outside: string;
let root: string;

const idsOnly = { fields: [{ name: 'id', type: 'string' }] };

async function pkg(name: string, resources: object[], files: Record<string, string> = {}): Promise<string> {
  const dir = path.join(root, name);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'datapackage.json'), JSON.stringify({ name, resources }));
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  return dir;
}

async function openOne(folder: string): Promise<{ catalogue: Catalogue; rows: (sql: string) => Promise<Record<string, unknown>[]>; close: () => void }> {
  const engine = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [], extraDataDirs: [folder] });
  const catalogue = await engine.listDatasets();
  return {
    catalogue,
    rows: async (sql) => tableFromIPC(await engine.run({ sql, params: {} })).toArray().map((r) => r.toJSON() as Record<string, unknown>),
    close: () => engine.close(),
  };
}

beforeAll(async () => {
  outside = await tempDir('sprig-outside-');
  root = await tempDir('sprig-hostile-');
  // What a link would lead to: a CSV that would load under the package's schema, and a
  // descriptor that would open, each with the marker in it.
  await writeFile(path.join(outside, 'secret.csv'), `id\n${MARKER}\n`);
  await writeFile(path.join(outside, 'datapackage.json'), JSON.stringify({ name: 'elsewhere', title: MARKER, resources: [{ name: 's', path: 'secret.csv', schema: idsOnly }] }));

  const file = await pkg('link-to-file', [{ name: 'release', path: 'release.csv', schema: idsOnly }]);
  await symlink(path.join(outside, 'secret.csv'), path.join(file, 'release.csv'));
  const folder = await pkg('link-to-folder', [{ name: 'release', path: 'sys/secret.csv', schema: idsOnly }]);
  await symlink(outside, path.join(folder, 'sys'));
  const descriptor = path.join(root, 'linked-descriptor');
  await mkdir(descriptor);
  await symlink(path.join(outside, 'datapackage.json'), path.join(descriptor, 'datapackage.json'));
  await pkg('remote', [
    { name: 'on-the-web', path: 'https://example.invalid/data.csv', schema: idsOnly },
    { name: 'remote-schema', path: 'local.csv', schema: 'https://example.invalid/schema.json' },
  ], { 'local.csv': 'id\n1\n' });
  // A link that stays inside the package is fine.
  const inside = await pkg('link-inside', [{ name: 'data', path: 'current.csv', schema: idsOnly }], { 'v2/data.csv': 'id\ninside\n' });
  await symlink(path.join(inside, 'v2', 'data.csv'), path.join(inside, 'current.csv'));
});

describe('nothing outside the package folder is read', () => {
  it('refuses a resource that is a link to a file outside, without reading it', async () => {
    const { catalogue, close } = await openOne(path.join(root, 'link-to-file'));
    close();
    expect(catalogue.datasets).toEqual([]);
    expect(catalogue.refused[0]).toMatchObject({ outcome: 'refused', code: 'link-outside', file: 'release.csv', resource: 'release' });
    expect(JSON.stringify(catalogue)).not.toContain(MARKER);
    expect(JSON.stringify(catalogue)).not.toContain(outside);
  });

  it('refuses a resource reached through a link to a folder outside', async () => {
    const { catalogue, close } = await openOne(path.join(root, 'link-to-folder'));
    close();
    expect(catalogue.refused[0]).toMatchObject({ code: 'link-outside', file: 'sys/secret.csv' });
    expect(JSON.stringify(catalogue)).not.toContain(MARKER);
  });

  it('refuses a datapackage.json that is a link out of its folder, without quoting it', async () => {
    const { catalogue, close } = await openOne(path.join(root, 'linked-descriptor'));
    close();
    expect(catalogue.refused[0]).toMatchObject({ code: 'descriptor-outside', file: 'datapackage.json' });
    expect(JSON.stringify(catalogue)).not.toContain(MARKER);
    expect(JSON.stringify(catalogue)).not.toContain('elsewhere');
  });

  it('follows a link that stays inside the package', async () => {
    const { catalogue, rows, close } = await openOne(path.join(root, 'link-inside'));
    try {
      expect(catalogue.refused).toEqual([]);
      expect(await rows(`SELECT id FROM "link-inside".data`)).toEqual([{ id: 'inside' }]);
    } finally {
      close();
    }
  });

  it('declines remote paths and remote schemas plainly, fetching nothing', async () => {
    const { catalogue, close } = await openOne(path.join(root, 'remote'));
    close();
    expect(catalogue.refused[0]).toMatchObject({ outcome: 'declined', code: 'nothing-to-open' });
    expect(catalogue.refused[0]?.resources?.map((r) => [r.resource, r.code])).toEqual([
      ['on-the-web', 'remote-path'],
      ['remote-schema', 'remote-schema'],
    ]);
    expect(catalogue.refused[0]?.resources?.[0]?.reason).toMatch(/offline/);
  });

  it('refuses a FIFO as a resource at once, without waiting on it', async () => {
    const dir = await pkg('fifo', [{ name: 'pipe', path: 'pipe.csv', schema: idsOnly }]);
    execFileSync('mkfifo', [path.join(dir, 'pipe.csv')]);
    const { catalogue, close } = await openOne(dir);
    close();
    expect(catalogue.refused[0]).toMatchObject({ code: 'not-regular-file', file: 'pipe.csv', values: expect.objectContaining({ kind: 'fifo' }) });
  });

  it('refuses a folder named as a resource', async () => {
    const dir = await pkg('folder-resource', [{ name: 'data', path: 'data.csv', schema: idsOnly }]);
    await mkdir(path.join(dir, 'data.csv'));
    const { catalogue, close } = await openOne(dir);
    close();
    expect(catalogue.refused[0]).toMatchObject({ code: 'not-regular-file', values: expect.objectContaining({ kind: 'directory' }) });
  });

  it('does not open a sub-folder that is a link to a package elsewhere', async () => {
    const parent = await tempDir('sprig-parent-');
    await symlink(outside, path.join(parent, 'elsewhere'));
    const { catalogue, close } = await openOne(parent);
    close();
    expect(catalogue.datasets).toEqual([]);
    expect(JSON.stringify(catalogue)).not.toContain(MARKER);
  });
});

describe('a path is a file name, never a pattern', () => {
  it.each([
    ['[ab].csv', ['a.csv', 'b.csv']],
    ['*.csv', ['a.csv', 'b.csv']],
    ['?.csv', ['a.csv', 'b.csv']],
  ])('reads only the file literally named %s, not its siblings', async (name, decoys) => {
    const folder = await tempDir('sprig-glob-');
    const dir = path.join(folder, 'literal');
    await mkdir(dir);
    await writeFile(path.join(dir, 'datapackage.json'), JSON.stringify({ name: 'literal', resources: [{ name: 'data', path: name, schema: idsOnly }] }));
    await writeFile(path.join(dir, name), 'id\nthe-file-itself\n');
    for (const decoy of decoys) await writeFile(path.join(dir, decoy), 'id\ndecoy\n');
    const { catalogue, rows, close } = await openOne(dir);
    try {
      expect(catalogue.refused).toEqual([]);
      expect(await rows(`SELECT id FROM literal.data`)).toEqual([{ id: 'the-file-itself' }]);
    } finally {
      close();
    }
  });

  it('reads a package whose folder name holds pattern characters, not the folders it would match', async () => {
    const folder = await tempDir('sprig-glob-');
    for (const [name, value] of [['pkg[12]', 'literal'], ['pkg1', 'decoy-1'], ['pkg2', 'decoy-2']] as const) {
      await mkdir(path.join(folder, name));
      await writeFile(path.join(folder, name, 'datapackage.json'), JSON.stringify({ name: name.replace(/\W/g, '-'), resources: [{ name: 'data', path: 'data.csv', schema: idsOnly }] }));
      await writeFile(path.join(folder, name, 'data.csv'), `id\n${value}\n`);
    }
    const { catalogue, rows, close } = await openOne(path.join(folder, 'pkg[12]'));
    try {
      expect(catalogue.refused).toEqual([]);
      expect(await rows(`SELECT id FROM "pkg-12-".data`)).toEqual([{ id: 'literal' }]);
    } finally {
      close();
    }
  });
});

/** `strace` on the `sprig` command: which files it opens and whether it connects anywhere. */
const strace = ['/usr/bin/strace', '/bin/strace'].find((p) => existsSync(p));

describe.skipIf(!strace)('watched with strace', () => {
  it('never opens a file outside the package folders and never connects to the network', async () => {
    const log = path.join(await tempDir(), 'strace.log');
    const store = await tempDir();
    const args = ['-f', '-qq', '-e', 'trace=open,openat,connect', '-o', log, process.execPath, path.join(repoRoot, 'bin', 'sprig.js')];
    const run = await new Promise<{ code: number | null; out: string }>((resolve, reject) => {
      const child = spawn(strace!, [...args, 'datasets', '--json', '--store', store, '--data', root], {
        cwd: repoRoot,
        env: { ...process.env, LANG: 'en_GB.UTF-8' },
      });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, out }));
    });
    const trace = await readFile(log, 'utf8');
    // The command ran (it refuses the hostile packages, so it exits 1) and its answer was watched.
    expect(run.code).toBe(1);
    expect(trace).toMatch(/openat\(.*link-inside/);
    expect(run.out).not.toContain(MARKER);
    // A link is opened by its own name (the kernel follows it), so neither the links nor
    // their targets may be opened.
    const hostile = [outside, path.join(root, 'link-to-file', 'release.csv'), path.join(root, 'link-to-folder', 'sys'), path.join(root, 'linked-descriptor', 'datapackage.json'), path.join(root, 'fifo', 'pipe.csv')];
    const touched = trace.split('\n').filter((line) => /open(at)?\(/.test(line) && hostile.some((p) => line.includes(`"${p}`)));
    expect(touched).toEqual([]);
    expect(trace.split('\n').filter((line) => /connect\(.*AF_INET/.test(line))).toEqual([]);
  });
});
