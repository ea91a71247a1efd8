/**
 * Electron main: the thin shell around the engine. It owns the window, the menu and the
 * engine's process, and checks every call the window makes before passing it on.
 */
import path from 'node:path';
import { app, BrowserWindow, Menu, protocol, session, utilityProcess } from 'electron';
import { STORE_FOLDER } from '../engine/store.ts';
import { createI18n } from '../shared/i18n/create.ts';
import { pickLanguage } from '../shared/i18n/languages.ts';
import { addDataFolderFromDialog } from './add-data-folder.ts';
import { chooseImportFileFromDialog } from './choose-import-file.ts';
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME, serveAppRequest } from './app-protocol.ts';
import { bundledDataDir } from './bundled-data.ts';
import { parseDesktopArgs, type DesktopOptions } from './command-line.ts';
import { devServerUrl } from './dev-server.ts';
import { EngineSupervisor, type EngineChild } from './engine-supervisor.ts';
import { answerCall } from './ipc-calls.ts';
import { handleContractCalls } from './ipc.ts';
import { menuTemplate, type MenuActions } from './menu.ts';
import { createRestartPolicy } from './restart-policy.ts';
import { originOf } from './sender-check.ts';
import { createMainWindow, guardWebContents } from './window.ts';

const built = {
  renderer: path.join(import.meta.dirname, '../renderer'),
  preload: path.join(import.meta.dirname, '../preload/index.cjs'),
  engine: path.join(import.meta.dirname, 'engine-process.js'),
};

// Must happen before `ready`: gives app://sprig a real, secure origin of its own. `corsEnabled`
// stays unset on purpose: it would let other origins read the scheme, and same-origin module
// scripts load without it.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);
app.enableSandbox();

if (app.requestSingleInstanceLock()) {
  run();
} else {
  app.quit();
}

function run(): void {
  const args = parseDesktopArgs(process.argv.slice(1), process.cwd());
  for (const problem of args.problems) console.warn(`[sprig] ${problem}`);
  const devUrl = devServerUrl(process.env, app.isPackaged);
  const devOrigin = devUrl ? originOf(devUrl) : undefined;
  const trustedOrigins = devOrigin ? [APP_ORIGIN, devOrigin] : [APP_ORIGIN];
  // Menus and dialogs speak the first of the system's languages that Sprig speaks. The window
  // chooses its own (it may remember a different choice); see src/renderer/features/language.
  const i18n = createI18n(pickLanguage(app.getPreferredSystemLanguages()), 'menu');
  const t = (key: string, values?: Record<string, string | number>) => i18n.t(key, values ?? {});
  const engine = superviseEngine(args);
  let mainWindow: BrowserWindow | undefined;

  const openWindow = () => {
    mainWindow = createMainWindow({ preload: built.preload, url: devUrl ?? APP_ENTRY_URL });
    mainWindow.on('closed', () => (mainWindow = undefined));
  };
  const addDataFolder = () =>
    addDataFolderFromDialog({
      window: mainWindow,
      t,
      addFolder: (folder) => answerCall('addDataFolder', { path: folder }, true, (m, a) => engine.call(m, a)),
    });

  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && !mainWindow) openWindow();
  });
  app.on('will-quit', () => engine.stop());

  void app.whenReady().then(() => {
    refusePermissions();
    protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, built.renderer));
    engine.start();
    handleContractCalls({
      trustedWindow: () => ({ webContentsId: mainWindow?.webContents.id, origins: trustedOrigins }),
      forward: (method, valid) => engine.call(method, valid),
    });
    installMenu(t, {
      addDataFolder: () => void addDataFolder(),
      importFile: () => void chooseImportFileFromDialog({ window: mainWindow, t }),
      showAbout: () => app.showAboutPanel(),
    });
    openWindow();
  });
}

function superviseEngine(args: DesktopOptions): EngineSupervisor {
  return new EngineSupervisor({
    fork: forkEngine,
    engineOptions: {
      // Sprig's store is a folder of its own inside Electron's profile folder (userData), never
      // that folder itself; a store kept there by an older Sprig is carried over once.
      storeDir: args.storeDir ?? path.join(app.getPath('userData'), STORE_FOLDER),
      ...(args.storeDir === undefined ? { migrateFrom: app.getPath('userData') } : {}),
      bundledDataDirs: [bundledDataDir(app.getAppPath())],
      extraDataDirs: args.dataDirs,
    },
    policy: createRestartPolicy(),
    log: (message) => console.warn(`[sprig] ${message}`),
  });
}

/** Sprig needs no camera, microphone, notifications or location; the page gets none. */
function refusePermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

function installMenu(t: (key: string) => string, actions: MenuActions): void {
  app.setAboutPanelOptions({
    applicationName: app.name,
    applicationVersion: app.getVersion(),
    credits: t('menu:about.description'),
  });
  const setting = { t: (key: string) => t(`menu:${key}`), isPackaged: app.isPackaged, platform: process.platform, appName: app.name };
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(setting, actions)));
}

function forkEngine(): EngineChild {
  // The young generation capped: a workbook import's per-cell objects would otherwise grow it
  // to a size set from the machine's memory (322 MB peak for 200,000 rows, 244 MB capped; README, Benchmarks).
  const child = utilityProcess.fork(built.engine, [], { serviceName: 'Sprig engine', execArgv: ['--max-semi-space-size=16'] });
  return {
    postMessage: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', listener),
    kill: () => child.kill(),
  };
}
