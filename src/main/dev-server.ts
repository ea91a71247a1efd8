const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The renderer's dev-server URL that `electron-vite dev` hands main, or undefined. A
 * packaged app ignores it, and only a loopback http(s) address is accepted, so an
 * environment variable can never point Sprig's window at a page elsewhere.
 */
export function devServerUrl(env: NodeJS.ProcessEnv, isPackaged: boolean): string | undefined {
  const value = env.ELECTRON_RENDERER_URL;
  if (isPackaged || !value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  return LOOPBACK_HOSTS.has(url.hostname) ? url.href : undefined;
}
