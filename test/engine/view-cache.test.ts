import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import { canonicalJson, ViewCache, viewCacheKey } from '../../src/engine/view-cache.ts';
import { AppError } from '../../src/shared/errors.ts';
import { parseViewSpec, type ViewSpecInput } from '../../src/shared/view-spec.ts';
import { bundledData, tempDir } from '../support/temp.ts';

/** Results cached by the engine: same bytes back, never another view's, bounded, and dropped on reload. */

const spec = (input: Partial<ViewSpecInput> & { view: string }) => parseViewSpec({ version: 2, dataset: 'sprig-demo', ...input });
const bytesOf = (n: number, fill = 1) => new Uint8Array(n).fill(fill);

describe('ViewCache', () => {
  it('answers a copy of what it was given, and counts keys and bytes', () => {
    const cache = new ViewCache(1000);
    const bytes = bytesOf(100, 7);
    cache.set('a', bytes);
    bytes.fill(0); // the caller's array is its own
    const hit = cache.get('a');
    expect(hit).toEqual(bytesOf(100, 7));
    hit?.fill(0);
    expect(cache.get('a')).toEqual(bytesOf(100, 7));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.totalBytes).toBe(100 + 'a'.length * 2);
  });

  it('evicts the least recently used answers once the byte budget is passed', () => {
    const cache = new ViewCache(330);
    cache.set('a', bytesOf(100));
    cache.set('b', bytesOf(100));
    cache.set('c', bytesOf(100));
    cache.get('a'); // a is now more recent than b
    cache.set('d', bytesOf(100));
    expect(['a', 'b', 'c', 'd'].filter((k) => cache.has(k))).toEqual(['a', 'c', 'd']);
    expect(cache.totalBytes).toBeLessThanOrEqual(330);
    cache.set('e', bytesOf(250));
    expect(['a', 'c', 'd', 'e'].filter((k) => cache.has(k))).toEqual(['e']);
    cache.set('huge', bytesOf(1000)); // larger than the whole budget: not kept, nothing evicted for it
    expect(cache.has('huge')).toBe(false);
    expect(cache.has('e')).toBe(true);
  });

  it('runs a query once for callers asking at the same time, and keeps no failure', async () => {
    const cache = new ViewCache();
    const run = vi.fn(async () => bytesOf(10, 3));
    const [x, y] = await Promise.all([cache.getOrRun('k', run), cache.getOrRun('k', run)]);
    expect(run).toHaveBeenCalledTimes(1);
    expect(x).toEqual(y);
    const failing = vi.fn(async (): Promise<Uint8Array> => {
      throw new Error('cancelled');
    });
    await expect(cache.getOrRun('f', failing)).rejects.toThrow('cancelled');
    expect(cache.has('f')).toBe(false);
    await expect(cache.getOrRun('f', async () => bytesOf(5))).resolves.toEqual(bytesOf(5));
  });

  it('runs a joined query again for the caller who joined it, when the caller who started it cancelled it', async () => {
    const cache = new ViewCache();
    let cancelFirst: (error: AppError) => void = () => {};
    const first = cache.getOrRun('k', () => new Promise<Uint8Array>((_, reject) => (cancelFirst = reject)));
    const joined = cache.getOrRun('k', async () => bytesOf(4, 9));
    cancelFirst(new AppError('query-cancelled', 'The query was cancelled', { context: 'user' }));
    await expect(first).rejects.toMatchObject({ code: 'query-cancelled' });
    await expect(joined).resolves.toEqual(bytesOf(4, 9));
    expect(cache.get('k')).toEqual(bytesOf(4, 9));
  });

  it('keys by package and canonical spec: key order does not matter, values do, drawing-only fields do not', () => {
    const pkg = { name: 'p', path: '/data/p' };
    const q = { view: 'breakdown', countries: ['GB-ENG', 'US'], filters: { from: '2020-01-01' } };
    expect(viewCacheKey(pkg, q)).toBe(viewCacheKey(pkg, { filters: { from: '2020-01-01' }, countries: ['GB-ENG', 'US'], view: 'breakdown' }));
    expect(viewCacheKey(pkg, q)).not.toBe(viewCacheKey(pkg, { ...q, countries: ['US', 'GB-ENG'] }));
    expect(viewCacheKey(pkg, q)).not.toBe(viewCacheKey({ name: 'p', path: '/elsewhere/p' }, q));
    expect(viewCacheKey(pkg, q)).toBe(viewCacheKey(pkg, { ...q, highlight: 'US', measure: 'share', logScale: true, sharedY: false }));
    expect(canonicalJson({ b: { d: 1, c: 2 }, a: null })).toBe('{"a":null,"b":{"c":2,"d":1}}');
  });
});

