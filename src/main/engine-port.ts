import type { EngineOptions } from '../engine/engine.ts';
import { dispatch, type SprigService } from '../shared/contract.ts';
import type { Result } from '../shared/errors.ts';
import { engineUnavailable, isCallMessage, isOpenMessage, type ReplyMessage } from './engine-messages.ts';

/** The part of Electron's `process.parentPort` the engine uses; tests pass their own. */
export interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

/**
 * The engine process's message loop: waits for `{open}`, opens the engine with it, then
 * answers every `{id, method, args}` with `{id, result}`. Calls that arrive while the engine
 * is still opening wait for it; if it cannot open, they are answered `engine-unavailable`.
 */
export function serveEngine(port: ParentPortLike, openEngine: (options: EngineOptions) => Promise<SprigService>): void {
  let engine: Promise<SprigService> | undefined;
  port.on('message', ({ data }) => {
    if (isOpenMessage(data)) {
      engine ??= openEngine(data.open);
      engine.catch(() => {}); // reported to each call instead
      return;
    }
    if (!isCallMessage(data)) return;
    void answer(engine, data.method, data.args).then((result) => {
      const reply: ReplyMessage = { id: data.id, result: withOwnBytes(result) };
      port.postMessage(reply);
    });
  });
}

async function answer(engine: Promise<SprigService> | undefined, method: string, args: unknown): Promise<Result<unknown>> {
  if (!engine) return { ok: false, error: engineUnavailable('The engine was not told where its data are') };
  let service: SprigService;
  try {
    service = await engine;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, error: engineUnavailable(`The engine could not start: ${reason}`, { reason }) };
  }
  return dispatch(service, method, args);
}

/**
 * Messages are copied by structured clone, which copies a typed array's whole underlying
 * buffer; a view into a larger buffer is cut down to its own bytes first. (Electron's ports
 * can transfer only other ports, not buffers, so one copy is the least there is.)
 */
export function withOwnBytes(result: Result<unknown>): Result<unknown> {
  if (!result.ok || !(result.value instanceof Uint8Array)) return result;
  const bytes = result.value;
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) return result;
  return { ok: true, value: bytes.slice() };
}
