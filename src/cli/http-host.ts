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
  /** How long a client may take to send a request's headers, and the whole request (ms); how long an idle kept-alive connection stays open. */
  limits?: Partial<HostLimits>;
}

export interface HostLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /** Connections open at once; one past it is closed at once (a browser opens six per host). */
  maxConnections: number;
  /** The largest request body, in bytes; a larger one is answered 413. */
  maxBodyBytes: number;
}

/**
 * A slow client (slowloris: headers a byte at a time, a body that never ends) is cut off
 * after these, and no number of them holds more than `maxConnections` sockets. None of them
 * limits an answer: a console query may take its 30 s after its request has arrived.
 */
export const DEFAULT_HOST_LIMITS: HostLimits = {
  headersTimeoutMs: 5_000,
  requestTimeoutMs: 15_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 64,
  maxBodyBytes: 1024 * 1024,
};

export interface HttpHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const COOKIE = 'sprig_token';

export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererDir = path.resolve(options.rendererDir);
  const limits = { ...DEFAULT_HOST_LIMITS, ...options.limits };
  const server = createServer({
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // How often Node looks for requests past their time-outs (its default, 30 s, would let a slow client stay that long).
    connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
  });
  server.maxConnections = limits.maxConnections;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const ownOrigins = new Set([...allowedHosts].map((h) => `http://${h}`));

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch(() => {
      // Never a stack or an engine message to a client; the engine's own failures come back as error data.
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'Internal error');
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    setSecurityHeaders(response);
    if (!allowedHosts.has(request.headers.host ?? '')) {
      return send(response, 403, 'text/plain; charset=utf-8', 'Refused: Sprig answers only on 127.0.0.1 or localhost.');
    }
    let url: URL;
    try {
      url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    } catch {
      return send(response, 400, 'text/plain; charset=utf-8', 'Bad request: the address cannot be read');
    }
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

  async function handleApi(request: IncomingMessage, response: ServerResponse, escapedMethod: string): Promise<void> {
    response.setHeader('Cache-Control', 'no-store');
    // Before anything else: a page of another site (another port of localhost is the same
    // *site*, and carries the cookie) may not call the engine, whatever it sends.
    const crossSite = crossSiteReason(request);
    if (crossSite) {
      return sendResult(response, 403, { ok: false, error: { code: 'forbidden', message: `Refused a ${crossSite} request`, detail: { context: 'cross-site', from: crossSite } } });
    }
    if (request.method !== 'POST') return sendResult(response, 405, failure('API calls must be POST', 'not-post'));
    if (!isJsonMediaType(request.headers['content-type'])) return sendResult(response, 415, failure('API calls must send JSON (application/json)', 'not-json'));
    let method: string;
    try {
      method = decodeURIComponent(escapedMethod);
    } catch {
      return sendResult(response, 400, failure('the address is not valid percent-encoding', 'bad-address'));
    }
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limits.maxBodyBytes) return tooLarge(request, response);
    let body: string | 'too-large';
    try {
      body = await readBody(request, limits.maxBodyBytes);
    } catch {
      // The client went away (or stopped sending until the request time-out closed it).
      return;
    }
    if (body === 'too-large') return tooLarge(request, response);
    let args: unknown;
    try {
      args = JSON.parse(body);
    } catch (error) {
      return sendResult(response, 400, failure((error as Error).message, 'not-json'));
    }
    const result = await dispatch(options.service, method, args);
    if (result.ok && result.value instanceof Uint8Array) {
      return send(response, 200, isMethodName(method) && bytesMethods.includes(method) ? BYTES_MEDIA_TYPE : ARROW_MEDIA_TYPE, result.value);
    }
    return sendResult(response, result.ok ? 200 : httpStatus[result.error.code], result);
  }

  function tooLarge(request: IncomingMessage, response: ServerResponse): void {
    // Answered at once; the rest of the body is not read, and the connection is not kept.
    response.setHeader('Connection', 'close');
    sendResult(response, 413, {
      ok: false,
      error: { code: 'invalid-request', message: `The request is larger than ${limits.maxBodyBytes} bytes`, detail: { context: 'too-large', max: limits.maxBodyBytes } },
    });
    response.on('finish', () => request.destroy());
  }

  /**
   * Why a request comes from somewhere else, or null when it comes from Sprig's own page (or
   * from no page at all: a script on this machine with the token, which sends neither header).
   * `Origin` must be this host's own origin, exactly; `Sec-Fetch-Site` must be same-origin or
   * none (a typed address or a bookmark). A page on another port of localhost is same-site,
   * not same-origin, and is refused.
   */
  function crossSiteReason(request: IncomingMessage): string | null {
    const origin = request.headers.origin;
    if (origin !== undefined && !ownOrigins.has(origin.toLowerCase())) return 'cross-origin';
    const site = request.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') return site === 'same-site' ? 'same-site' : 'cross-site';
    return null;
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

/** The body as text, or 'too-large' as soon as it passes `max` bytes (the rest is not read). */
function readBody(request: IncomingMessage, max: number): Promise<string | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        request.off('data', onData);
        request.pause();
        resolve('too-large');
      } else chunks.push(chunk);
    };
    request.on('data', onData);
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8') || '{}'));
    request.on('error', reject);
    request.on('close', () => reject(new Error('the client closed the connection')));
  });
}

/**
 * Whether a Content-Type header is JSON: the media type `application/json` exactly, in any
 * case, with or without parameters (`; charset=utf-8`). `application/jsonp`,
 * `application/json-seq` or `text/json` are not.
 */
export function isJsonMediaType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const essence = header.split(';', 1)[0]?.trim().toLowerCase();
  return essence === 'application/json';
}

function failure(message: string, context: string): Result<never> {
  return { ok: false, error: { code: 'invalid-request', message, detail: { context, where: '(request)', reason: message } } };
}

function sendResult(response: ServerResponse, status: number, result: Result<unknown>): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(result));
}

function send(response: ServerResponse, status: number, type: string, body: string | Uint8Array): void {
  response.writeHead(status, { 'Content-Type': type });
  response.end(body);
}
