import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import { AppError } from '../../src/shared/errors.ts';
import { parseViewSpec } from '../../src/shared/view-spec.ts';
import { bundledData, copyDemoPackage, tempDir, withoutIntegrity } from '../support/temp.ts';

/** Specs reach the engine validated and with defaults, as every host's dispatch leaves them. */
const trend = (indicator: string, countries?: string[]) =>
  parseViewSpec({ version: 2, view: 'trend', dataset: 'sprig-demo', indicator, ...(countries ? { countries } : {}) });

const rowsOf = (bytes: Uint8Array) => tableFromIPC(bytes).toArray().map((r) => r.toJSON() as Record<string, unknown>);

describe('the engine on the bundled demo package', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [bundledData] });
  });
  afterAll(() => engine.close());

  it('opens the demo package and refuses nothing', async () => {
    const catalogue = await engine.listDatasets();
    expect(catalogue.refused).toEqual([]);
    const demo = catalogue.datasets.find((d) => d.name === 'sprig-demo');
    expect(demo).toMatchObject({ bundled: true, synthetic: true });
    expect(demo?.tables).toEqual(expect.arrayContaining(['country', 'indicator', 'source', 'country_year_indicator']));
    expect(demo?.indicators).toEqual(expect.arrayContaining(['link_worker_fte_nwrs', 'cohort_connected_pct']));
  });

  it('describes columns with the types the descriptor declares', async () => {
    const description = await engine.describeDataset({ dataset: 'sprig-demo' });
    const values = description.tableDetails.find((t) => t.name === 'country_year_indicator');
    const type = (name: string) => values?.columns.find((c) => c.name === name)?.type;
    expect(type('period_start')).toBe('DATE');
    expect(type('value')).toBe('DOUBLE');
    expect(type('is_synthetic')).toBe('BOOLEAN');
    expect(values?.rowCount).toBeGreaterThan(0);
  });

  it('describes indicators with unit, caveat and the countries that have data', async () => {
    const description = await engine.describeDataset({ dataset: 'sprig-demo' });
    const fte = description.indicatorDetails.find((i) => i.id === 'link_worker_fte_nwrs');
    expect(fte).toMatchObject({ unit: 'FTE', countriesWithData: ['GB-ENG'] });
    expect(fte?.caveat).toBeTruthy();
    const cohort = description.indicatorDetails.find((i) => i.id === 'cohort_connected_pct');
    expect(cohort?.countriesWithData).toEqual(expect.arrayContaining(['GB-ENG', 'US', 'AU', 'DE', 'GR']));
  });

  it('answers a trend view with the published England values, status and source', async () => {
    const rows = rowsOf(await engine.runView({ spec: trend('link_worker_fte_nwrs', ['GB-ENG']) }));
    const july2023 = rows.find((r) => r.period === 'Jul 2023');
    expect(july2023).toMatchObject({ country: 'GB-ENG', value: 2775, status: 'published_secondary', synthetic: false });
    expect(july2023?.source).toBeTruthy();
    expect(july2023?.period_start).toBe(Date.UTC(2023, 6, 1));
    expect(rows.map((r) => r.period_start)).toEqual([...rows.map((r) => r.period_start)].sort((a, b) => Number(a) - Number(b)));
  });

  it('returns countries without national data as empty values, never zero', async () => {
    const rows = rowsOf(await engine.runView({ spec: trend('link_worker_fte_nwrs') }));
    const us = rows.filter((r) => r.country === 'US');
    expect(us.length).toBeGreaterThan(0);
    for (const r of us) expect(r).toMatchObject({ value: null, status: 'not_available' });
  });

  it('keeps only the countries asked for', async () => {
    const rows = rowsOf(await engine.runView({ spec: trend('cohort_connected_pct', ['US', 'GR']) }));
    expect(new Set(rows.map((r) => r.country))).toEqual(new Set(['US', 'GR']));
  });

  it('says which name is wrong when a view names something the package lacks', async () => {
    await expect(engine.runView({ spec: trend('no_such_indicator') })).rejects.toMatchObject({ code: 'indicator-not-found' });
    await expect(engine.runView({ spec: parseViewSpec({ version: 2, view: 'trend', dataset: 'elsewhere', indicator: 'x' }) })).rejects.toMatchObject({
      code: 'dataset-not-found',
    });
  });
});

