import { BrowserWindow, shell, type WebContents } from 'electron';
import { externalLinkTarget } from './external-link.ts';

export interface MainWindowOptions {
  /** The built preload, `out/preload/index.cjs`. */
  preload: string;
  /** `app://sprig/index.html`, or the dev server's address during development. */
  url: string;
}

/** Sprig's one window: a sandboxed page whose only way out is the preload's contract. */
export function createMainWindow({ preload, url }: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 760,
    minHeight: 520,
    show: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(url);
  return window;
}

/**
 * Applied to every web contents the app creates: the page may not navigate away, be
 * redirected, open windows or embed webviews. A web link it tries to open in a new window
 * goes to the system browser instead.
 */
export function guardWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const target = externalLinkTarget(url);
    if (target) void shell.openExternal(target);
    return { action: 'deny' };
  });
}
