import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import { dispatch } from '../../src/shared/contract.ts';
import { errorCodes, httpStatus, isErrorData } from '../../src/shared/errors.ts';
import { methodNames, type MethodName } from '../../src/shared/methods.ts';
import { bundledData, tempDir } from '../support/temp.ts';
import { ownPage, send, serve, type Reply, type Served } from './serve.ts';

/**
 * Every contract method (src/shared/methods.ts) gets COUNT seeded random payloads through
 * the real browser host (`sprig serve`) and then through `dispatch` on an engine in this
 * process: strings with path tricks, huge and odd numbers, nested objects, the keys of
 * prototype pollution, wrong types, unicode, and valid calls with one part changed. Each
 * must be answered with a valid answer or a typed refusal (its code's own status), never a
 * 5xx or a stack; the host must be up and answering afterwards, and Object.prototype clean.
 *
 * COUNT: SPRIG_FUZZ_COUNT, else 100 on CI (CI=true), else 1,000. The seed is fixed
 * (SPRIG_FUZZ_SEED to change it), so a failure names the payload that caused it and
 * repeats.
 */
const COUNT = Number(process.env.SPRIG_FUZZ_COUNT ?? (process.env.CI === 'true' ? 100 : 1000));
const SEED = Number(process.env.SPRIG_FUZZ_SEED ?? 20261129);

/** A small seeded PRNG (mulberry32). */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seedOf(method: string): number {
  let h = SEED;
  for (const c of method) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return h >>> 0;
}

const PATHS = [
  '../../../../etc/passwd',
  '/etc/passwd',
  '/proc/self/environ',
  '/dev/zero',
  '~/.ssh/id_rsa',
  'C:\\Windows\\win.ini',
  '\\\\server\\share\\x',
  'file:///etc/passwd',
  'http://127.0.0.1:1/x',
  'data*',
  'pkg?',
  '[ab].csv',
  '*.csv',
  '**/*',
  '%2e%2e%2f%2e%2e%2f',
  '..%c0%af..%c0%af',
  'a\u0000b',
  '.',
  '..',
  'sprig-demo/../..',
  '/nonexistent-sprig-fuzz/../nonexistent-sprig-fuzz-2',
  '/nonexistent-sprig-fuzz/data*',
];
const UNICODE = ['Ελληνικά', 'Größe', '🦆🦆', '\u202egnp.exe', '\ud800', 'e\u0301', '\u200b', 'ﷺ', '𝔘𝔫𝔦', 'ǅ', '\uFEFFbom'];
const SQL = [
  "'; DROP TABLE country; --",
  'SELECT 1',
  "SELECT * FROM read_csv('/etc/passwd')",
  "SELECT current_setting('allowed_directories')",
  'SELECT * FROM "sprig-demo".country',
  "FROM '/etc/passwd'",
  'ATTACH ":memory:" AS x',
  'SELECT 1; SELECT 2',
  "IMPORT DATABASE '/tmp'",
];
const KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '', ' ', 'dataset', 'spec', 'sql', 'path', 'queryId', 'table', 'draft', 'figure', 'format', 'formats'];
const NUMBERS = [0, -1, 1, 1.5, -0, 1e308, -1e308, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 1e-320, 4294967296, 100_001, 99_999];

