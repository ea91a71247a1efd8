import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import { bundledData, tempDir } from '../support/temp.ts';

describe('the outcome instruments the engine describes', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [bundledData] });
  });
  afterAll(() => engine.close());

  it('say which direction is better on each, as the package’s instrument table does', async () => {
    const { instruments } = await engine.describeDataset({ dataset: 'sprig-demo' });
    const better = Object.fromEntries(instruments.map((i) => [i.id, i.higherIsBetter]));
    expect(better).toMatchObject({
      k10: false,
      ucla3: false,
      ons4_anxiety: false,
      wemwbs: true,
      swemwbs: true,
      ons4_life_satisfaction: true,
      ons4_worthwhile: true,
      ons4_happiness: true,
    });
  });
});
