import { beforeAll, describe, expect, it, vi } from 'vitest';
import { methodNames } from '../../src/shared/contract.ts';
import { channelFor } from '../../src/shared/ipc-channels.ts';

const handlers = vi.hoisted(() => new Map<string, (event: unknown, args: unknown) => Promise<unknown>>());
vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, handler: (event: unknown, args: unknown) => Promise<unknown>) => handlers.set(channel, handler) },
}));

const topFrame = (url: string) => ({ url, parent: null });
const event = (webContentsId: number, senderFrame: unknown) => ({ sender: { id: webContentsId }, senderFrame });

describe('main’s contract handlers', () => {
  const forwarded: unknown[][] = [];
  beforeAll(async () => {
    const { handleContractCalls } = await import('../../src/main/ipc.ts');
    handleContractCalls({
      trustedWindow: () => ({ webContentsId: 1, origins: ['app://sprig'] }),
      forward: async (method, args) => {
        forwarded.push([method, args]);
        return { ok: true, value: method };
      },
    });
  });

  it('handle one channel per contract method and no other', () => {
    expect([...handlers.keys()].sort()).toEqual(methodNames.map(channelFor).sort());
  });

  it('forward a valid call from the window’s top frame', async () => {
    const handler = handlers.get(channelFor('listDatasets'));
    expect(await handler?.(event(1, topFrame('app://sprig/index.html')), {})).toEqual({ ok: true, value: 'listDatasets' });
    expect(forwarded).toContainEqual(['listDatasets', {}]);
  });

  it('refuse sub-frames, other windows, other origins and vanished frames as forbidden data', async () => {
    const handler = handlers.get(channelFor('listDatasets'));
    const before = forwarded.length;
    for (const untrusted of [
      event(1, { url: 'app://sprig/index.html', parent: topFrame('app://sprig/index.html') }),
      event(2, topFrame('app://sprig/index.html')),
      event(1, topFrame('https://example.org/')),
      event(1, null),
    ]) {
      expect(await handler?.(untrusted, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(forwarded).toHaveLength(before);
  });

  it('refuse invalid arguments before they reach the engine', async () => {
    const handler = handlers.get(channelFor('addDataFolder'));
    const before = forwarded.length;
    expect(await handler?.(event(1, topFrame('app://sprig/')), { path: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(forwarded).toHaveLength(before);
  });
});
