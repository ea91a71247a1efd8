// @vitest-environment jsdom
import { act } from 'react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import { App } from '../../src/renderer/App.tsx';
import { mountWithEngine } from '../support/mount.tsx';
import { screenSettled } from '../support/settled.ts';
import { bundledData, tempDir } from '../support/temp.ts';

/** The real interface against the real engine in this process, joined by the contract as any host joins them. */
describe('the first screen', () => {
  let engine: Engine;
  let unmount: () => void;
  let container: HTMLElement;

  beforeAll(async () => {
    engine = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [bundledData] });
    ({ container, unmount } = await mountWithEngine(engine, (root) => <App root={root} />));
    await vi.waitFor(
      () => {
        expect(container.dataset.appState).toBe('ready');
        expect(screenSettled(container)).toBe(true);
      },
      { timeout: 10_000 },
    );
  });
  afterAll(() => {
    unmount();
    engine.close();
  });

  /** The select whose label reads "Indicator", found as a screen reader finds it. */
  const indicatorSelect = () =>
    [...container.querySelectorAll('label')].find((l) => l.firstChild?.textContent === 'Indicator')?.querySelector('select') ?? null;

  it('lists the bundled dataset with its synthetic badge, licence and counts', () => {
    const card = container.querySelector('.dataset-card');
    expect(card?.textContent).toContain('Synthetic demonstration data');
    expect(card?.textContent).toMatch(/\d+ tables · \d+ indicators/);
    expect(card?.textContent).toContain('Licence:');
  });

  it('opens on the indicator with the most countries and draws a line per country with data', () => {
    const select = indicatorSelect();
    expect(select?.value).toBe('cohort_connected_pct');
    expect(container.querySelectorAll('.plot g.sprig-line path').length).toBe(5);
  });

  /** The kinds of value the figure's legend has an entry for. */
  const legendKinds = () => [...container.querySelectorAll('figure.chart .sprig-legend-item[data-group="kind"]')].map((g) => g.getAttribute('data-key'));

  it('marks a synthetic indicator as synthetic: a badge and a legend entry for synthetic values only', () => {
    expect(container.querySelector('figure.chart .sprig-badge[data-kind="synthetic"]')?.textContent).toBe('Synthetic values');
    expect(legendKinds()).toEqual(['synthetic']);
  });

  it('names the sources under the chart', () => {
    expect(container.querySelector('figure.chart .sprig-note[data-kind="sources"]')?.textContent).toMatch(/^Sources: \S/);
  });

  it('says which countries have no national data when the indicator is England-only', async () => {
    const select = indicatorSelect()!;
    await act(async () => {
      select.value = 'link_worker_fte_nwrs';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    // Settled on the new indicator: its caption, and the chart and its view no longer loading.
    await vi.waitFor(() => {
      expect(screenSettled(container)).toBe(true);
      expect(container.querySelector('figure.chart[data-chart-state="ready"] figcaption strong')?.textContent).toMatch(/NWRS/);
    });
    const missing = container.querySelector('figure.chart .sprig-note[data-kind="missing"]')?.textContent ?? '';
    for (const country of ['United States', 'Australia', 'Germany', 'Greece']) expect(missing).toContain(`${country}: No national data`);
    // The caption commits before the figure redraws in an effect: wait for the drawing too, not only the caption.
    await vi.waitFor(() => expect(container.querySelectorAll('.plot g.sprig-line path').length).toBe(1));
    // Real published values: no synthetic badge, one legend entry for published values.
    expect(container.querySelector('figure.chart .sprig-badge[data-kind="synthetic"]')).toBeNull();
    expect(legendKinds()).toEqual(['published']);
  });
});
