import { spawn } from 'node:child_process';
import { chmod, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { Engine, type EngineOptions } from '../../src/engine/engine.ts';
import { AppError } from '../../src/shared/errors.ts';
import { parseViewSpec, type ViewSpecInput } from '../../src/shared/view-spec.ts';
import { copyDemoPackage, repoRoot, tempDir, withoutIntegrity } from '../support/temp.ts';

/**
 * Sprig's cache of loaded packages (src/engine/package-cache.ts): the second start opens a
 * package from it with the same answers; a package changed on disk, a cache file that is
 * garbage or from another version, and a store that cannot be written all still open the
 * package from its files, and the SQL console never reads the cache.
 */

const rowsOf = (bytes: Uint8Array) => tableFromIPC(bytes).toArray().map((r) => r.toJSON() as Record<string, unknown>);

/** Views of every kind, person-level ones with and without filters (the compact tables and their series answer these). */
const specs: ViewSpecInput[] = [
  { version: 2, view: 'trend', dataset: 'sprig-demo', indicator: 'link_worker_fte_nwrs' },
  { version: 2, view: 'latest', dataset: 'sprig-demo', indicator: 'cohort_connected_pct', ukNations: 'combined' },
  { version: 2, view: 'breakdown', dataset: 'sprig-demo', dimension: 'primary_need' },
  { version: 2, view: 'breakdown', dataset: 'sprig-demo', dimension: 'activity_category', filters: { from: '2022-01-01', to: '2023-06-30' } },
  { version: 2, view: 'breakdown', dataset: 'sprig-demo', dimension: 'sex', filters: { category: { dimension: 'glam', value: 'true' } } },
  { version: 2, view: 'pathway', dataset: 'sprig-demo', ukNations: 'combined' },
  { version: 2, view: 'outcome', dataset: 'sprig-demo', instrument: 'swemwbs', followUp: 'm6' },
  { version: 2, view: 'outcome', dataset: 'sprig-demo', instrument: 'swemwbs', followUp: 'w8_12', filters: { from: '2023-01-01' } },
];

/** Everything a user can see of the package: its description, every view above, every table in full through the console. */
async function everything(engine: Engine): Promise<unknown> {
  const description = await engine.describeDataset({ dataset: 'sprig-demo' });
  const views = [];
  for (const input of specs) views.push(rowsOf(await engine.runView({ spec: parseViewSpec(input) })));
  const tables: Record<string, unknown> = {};
  for (const table of description.tables) {
    tables[table] = rowsOf(await engine.runSql({ sql: `SELECT * FROM "${table}" ORDER BY ALL`, dataset: 'sprig-demo', maxRows: 100_000 }));
  }
  return { description: { ...description, path: '(folder)' }, views, tables };
}

/**
 * Where two answers differ, or null: numbers to 1e-9 relative (parallel sums of doubles may
 * differ in their last bits from one run to the next), everything else exactly.
 */
function difference(a: unknown, b: unknown, at = ''): string | null {
  if (typeof a === 'number' && typeof b === 'number') {
    return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)) ? null : `${at}: ${a} vs ${b}`;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${at}: ${a.length} items vs ${b.length}`;
    for (const [i, item] of a.entries()) {
      const found = difference(item, b[i], `${at}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const key of keys) {
      const found = difference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${at}.${key}`);
      if (found) return found;
    }
    return null;
  }
  return Object.is(a, b) ? null : `${at}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}

interface Opened {
  engine: Engine;
  logs: string[];
}

async function open(store: string, folder: string, options: Partial<EngineOptions> = {}): Promise<Opened> {
  const logs: string[] = [];
  const engine = await Engine.open({ storeDir: store, bundledDataDirs: [], extraDataDirs: [folder], log: (m) => logs.push(m), ...options });
  return { engine, logs };
}

/** Opens, waits until the package is prepared, closes: the cache is written. */
async function openAndPrepare(store: string, folder: string): Promise<void> {
  const { engine } = await open(store, folder);
  expect((await engine.prepared()).preparing).toEqual([{ dataset: 'sprig-demo', state: 'ready', percent: 100 }]);
  await engine.close();
}

const cacheFiles = async (store: string) => (await readdir(path.join(store, 'cache')).catch(() => [])).filter((f) => f.endsWith('.duckdb'));