class Fuzzer {
  readonly random: () => number;
  constructor(seed: number) {
    this.random = prng(seed);
  }
  int(n: number): number {
    return Math.floor(this.random() * n);
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)]!;
  }
  string(): string {
    switch (this.int(7)) {
      case 0:
        return this.pick(PATHS);
      case 1:
        return this.pick(UNICODE);
      case 2:
        return this.pick(SQL);
      case 3:
        return 'x'.repeat(this.pick([0, 1, 64, 65, 300, 301, 4097, 100_001]));
      case 4:
        return this.pick(KEYS);
      case 5:
        return Array.from({ length: this.int(20) }, () => String.fromCharCode(this.int(0x3000))).join('');
      default:
        return this.pick(['sprig-demo', 'population', 'trend', 'svg', 'png', 'GB-ENG', 'link_worker_fte_nwrs', 'q1']);
    }
  }
  value(depth = 0): unknown {
    switch (this.int(depth > 3 ? 4 : 7)) {
      case 0:
        return this.string();
      case 1:
        return this.pick(NUMBERS);
      case 2:
        return this.pick([true, false, null]);
      case 3:
        return this.string();
      case 4:
        return Array.from({ length: this.int(5) }, () => this.value(depth + 1));
      default:
        return this.object(depth + 1);
    }
  }
  /** An object with random keys; `__proto__` becomes an own key, as JSON.parse makes it. */
  object(depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (let i = this.int(4); i > 0; i--) Object.defineProperty(out, this.pick(KEYS), { value: this.value(depth), enumerable: true, configurable: true, writable: true });
    return out;
  }
  /** A valid call with one part replaced, removed or added. */
  mutate(valid: unknown): unknown {
    const copy = JSON.parse(JSON.stringify(valid)) as unknown;
    const holders: Record<string, unknown>[] = [];
    const visit = (node: unknown) => {
      if (node && typeof node === 'object') {
        holders.push(node as Record<string, unknown>);
        for (const child of Object.values(node)) visit(child);
      }
    };
    visit(copy);
    const target = this.pick(holders);
    const keys = Object.keys(target);
    const action = this.int(3);
    if (action === 0 && keys.length) target[this.pick(keys)] = this.value(2);
    else if (action === 1 && keys.length) delete target[this.pick(keys)];
    else Object.defineProperty(target, this.pick(KEYS), { value: this.value(2), enumerable: true, configurable: true, writable: true });
    return copy;
  }
  /** JSON text a client could send: mostly made from values, sometimes by hand. */
  body(valid: unknown): string {
    const r = this.random();
    // Some valid calls as they are, so that the engine's answers are fuzzed in between refusals.
    if (r < 0.1) return JSON.stringify(valid);
    if (r < 0.45) return JSON.stringify(this.mutate(valid));
    if (r < 0.8) return JSON.stringify(this.value());
    return this.pick([
      '{"__proto__":{"polluted":true}}',
      '{"constructor":{"prototype":{"polluted":true}}}',
      `${'['.repeat(5000)}${']'.repeat(5000)}`,
      '{"a":1e999}',
      '-1e-999',
      'null',
      '[]',
      '"x"',
      '{',
      '',
      '{"sql":"SELECT 1","sql":"SELECT 2"}',
      `{"dataset":"sprig-demo","__proto__":{"dataset":"x"}}`,
      '\uFEFF{}',
      '{"path":"\\u0000"}',
    ]);
  }
}

/** A valid call of each method, the seed of its mutations. */
function validCalls(folder: string, draft: unknown): Record<MethodName, unknown> {
  const spec = { version: 2, view: 'trend', dataset: 'sprig-demo', indicator: 'link_worker_fte_nwrs' };
  return {
    listDatasets: {},
    describeDataset: { dataset: 'sprig-demo' },
    runView: { spec, queryId: 'fuzz-view' },
    addDataFolder: { path: folder },
    removeDataFolder: { path: folder },
    cancelQuery: { queryId: 'fuzz-view' },
    runSql: { sql: 'SELECT 1 AS one', maxRows: 10, queryId: 'fuzz-sql' },
    inspectMapping: { dataset: 'sprig-demo', table: 'population', ...(draft ? { draft } : {}) },
    saveMapping: { dataset: 'sprig-demo', draft: draft ?? {} },
    listMappings: { dataset: 'sprig-demo' },
    removeMapping: { dataset: 'sprig-demo', table: 'population' },
    renderFigure: { spec, figure: {}, format: 'svg' },
    exportFigureBundle: { spec, figure: {}, formats: ['svg'] },
    loadStatus: {},
    cancelPreparation: {},
  };
}

interface Tally {
  tried: number;
  held: number;
  answered: number;
  refused: number;
  failures: string[];
}

const tallies = new Map<string, Tally>();

function tally(key: string): Tally {
  let t = tallies.get(key);
  if (!t) tallies.set(key, (t = { tried: 0, held: 0, answered: 0, refused: 0, failures: [] }));
  return t;
}

