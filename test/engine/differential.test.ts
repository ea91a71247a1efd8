import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import { parseViewSpec } from '../../src/shared/view-spec.ts';
import { randomPersonSpecs } from '../support/random-specs.ts';
import { bundledData, tempDir } from '../support/temp.ts';

/**
 * The compact tables and the SQL builder must give the same answer to every person-level
 * view: hundreds of random specs (views, dimensions, instruments, countries, the UK, period
 * ranges, categories, "not recorded", thresholds) through two engines on the same data, one
 * counting from the compact tables, the other only with the builder's SQL.
 */
const SEED = 20261129;
const COUNT = 500;

let compact: Engine;
let builder: Engine;
beforeAll(async () => {
  compact = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [bundledData] });
  builder = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [bundledData], compactTables: false });
  // Prepared: compact tables, their month counts and the outcome series all answer.
  await compact.prepared();
});
afterAll(() => {
  compact.close();
  builder.close();
});

const rows = async (engine: Engine, spec: ReturnType<typeof parseViewSpec>) =>
  tableFromIPC(await engine.runView({ spec })).toArray().map((r) => r.toJSON() as Record<string, unknown>);

/** Equal, numbers to 1e-9 relative (parallel sums of doubles may differ in the last bits). */
function same(a: Record<string, unknown>[], b: Record<string, unknown>[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((row, i) =>
    Object.entries(row).every(([key, value]) => {
      const other = b[i]?.[key];
      if (typeof value === 'number' && typeof other === 'number') return Math.abs(value - other) <= 1e-9 * Math.max(1, Math.abs(other));
      return value === other;
    }),
  );
}

describe('compact tables against the builder', () => {
  it(`answer ${COUNT} random person-level views identically (seed ${SEED})`, async () => {
    const differ: string[] = [];
    let cells = 0;
    for (const input of randomPersonSpecs(SEED, COUNT)) {
      const spec = parseViewSpec(input);
      const [a, b] = [await rows(compact, spec), await rows(builder, spec)];
      cells += a.length;
      if (!same(a, b)) differ.push(JSON.stringify(input));
    }
    expect(differ, `specs answered differently:\n${differ.join('\n')}`).toEqual([]);
    expect(cells).toBeGreaterThan(COUNT * 5);
  }, 300_000);
});