describe('a package without outcome scores', () => {
  it('says the outcome view needs a table it lacks, naming it', async () => {
    const folder = await tempDir();
    const dir = await copyDemoPackage(folder, 'no-outcomes');
    const descriptorPath = path.join(dir, 'datapackage.json');
    const descriptor = JSON.parse(await readFile(descriptorPath, 'utf8'));
    descriptor.name = 'no-outcomes';
    descriptor.resources = descriptor.resources.filter((r: { name: string }) => r.name !== 'outcome_measurement');
    await writeFile(descriptorPath, JSON.stringify(descriptor));
    const engine = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [], extraDataDirs: [folder] });
    try {
      expect((await engine.listDatasets()).refused).toEqual([]);
      const spec = parseViewSpec({ version: 2, view: 'outcome', dataset: 'no-outcomes', instrument: 'swemwbs', followUp: 'weeks_8_12' });
      await expect(engine.runView({ spec })).rejects.toMatchObject({ code: 'column-not-found', detail: { table: 'outcome_measurement' } });
    } finally {
      engine.close();
    }
  });
});

describe('DuckDB locked down', () => {
  let engine: Engine;
  let store: string;
  beforeAll(async () => {
    store = await tempDir();
    engine = await Engine.open({ storeDir: store, bundledDataDirs: [bundledData] });
  });
  afterAll(() => engine.close());

  const refusedSql = async (sql: string) => {
    const error = await engine.run({ sql, params: {} }).catch((e: unknown) => e);
    expect(error, sql).toBeInstanceOf(AppError);
    return (error as AppError).message;
  };

  it('cannot read files outside Sprig’s store, even the package it loaded', async () => {
    expect(await refusedSql(`SELECT * FROM read_csv('/etc/passwd')`)).toMatch(/Permission Error/);
    expect(await refusedSql(`SELECT * FROM read_csv('${path.join(bundledData, 'sprig-demo', 'country.csv')}')`)).toMatch(/Permission Error/);
  });

  it('cannot write outside the store, install or load extensions, or change settings', async () => {
    expect(await refusedSql(`COPY (SELECT 1) TO '/tmp/sprig-escape.csv'`)).toMatch(/Permission Error/);
    expect(await refusedSql(`INSTALL httpfs`)).toMatch(/Permission Error|disabled/);
    expect(await refusedSql(`LOAD httpfs`)).toMatch(/disabled/);
    expect(await refusedSql(`SET enable_external_access = true`)).toMatch(/locked/);
    expect(await refusedSql(`SET memory_limit = '20GB'`)).toMatch(/locked/);
    expect(await refusedSql(`ATTACH '/tmp/sprig-escape.db'`)).toMatch(/Permission Error/);
  });

  it('cancels a query on request', async () => {
    const slow = engine.run({ sql: 'SELECT count(*) FROM range(100000000000) a', params: {} }, 'slow');
    await vi.waitFor(() => expect(engine.activeQueries()).toContainEqual({ queryId: 'slow', state: 'running' }), { timeout: 10_000 });
    await engine.cancelQuery({ queryId: 'slow' });
    await expect(slow).rejects.toMatchObject({ code: 'query-cancelled', detail: { context: 'user' } });
    // The connection still answers afterwards.
    expect(tableFromIPC(await engine.run({ sql: 'SELECT 42 AS answer', params: {} })).get(0)?.toJSON()).toEqual({ answer: 42 });
  });

  it('cancels a query that outlives its time limit', async () => {
    const quick = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [], queryTimeoutMs: 300 });
    try {
      await expect(quick.run({ sql: 'SELECT count(*) FROM range(100000000000) a', params: {} })).rejects.toMatchObject({ code: 'query-cancelled' });
    } finally {
      quick.close();
    }
  });
});

