/**
 * Whether an IPC message may be answered: it must come from the top frame of Sprig's own
 * window, showing a page of Sprig's own origin. Anything else (a frame, a window a page
 * managed to open, a page navigated elsewhere) is refused before the engine sees it.
 */
export interface SenderFacts {
  /** `event.sender.id`. */
  webContentsId: number;
  /** `event.senderFrame?.url`; undefined when the frame is gone. */
  frameUrl: string | undefined;
  /** True when the frame has no parent. */
  isTopFrame: boolean;
}

export interface TrustedWindow {
  /** The main window's `webContents.id`, or undefined when there is no window. */
  webContentsId: number | undefined;
  /** Origins the window's page may have: `app://sprig`, and the dev server's in development. */
  origins: readonly string[];
}

export function isTrustedSender(sender: SenderFacts, trusted: TrustedWindow): boolean {
  if (trusted.webContentsId === undefined || sender.webContentsId !== trusted.webContentsId) return false;
  if (!sender.isTopFrame || sender.frameUrl === undefined) return false;
  const origin = originOf(sender.frameUrl);
  return origin !== undefined && trusted.origins.includes(origin);
}

/**
 * `scheme://host[:port]` of a URL. WHATWG `URL.origin` is `"null"` for schemes Node does not
 * treats as special (such as `app:`), so it is built here; URLs without a host have no origin.
 */
export function originOf(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (!parsed.host) return undefined;
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.origin;
  // Node keeps a custom scheme's host as written; Chromium lowercases it, as hosts are case-blind.
  return `${parsed.protocol}//${parsed.host.toLowerCase()}`;
}
