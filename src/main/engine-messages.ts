import type { EngineOptions } from '../engine/engine.ts';
import type { ErrorData, Result } from '../shared/errors.ts';

/**
 * The messages between Electron main and the engine's utility process. Main sends
 * `{open}` once, first, then one `{id, method, args}` per contract call; the engine answers
 * each call with `{id, result}`.
 */
export interface OpenMessage {
  open: EngineOptions;
}

export interface CallMessage {
  id: number;
  method: string;
  args: unknown;
}

export interface ReplyMessage {
  id: number;
  result: Result<unknown>;
}

export function isOpenMessage(data: unknown): data is OpenMessage {
  return isRecord(data) && isRecord(data.open) && typeof data.open.storeDir === 'string';
}

export function isCallMessage(data: unknown): data is CallMessage {
  return isRecord(data) && Number.isInteger(data.id) && typeof data.method === 'string';
}

export function isReplyMessage(data: unknown): data is ReplyMessage {
  return isRecord(data) && Number.isInteger(data.id) && isRecord(data.result) && typeof data.result.ok === 'boolean';
}

export function engineUnavailable(message: string, detail?: ErrorData['detail']): ErrorData {
  return { code: 'engine-unavailable', message, ...(detail ? { detail } : {}) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
