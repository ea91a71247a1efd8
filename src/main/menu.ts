import type { MenuItemConstructorOptions } from 'electron';

/** What the menu can ask of the app; the rest is done by Electron's built-in roles. */
export interface MenuActions {
  addDataFolder(): void;
  importFile(): void;
  showAbout(): void;
}

export interface MenuSetting {
  /** Translates a `menu` namespace key. */
  t: (key: string) => string;
  /** Developer tools are offered only in a development build. */
  isPackaged: boolean;
  platform: NodeJS.Platform;
  /** The product name, which macOS shows as the first menu's title. */
  appName: string;
}

/**
 * The application menu. Every label is translated; on macOS the About and Quit items move
 * to the application menu, where Mac users look for them.
 */
export function menuTemplate({ t, isPackaged, platform, appName }: MenuSetting, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const about: MenuItemConstructorOptions = { label: t('help.about'), click: () => actions.showAbout() };
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: appName,
      submenu: [
        { ...about, label: t('app.about') },
        { type: 'separator' },
        { role: 'hide', label: t('app.hide') },
        { role: 'hideOthers', label: t('app.hideOthers') },
        { role: 'unhide', label: t('app.showAll') },
        { type: 'separator' },
        { role: 'quit', label: t('app.quit') },
      ],
    });
  }
  template.push(
    {
      label: t('file.label'),
      submenu: [
        { label: t('file.addDataFolder'), accelerator: 'CmdOrCtrl+O', click: () => actions.addDataFolder() },
        { label: t('file.importFile'), accelerator: 'CmdOrCtrl+I', click: () => actions.importFile() },
        ...(mac ? [] : [{ type: 'separator' } as const, { role: 'quit', label: t('file.quit') } as const]),
      ],
    },
    {
      label: t('edit.label'),
      submenu: [
        { role: 'undo', label: t('edit.undo') },
        { role: 'redo', label: t('edit.redo') },
        { type: 'separator' },
        { role: 'cut', label: t('edit.cut') },
        { role: 'copy', label: t('edit.copy') },
        { role: 'paste', label: t('edit.paste') },
        { role: 'selectAll', label: t('edit.selectAll') },
      ],
    },
    {
      label: t('view.label'),
      submenu: [
        { role: 'reload', label: t('view.reload') },
        ...(isPackaged ? [] : [{ role: 'toggleDevTools', label: t('view.toggleDevTools') } as const]),
        { type: 'separator' },
        { role: 'resetZoom', label: t('view.resetZoom') },
        { role: 'zoomIn', label: t('view.zoomIn') },
        { role: 'zoomOut', label: t('view.zoomOut') },
        { type: 'separator' },
        { role: 'togglefullscreen', label: t('view.toggleFullScreen') },
      ],
    },
  );
  if (!mac) template.push({ label: t('help.label'), submenu: [about] });
  return template;
}
