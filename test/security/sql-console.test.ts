import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import { migrateLegacyStore } from '../../src/engine/store-migration.ts';
import { defaultStoreDir, legacyStoreDir, readSettings } from '../../src/engine/store.ts';
import { createI18n } from '../../src/shared/i18n/create.ts';
import { bundledData, tempDir } from '../support/temp.ts';
import { call, serve, type Served } from './serve.ts';

/** In every file of the store: no answer of the console may ever carry it. */
const SECRET = 'sprig-store-secret-7f3a';

/** Writes what a store holds (settings, an import as CSV and as Parquet, a mapping, a note) with the secret in each. */
async function fillStore(store: string): Promise<void> {
  await mkdir(path.join(store, 'imports'), { recursive: true });
  await mkdir(path.join(store, 'mappings', 'sprig-demo'), { recursive: true });
  await writeFile(path.join(store, 'settings.json'), JSON.stringify({ dataFolders: [], secret: SECRET }));
  await writeFile(path.join(store, 'imports', 'partner.csv'), `a,b\n${SECRET},2\n`);
  await writeFile(path.join(store, 'mappings', 'sprig-demo', 'country.sprig-mapping.json'), JSON.stringify({ secret: SECRET }));
  await writeFile(path.join(store, 'note.txt'), SECRET);
  const duck = await DuckDBInstance.create(':memory:');
  const connection = await duck.connect();
  await connection.run(`COPY (SELECT '${SECRET}' AS s) TO '${path.join(store, 'imports', 'partner.parquet')}' (FORMAT parquet)`);
  await connection.run(`ATTACH '${path.join(store, 'imports', 'other.duckdb')}' AS other; CREATE TABLE other.t AS SELECT '${SECRET}' AS s; DETACH other`);
  connection.closeSync();
  duck.closeSync();
}