describe('data folders the user adds', () => {
  it('opens packages from an added folder, remembers it, and never writes into it', async () => {
    const store = await tempDir();
    const folder = await tempDir();
    const copy = await copyDemoPackage(folder, 'partner');
    const descriptorPath = path.join(copy, 'datapackage.json');
    const descriptor = JSON.parse(await readFile(descriptorPath, 'utf8'));
    await writeFile(descriptorPath, JSON.stringify({ ...descriptor, name: 'partner-data', title: 'Partner data' }));
    const before = await readFile(descriptorPath, 'utf8');

    const engine = await Engine.open({ storeDir: store, bundledDataDirs: [bundledData] });
    const catalogue = await engine.addDataFolder({ path: folder });
    expect(catalogue.datasets.map((d) => d.name)).toEqual(expect.arrayContaining(['sprig-demo', 'partner-data']));
    expect(catalogue.datasets.find((d) => d.name === 'partner-data')?.bundled).toBe(false);
    // The locked database of the new state still refuses the world.
    await expect(engine.run({ sql: `SELECT * FROM read_csv('/etc/passwd')`, params: {} })).rejects.toBeInstanceOf(AppError);
    engine.close();

    const settings = JSON.parse(await readFile(path.join(store, 'settings.json'), 'utf8'));
    expect(settings.dataFolders).toEqual([folder]);
    const reopened = await Engine.open({ storeDir: store, bundledDataDirs: [bundledData] });
    expect((await reopened.listDatasets()).datasets.map((d) => d.name)).toContain('partner-data');
    reopened.close();
    expect(await readFile(descriptorPath, 'utf8')).toBe(before);
  });

  it('says so when the folder does not exist, and changes nothing', async () => {
    const store = await tempDir();
    const engine = await Engine.open({ storeDir: store, bundledDataDirs: [bundledData] });
    await expect(engine.addDataFolder({ path: path.join(store, 'nowhere') })).rejects.toMatchObject({ code: 'folder-not-found' });
    expect((await engine.listDatasets()).datasets).toHaveLength(1);
    engine.close();
  });

  it('says a folder with no data package holds none, and does not remember it', async () => {
    const store = await tempDir();
    const empty = await tempDir();
    await writeFile(path.join(empty, 'notes.csv'), 'a,b\n1,2\n');
    const engine = await Engine.open({ storeDir: store, bundledDataDirs: [bundledData] });
    await expect(engine.addDataFolder({ path: empty })).rejects.toMatchObject({ code: 'folder-not-found', detail: { context: 'no-package', path: empty } });
    expect((await engine.listDatasets()).folders).toEqual([]);
    engine.close();
  });

  it('refuses a relative path: what it names depends on where Sprig was started', async () => {
    const engine = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [bundledData] });
    await expect(engine.addDataFolder({ path: 'data' })).rejects.toMatchObject({ code: 'invalid-request', detail: { context: 'relative-folder' } });
    engine.close();
  });

  it('removes a folder the user added: its packages close, it is forgotten, its files stay', async () => {
    const store = await tempDir();
    const folder = await tempDir();
    const copy = await copyDemoPackage(folder, 'partner');
    const descriptorPath = path.join(copy, 'datapackage.json');
    await writeFile(descriptorPath, JSON.stringify({ ...JSON.parse(await readFile(descriptorPath, 'utf8')), name: 'partner-data' }));
    const engine = await Engine.open({ storeDir: store, bundledDataDirs: [bundledData] });
    expect((await engine.addDataFolder({ path: folder })).folders).toEqual([folder]);
    const after = await engine.removeDataFolder({ path: folder });
    expect(after.folders).toEqual([]);
    expect(after.datasets.map((d) => d.name)).toEqual(['sprig-demo']);
    await expect(engine.removeDataFolder({ path: folder })).rejects.toMatchObject({ code: 'folder-not-found', detail: { context: 'not-added' } });
    engine.close();
    expect(JSON.parse(await readFile(path.join(store, 'settings.json'), 'utf8')).dataFolders).toEqual([]);
    expect(JSON.parse(await readFile(descriptorPath, 'utf8')).name).toBe('partner-data');
  });
});