/** Whether an HTTP reply is a valid answer or a typed refusal; the reason when it is not. */
function judgeReply(reply: Reply): 'answered' | 'refused' | string {
  const text = reply.body.toString();
  if (/\n\s+at |node:internal\//.test(text)) return `a stack in the reply (${reply.status})`;
  if (reply.status >= 500) return `status ${reply.status}: ${text.slice(0, 200)}`;
  const type = String(reply.headers['content-type'] ?? '');
  if (reply.status === 200) {
    if (!type.startsWith('application/json')) return reply.body.length > 0 ? 'answered' : 'an empty answer';
    const json = JSON.parse(text) as { ok?: unknown };
    return json.ok === true ? 'answered' : `200 without ok: ${text.slice(0, 200)}`;
  }
  if (!type.startsWith('application/json')) return `status ${reply.status} without error data`;
  const json = JSON.parse(text) as { ok?: unknown; error?: unknown };
  if (json.ok !== false || !isErrorData(json.error)) return `status ${reply.status} without typed error data`;
  const expected = [httpStatus[json.error.code], 405, 413, 415];
  return expected.includes(reply.status) ? 'refused' : `status ${reply.status} for ${json.error.code}`;
}

describe(`fuzzing every contract method with ${COUNT} seeded payloads each`, () => {
  let served: Served;
  let engine: Engine;
  let folder: string;
  let draft: unknown;
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

  beforeAll(async () => {
    folder = path.join(await tempDir(), 'no-packages-here');
    await mkdir(folder);
    served = await serve();
    engine = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [bundledData], prepare: false, log: () => {} });
    draft = (await engine.inspectMapping({ dataset: 'sprig-demo', table: 'population' }).catch(() => null))?.draft;
  });
  afterAll(async () => {
    await served.stop();
    await engine.close();
    const rows = [...tallies].map(([key, t]) => `${key.padEnd(32)} tried ${String(t.tried).padStart(5)}  held ${String(t.held).padStart(5)}  (answered ${t.answered}, refused ${t.refused})`);
    const total = [...tallies.values()].reduce((sum, t) => ({ tried: sum.tried + t.tried, held: sum.held + t.held }), { tried: 0, held: 0 });
    console.log(`Contract fuzzing, seed ${SEED}:\n${rows.join('\n')}\nall: tried ${total.tried}, held ${total.held}`);
  });

  it.each(methodNames.map((m) => [m]))('%s through the real HTTP host', async (method) => {
    const fuzz = new Fuzzer(seedOf(method));
    const t = tally(`${method} (HTTP)`);
    const valid = validCalls(folder, draft)[method];
    for (let i = 0; i < COUNT; i++) {
      const body = fuzz.body(valid);
      const reply = await send(served.port, { path: `/api/${method}`, method: 'POST', headers: ownPage(served), body });
      t.tried++;
      const verdict = judgeReply(reply);
      if (verdict === 'answered' || verdict === 'refused') {
        t.held++;
        t[verdict]++;
      } else t.failures.push(`#${i} ${body.slice(0, 200)} → ${verdict}`);
    }
    expect(t.failures).toEqual([]);
    expect(t.held).toBe(COUNT);
    // Still up, and still answering.
    expect(served.alive()).toBe(true);
    const health = await send(served.port, { path: '/api/listDatasets', method: 'POST', headers: ownPage(served), body: '{}' });
    expect(health.status).toBe(200);
  }, 600_000);

  it.each(methodNames.map((m) => [m]))('%s through dispatch, in process: typed errors only, Object.prototype untouched', async (method) => {
    const fuzz = new Fuzzer(seedOf(method) ^ 0x5eed);
    const t = tally(`${method} (dispatch)`);
    const valid = validCalls(folder, draft)[method];
    for (let i = 0; i < COUNT; i++) {
      const text = fuzz.body(valid);
      let args: unknown;
      try {
        args = JSON.parse(text);
      } catch {
        args = text;
      }
      const result = await dispatch(engine, method, args);
      t.tried++;
      if (result.ok) {
        t.held++;
        t.answered++;
      } else if ((errorCodes as readonly string[]).includes(result.error.code) && result.error.code !== 'internal' && !/\n\s+at /.test(result.error.message)) {
        t.held++;
        t.refused++;
      } else t.failures.push(`#${i} ${text.slice(0, 200)} → ${result.error.code}: ${result.error.message.slice(0, 200)}`);
    }
    expect(t.failures).toEqual([]);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await engine.listDatasets()).datasets.length).toBeGreaterThan(0);
  }, 600_000);
});