describe('the second start', () => {
  let store: string;
  let folder: string;
  let first: unknown;
  beforeAll(async () => {
    store = await tempDir();
    folder = path.join(await tempDir(), 'packages');
    await copyDemoPackage(folder);
    const { engine } = await open(store, folder);
    expect((await engine.loadStatus()).preparing.map((p) => p.dataset)).toEqual(['sprig-demo']);
    expect((await engine.prepared()).preparing).toEqual([{ dataset: 'sprig-demo', state: 'ready', percent: 100 }]);
    // Once cached, this run too reads the package from the cache, not from a second copy in memory.
    // Asked of the engine itself: the console (rightly) reads no information_schema.
    const kinds = rowsOf(await engine.run({ sql: `SELECT DISTINCT table_type FROM information_schema.tables WHERE table_schema = 'sprig-demo'`, params: {} }));
    expect(kinds).toEqual([{ table_type: 'VIEW' }]);
    first = await everything(engine);
    await engine.close();
  });

  it('opens the package from the cache, with nothing to prepare, and answers exactly as the first', async () => {
    expect(await cacheFiles(store)).toHaveLength(1);
    const { engine, logs } = await open(store, folder);
    try {
      expect((await engine.loadStatus()).preparing).toEqual([]);
      expect(difference(await everything(engine), first)).toBeNull();
      expect(logs).toEqual([]);
    } finally {
      await engine.close();
    }
  });

  it('answers as an engine that never cached anything', async () => {
    const { engine } = await open(await tempDir(), folder, { cache: false, compactTables: false });
    try {
      expect(difference(await everything(engine), first)).toBeNull();
    } finally {
      await engine.close();
    }
  });

  it('never lets the SQL console read the cache, however it is named', async () => {
    const { engine } = await open(store, folder);
    try {
      const [file] = await cacheFiles(store);
      const cacheFile = path.join(store, 'cache', file!);
      const attempts = [
        'SELECT count(*) FROM "sprig:cache:1".package.referral',
        'SELECT * FROM "SPRIG:CACHE:1".main.sprig_cache',
        'SELECT * FROM "sprig:cache:1".compact.sprig_compact_referral',
        'SELECT * FROM country WHERE country_code IN (SELECT country_code FROM "sprig:cache:1".package.country)',
        'WITH c AS (SELECT * FROM "sprig:cache:1".package.country) SELECT * FROM c',
        `SELECT * FROM '${cacheFile}'`,
        `SELECT * FROM read_blob('${cacheFile}')`,
      ];
      for (const sql of attempts) {
        const error = await engine.runSql({ sql, dataset: 'sprig-demo' }).catch((e: unknown) => e);
        expect(error, sql).toBeInstanceOf(AppError);
        expect(error, sql).toMatchObject({ code: 'sql-refused', detail: { context: 'files' } });
      }
      // The package's own tables, which come from the cache now, it reads as ever.
      expect(rowsOf(await engine.runSql({ sql: 'SELECT count(*) AS n FROM referral', dataset: 'sprig-demo' }))[0]?.n).toBeGreaterThan(0);
    } finally {
      await engine.close();
    }
  });
});

describe('a package that changed on disk since it was cached', () => {
  it('loads it from its files again, shows the new value, and replaces the stale cache', async () => {
    const store = await tempDir();
    const folder = path.join(await tempDir(), 'packages');
    const dir = await copyDemoPackage(folder);
    await withoutIntegrity(dir);
    await openAndPrepare(store, folder);
    const [stale] = await cacheFiles(store);

    const csv = path.join(dir, 'country_year_indicator.csv');
    await writeFile(csv, (await readFile(csv, 'utf8')).replace('GB-ENG,link_worker_fte_nwrs,Jul 2023,2023-07-01,2023-07-31,2775,', 'GB-ENG,link_worker_fte_nwrs,Jul 2023,2023-07-01,2023-07-31,2776,'));

    const { engine, logs } = await open(store, folder);
    try {
      expect((await engine.loadStatus()).preparing.map((p) => p.dataset)).toEqual(['sprig-demo']);
      expect(logs.join('\n')).toMatch(/files changed since they were cached/);
      const trend = parseViewSpec({ version: 2, view: 'trend', dataset: 'sprig-demo', indicator: 'link_worker_fte_nwrs', countries: ['GB-ENG'] });
      expect(rowsOf(await engine.runView({ spec: trend })).find((r) => r.period === 'Jul 2023')?.value).toBe(2776);
      await engine.prepared();
    } finally {
      await engine.close();
    }
    // One file per package folder: the new one took the stale one's place.
    expect(await cacheFiles(store)).toEqual([stale]);

    // And the new cache holds the new value.
    const again = await open(store, folder);
    try {
      expect((await again.engine.loadStatus()).preparing).toEqual([]);
      const trend = parseViewSpec({ version: 2, view: 'trend', dataset: 'sprig-demo', indicator: 'link_worker_fte_nwrs', countries: ['GB-ENG'] });
      expect(rowsOf(await again.engine.runView({ spec: trend })).find((r) => r.period === 'Jul 2023')?.value).toBe(2776);
    } finally {
      await again.engine.close();
    }
  });

  it('refuses a package broken since it was cached, and drops its cache', async () => {
    const store = await tempDir();
    const folder = path.join(await tempDir(), 'packages');
    const dir = await copyDemoPackage(folder);
    await withoutIntegrity(dir);
    await openAndPrepare(store, folder);
    const csv = path.join(dir, 'country_year_indicator.csv');
    await writeFile(csv, (await readFile(csv, 'utf8')).replace(',2775,', ',2775.5.5,'));
    const { engine } = await open(store, folder);
    try {
      const catalogue = await engine.listDatasets();
      expect(catalogue.datasets).toEqual([]);
      expect(catalogue.refused[0]).toMatchObject({ file: 'country_year_indicator.csv', field: 'value' });
    } finally {
      await engine.close();
    }
    expect(await cacheFiles(store)).toEqual([]);
  });
});

