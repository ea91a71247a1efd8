// @vitest-environment jsdom
import { act } from 'react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import { SqlConsole } from '../../src/renderer/features/sql-console/SqlConsole.tsx';
import { mountWithEngine } from '../support/mount.tsx';
import { bundledData, tempDir } from '../support/temp.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** The console, in a language, against a real engine whose answers stop at 1 MB. */
describe.each([
  ['en-GB', /^The answer stops after 104 rows: the next row would take it past 1 MB, the most the console sends\./],
  ['en-US', /^The answer stops after 104 rows: the next row would take it past 1 MB/],
  ['de', /^Die Antwort endet nach 104 Zeilen: Die nächste Zeile würde sie über 1 MB bringen/],
  ['el', /^Η απάντηση σταματά μετά από 104 γραμμές: η επόμενη γραμμή θα την έκανε μεγαλύτερη από 1 MB/],
])('the SQL console says when an answer stopped at its size cap (%s)', (language, expected) => {
  let engine: Engine;
  let container: HTMLElement;
  let unmount: () => void;

  beforeAll(async () => {
    engine = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [bundledData], prepare: false, sqlMaxBytes: 1024 * 1024, log: () => {} });
    ({ container, unmount } = await mountWithEngine(engine, () => <SqlConsole dataset="sprig-demo" datasets={['sprig-demo']} />, language));
  });
  afterAll(async () => {
    unmount();
    await engine.close();
  });

  it('10 kB rows: the rows that fit, and a sentence saying the rest would pass the cap', async () => {
    const textarea = container.querySelector('textarea')!;
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(textarea, "SELECT i, repeat('x', 10000) AS s FROM range(1000) t(i)");
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => {
      textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
    });
    await vi.waitFor(() => expect(container.querySelector('[data-cut="bytes"]')).not.toBeNull(), { timeout: 15_000 });
    expect(container.querySelector('[data-cut="bytes"]')?.textContent).toMatch(expected);
    expect(container.querySelectorAll('tbody tr').length).toBe(104);
  });
});
