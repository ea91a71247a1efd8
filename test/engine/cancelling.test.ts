import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import type { ActiveQuery } from '../../src/engine/view-queries.ts';
import { parseViewSpec } from '../../src/shared/view-spec.ts';
import { bundledData, tempDir } from '../support/temp.ts';

/**
 * Each query its own: cancelling one, or one running out of time, stops that query and no
 * other, whether views (which share one DuckDB connection) or SQL console queries.
 */

/** Runs until cancelled. */
const ENDLESS = 'SELECT count(*) AS n FROM range(100000000000) t(i) WHERE hash(i) % 7 = 3';
/** Runs long enough to be cancelled in the middle of (about a second), then answers. */
const LONG = 'SELECT count(*)::DOUBLE AS n FROM range(60000000) t(i) WHERE hash(i) % 7 = 3';

const firstRow = (bytes: Uint8Array) => tableFromIPC(bytes).get(0)?.toJSON() as Record<string, unknown>;
const settled = <T,>(promise: Promise<T>) => promise.then(
  (value) => ({ value }),
  (error: unknown) => ({ error }),
);

/** Waits until the engine reports this query in this state (DuckDB forgets an interrupt sent before a query begins). */
async function waitUntil(engine: Engine, query: ActiveQuery) {
  await vi.waitFor(() => expect(engine.activeQueries()).toContainEqual(query), { timeout: 10_000, interval: 10 });
}

describe('cancelling one query', () => {
  let engine: Engine;
  let longAnswer: unknown;
  beforeAll(async () => {
    engine = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [bundledData], prepare: false });
    longAnswer = firstRow(await engine.run({ sql: LONG, params: {} })).n;
  });
  afterAll(() => engine.close());

  it('a console query cancelled leaves a view running at the same time to answer in full', async () => {
    const view = settled(engine.run({ sql: LONG, params: {} }, 'view-long'));
    const sql = settled(engine.runSql({ sql: ENDLESS, queryId: 'console-endless' }));
    await waitUntil(engine, { queryId: 'console-endless', state: 'running' });
    await waitUntil(engine, { queryId: 'view-long', state: 'running' });
    await engine.cancelQuery({ queryId: 'console-endless' });
    expect(await sql).toMatchObject({ error: { code: 'query-cancelled', detail: { context: 'user' } } });
    const answered = await view;
    expect(answered).toHaveProperty('value');
    expect(firstRow((answered as { value: Uint8Array }).value).n).toBe(longAnswer);
  });

  it('a view cancelled leaves a console query running at the same time to answer in full', async () => {
    const view = settled(engine.run({ sql: ENDLESS, params: {} }, 'view-endless'));
    const sql = settled(engine.runSql({ sql: LONG, queryId: 'console-long' }));
    await waitUntil(engine, { queryId: 'view-endless', state: 'running' });
    await waitUntil(engine, { queryId: 'console-long', state: 'running' });
    await engine.cancelQuery({ queryId: 'view-endless' });
    expect(await view).toMatchObject({ error: { code: 'query-cancelled', detail: { context: 'user' } } });
    const answered = await sql;
    expect(answered).toHaveProperty('value');
    expect(firstRow((answered as { value: Uint8Array }).value).n).toBe(longAnswer);
  });

  it('a queued view cancelled leaves the queue without running; the views around it answer', async () => {
    const running = settled(engine.run({ sql: ENDLESS, params: {} }, 'first'));
    await waitUntil(engine, { queryId: 'first', state: 'running' });
    const queued = settled(engine.run({ sql: 'SELECT 1 AS n', params: {} }, 'second'));
    const after = engine.run({ sql: 'SELECT 3 AS n', params: {} }, 'third');
    expect(engine.activeQueries()).toEqual([
      { queryId: 'first', state: 'running' },
      { queryId: 'second', state: 'queued' },
      { queryId: 'third', state: 'queued' },
    ]);
    await engine.cancelQuery({ queryId: 'second' });
    expect(await queued).toMatchObject({ error: { code: 'query-cancelled', detail: { context: 'user' } } });
    expect(engine.activeQueries().map((q) => q.queryId)).toEqual(['first', 'third']);
    await engine.cancelQuery({ queryId: 'first' });
    expect(await running).toMatchObject({ error: { code: 'query-cancelled' } });
    expect(firstRow(await after)).toEqual({ n: 3 });
    expect(engine.activeQueries()).toEqual([]);
  });

  it('an id that names no query is no error', async () => {
    await expect(engine.cancelQuery({ queryId: 'long-finished' })).resolves.toBeUndefined();
  });
});

describe('a view out of time', () => {
  /** Runs for a fraction of the time limit. */
  const SHORT = 'SELECT count(*)::DOUBLE AS n FROM range(5000000) t(i) WHERE hash(i) % 7 = 3';
  let engine: Engine;
  beforeAll(async () => {
    engine = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [bundledData], queryTimeoutMs: 3000 });
  });
  afterAll(() => engine.close());

  it('fails alone: the view waiting behind it then has its whole time limit and answers', async () => {
    const expected = firstRow(await engine.runSql({ sql: SHORT })).n;
    const slow = settled(engine.run({ sql: ENDLESS, params: {} }, 'too-slow'));
    await waitUntil(engine, { queryId: 'too-slow', state: 'running' });
    const next = settled(engine.run({ sql: SHORT, params: {} }, 'next'));
    expect(engine.activeQueries()).toContainEqual({ queryId: 'next', state: 'queued' });
    const failed = await slow;
    expect(failed).toMatchObject({ error: { code: 'query-cancelled' } });
    expect((failed as { error: { detail: object } }).error.detail).not.toHaveProperty('context', 'user');
    const answered = await next;
    expect(answered).toHaveProperty('value');
    expect(firstRow((answered as { value: Uint8Array }).value)).toEqual({ n: expected });
  });

  it('and real views still answer on the same connection afterwards', async () => {
    const spec = parseViewSpec({ version: 2, view: 'trend', dataset: 'sprig-demo', indicator: 'link_worker_fte_nwrs', countries: ['GB-ENG'] });
    expect(tableFromIPC(await engine.runView({ spec, queryId: 'trend' })).numRows).toBeGreaterThan(0);
  });
});