describe('a cache file Sprig cannot use', () => {
  async function withCache(damage: (file: string) => Promise<void>) {
    const store = await tempDir();
    const folder = path.join(await tempDir(), 'packages');
    await copyDemoPackage(folder);
    await openAndPrepare(store, folder);
    const [file] = await cacheFiles(store);
    await damage(path.join(store, 'cache', file!));
    return { store, folder };
  }

  /** The package opens from its files, the cache is written again, and the start after that uses it. */
  async function expectRebuilt(store: string, folder: string, why: RegExp) {
    const { engine, logs } = await open(store, folder);
    try {
      expect((await engine.listDatasets()).datasets.map((d) => d.name)).toEqual(['sprig-demo']);
      expect(logs.join('\n')).toMatch(why);
      expect((await engine.prepared()).preparing).toEqual([{ dataset: 'sprig-demo', state: 'ready', percent: 100 }]);
      expect(rowsOf(await engine.runView({ spec: parseViewSpec(specs[2]!) })).length).toBeGreaterThan(0);
    } finally {
      await engine.close();
    }
    const again = await open(store, folder);
    expect((await again.engine.loadStatus()).preparing).toEqual([]);
    await again.engine.close();
  }

  it('garbage in place of the file: rebuilt, no crash', async () => {
    const { store, folder } = await withCache((file) => writeFile(file, 'not a database at all\n'.repeat(500)));
    await expectRebuilt(store, folder, /cache cannot be read/);
  });

  it('an empty file: rebuilt', async () => {
    const { store, folder } = await withCache((file) => writeFile(file, ''));
    await expectRebuilt(store, folder, /cache cannot be read/);
  });

  it('a file from another version of Sprig (another cache format): rebuilt', async () => {
    const { store, folder } = await withCache(async (file) => {
      const instance = await DuckDBInstance.create(file);
      const connection = await instance.connect();
      await connection.run(`UPDATE sprig_cache SET meta = json_object('format', 0, 'key', 'x', 'tables', json_array())::VARCHAR`);
      connection.closeSync();
      instance.closeSync();
    });
    await expectRebuilt(store, folder, /cache cannot be read/);
  });

  it('a file whose tables are not what it says: loaded from the files instead', async () => {
    const { store, folder } = await withCache(async (file) => {
      const instance = await DuckDBInstance.create(file);
      const connection = await instance.connect();
      await connection.run('DROP TABLE package.country');
      connection.closeSync();
      instance.closeSync();
    });
    await expectRebuilt(store, folder, /cache cannot be used/);
  });

  it('a half-written file left by a Sprig that stopped: removed at the next start', async () => {
    const store = await tempDir();
    const folder = path.join(await tempDir(), 'packages');
    await copyDemoPackage(folder);
    await mkdir(path.join(store, 'cache'), { recursive: true });
    // A process id that is not running: beyond the largest Linux allows.
    const orphan = path.join(store, 'cache', 'aaaa.4194399.1.tmp.duckdb');
    await writeFile(orphan, 'half');
    const { engine } = await open(store, folder);
    await engine.close();
    expect(await readdir(path.join(store, 'cache'))).not.toContain('aaaa.4194399.1.tmp.duckdb');
  });
});