describe('packages Sprig refuses', () => {
  /** A copy of the demo package, renamed so it could open beside the original, then broken by `mutate`. */
  async function openWith(mutate: (dir: string) => Promise<void>) {
    const folder = await tempDir();
    const dir = await copyDemoPackage(folder, 'broken');
    await withoutIntegrity(dir);
    await editDescriptor(dir, (d) => {
      d.name = 'broken';
    })();
    await mutate(dir);
    const engine = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [bundledData], extraDataDirs: [folder] });
    const catalogue = await engine.listDatasets();
    engine.close();
    return catalogue;
  }

  const editDescriptor = (dir: string, edit: (d: Record<string, unknown>) => void) => async () => {
    const p = path.join(dir, 'datapackage.json');
    const d = JSON.parse(await readFile(p, 'utf8'));
    edit(d);
    await writeFile(p, JSON.stringify(d));
  };

  it('refuses a CSV whose header differs from its schema, naming file, line and field; the demo still opens', async () => {
    const catalogue = await openWith(async (dir) => {
      const p = path.join(dir, 'country.csv');
      const text = await readFile(p, 'utf8');
      await writeFile(p, text.replace('country_code,name_en', 'code,name_en'));
    });
    expect(catalogue.datasets.map((d) => d.name)).toEqual(['sprig-demo']);
    expect(catalogue.refused).toHaveLength(1);
    expect(catalogue.refused[0]).toMatchObject({ file: 'country.csv', row: 1, field: 'country_code', rule: 'header' });
  });

  it('refuses a resource that points outside its folder', async () => {
    const catalogue = await openWith(async (dir) => {
      await editDescriptor(dir, (d) => {
        (d.resources as { path: string }[])[0]!.path = '../../etc/passwd';
      })();
    });
    expect(catalogue.refused[0]).toMatchObject({ rule: 'path' });
    expect(catalogue.refused[0]?.reason).toMatch(/outside the package folder/);
  });

  it('declines a package with a resource on the network, saying why: Sprig never fetches', async () => {
    const catalogue = await openWith(async (dir) => {
      await editDescriptor(dir, (d) => {
        (d.resources as { path: string }[])[0]!.path = 'https://example.org/country.csv';
      })();
    });
    // The other tables refer to the country table, so the package cannot be checked without it.
    expect(catalogue.refused[0]).toMatchObject({ outcome: 'declined', code: 'refers-to-skipped' });
    expect(catalogue.refused[0]?.resources).toEqual([
      expect.objectContaining({ resource: 'country', code: 'remote-path', values: expect.objectContaining({ url: 'https://example.org/country.csv' }) }),
    ]);
  });

  it('refuses a descriptor that is not JSON', async () => {
    const catalogue = await openWith(async (dir) => writeFile(path.join(dir, 'datapackage.json'), '{ not json'));
    expect(catalogue.refused[0]).toMatchObject({ file: 'datapackage.json', rule: 'json' });
  });

  it('refuses a second package with a name already open', async () => {
    const folder = await tempDir();
    await copyDemoPackage(folder, 'again');
    const engine = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [bundledData], extraDataDirs: [folder] });
    const { refused } = await engine.listDatasets();
    engine.close();
    expect(refused[0]).toMatchObject({ rule: 'unique-name' });
  });

  it('refuses a comparison table missing a column Sprig relies on', async () => {
    const catalogue = await openWith(async (dir) => {
      await editDescriptor(dir, (d) => {
        const resources = d.resources as { name: string; schema: { fields: { name: string }[] } }[];
        const indicator = resources.find((r) => r.name === 'indicator')!;
        indicator.schema.fields = indicator.schema.fields.filter((f) => f.name !== 'unit');
      })();
    });
    expect(catalogue.refused[0]).toMatchObject({ field: 'indicator.unit', rule: 'convention' });
  });

  it('reports a folder with no data package in it', async () => {
    const empty = await tempDir();
    await mkdir(path.join(empty, 'nothing-here'));
    const engine = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [bundledData], extraDataDirs: [empty] });
    const { refused } = await engine.listDatasets();
    engine.close();
    expect(refused[0]?.reason).toMatch(/no datapackage.json/);
  });
});

