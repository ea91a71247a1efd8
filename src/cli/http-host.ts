import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ARROW_MEDIA_TYPE, BYTES_MEDIA_TYPE, bytesMethods, dispatch, isMethodName, type SprigService } from '../shared/contract.ts';
import { httpStatus, type Result } from '../shared/errors.ts';
import { mediaTypeFor } from '../shared/media-types.ts';
import { CONTENT_SECURITY_POLICY } from '../shared/security.ts';

/**
 * The browser host: the same interface and engine as the desktop app, over HTTP on
 * 127.0.0.1 only. Every request must carry the per-run token (in the address printed at
 * start, then as a cookie) and a loopback Host header, so neither another user's web
 * page (DNS rebinding) nor another person on the network can reach the data.
 */
export interface HttpHostOptions {
  service: SprigService;
  /** The built interface (out/renderer). */
  rendererDir: string;
  /** 0: any free port. */
  port: number;
  token?: string;
}

export interface HttpHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const COOKIE = 'sprig_token';
const MAX_BODY = 1024 * 1024;

export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererDir = path.resolve(options.rendererDir);
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', `Internal error: ${(error as Error).message}`);
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    setSecurityHeaders(response);
    if (!allowedHosts.has(request.headers.host ?? '')) {
      return send(response, 403, 'text/plain; charset=utf-8', 'Refused: Sprig answers only on 127.0.0.1 or localhost.');
    }
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    const queryToken = url.searchParams.get('token');
    if (queryToken !== null && request.method === 'GET' && sameToken(queryToken, token)) {
      // Trade the token in the address for a cookie, and take it out of the address bar.
      response.setHeader('Set-Cookie', `${COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict`);
      url.searchParams.delete('token');
      response.setHeader('Location', `${url.pathname}${url.search}`);
      return send(response, 303, 'text/plain; charset=utf-8', '');
    }
    if (!hasToken(request, token)) {
      return send(response, 403, 'text/plain; charset=utf-8', 'Refused: open the address Sprig printed when it started (it carries a token).');
    }
    if (url.pathname.startsWith('/api/')) return handleApi(request, response, url.pathname.slice('/api/'.length));
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed');
    return serveFile(response, url.pathname);
  }

  async function handleApi(request: IncomingMessage, response: ServerResponse, method: string): Promise<void> {
    response.setHeader('Cache-Control', 'no-store');
    if (request.method !== 'POST') return sendResult(response, 405, failure('invalid-request', 'API calls must be POST'));
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendResult(response, 415, failure('invalid-request', 'API calls must send JSON'));
    }
    let args: unknown;
    try {
      args = JSON.parse(await readBody(request));
    } catch (error) {
      return sendResult(response, 400, failure('invalid-request', (error as Error).message));
    }
    const result = await dispatch(options.service, method, args);
    if (result.ok && result.value instanceof Uint8Array) {
      return send(response, 200, isMethodName(method) && bytesMethods.includes(method) ? BYTES_MEDIA_TYPE : ARROW_MEDIA_TYPE, result.value);
    }
    return sendResult(response, result.ok ? 200 : httpStatus[result.error.code], result);
  }

  async function serveFile(response: ServerResponse, pathname: string): Promise<void> {
    let relative: string;
    try {
      relative = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
    } catch {
      return send(response, 400, 'text/plain; charset=utf-8', 'Bad request: the address is not valid percent-encoding');
    }
    const file = path.resolve(rendererDir, `.${relative}`);
    if (!file.startsWith(rendererDir + path.sep)) return send(response, 404, 'text/plain; charset=utf-8', 'Not found');
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
    } catch {
      return send(response, 404, 'text/plain; charset=utf-8', 'Not found');
    }
    return send(response, 200, mediaTypeFor(file), await readFile(file));
  }

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function setSecurityHeaders(response: ServerResponse): void {
  response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  response.setHeader('X-Frame-Options', 'DENY');
}

function hasToken(request: IncomingMessage, token: string): boolean {
  const header = request.headers['x-sprig-token'];
  if (typeof header === 'string' && sameToken(header, token)) return true;
  const cookies = (request.headers.cookie ?? '').split(';').map((c) => c.trim());
  return cookies.some((c) => c.startsWith(`${COOKIE}=`) && sameToken(c.slice(COOKIE.length + 1), token));
}

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('request too large'));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8') || '{}'));
    request.on('error', reject);
  });
}

function failure(code: 'invalid-request', message: string): Result<never> {
  return { ok: false, error: { code, message, detail: { where: '(request)', reason: message } } };
}

function sendResult(response: ServerResponse, status: number, result: Result<unknown>): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(result));
}

function send(response: ServerResponse, status: number, type: string, body: string | Uint8Array): void {
  response.writeHead(status, { 'Content-Type': type });
  response.end(body);
}
