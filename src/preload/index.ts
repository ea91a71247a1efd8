/**
 * The window's only way out: one function per contract method, each carried to main on
 * its own channel, plus news of catalogue changes and of a file chosen to import. No
 * `ipcRenderer`, no generic invoke.
 * The renderer wraps `window.sprig` with `createClient` to get typed errors.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { SprigBridge } from '../shared/contract.ts';
import { methodNames } from '../shared/methods.ts';
import { catalogueChangedChannel, channelFor, importFileChosenChannel } from '../shared/ipc-channels.ts';

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

function onImportFileChosen(callback: (path: string) => void): () => void {
  if (typeof callback !== 'function') throw new TypeError('onImportFileChosen needs a function');
  // Only the path is passed on (never the event), and only if it is a string.
  const listener = (_event: unknown, path: unknown) => {
    if (typeof path === 'string') callback(path);
  };
  ipcRenderer.on(importFileChosenChannel, listener);
  return () => {
    ipcRenderer.removeListener(importFileChosenChannel, listener);
  };
}

const bridge = { ...methods, onCatalogueChanged, onImportFileChosen } as SprigBridge;

contextBridge.exposeInMainWorld('sprig', bridge);
