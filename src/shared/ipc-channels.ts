import type { MethodName } from './methods.ts';

/**
 * The Electron IPC channel names, derived from the contract's method names. Main and the
 * preload both take them from here, so no channel string is written anywhere else.
 */
export function channelFor(method: MethodName): `sprig:${MethodName}` {
  return `sprig:${method}`;
}

/** Main tells the window that the catalogue changed outside it (the "Add data folder…" menu item). */
export const catalogueChangedChannel = 'sprig:catalogue-changed';

/** Main hands the window the file the user chose in the "Import a file…" dialog (an absolute path, nothing else). */
export const importFileChosenChannel = 'sprig:import-file-chosen';
