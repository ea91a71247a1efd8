import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpHost, type HttpHost } from '../../src/cli/http-host.ts';
import { Engine } from '../../src/engine/engine.ts';
import { createClient, type SprigApi } from '../../src/shared/contract.ts';
import type { Result } from '../../src/shared/errors.ts';
import { greekCsv } from '../support/import-files.ts';
import { tempDir } from '../support/temp.ts';

/** The import methods over `sprig serve`'s HTTP, through the same client the interface uses. */
describe('importing over the browser host', () => {
  let engine: Engine;
  let host: HttpHost;
  let api: SprigApi;
  let dir: string;

  beforeAll(async () => {
    dir = await tempDir();
    const rendererDir = path.join(dir, 'renderer');
    await mkdir(rendererDir);
    await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Sprig</title>');
    engine = await Engine.open({ storeDir: path.join(dir, 'store'), bundledDataDirs: [], prepare: false });
    host = await startHttpHost({ service: engine, rendererDir, port: 0 });
    api = createClient(async (method, args) => {
      const response = await fetch(`http://127.0.0.1:${host.port}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: `sprig_token=${host.token}` },
        body: JSON.stringify(args),
      });
      return (await response.json()) as Result<unknown>;
    });
  });
  afterAll(async () => {
    await host.close();
    await engine.close();
  });

  it('inspects, asks for the encoding as an error with its code, imports, and reports the final counts', async () => {
    const file = await greekCsv(dir);
    const inspection = await api.inspectImport({ file });
    expect(inspection.decode?.candidates[0]?.encoding).toBe('windows-1253');
    await expect(api.startImport({ file })).rejects.toMatchObject({ code: 'import-choice-needed', detail: { context: 'encoding' } });
    const started = await api.startImport({ file, recipe: { encoding: 'windows-1253', name: 'greek' } });
    expect(started.state).toBe('running');
    await engine.importFinished(started.importId);
    const status = await api.importStatus({ importId: started.importId });
    expect(status).toMatchObject({ state: 'done', counts: { read: 4, imported: 4, rejected: 0 }, package: { name: 'greek' } });
    expect((await api.listImports({})).map((i) => i.name)).toEqual(['greek']);
    expect((await api.listDatasets({})).datasets.map((d) => d.name)).toEqual(['greek']);
    await expect(api.importStatus({ importId: 'nothing' })).rejects.toMatchObject({ code: 'import-not-found' });
  });
});
