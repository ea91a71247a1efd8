import { dialog, type BrowserWindow } from 'electron';
import type { Result } from '../shared/errors.ts';
import { catalogueChangedChannel } from '../shared/ipc-channels.ts';

export interface AddDataFolderSetting {
  window: BrowserWindow | undefined;
  /** Translates a key, namespace first (`menu:…`, `common:…`). */
  t: (key: string, values?: Record<string, string | number>) => string;
  /** Asks the engine to open the folder (validated like any contract call). */
  addFolder: (path: string) => Promise<Result<unknown>>;
}

/**
 * "Add data folder…": the user picks a folder, the engine opens the packages in it, and the
 * window hears that the catalogue changed. A failure is shown in a dialog, translated.
 */
export async function addDataFolderFromDialog({ window, t, addFolder }: AddDataFolderSetting): Promise<void> {
  const options: Electron.OpenDialogOptions = {
    title: t('menu:addDataFolder.dialogTitle'),
    buttonLabel: t('menu:addDataFolder.dialogButton'),
    properties: ['openDirectory'],
  };
  const choice = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  const folder = choice.filePaths[0];
  if (choice.canceled || !folder) return;
  const result = await addFolder(folder);
  if (result.ok) {
    window?.webContents.send(catalogueChangedChannel);
    return;
  }
  const { code, message, detail } = result.error;
  const box: Electron.MessageBoxOptions = {
    type: 'warning',
    message: t('menu:addDataFolder.failed'),
    detail: t(`common:errors.${code}`, { ...detail, defaultValue: message }),
  };
  await (window ? dialog.showMessageBox(window, box) : dialog.showMessageBox(box));
}
