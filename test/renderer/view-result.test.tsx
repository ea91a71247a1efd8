// @vitest-environment jsdom
import { act, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import { useViewResult } from '../../src/renderer/features/explorer/use-view-result.ts';
import type { ViewSpecInput } from '../../src/shared/view-spec.ts';
import { mountWithEngine } from '../support/mount.tsx';
import { bundledData, tempDir } from '../support/temp.ts';

const ENDLESS = 'SELECT count(*) FROM range(100000000000) t(i) WHERE hash(i) % 7 = 3';
const trend = (indicator: string): ViewSpecInput => ({ version: 2, view: 'trend', dataset: 'sprig-demo', indicator, countries: ['GB-ENG'] });

let showSpec: (spec: ViewSpecInput) => void = () => {};

/** The hook as the explorer uses it, showing which indicator's answer is on screen. */
function ViewProbe() {
  const { t } = useTranslation();
  const [spec, setSpec] = useState<ViewSpecInput>(trend('link_worker_fte_nwrs'));
  showSpec = setSpec;
  const result = useViewResult(spec, t);
  return <p data-state={result.state}>{result.state === 'ready' && 'indicator' in result.spec ? result.spec.indicator : ''}</p>;
}

/** The views' hook against the real engine in this process: a view superseded before it answers is cancelled, alone. */
describe('a view superseded by a newer one', () => {
  let engine: Engine;
  let container: HTMLElement;
  let unmount: () => void;
  const views = () => engine.activeQueries().filter((q) => q.queryId.startsWith('view-'));

  beforeAll(async () => {
    engine = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [bundledData] });
  });
  afterAll(() => {
    unmount();
    engine.close();
  });

  it('is cancelled: it leaves the queue without running, and the newer one answers', async () => {
    // Holds the views' connection, so the views the hook asks for wait in the queue.
    const blocker = engine.run({ sql: ENDLESS, params: {} }, 'blocker').catch((e: unknown) => e);
    await vi.waitFor(() => expect(engine.activeQueries()).toContainEqual({ queryId: 'blocker', state: 'running' }), { timeout: 10_000 });

    ({ container, unmount } = await mountWithEngine(engine, () => <ViewProbe />));
    await vi.waitFor(() => expect(views()).toHaveLength(1));
    const [first] = views();
    expect(first?.state).toBe('queued');

    await act(async () => showSpec(trend('cohort_connected_pct')));
    await vi.waitFor(() => expect(views().map((q) => q.queryId)).not.toContain(first?.queryId));
    expect(views()).toHaveLength(1);
    expect(container.querySelector('p')?.dataset.state).toBe('loading');

    await engine.cancelQuery({ queryId: 'blocker' });
    expect(await blocker).toMatchObject({ code: 'query-cancelled' });
    await vi.waitFor(() => expect(container.querySelector('p')?.dataset.state).toBe('ready'), { timeout: 10_000 });
    expect(container.querySelector('p')?.textContent).toBe('cohort_connected_pct');
    expect(engine.activeQueries()).toEqual([]);
  });
});
