import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { mediaTypeFor } from '../shared/media-types.ts';
import { CONTENT_SECURITY_POLICY } from '../shared/security.ts';

/**
 * Sprig's own URL scheme for the window's page. A privileged standard scheme gives the page
 * a real origin (unlike `file://`, where every file on disk shares one), so the CSP's
 * `'self'` means Sprig's build output and nothing else.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'sprig';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export { CONTENT_SECURITY_POLICY };

/**
 * The file under `rendererDir` (absolute) that an `app://sprig/…` URL names, or undefined
 * when the URL is not Sprig's or would reach outside the folder (`..`, encoded slashes,
 * NUL bytes). A path ending in `/` means its `index.html`.
 */
export function resolveAppFile(rendererDir: string, requestUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST) return undefined;
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
  if (relative.includes('\0')) return undefined;
  if (relative === '' || relative.endsWith('/')) relative += 'index.html';
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${path.sep}${relative}`);
  const inside = path.relative(root, file);
  if (inside === '' || inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) return undefined;
  return file;
}

export function contentTypeFor(file: string): string {
  return mediaTypeFor(file);
}

/** Answers a request to the app scheme from the built renderer, with Sprig's CSP. */
export async function serveAppRequest(request: Request, rendererDir: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
  const file = resolveAppFile(rendererDir, request.url);
  if (!file) return plain(404, 'Not found');
  let body: Uint8Array<ArrayBuffer>;
  try {
    body = await readFile(file);
  } catch {
    return plain(404, 'Not found');
  }
  return new Response(request.method === 'HEAD' ? null : body, {
    status: 200,
    headers: {
      'Content-Type': contentTypeFor(file),
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    },
  });
}

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
  });
}
