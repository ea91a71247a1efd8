import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, resolveAppFile, serveAppRequest } from '../../src/main/app-protocol.ts';
import { tempDir } from '../support/temp.ts';

const root = path.resolve('/opt/sprig/out/renderer');

describe('app://sprig/ addresses', () => {
  it('name files under the built renderer', () => {
    expect(resolveAppFile(root, 'app://sprig/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://sprig/assets/index-abc.js?v=1#x')).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveAppFile(root, 'app://sprig/assets/Noto%20Sans.woff2')).toBe(path.join(root, 'assets', 'Noto Sans.woff2'));
  });

  it('mean index.html for a folder', () => {
    expect(resolveAppFile(root, 'app://sprig/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://sprig')).toBe(path.join(root, 'index.html'));
  });

  it('never reach outside it, however the path is spelled', () => {
    for (const url of [
      'app://sprig/../main/index.js',
      'app://sprig/%2e%2e/%2e%2e/etc/passwd',
      'app://sprig/..%2F..%2Fetc%2Fpasswd',
      'app://sprig/assets/..%2f..%2f..%2fsecret',
      'app://sprig/..%5C..%5Csecret',
      'app://sprig/index.html%00.png',
      'app://sprig/%E0%A4%A',
    ]) {
      const file = resolveAppFile(root, url);
      if (file !== undefined) expect(file.startsWith(root + path.sep), `${url} → ${file}`).toBe(true);
    }
    expect(resolveAppFile(root, 'app://sprig/..%2F..%2Fetc%2Fpasswd')).toBeUndefined();
    expect(resolveAppFile(root, 'app://sprig/index.html%00.png')).toBeUndefined();
  });

  it('belong to Sprig only', () => {
    expect(resolveAppFile(root, 'app://other/index.html')).toBeUndefined();
    expect(resolveAppFile(root, 'file:///opt/sprig/out/renderer/index.html')).toBeUndefined();
    expect(resolveAppFile(root, 'https://sprig/index.html')).toBeUndefined();
  });
});

describe('serving the renderer', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await tempDir();
    await mkdir(path.join(dir, 'renderer', 'assets'), { recursive: true });
    await writeFile(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>Sprig</title>');
    await writeFile(path.join(dir, 'renderer', 'assets', 'app.js'), 'export {}');
    await writeFile(path.join(dir, 'secret.txt'), 'not for the page');
  });
  const get = (url: string, method = 'GET') => serveAppRequest(new Request(url, { method }), path.join(dir, 'renderer'));

  it('sends the page with a strict Content-Security-Policy', async () => {
    const response = await get('app://sprig/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Sprig</title>');
  });

  it('sends scripts as JavaScript', async () => {
    const response = await get('app://sprig/assets/app.js');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 for missing files and files outside the renderer', async () => {
    expect((await get('app://sprig/nothing.js')).status).toBe(404);
    expect((await get('app://sprig/..%2Fsecret.txt')).status).toBe(404);
    expect((await get('app://sprig/assets')).status).toBe(404);
  });

  it('answers only GET and HEAD', async () => {
    expect((await get('app://sprig/', 'POST')).status).toBe(405);
    const head = await get('app://sprig/', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('the Content-Security-Policy', () => {
  it('allows scripts from Sprig only and nothing from elsewhere', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
  });
});
