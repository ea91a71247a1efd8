import { ARROW_MEDIA_TYPE, BYTES_MEDIA_TYPE, createClient, type MethodName, type SprigApi, type SprigBridge } from '../shared/contract.ts';
import type { Result } from '../shared/errors.ts';

declare global {
  interface Window {
    /** Present in the desktop app, from the preload. */
    sprig?: SprigBridge;
  }
}

/** The desktop app talks through the preload; in a browser, `sprig serve` answers over HTTP. */
export function connectApi(): SprigApi {
  const bridge = window.sprig;
  if (bridge) {
    return createClient((method, args) => (bridge[method] as (a: unknown) => Promise<Result<unknown>>)(args));
  }
  return createClient(callOverHttp);
}

/** Subscribes to the file chosen in the desktop menu's "Import a file…" dialog; a no-op in a browser. */
export function onImportFileChosen(callback: (path: string) => void): () => void {
  return window.sprig?.onImportFileChosen?.(callback) ?? (() => {});
}

/** Subscribes to catalogue changes made outside the page (the desktop menu); a no-op in a browser. */
export function onCatalogueChanged(callback: () => void): () => void {
  return window.sprig?.onCatalogueChanged(callback) ?? (() => {});
}

async function callOverHttp(method: MethodName, args: unknown): Promise<Result<unknown>> {
  let response: Response;
  try {
    response = await fetch(`api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(args ?? {}),
      credentials: 'same-origin',
    });
  } catch (error) {
    return { ok: false, error: { code: 'engine-unavailable', message: (error as Error).message } };
  }
  const type = response.headers.get('content-type') ?? '';
  if (type.startsWith(ARROW_MEDIA_TYPE) || type.startsWith(BYTES_MEDIA_TYPE)) {
    return { ok: true, value: new Uint8Array(await response.arrayBuffer()) };
  }
  try {
    return (await response.json()) as Result<unknown>;
  } catch {
    return { ok: false, error: { code: 'forbidden', message: `HTTP ${response.status}` } };
  }
}