/** The console escapes of issue 12 and their kin: each must be refused, before it runs, with a typed reason. */
function escapes(store: string): string[] {
  const file = (name: string) => path.join(store, name);
  const readers = [
    'read_csv',
    'read_csv_auto',
    'read_parquet',
    'parquet_scan',
    'parquet_metadata',
    'parquet_schema',
    'parquet_file_metadata',
    'parquet_kv_metadata',
    'read_json',
    'read_json_auto',
    'read_json_objects',
    'read_ndjson',
    'read_ndjson_objects',
    'read_text',
    'read_blob',
    'glob',
    'sniff_csv',
    'read_duckdb',
  ];
  const targets = ['settings.json', 'imports/partner.csv', 'imports/partner.parquet', 'note.txt', 'imports/*', '*'];
  const list: string[] = [];
  for (const reader of readers) for (const target of targets) list.push(`SELECT * FROM ${reader}('${file(target)}')`);
  list.push(
    // Replacement scans: a quoted path as a table name, whole or split at its dots.
    `SELECT * FROM "${file('settings')}"."json"`,
    `SELECT * FROM '${file('settings.json')}'`,
    `FROM '${file('imports/partner.csv')}'`,
    `FROM '${file('imports/partner.parquet')}'`,
    `SELECT * FROM "${file('imports/partner.csv')}"`,
    `SELECT * FROM "${file('imports/partner')}".csv`,
    `SELECT * FROM "${store}"."settings.json"`,
    `SELECT * FROM "sprig-demo"."../settings.json"`,
    `SELECT * FROM "sprig-demo"."${file('settings.json')}"`,
    `FROM 'settings.json'`,
    `FROM "~/.bashrc"`,
    `FROM 'imports/partner.csv'`,
    `SELECT * FROM (FROM '${file('imports/partner.csv')}')`,
    `WITH x AS (SELECT * FROM read_text('${file('settings.json')}')) SELECT * FROM x`,
    `SELECT 1 WHERE EXISTS (SELECT * FROM read_text('${file('settings.json')}'))`,
    `SELECT (SELECT content FROM read_text('${file('settings.json')}'))`,
    `SELECT * FROM "sprig-demo".country, read_text('${file('settings.json')}')`,
    `SELECT * FROM range(1) t, LATERAL (SELECT * FROM read_text('${file('note.txt')}'))`,
    `SELECT 1 UNION ALL SELECT length(content) FROM read_text('${file('note.txt')}')`,
    `SUMMARIZE SELECT * FROM read_csv('${file('imports/partner.csv')}')`,
    `DESCRIBE SELECT * FROM read_text('${file('note.txt')}')`,
    `DESCRIBE '${file('imports/partner.csv')}'`,
    `SUMMARIZE '${file('imports/partner.csv')}'`,
    `PIVOT read_csv('${file('imports/partner.csv')}') ON a USING count(*)`,
    `SELECT * FROM read_csv(['${file('imports/partner.csv')}'])`,
    // Settings, the environment, other catalogues and DuckDB's own state.
    `SELECT current_setting('allowed_directories')`,
    `SELECT current_setting('temp_directory')`,
    `SELECT current_setting('home_directory')`,
    `SELECT CURRENT_SETTING('allowed_directories')`,
    `SELECT main.current_setting('allowed_directories')`,
    `SELECT pg_catalog.current_setting('allowed_directories')`,
    `SELECT system.main.current_setting('allowed_directories')`,
    `SELECT getenv('HOME')`,
    `SELECT write_log('x')`,
    `SELECT * FROM duckdb_settings()`,
    `SELECT * FROM duckdb_databases()`,
    `SELECT * FROM duckdb_extensions()`,
    `SELECT * FROM duckdb_secrets()`,
    `SELECT * FROM duckdb_temporary_files()`,
    `SELECT * FROM duckdb_memory()`,
    `SELECT * FROM duckdb_log_contexts()`,
    `SELECT * FROM which_secret('s3://x/y', 's3')`,
    `FROM duckdb_settings`,
    `FROM duckdb_databases`,
    `FROM duckdb_logs`,
    `FROM information_schema.schemata`,
    `FROM information_schema.tables`,
    `FROM pg_catalog.pg_settings`,
    `FROM system.main.duckdb_settings`,
    `SELECT * FROM pragma_database_list`,
    `SELECT * FROM pragma_database_list()`,
    `SELECT * FROM pragma_version()`,
    `SELECT * FROM checkpoint()`,
    `SELECT * FROM force_checkpoint()`,
    `SELECT * FROM "sprig:cache:1".package.country`,
    `SELECT * FROM "sprig:cache:1".main.sprig_cache`,
    `SELECT * FROM memory.main.anything`,
    `SELECT * FROM temp.main.anything`,
    `SELECT * FROM query('SELECT 1')`,
    `SELECT * FROM query_table('"sprig-demo".country')`,
    `SELECT * FROM json_execute_serialized_sql(json_serialize_sql('SELECT 1'))`,
    `SELECT * FROM main.range(3)`,
    // Statements that are not SELECT.
    `SHOW TABLES`,
    `SHOW ALL TABLES`,
    `SHOW DATABASES`,
    `PRAGMA database_list`,
    `PRAGMA show_tables`,
    `SET allowed_directories = ['/']`,
    `SET enable_external_access = true`,
    `RESET allowed_directories`,
    `ATTACH '${file('imports/other.duckdb')}' AS other`,
    `ATTACH '${file('imports/other.duckdb')}' AS other (READ_ONLY)`,
    `DETACH "sprig:cache:1"`,
    `USE other`,
    `COPY (SELECT 1) TO '${file('out.csv')}'`,
    `COPY "sprig-demo".country FROM '${file('imports/partner.csv')}'`,
    `EXPORT DATABASE '${file('export')}'`,
    `IMPORT DATABASE '${file('export')}'`,
    `INSTALL httpfs`,
    `LOAD httpfs`,
    `LOAD '${file('note.txt')}'`,
    `CALL read_csv('${file('imports/partner.csv')}')`,
    `CALL pragma_database_list()`,
    `CREATE TABLE x AS SELECT 1`,
    `CREATE SECRET s (TYPE s3)`,
    `CREATE MACRO m() AS current_setting('allowed_directories')`,
    `INSERT INTO "sprig-demo".country SELECT * FROM "sprig-demo".country`,
    `DROP SCHEMA "sprig-demo" CASCADE`,
    `CHECKPOINT`,
    `VACUUM`,
    `BEGIN TRANSACTION`,
    `SELECT 1; SELECT * FROM read_text('${file('note.txt')}')`,
  );
  return list;
}

