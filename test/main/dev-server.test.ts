import { describe, expect, it } from 'vitest';
import { devServerUrl } from '../../src/main/dev-server.ts';

describe('the development server address', () => {
  it('is used while developing, when it is on this computer', () => {
    expect(devServerUrl({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, false)).toBe('http://localhost:5173/');
    expect(devServerUrl({ ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173/' }, false)).toBe('http://127.0.0.1:5173/');
    expect(devServerUrl({ ELECTRON_RENDERER_URL: 'http://[::1]:5173/' }, false)).toBe('http://[::1]:5173/');
  });

  it('is ignored by a packaged app', () => {
    expect(devServerUrl({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, true)).toBeUndefined();
  });

  it('is refused when it points elsewhere or is not http', () => {
    for (const value of ['https://evil.example/', 'http://192.168.1.5:5173/', 'file:///tmp/index.html', 'nonsense', '']) {
      expect(devServerUrl({ ELECTRON_RENDERER_URL: value }, false), value).toBeUndefined();
    }
    expect(devServerUrl({}, false)).toBeUndefined();
  });
});
