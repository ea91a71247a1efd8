// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import { App } from '../../src/renderer/App.tsx';
import { mountWithEngine } from '../support/mount.tsx';
import { screenSettled } from '../support/settled.ts';
import { bundledData, tempDir } from '../support/temp.ts';

/** What each indicator looks like once drawn: its caption and one line per country with data. */
const drawn: Record<string, { caption: RegExp; lines: number }> = {
  cohort_connected_pct: { caption: /connected to an activity/, lines: 5 },
  link_worker_fte_nwrs: { caption: /NWRS/, lines: 1 },
};

/**
 * The markers every test (and assistive technology) waits on must tell the truth: whenever
 * the screen says it has settled, it shows the view its controls ask for, fully drawn.
 */
describe('the explorer’s settled state', () => {
  let engine: Engine;
  let unmount: () => void;
  let container: HTMLElement;

  beforeAll(async () => {
    engine = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [bundledData] });
    ({ container, unmount } = await mountWithEngine(engine, (root) => <App root={root} />));
    await vi.waitFor(() => expect(container.dataset.appState).toBe('ready'), { timeout: 10_000 });
  });
  afterAll(() => {
    unmount();
    engine.close();
  });

  const indicatorSelect = () =>
    [...container.querySelectorAll('label')].find((l) => l.firstChild?.textContent === 'Indicator')!.querySelector('select')!;
  const caption = () => container.querySelector('figure.chart figcaption strong')?.textContent ?? '';
  const lines = () => container.querySelectorAll('figure.chart .plot g.sprig-line path').length;

  it('never says it has settled while it shows another view than the one chosen, or a half-drawn one', async () => {
    const wrong: string[] = [];
    // Called after every batch of changes to the page, so it sees every state React commits.
    const observer = new MutationObserver(() => {
      if (!screenSettled(container)) return;
      const asked = indicatorSelect().value;
      const expected = drawn[asked]!;
      if (!expected.caption.test(caption()) || lines() !== expected.lines) {
        wrong.push(`settled with ${asked} chosen, showing “${caption()}” with ${lines()} lines`);
      }
    });
    observer.observe(container, { subtree: true, childList: true, attributes: true, characterData: true });
    try {
      for (const indicator of ['link_worker_fte_nwrs', 'cohort_connected_pct', 'link_worker_fte_nwrs']) {
        // Outside act(), as a browser delivers a choice: every intermediate state reaches the page.
        const select = indicatorSelect();
        select.value = indicator;
        select.dispatchEvent(new Event('change', { bubbles: true }));
        await vi.waitFor(() => {
          expect(screenSettled(container)).toBe(true);
          expect(caption()).toMatch(drawn[indicator]!.caption);
          expect(lines()).toBe(drawn[indicator]!.lines);
        });
      }
    } finally {
      observer.disconnect();
    }
    expect(wrong).toEqual([]);
  });
});