describe('the SQL console reads only the loaded packages’ tables (a real sprig serve, its store full of secrets)', () => {
  let served: Served;
  let store: string;
  beforeAll(async () => {
    store = await tempDir('sprig-console-store-');
    await fillStore(store);
    served = await serve([], { store });
  });
  afterAll(() => served.stop());

  it('refuses every escape with a typed reason, before running it, and no answer carries the store', async () => {
    const list = escapes(store);
    let held = 0;
    const codes = new Map<string, number>();
    for (const sql of list) {
      const reply = await call(served, 'runSql', { sql });
      const body = reply.body.toString();
      expect(body, sql).not.toContain(SECRET);
      expect(reply.status, sql).toBe(400);
      const error = (reply.json as { ok: false; error: { code: string; detail: Record<string, unknown>; message: string } }).error;
      expect(['sql-refused', 'sql-invalid'], sql).toContain(error.code);
      // Refused by the checks, never by DuckDB's lockdown or as a raw DuckDB error.
      expect(error.message, sql).not.toMatch(/^(Permission|IO|Catalog|Binder) Error/);
      codes.set(error.code, (codes.get(error.code) ?? 0) + 1);
      held++;
    }
    expect(held).toBe(list.length);
    expect(list.length).toBeGreaterThanOrEqual(200);
    // Everything that reads, discloses or changes is refused outright (sql-refused), not merely "not found".
    expect(codes.get('sql-refused') ?? 0).toBeGreaterThan(list.length * 0.9);
    expect(served.alive()).toBe(true);
  }, 120_000);

  it('says why in words, in every language, for a function and a table outside the datasets', async () => {
    const fn = (await call(served, 'runSql', { sql: `SELECT current_setting('allowed_directories')` })).json as { error: { detail: Record<string, string> } };
    expect(fn.error.detail).toEqual({ context: 'function', name: 'current_setting' });
    const table = (await call(served, 'runSql', { sql: 'FROM information_schema.tables' })).json as { error: { detail: Record<string, string> } };
    expect(table.error.detail).toMatchObject({ context: 'table' });
    for (const language of ['en-GB', 'en-US', 'de', 'el']) {
      const { t } = createI18n(language);
      for (const detail of [fn.error.detail, table.error.detail]) {
        const shown = t('errors.sql-refused', { ...detail });
        expect(shown, language).not.toBe(t('errors.sql-refused', { kind: 'x' }));
        expect(shown, language).toContain(detail.name);
      }
    }
  });

  it('still answers what it is for: the packages’ tables, CTEs, DESCRIBE, the catalogue functions, window functions', async () => {
    const queries = [
      'SELECT count(*) AS n FROM "sprig-demo".country',
      'SELECT count(*) AS n FROM "SPRIG-DEMO".Country',
      'SELECT count(*) AS n FROM memory."sprig-demo".country',
      'WITH c AS (SELECT * FROM "sprig-demo".country) SELECT count(*) FROM c',
      'DESCRIBE "sprig-demo".country',
      'SUMMARIZE "sprig-demo".country',
      `SELECT table_name FROM duckdb_tables() WHERE schema_name = 'sprig-demo'`,
      'SELECT country_code, row_number() OVER (ORDER BY country_code) AS r FROM "sprig-demo".country',
      `SELECT upper(name_en) || '!' AS x, x LIKE '%A%' FROM "sprig-demo".country`,
      `SELECT json_serialize_sql('SELECT 1') AS j`,
      'SELECT * FROM range(3) t(i) WHERE i IN (SELECT 1)',
    ];
    for (const sql of queries) {
      const reply = await call(served, 'runSql', { sql });
      expect(reply.status, `${sql}: ${reply.body.toString().slice(0, 300)}`).toBe(200);
    }
    const unqualified = await call(served, 'runSql', { sql: 'SELECT count(*) AS n FROM country', dataset: 'sprig-demo' });
    expect(unqualified.status).toBe(200);
    expect(tableFromIPC(unqualified.body).numRows).toBe(1);
  });
});

