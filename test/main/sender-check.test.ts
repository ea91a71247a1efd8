import { describe, expect, it } from 'vitest';
import { isTrustedSender, originOf } from '../../src/main/sender-check.ts';

const window = { webContentsId: 7, origins: ['app://sprig'] };
const fromWindow = { webContentsId: 7, frameUrl: 'app://sprig/index.html', isTopFrame: true };

describe('which IPC senders Sprig answers', () => {
  it('answers the top frame of its window showing its own page', () => {
    expect(isTrustedSender(fromWindow, window)).toBe(true);
    expect(isTrustedSender({ ...fromWindow, frameUrl: 'app://sprig/?view=trend#chart' }, window)).toBe(true);
  });

  it('refuses another window, a sub-frame, or a frame that is gone', () => {
    expect(isTrustedSender({ ...fromWindow, webContentsId: 8 }, window)).toBe(false);
    expect(isTrustedSender({ ...fromWindow, isTopFrame: false }, window)).toBe(false);
    expect(isTrustedSender({ ...fromWindow, frameUrl: undefined }, window)).toBe(false);
  });

  it('refuses when there is no window at all', () => {
    expect(isTrustedSender(fromWindow, { webContentsId: undefined, origins: ['app://sprig'] })).toBe(false);
  });

  it('refuses pages from anywhere else', () => {
    for (const url of [
      'https://example.org/',
      'file:///home/ana/evil.html',
      'app://sprig.evil/index.html',
      'app://other/index.html',
      'about:blank',
      'data:text/html,hi',
      'not a url',
    ]) {
      expect(isTrustedSender({ ...fromWindow, frameUrl: url }, window), url).toBe(false);
    }
  });

  it('answers the dev server only when it is one of the trusted origins', () => {
    const dev = { ...fromWindow, frameUrl: 'http://localhost:5173/' };
    expect(isTrustedSender(dev, window)).toBe(false);
    expect(isTrustedSender(dev, { ...window, origins: ['app://sprig', 'http://localhost:5173'] })).toBe(true);
    expect(isTrustedSender({ ...dev, frameUrl: 'http://localhost:5174/' }, { ...window, origins: ['http://localhost:5173'] })).toBe(false);
  });
});

describe('origins', () => {
  it('are built for custom schemes, which URL.origin calls "null"', () => {
    expect(originOf('app://sprig/assets/index.js')).toBe('app://sprig');
    expect(originOf('APP://SPRIG/')).toBe('app://sprig');
    expect(originOf('http://127.0.0.1:5173/x')).toBe('http://127.0.0.1:5173');
    expect(originOf('file:///etc/passwd')).toBeUndefined();
  });
});
