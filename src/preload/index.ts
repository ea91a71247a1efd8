/**
 * The window's only way out: one function per contract method, each carried to main on
 * its own channel, plus news of catalogue changes. No `ipcRenderer`, no generic invoke.
 * The renderer wraps `window.sprig` with `createClient` to get typed errors.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { SprigBridge } from '../shared/contract.ts';
import { methodNames } from '../shared/methods.ts';
import { catalogueChangedChannel, channelFor } from '../shared/ipc-channels.ts';

const methods = Object.fromEntries(
  methodNames.map((method) => [method, (args: unknown) => ipcRenderer.invoke(channelFor(method), args)]),
);

function onCatalogueChanged(callback: () => void): () => void {
  if (typeof callback !== 'function') throw new TypeError('onCatalogueChanged needs a function');
  // The IPC event is not passed on: it would hand the page a way to reach `ipcRenderer`.
  const listener = () => callback();
  ipcRenderer.on(catalogueChangedChannel, listener);
  return () => {
    ipcRenderer.removeListener(catalogueChangedChannel, listener);
  };
}

const bridge = { ...methods, onCatalogueChanged } as SprigBridge;

contextBridge.exposeInMainWorld('sprig', bridge);