describe('loading is all or nothing', () => {
  const sourceFields = ['source_id', 'title', 'organisation', 'year', 'url', 'licence'];
  /** A package of one `source` table (and any others given), every column text unless typed otherwise. */
  async function writePackage(dir: string, tables: Record<string, { csv: string; types?: Record<string, string> }>) {
    await mkdir(dir, { recursive: true });
    const resources = Object.entries(tables).map(([name, { csv, types }]) => ({
      name,
      path: `${name}.csv`,
      schema: { fields: csv.split('\n')[0]!.split(',').map((field) => ({ name: field, type: types?.[field] ?? 'string' })) },
    }));
    // Sprig-shaped (it says so), so that describing it reads the source table as Sprig's.
    await writeFile(path.join(dir, 'datapackage.json'), JSON.stringify({ name: 'partner-data', sprig: {}, resources }));
    for (const [name, { csv }] of Object.entries(tables)) await writeFile(path.join(dir, `${name}.csv`), `${csv}\n`);
  }

  it('a package that loads but cannot be described leaves nothing, so a valid one of the same name opens', async () => {
    const folder = await tempDir();
    // Loads (the year is declared text), but describing it reads the year as a number.
    await writePackage(path.join(folder, 'a-unreadable-year'), {
      source: { csv: `${sourceFields.join(',')}\nbu_2025,Report,Bureau,circa 2020,https://example.org,CC-BY-4.0` },
      notes: { csv: 'note\nonly in the refused package' },
    });
    await writePackage(path.join(folder, 'b-valid'), {
      source: { csv: `${sourceFields.join(',')}\nbu_2025,Report,Bureau,2020,https://example.org,CC-BY-4.0`, types: { year: 'integer' } },
    });
    const engine = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [], extraDataDirs: [folder] });
    try {
      const catalogue = await engine.listDatasets();
      expect(catalogue.refused.map((r) => path.basename(r.path))).toEqual(['a-unreadable-year']);
      expect(catalogue.refused[0]?.reason).toMatch(/circa 2020/);
      expect(catalogue.datasets.map((d) => [d.name, path.basename(d.path)])).toEqual([['partner-data', 'b-valid']]);
      const tables = rowsOf(await engine.run({ sql: `SELECT table_name FROM duckdb_tables() WHERE schema_name = 'partner-data' ORDER BY 1`, params: {} }));
      expect(tables.map((t) => t.table_name)).toEqual(['source']);
    } finally {
      engine.close();
    }
  });

  it('a package refused in its description leaves no schema behind', async () => {
    const folder = await tempDir();
    await writePackage(path.join(folder, 'unreadable-year'), {
      source: { csv: `${sourceFields.join(',')}\nbu_2025,Report,Bureau,circa 2020,https://example.org,CC-BY-4.0` },
    });
    const engine = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [], extraDataDirs: [folder] });
    try {
      expect((await engine.listDatasets()).refused).toHaveLength(1);
      const schemas = rowsOf(await engine.run({ sql: `SELECT schema_name FROM duckdb_schemas() WHERE schema_name = 'partner-data'`, params: {} }));
      expect(schemas).toEqual([]);
    } finally {
      engine.close();
    }
  });
});