describe('the engine’s view cache', () => {
  let engine: Engine;
  /** Another engine on the same data, asked each view once: what the uncached path answers. */
  let fresh: Engine;
  /** A folder holding one small package, to add: adding a folder swaps the database. */
  let otherFolder: string;
  beforeAll(async () => {
    otherFolder = await tempDir();
    await mkdir(path.join(otherFolder, 'visits'));
    await writeFile(path.join(otherFolder, 'visits', 'visits.csv'), 'site,visits\nLibrary,120\n');
    await writeFile(
      path.join(otherFolder, 'visits', 'datapackage.json'),
      JSON.stringify({ name: 'visits', resources: [{ name: 'visits', path: 'visits.csv', schema: { fields: [{ name: 'site', type: 'string' }, { name: 'visits', type: 'integer' }] } }] }),
    );
    engine = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [bundledData] });
    fresh = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [bundledData] });
  });
  afterAll(() => {
    engine.close();
    fresh.close();
  });

  it('answers a repeated view with identical bytes, without querying again', async () => {
    const run = vi.spyOn(engine, 'runRows');
    const breakdown = spec({ view: 'breakdown', dimension: 'primary_need', countries: ['GB-ENG', 'US'] });
    const first = await engine.runView({ spec: breakdown });
    const second = await engine.runView({ spec: breakdown });
    expect(second).toEqual(first);
    expect(run).toHaveBeenCalledTimes(1);
    // The same answer the uncached path gives.
    expect(await fresh.runView({ spec: breakdown })).toEqual(first);
    run.mockRestore();
  });

  it('never answers one view with another’s', async () => {
    const views = [
      spec({ view: 'breakdown', dimension: 'sex' }),
      spec({ view: 'breakdown', dimension: 'age_band' }),
      spec({ view: 'breakdown', dimension: 'sex', suppressBelow: 500 }),
      spec({ view: 'breakdown', dimension: 'sex', ukNations: 'combined' }),
      spec({ view: 'pathway' }),
      spec({ view: 'pathway', filters: { category: { dimension: 'primary_need', value: 'loneliness' } } }),
      spec({ view: 'trend', indicator: 'link_worker_fte_nwrs' }),
      spec({ view: 'trend', indicator: 'link_worker_fte_nwrs', transform: 'indexed' }),
      spec({ view: 'latest', indicator: 'link_worker_fte_nwrs' }),
    ];
    const cached = [];
    for (const v of views) cached.push(await engine.runView({ spec: v }));
    // Asked again in another order, each still gets its own answer, equal to an uncached run.
    for (const i of [8, 3, 0, 5, 1, 7, 2, 6, 4]) {
      const again = await engine.runView({ spec: views[i]! });
      expect(again, views[i]!.view).toEqual(cached[i]);
    }
    for (const [i, v] of views.entries()) expect(await fresh.runView({ spec: v }), v.view).toEqual(cached[i]);
    expect(new Set(cached.map((b) => Buffer.from(b).toString('base64'))).size).toBe(views.length);
  });

  it('shares one answer between specs that differ only in how they are drawn', async () => {
    const run = vi.spyOn(engine, 'runRows');
    const plain = await engine.runView({ spec: spec({ view: 'breakdown', dimension: 'referral_route' }) });
    const drawn = await engine.runView({ spec: spec({ view: 'breakdown', dimension: 'referral_route', measure: 'share', highlight: 'GB-ENG' }) });
    expect(drawn).toEqual(plain);
    expect(run).toHaveBeenCalledTimes(1);
    run.mockRestore();
  });

  it('a caller changing its bytes does not change the cached answer', async () => {
    const pathway = spec({ view: 'pathway', countries: ['GB-ENG'] });
    const first = await engine.runView({ spec: pathway });
    const copy = first.slice();
    first.fill(0);
    expect(await engine.runView({ spec: pathway })).toEqual(copy);
    expect(tableFromIPC(copy).numRows).toBeGreaterThan(0);
  });

  it('starts afresh when packages reload (adding a data folder swaps the database)', async () => {
    const breakdown = spec({ view: 'breakdown', dimension: 'deprivation_quintile', countries: ['GB-ENG'] });
    const before = await engine.runView({ spec: breakdown });
    const run = vi.spyOn(engine, 'runRows');
    await engine.runView({ spec: breakdown });
    expect(run).toHaveBeenCalledTimes(0);
    await engine.addDataFolder({ path: otherFolder });
    const after = await engine.runView({ spec: breakdown });
    expect(run).toHaveBeenCalledTimes(1);
    expect(after).toEqual(before);
    await engine.runView({ spec: breakdown });
    expect(run).toHaveBeenCalledTimes(1);
    run.mockRestore();
  });
});