describe('beneath the checks: DuckDB itself reaches no file of the store but its cache and spill folder', () => {
  let engine: Engine;
  let store: string;
  beforeAll(async () => {
    store = await tempDir('sprig-lockdown-store-');
    await fillStore(store);
    engine = await Engine.open({ storeDir: store, bundledDataDirs: [bundledData], log: () => {} });
    await engine.prepared();
  });
  afterAll(() => engine.close());

  // On the engine's own connection, which runs Sprig's SQL and never the user's: what a statement
  // the console's checks let through (should one ever be) would meet.
  it.each(['settings.json', 'imports/partner.csv', 'note.txt', 'mappings/sprig-demo/country.sprig-mapping.json'])('%s cannot be read at all', async (name) => {
    await expect(engine.runRows({ sql: `SELECT * FROM read_text($file)`, params: { file: path.join(store, name) } })).rejects.toThrow(/Permission Error|not allowed|disabled/i);
  });

  it('the allowed folders do not name the store, only its cache and tmp', async () => {
    const rows = await engine.runRows({ sql: `SELECT current_setting('allowed_directories')::VARCHAR AS dirs`, params: {} });
    const dirs = String(rows[0]?.dirs);
    expect(dirs).toContain(path.join(store, 'cache'));
    expect(dirs).toContain(path.join(store, 'tmp'));
    expect(dirs).not.toMatch(new RegExp(`${store.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/?['",\\]]`));
  });

  it('and the cache it wrote after locking is in place and used', async () => {
    const again = await Engine.open({ storeDir: store, bundledDataDirs: [bundledData], log: () => {} });
    try {
      const rows = tableFromIPC(await again.runSql({ sql: 'SELECT count(*) AS n FROM "sprig-demo".country' }));
      expect(Number(rows.getChild('n')?.get(0))).toBeGreaterThan(0);
    } finally {
      await again.close();
    }
  });
});

describe('the store is a folder of its own, and an old store is carried over', () => {
  it('the default store is a folder inside the application’s folder, not the folder itself (Electron’s profile)', () => {
    const env = { XDG_CONFIG_HOME: '/home/u/.config' };
    expect(legacyStoreDir(env, 'linux')).toBe('/home/u/.config/Sprig');
    expect(defaultStoreDir(env, 'linux')).toBe('/home/u/.config/Sprig/store');
    expect(defaultStoreDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32')).toMatch(/Sprig[\\/]store$/);
  });

  it('settings and mappings in the old place are carried over once, and the old files stay', async () => {
    const root = await tempDir();
    const old = path.join(root, 'Sprig');
    const store = path.join(old, 'store');
    await mkdir(path.join(old, 'mappings', 'pkg'), { recursive: true });
    await writeFile(path.join(old, 'settings.json'), JSON.stringify({ dataFolders: ['/data/a', '/data/b'] }));
    await writeFile(path.join(old, 'mappings', 'pkg', 't.sprig-mapping.json'), '{"format":"sprig-mapping"}');
    await writeFile(path.join(old, 'Cookies'), 'electron profile');
    const said: string[] = [];
    await migrateLegacyStore(old, store, (m) => said.push(m));
    expect((await readSettings(store)).dataFolders).toEqual(['/data/a', '/data/b']);
    expect(await readFile(path.join(store, 'mappings', 'pkg', 't.sprig-mapping.json'), 'utf8')).toBe('{"format":"sprig-mapping"}');
    expect(await readFile(path.join(old, 'settings.json'), 'utf8')).toContain('/data/a');
    expect(said.length).toBe(2);
    // Once: later changes in the new store are never overwritten from the old place.
    await writeFile(path.join(store, 'settings.json'), JSON.stringify({ dataFolders: ['/data/c'] }));
    await migrateLegacyStore(old, store, (m) => said.push(m));
    expect((await readSettings(store)).dataFolders).toEqual(['/data/c']);
    expect(said.length).toBe(2);
  });

  it('the engine opens with the old store’s folders when given where it was', async () => {
    const root = await tempDir();
    const old = path.join(root, 'Sprig');
    await mkdir(old, { recursive: true });
    await writeFile(path.join(old, 'settings.json'), JSON.stringify({ dataFolders: [] }));
    const engine = await Engine.open({ storeDir: path.join(old, 'store'), migrateFrom: old, bundledDataDirs: [bundledData], prepare: false, log: () => {} });
    try {
      expect((await engine.listDatasets()).datasets.length).toBeGreaterThan(0);
      expect(await readFile(path.join(old, 'store', 'settings.json'), 'utf8')).toContain('dataFolders');
    } finally {
      await engine.close();
    }
  });
});
