import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isJsonMediaType, startHttpHost, type HttpHost } from '../../src/cli/http-host.ts';
import { methodNames } from '../../src/shared/methods.ts';
import type { SprigService } from '../../src/shared/contract.ts';
import { createI18n } from '../../src/shared/i18n/create.ts';
import { tempDir } from '../support/temp.ts';
import { call, openSocket, ownPage, send, serve, type Served } from './serve.ts';

const { t } = createI18n();

describe('the browser host refuses what does not come from its own page (a real sprig serve)', () => {
  let served: Served;
  beforeAll(async () => {
    served = await serve();
  });
  afterAll(() => served.stop());

  const elsewhere = (port: number) => [
    ['another port of localhost (same site, so the cookie is sent)', { origin: `http://127.0.0.1:${port + 1}`, 'sec-fetch-site': 'same-site' }],
    ['another port, Origin only (no Fetch Metadata)', { origin: `http://localhost:${port + 1}` }],
    ['another site', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }],
    ['a sandboxed page (Origin: null)', { origin: 'null' }],
    ['another scheme on the same host and port', { origin: `https://127.0.0.1:${port}` }],
    ['Sec-Fetch-Site cross-site without an Origin', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site same-site without an Origin', { 'sec-fetch-site': 'same-site' }],
  ] as const;

  it('refuses every API method from another origin or site with 403 forbidden (cross-site), before reading it', async () => {
    let tried = 0;
    for (const [, headers] of elsewhere(served.port)) {
      for (const method of methodNames) {
        const reply = await call(served, method, {}, { ...headers });
        tried++;
        expect(reply.status, `${method} from ${JSON.stringify(headers)}`).toBe(403);
        expect(reply.json).toMatchObject({ ok: false, error: { code: 'forbidden', detail: { context: 'cross-site' } } });
      }
    }
    expect(tried).toBe(7 * methodNames.length);
    // Said in words, never in English only.
    expect(t('errors.forbidden', { context: 'cross-site' })).toMatch(/another web page/);
    // A cross-site addDataFolder did nothing.
    const catalogue = (await call(served, 'listDatasets', {})).json as { ok: true; value: { folders: string[] } };
    expect(catalogue.value.folders).toEqual([]);
  });

  it('answers its own page (same-origin), a typed address (none) and a script with no browser headers', async () => {
    expect((await call(served, 'listDatasets', {})).status).toBe(200);
    expect((await call(served, 'listDatasets', {}, { origin: `http://localhost:${served.port}`, host: `localhost:${served.port}` })).status).toBe(200);
    expect((await call(served, 'listDatasets', {}, { 'sec-fetch-site': 'none' })).status).toBe(200);
    const bare = await send(served.port, {
      path: '/api/listDatasets',
      method: 'POST',
      headers: { host: `127.0.0.1:${served.port}`, cookie: `sprig_token=${served.token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(bare.status).toBe(200);
  });

  it.each([
    ['application/json', 200],
    ['application/json; charset=utf-8', 200],
    ['APPLICATION/JSON; Charset=UTF-8', 200],
    ['  application/json  ;charset=utf-8', 200],
    ['application/jsonp', 415],
    ['application/json-seq', 415],
    ['application/json5', 415],
    ['text/json', 415],
    ['text/plain', 415],
    ['application/x-www-form-urlencoded', 415],
    ['multipart/form-data; boundary=x', 415],
    ['application/jsonx; charset=utf-8', 415],
  ])('matches the JSON content type exactly: %s → %i', async (type, status) => {
    const reply = await call(served, 'listDatasets', {}, { 'content-type': type });
    expect(reply.status).toBe(status);
    if (status === 415) expect(reply.json).toMatchObject({ ok: false, error: { code: 'invalid-request', detail: { context: 'not-json' } } });
  });

  it('a call without a content type is refused the same way', async () => {
    const headers = ownPage(served);
    delete headers['content-type'];
    expect((await send(served.port, { path: '/api/listDatasets', method: 'POST', headers, body: '{}' })).status).toBe(415);
  });

  it.each(['/api/run%ZZSql', '/api/%E0%A4%A', '/api/listDatasets%', '/%E0%A4%A', '/assets/%C0%AF'])('a malformed percent-escape (%s) is a bad request, 400', async (address) => {
    const reply = await send(served.port, { path: address, method: address.startsWith('/api/') ? 'POST' : 'GET', headers: ownPage(served), body: '{}' });
    expect(reply.status).toBe(400);
    if (address.startsWith('/api/')) expect(JSON.parse(reply.body.toString())).toMatchObject({ ok: false, error: { code: 'invalid-request', detail: { context: 'bad-address' } } });
  });

  it('a body over 1 MiB is 413, whether it says its length or not, and the host answers afterwards', async () => {
    const big = JSON.stringify({ sql: `SELECT '${'x'.repeat(2 * 1024 * 1024)}'` });
    const declared = await send(served.port, { path: '/api/runSql', method: 'POST', headers: ownPage(served), body: big });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body.toString())).toMatchObject({ ok: false, error: { code: 'invalid-request', detail: { context: 'too-large', max: 1024 * 1024 } } });
    const chunked = await send(served.port, { path: '/api/runSql', method: 'POST', headers: { ...ownPage(served), 'transfer-encoding': 'chunked' }, body: big });
    expect(chunked.status).toBe(413);
    expect((await call(served, 'listDatasets', {})).status).toBe(200);
  });

  it('an internal failure is never a stack: 500 answers carry error data only', async () => {
    // Every error status the fuzzing saw is checked there; here, the plain-text fallback is generic.
    const reply = await call(served, 'runView', { spec: null });
    expect(reply.status).toBe(400);
    expect(reply.body.toString()).not.toMatch(/\n\s+at /);
  });

  it('slow clients cannot hold the host: headers sent a byte at a time are cut off, connections past the cap closed at once', async () => {
    // Sixty-four connections (the cap) trickling a header a byte every half second, like slowloris.
    const slow = await Promise.all(Array.from({ length: 64 }, () => openSocket(served.port)));
    const trickle = setInterval(() => {
      for (const { socket } of slow) if (!socket.destroyed) socket.write('X');
    }, 500);
    for (const { socket } of slow) socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${served.port}\r\nX-Slow: `);
    try {
      // One past the cap: closed by the host without an answer.
      const extra = await openSocket(served.port);
      let answered = '';
      extra.socket.on('data', (c: Buffer) => (answered += c.toString()));
      extra.socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${served.port}\r\n\r\n`);
      await extra.closed;
      expect(answered).toBe('');
      // Every slow connection is closed by the host's header time-out, not by the test.
      await Promise.all(slow.map((s) => s.closed));
    } finally {
      clearInterval(trickle);
      for (const { socket } of slow) socket.destroy();
    }
    expect(served.alive()).toBe(true);
    expect((await call(served, 'listDatasets', {})).status).toBe(200);
  }, 60_000);
});

describe('the browser host’s time-outs (in process, with short limits)', () => {
  let host: HttpHost;
  beforeAll(async () => {
    const rendererDir = path.join(await tempDir(), 'renderer');
    await mkdir(rendererDir);
    await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Sprig</title>');
    const service = { listDatasets: () => Promise.resolve({ datasets: [], refused: [], folders: [] }) } as unknown as SprigService;
    host = await startHttpHost({ service, rendererDir, port: 0, limits: { headersTimeoutMs: 1_000, requestTimeoutMs: 1_500, keepAliveTimeoutMs: 500 } });
  });
  afterAll(() => host.close());

  it('a body that never ends is cut off by the request time-out (408 or closed), and the host still answers', async () => {
    const { socket, closed } = await openSocket(host.port);
    let answered = '';
    socket.on('data', (c: Buffer) => (answered += c.toString()));
    socket.write(
      `POST /api/listDatasets HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nCookie: sprig_token=${host.token}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`,
    );
    await closed;
    expect(answered === '' || answered.startsWith('HTTP/1.1 408')).toBe(true);
    const reply = await send(host.port, { path: '/api/listDatasets', method: 'POST', headers: ownPage(host), body: '{}' });
    expect(reply.status).toBe(200);
  });

  it('an idle kept-alive connection is closed by the keep-alive time-out', async () => {
    const { socket, closed } = await openSocket(host.port);
    let answered = '';
    socket.on('data', (c: Buffer) => (answered += c.toString()));
    socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nCookie: sprig_token=${host.token}\r\nConnection: keep-alive\r\n\r\n`);
    await closed;
    expect(answered).toMatch(/^HTTP\/1\.1 200/);
  });
});

describe('isJsonMediaType', () => {
  it.each([
    ['application/json', true],
    ['Application/JSON;charset=utf-8', true],
    ['application/jsonp', false],
    ['application/json+x', false],
    ['', false],
    [undefined, false],
  ])('%s → %s', (type, expected) => expect(isJsonMediaType(type)).toBe(expected));
});
