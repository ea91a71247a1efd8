import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine, type EngineOptions } from '../../src/engine/engine.ts';
import type { ReplyMessage } from '../../src/main/engine-messages.ts';
import { serveEngine, withOwnBytes, type ParentPortLike } from '../../src/main/engine-port.ts';
import type { SprigService } from '../../src/shared/contract.ts';
import { bundledData, tempDir } from '../support/temp.ts';

/**
 * Electron's `process.parentPort`, played in-process: every message is structured-cloned on
 * the way, as it is between real processes, so anything that would not survive fails here.
 */
function fakeParentPort() {
  let listener: ((event: { data: unknown }) => void) | undefined;
  const waiting = new Map<number, (reply: ReplyMessage) => void>();
  const port: ParentPortLike = {
    on: (_event, l) => (listener = l),
    postMessage: (message) => {
      const reply = structuredClone(message) as ReplyMessage;
      waiting.get(reply.id)?.(reply);
    },
  };
  let nextId = 1;
  return {
    port,
    send(data: unknown) {
      listener?.({ data: structuredClone(data) });
    },
    call(method: string, args: unknown): Promise<ReplyMessage> {
      const id = nextId++;
      const reply = new Promise<ReplyMessage>((resolve) => waiting.set(id, resolve));
      listener?.({ data: structuredClone({ id, method, args }) });
      return reply;
    },
  };
}

describe('the engine process serving calls from main', () => {
  const parent = fakeParentPort();
  let engine: Engine | undefined;

  beforeAll(async () => {
    const options: EngineOptions = { storeDir: await tempDir(), bundledDataDirs: [bundledData] };
    serveEngine(parent.port, async (received) => (engine = await Engine.open(received)));
    parent.send({ open: options });
  });
  afterAll(() => engine?.close());

  it('lists the bundled demo package, answering with the call id', async () => {
    const reply = await parent.call('listDatasets', {});
    expect(reply.id).toBe(1);
    expect(reply.result).toMatchObject({ ok: true, value: { datasets: [{ name: 'sprig-demo' }] } });
  });

  it('answers a view with Arrow bytes that survive the crossing', async () => {
    const spec = { version: 1, dataset: 'sprig-demo', view: 'trend', indicator: 'cohort_connected_pct' };
    const { result } = await parent.call('runView', { spec });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toBeInstanceOf(Uint8Array);
    const table = tableFromIPC(result.value as Uint8Array);
    expect(table.numRows).toBeGreaterThan(0);
  });

  it('answers errors as data: bad arguments, unknown methods, unknown datasets', async () => {
    expect((await parent.call('describeDataset', { dataset: 'Nope!' })).result).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect((await parent.call('dropTables', {})).result).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect((await parent.call('describeDataset', { dataset: 'absent' })).result).toMatchObject({
      ok: false,
      error: { code: 'dataset-not-found', detail: { dataset: 'absent' } },
    });
  });

  it('answers concurrent calls each under its own id', async () => {
    const replies = await Promise.all([
      parent.call('describeDataset', { dataset: 'sprig-demo' }),
      parent.call('listDatasets', {}),
      parent.call('describeDataset', { dataset: 'absent' }),
    ]);
    expect(replies.map((r) => r.result.ok)).toEqual([true, true, false]);
  });
});

describe('an engine process that cannot open its engine', () => {
  it('answers every call engine-unavailable, with the reason', async () => {
    const parent = fakeParentPort();
    serveEngine(parent.port, async () => {
      throw new Error('store is read-only');
    });
    parent.send({ open: { storeDir: path.join('/nowhere'), bundledDataDirs: [] } });
    expect((await parent.call('listDatasets', {})).result).toEqual({
      ok: false,
      error: {
        code: 'engine-unavailable',
        message: 'The engine could not start: store is read-only',
        detail: { reason: 'store is read-only' },
      },
    });
  });

  it('answers engine-unavailable when it was never told where its data are', async () => {
    const parent = fakeParentPort();
    let opened = false;
    serveEngine(parent.port, async () => {
      opened = true;
      return {} as SprigService;
    });
    expect((await parent.call('listDatasets', {})).result).toMatchObject({ ok: false, error: { code: 'engine-unavailable' } });
    expect(opened).toBe(false);
  });
});

describe('bytes sent to main', () => {
  it('are cut down to their own bytes when they are a view into a larger buffer', () => {
    const buffer = new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7]);
    const result = withOwnBytes({ ok: true, value: buffer.subarray(2, 5) });
    if (!result.ok) throw new Error('expected ok');
    const bytes = result.value as Uint8Array;
    expect([...bytes]).toEqual([2, 3, 4]);
    expect(bytes.buffer.byteLength).toBe(3);
  });

  it('are sent as they are when they already own their buffer', () => {
    const value = new Uint8Array([1, 2, 3]);
    const result = withOwnBytes({ ok: true, value });
    expect(result.ok && result.value).toBe(value);
  });
});
