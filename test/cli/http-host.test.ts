import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHttpHost, type HttpHost } from '../../src/cli/http-host.ts';
import { Engine } from '../../src/engine/engine.ts';
import { ARROW_MEDIA_TYPE, BYTES_MEDIA_TYPE } from '../../src/shared/contract.ts';
import { errorCodes, httpStatus } from '../../src/shared/errors.ts';
import { bundledData, copyDemoPackage, tempDir } from '../support/temp.ts';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw HTTP request, so the Host header can be anything (fetch would not let us lie about it). */
function send(port: number, options: { path: string; method?: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: options.path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('the browser host', () => {
  let engine: Engine;
  let host: HttpHost;
  let rendererDir: string;
  const hostHeader = () => ({ host: `127.0.0.1:${host.port}` });
  const authed = () => ({ ...hostHeader(), cookie: `sprig_token=${host.token}` });
  const api = (method: string, args: unknown, headers: Record<string, string> = authed()) =>
    send(host.port, { path: `/api/${method}`, method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(args) });

  beforeAll(async () => {
    const root = await tempDir();
    rendererDir = path.join(root, 'renderer');
    await mkdir(rendererDir);
    await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Sprig</title>');
    await writeFile(path.join(root, 'secret.txt'), 'not for the browser');
    engine = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [bundledData] });
    host = await startHttpHost({ service: engine, rendererDir, port: 0 });
  });
  afterAll(async () => {
    await host.close();
    engine.close();
  });

  it('prints an address on 127.0.0.1 carrying its token', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=${host.token}$`));
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses a request without the token', async () => {
    expect((await send(host.port, { path: '/', headers: hostHeader() })).status).toBe(403);
    expect((await api('listDatasets', {}, hostHeader())).status).toBe(403);
    expect((await send(host.port, { path: '/?token=wrong', headers: hostHeader() })).status).toBe(403);
  });

  it('refuses a Host header that is not loopback, even with the token (DNS rebinding)', async () => {
    const reply = await send(host.port, { path: '/', headers: { host: `evil.example:${host.port}`, cookie: `sprig_token=${host.token}` } });
    expect(reply.status).toBe(403);
    expect((await api('listDatasets', {}, { host: 'evil.example', cookie: `sprig_token=${host.token}` })).status).toBe(403);
  });

  it('trades the token in the address for a strict cookie and a clean address', async () => {
    const reply = await send(host.port, { path: `/?token=${host.token}`, headers: hostHeader() });
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe('/');
    expect(String(reply.headers['set-cookie'])).toMatch(/sprig_token=.*HttpOnly; SameSite=Strict/);
  });

  it('keeps the address’s other parameters (such as the language) when it drops the token', async () => {
    const reply = await send(host.port, { path: `/?token=${host.token}&lang=de`, headers: hostHeader() });
    expect(reply.headers.location).toBe('/?lang=de');
  });

  it('serves the interface with a strict Content-Security-Policy', async () => {
    const reply = await send(host.port, { path: '/', headers: authed() });
    expect(reply.status).toBe(200);
    expect(reply.body.toString()).toContain('<title>Sprig</title>');
    const csp = String(reply.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('serves nothing outside the interface folder', async () => {
    expect((await send(host.port, { path: '/../secret.txt', headers: authed() })).status).toBe(404);
    expect((await send(host.port, { path: '/%2e%2e/secret.txt', headers: authed() })).status).toBe(404);
  });

  it('answers contract calls as JSON and views as Arrow', async () => {
    const list = await api('listDatasets', {});
    expect(list.status).toBe(200);
    expect(JSON.parse(list.body.toString())).toMatchObject({ ok: true, value: { datasets: [{ name: 'sprig-demo' }] } });
    const view = await api('runView', { spec: { version: 1, view: 'trend', dataset: 'sprig-demo', indicator: 'link_worker_fte_nwrs', countries: ['GB-ENG'] } });
    expect(view.headers['content-type']).toBe(ARROW_MEDIA_TYPE);
    expect(tableFromIPC(view.body).numRows).toBeGreaterThan(0);
  });

  it('answers a figure as its file’s bytes, not as Arrow, and refuses a view of another dataset version with 409', async () => {
    const spec = { version: 2, view: 'trend', dataset: 'sprig-demo', indicator: 'link_worker_fte_nwrs' };
    const figure = await api('renderFigure', { spec, figure: {}, format: 'svg' });
    expect(figure.status).toBe(200);
    expect(figure.headers['content-type']).toBe(BYTES_MEDIA_TYPE);
    expect(figure.body.toString('utf8')).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const old = await api('renderFigure', { spec, figure: {}, format: 'svg', datasetVersion: '0.0.1' });
    expect(old.status).toBe(409);
    expect(JSON.parse(old.body.toString())).toMatchObject({ ok: false, error: { code: 'dataset-version-differs', detail: { saved: '0.0.1' } } });
  });

  it('answers an address that is not valid percent-encoding as a bad request, not an internal error', async () => {
    expect((await send(host.port, { path: '/%E0%A4%A', headers: authed() })).status).toBe(400);
  });

  it('answers bad calls with error data and a fitting status', async () => {
    const unknown = await api('dropEverything', {});
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.body.toString())).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    const missing = await api('describeDataset', { dataset: 'nope' });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body.toString())).toMatchObject({ ok: false, error: { code: 'dataset-not-found' } });
    const notJson = await send(host.port, { path: '/api/listDatasets', method: 'POST', headers: { ...authed(), 'content-type': 'text/plain' }, body: '{}' });
    expect(notJson.status).toBe(415);
  });
});

describe('the browser host’s statuses: the caller’s mistakes are 4xx with a typed error, never 500', () => {
  let engine: Engine;
  let host: HttpHost;
  const api = (method: string, args: unknown) =>
    send(host.port, {
      path: `/api/${method}`,
      method: 'POST',
      headers: { host: `127.0.0.1:${host.port}`, cookie: `sprig_token=${host.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(args),
    });
  /** The status and the error data of a call that fails. */
  const failure = async (method: string, args: unknown) => {
    const reply = await api(method, args);
    const body = JSON.parse(reply.body.toString()) as { ok: boolean; error: { code: string; detail?: Record<string, unknown> } };
    expect(body.ok).toBe(false);
    return { status: reply.status, code: body.error.code, detail: body.error.detail };
  };
  const trend = (extra: Record<string, unknown>) => ({ spec: { version: 2, view: 'trend', dataset: 'sprig-demo', indicator: 'link_worker_fte_nwrs', ...extra } });

  beforeAll(async () => {
    // A package of referrals only: no indicator values to chart, no outcome scores.
    const folder = await tempDir();
    const dir = await copyDemoPackage(folder, 'people-only');
    const descriptorPath = path.join(dir, 'datapackage.json');
    const descriptor = JSON.parse(await readFile(descriptorPath, 'utf8'));
    descriptor.name = 'people-only';
    descriptor.resources = descriptor.resources.filter((r: { name: string }) => !['country_year_indicator', 'outcome_measurement'].includes(r.name));
    await writeFile(descriptorPath, JSON.stringify(descriptor));
    engine = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [bundledData], extraDataDirs: [folder] });
    expect((await engine.listDatasets()).refused).toEqual([]);
    host = await startHttpHost({ service: engine, rendererDir: await tempDir(), port: 0 });
  });
  afterAll(async () => {
    await host.close();
    engine.close();
  });

  it('400 for a request that breaks the contract, or is not JSON', async () => {
    expect(await failure('runView', trend({ indicator: 'a; DROP TABLE' }))).toMatchObject({ status: 400, code: 'invalid-request' });
    expect(await failure('cancelQuery', { queryId: '' })).toMatchObject({ status: 400, code: 'invalid-request' });
    const notJson = await send(host.port, {
      path: '/api/listDatasets',
      method: 'POST',
      headers: { host: `127.0.0.1:${host.port}`, cookie: `sprig_token=${host.token}`, 'content-type': 'application/json' },
      body: '{ not json',
    });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body.toString())).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('400 for SQL the console refuses', async () => {
    expect(await failure('runSql', { sql: `COPY (SELECT 1) TO '/tmp/sprig-http-test.csv'` })).toMatchObject({ status: 400, code: 'sql-refused' });
  });

  it('400 for SQL with a syntax error, saying where', async () => {
    expect(await failure('runSql', { sql: 'SELEC 1' })).toEqual({ status: 400, code: 'sql-invalid', detail: { context: 'syntax', near: 'SELEC' } });
  });

  it('400 for SQL naming a column or table that does not exist, saying which', async () => {
    expect(await failure('runSql', { sql: 'SELECT nme FROM country', dataset: 'sprig-demo' })).toEqual({
      status: 400,
      code: 'sql-invalid',
      detail: { context: 'column', column: 'nme' },
    });
    expect(await failure('runSql', { sql: 'SELECT * FROM country' })).toMatchObject({ status: 400, code: 'sql-invalid', detail: { context: 'table-suggestion', table: 'country' } });
  });

  it('404 for a dataset, indicator, column or folder that does not exist', async () => {
    expect(await failure('runView', { spec: { ...trend({}).spec, dataset: 'nowhere' } })).toMatchObject({ status: 404, code: 'dataset-not-found' });
    expect(await failure('runView', trend({ indicator: 'no_such_indicator' }))).toMatchObject({ status: 404, code: 'indicator-not-found' });
    const outcome = { version: 2, view: 'outcome', dataset: 'people-only', instrument: 'swemwbs', followUp: 'weeks_8_12' };
    expect(await failure('runView', { spec: outcome })).toMatchObject({ status: 404, code: 'column-not-found', detail: { table: 'outcome_measurement' } });
    expect(await failure('addDataFolder', { path: path.join(await tempDir(), 'nowhere') })).toMatchObject({ status: 404, code: 'folder-not-found' });
  });

  it('422 for a view the package cannot draw, or a transform that does not apply', async () => {
    expect(await failure('runView', { spec: { ...trend({}).spec, dataset: 'people-only' } })).toMatchObject({ status: 422, code: 'view-not-supported' });
    expect(await failure('runView', trend({ indicator: 'cohort_connected_pct', transform: 'per100k' }))).toMatchObject({
      status: 422,
      code: 'transform-not-applicable',
    });
  });

  it('409 for a query its caller cancelled', async () => {
    const reply = api('runSql', { sql: 'SELECT count(*) FROM range(100000000000) t(i) WHERE hash(i) % 7 = 3', queryId: 'http-endless' });
    await vi.waitFor(() => expect(engine.activeQueries()).toContainEqual({ queryId: 'http-endless', state: 'running' }), { timeout: 10_000 });
    const cancel = await api('cancelQuery', { queryId: 'http-endless' });
    expect(cancel.status).toBe(200);
    const cancelled = await reply;
    expect(cancelled.status).toBe(409);
    expect(JSON.parse(cancelled.body.toString())).toMatchObject({ ok: false, error: { code: 'query-cancelled', detail: { context: 'user' } } });
  });

  it('gives every error code a status, and 5xx only to failures of Sprig itself', () => {
    for (const code of errorCodes) {
      const status = httpStatus[code];
      expect(status, code).toBeGreaterThanOrEqual(400);
      if (status >= 500) expect(['query-failed', 'internal', 'engine-unavailable']).toContain(code);
    }
  });
});
