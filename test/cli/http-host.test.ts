import { mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpHost, type HttpHost } from '../../src/cli/http-host.ts';
import { Engine } from '../../src/engine/engine.ts';
import { ARROW_MEDIA_TYPE } from '../../src/shared/contract.ts';
import { bundledData, tempDir } from '../support/temp.ts';

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
