import { beforeAll, describe, expect, it, vi } from 'vitest';
import { methodNames } from '../../src/shared/contract.ts';
import { catalogueChangedChannel, channelFor, importFileChosenChannel } from '../../src/shared/ipc-channels.ts';

/** Electron's renderer modules, recorded: the preload runs against these instead. */
const electron = vi.hoisted(() => {
  const exposed = new Map<string, Record<string, unknown>>();
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  return {
    exposed,
    listeners,
    contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: async (channel: string, args: unknown) => ({ ok: true, value: { channel, args } }),
      on: (channel: string, listener: (...args: unknown[]) => void) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)?.add(listener);
      },
      removeListener: (channel: string, listener: (...args: unknown[]) => void) => listeners.get(channel)?.delete(listener),
    },
  };
});
vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }));

describe('the preload', () => {
  let api: Record<string, unknown> = {};
  beforeAll(async () => {
    await import('../../src/preload/index.ts');
    api = electron.exposed.get('sprig') ?? {};
  });

  it('exposes window.sprig and nothing else', () => {
    expect([...electron.exposed.keys()]).toEqual(['sprig']);
  });

  it('offers exactly the contract’s methods, onCatalogueChanged and onImportFileChosen: no generic invoke, no ipcRenderer', () => {
    expect(Object.keys(api).sort()).toEqual([...methodNames, 'onCatalogueChanged', 'onImportFileChosen'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('carries each method on its own channel', async () => {
    for (const method of methodNames) {
      const call = api[method] as (args: unknown) => Promise<unknown>;
      expect(await call({ x: 1 })).toEqual({ ok: true, value: { channel: channelFor(method), args: { x: 1 } } });
    }
  });

  it('tells the page of catalogue changes without handing it the IPC event, and lets it stop listening', () => {
    const heard: unknown[][] = [];
    const subscribe = api.onCatalogueChanged as (callback: (...args: unknown[]) => void) => () => void;
    const unsubscribe = subscribe((...args) => heard.push(args));
    const listeners = electron.listeners.get(catalogueChangedChannel);
    for (const listener of listeners ?? []) listener({ sender: 'ipcRenderer' }, 'extra');
    expect(heard).toEqual([[]]);
    unsubscribe();
    expect(electron.listeners.get(catalogueChangedChannel)?.size).toBe(0);
  });

  it('hands the page only the path of a file chosen to import, never the IPC event, and lets it stop listening', () => {
    const heard: unknown[][] = [];
    const subscribe = api.onImportFileChosen as (callback: (...args: unknown[]) => void) => () => void;
    const unsubscribe = subscribe((...args) => heard.push(args));
    for (const listener of electron.listeners.get(importFileChosenChannel) ?? []) {
      listener({ sender: 'ipcRenderer' }, '/data/partner.csv', 'extra');
      listener({ sender: 'ipcRenderer' }, { not: 'a path' });
    }
    expect(heard).toEqual([['/data/partner.csv']]);
    unsubscribe();
    expect(electron.listeners.get(importFileChosenChannel)?.size).toBe(0);
  });
});
