import { dialog, type BrowserWindow } from 'electron';
import { importFileChosenChannel } from '../shared/ipc-channels.ts';

/** What a file that Sprig imports may be called (its content decides what it is; this only narrows the dialog). */
export const IMPORT_EXTENSIONS = ['csv', 'tsv', 'txt', 'xlsx', 'xls', 'ods', 'parquet', 'json'];

export interface ChooseImportFileSetting {
  window: BrowserWindow | undefined;
  /** Translates a key, namespace first (`menu:…`). */
  t: (key: string) => string;
}

/**
 * "Import a file…": the user picks a file, and the window's Import panel opens on it (the
 * panel reads and shows it; nothing is imported until the user says so). The browser host
 * has no such dialog: there the panel's path field is the way in, as for Add folder.
 */
export async function chooseImportFileFromDialog({ window, t }: ChooseImportFileSetting): Promise<void> {
  const options: Electron.OpenDialogOptions = {
    title: t('menu:importFile.dialogTitle'),
    buttonLabel: t('menu:importFile.dialogButton'),
    properties: ['openFile'],
    filters: [
      { name: t('menu:importFile.filterData'), extensions: IMPORT_EXTENSIONS },
      { name: t('menu:importFile.filterAll'), extensions: ['*'] },
    ],
  };
  const choice = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  const file = choice.filePaths[0];
  if (choice.canceled || !file) return;
  window?.webContents.send(importFileChosenChannel, file);
}