describe('a store Sprig cannot write', () => {
  it('a cache folder that cannot be made: no cache, said in the log, and the package still opens and answers', async () => {
    const store = await tempDir();
    const folder = path.join(await tempDir(), 'packages');
    await copyDemoPackage(folder);
    await writeFile(path.join(store, 'cache'), 'a file where the cache folder would go');
    const { engine, logs } = await open(store, folder);
    try {
      expect((await engine.listDatasets()).datasets.map((d) => d.name)).toEqual(['sprig-demo']);
      expect(logs.join('\n')).toMatch(/cache is not used/);
      // The compact tables are still made, in memory.
      expect((await engine.prepared()).preparing).toEqual([{ dataset: 'sprig-demo', state: 'ready', percent: 100 }]);
      for (const input of specs) expect(rowsOf(await engine.runView({ spec: parseViewSpec(input) }))).not.toEqual([]);
    } finally {
      await engine.close();
    }
  });

  it('a read-only store: the `sprig` command opens the package from its files, or from a cache written before', async () => {
    const store = await tempDir();
    const parent = await tempDir();
    const folder = path.join(parent, 'packages');
    await copyDemoPackage(folder);
    await chmod(parent, 0o755);
    const readOnly = await readOnlyRunner(store);
    const run = (args: string[]) => readOnly.run(['--store', store, '--data', folder, ...args]);
    try {
      await chmod(store, 0o555);
      // Nothing in the store yet: not even the folder for spill files can be made.
      const bare = await run(['query', '--dataset', 'sprig-demo', 'SELECT count(*) AS n FROM referral']);
      expect(bare.code, bare.stderr).toBe(0);
      expect(bare.stdout).toMatch(/^n\r?\n\d+\r?\n$/);
      expect(bare.stderr).toMatch(/cannot be made/);

      // A cache written while the store could be written is read from the read-only store.
      await chmod(store, 0o755);
      await openAndPrepare(store, folder);
      await chmod(store, 0o555);
      await chmod(path.join(store, 'cache'), 0o555);
      const cached = await run(['query', '--dataset', 'sprig-demo', 'SELECT count(*) AS n FROM referral']);
      expect(cached.code, cached.stderr).toBe(0);
      expect(cached.stdout).toBe(bare.stdout);
      expect(cached.stderr).not.toMatch(/cache|cannot/);
    } finally {
      await chmod(store, 0o755);
      await chmod(path.join(store, 'cache'), 0o755).catch(() => {});
    }
  });
});

describe('preparing', () => {
  it('can be cancelled: views still answer, from tables made when first needed, and the next start prepares again', async () => {
    const store = await tempDir();
    const folder = path.join(await tempDir(), 'packages');
    await copyDemoPackage(folder);
    const reference = await open(await tempDir(), folder, { cache: false, compactTables: false });
    const { engine } = await open(store, folder);
    try {
      const status = await engine.cancelPreparation({ dataset: 'sprig-demo' });
      expect(status.preparing).toEqual([{ dataset: 'sprig-demo', state: 'cancelled', percent: expect.any(Number) }]);
      expect((await engine.prepared()).preparing[0]?.state).toBe('cancelled');
      for (const input of specs) {
        const spec = parseViewSpec(input);
        expect(difference(rowsOf(await engine.runView({ spec })), rowsOf(await reference.engine.runView({ spec }))), JSON.stringify(input)).toBeNull();
      }
    } finally {
      await engine.close();
      await reference.engine.close();
    }
    expect(await cacheFiles(store)).toEqual([]);
    const again = await open(store, folder);
    expect((await again.engine.loadStatus()).preparing.map((p) => p.state)).toEqual(['preparing']);
    await again.engine.close();
  });

  it('cancels only the package named, and says so of a package it does not have', async () => {
    const { engine } = await open(await tempDir(), path.join(repoRoot, 'data'));
    try {
      await expect(engine.cancelPreparation({ dataset: 'no-such-package' })).rejects.toMatchObject({ code: 'dataset-not-found' });
      const status = await engine.prepared();
      expect(status.preparing).toEqual([{ dataset: 'sprig-demo', state: 'ready', percent: 100 }]);
      // Once prepared, cancelling changes nothing.
      expect((await engine.cancelPreparation({})).preparing).toEqual(status.preparing);
    } finally {
      await engine.close();
    }
  });
});

/**
 * Runs the `sprig` command where the store cannot be written: as the unprivileged user
 * `nobody` when the tests run as root (who may write anywhere), else as this user.
 */
async function readOnlyRunner(store: string) {
  const asNobody = process.getuid?.() === 0;
  await rm(path.join(store, 'cache'), { recursive: true, force: true });
  return {
    run: (args: string[]) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
        const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'sprig.js'), ...args], {
          cwd: repoRoot,
          env: { ...process.env, LANG: 'en_GB.UTF-8', LANGUAGE: '', LC_ALL: '', HOME: store },
          ...(asNobody ? { uid: 65534, gid: 65534 } : {}),
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
        child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      }),
  };
}
