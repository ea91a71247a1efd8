// @vitest-environment jsdom
import { tableFromIPC } from 'apache-arrow';
import { act } from 'react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import { SqlConsole } from '../../src/renderer/features/sql-console/SqlConsole.tsx';
import { mountWithEngine } from '../support/mount.tsx';
import { bundledData, tempDir } from '../support/temp.ts';

/** The console against the real engine in this process, joined by the contract as any host joins them. */
describe('the SQL console', () => {
  let engine: Engine;
  let unmount: () => void;
  let container: HTMLElement;

  const textarea = () => container.querySelector('textarea')!;
  const button = (name: string) => [...container.querySelectorAll('button')].find((b) => b.textContent === name)!;

  /** Types into the textarea as React sees typing (the value setter React tracks, then an input event). */
  async function type(sql: string) {
    await act(async () => {
      const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
      setter.call(textarea(), sql);
      textarea().dispatchEvent(new Event('input', { bubbles: true }));
    });
  }

  beforeAll(async () => {
    engine = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [bundledData], queryTimeoutMs: 20_000 });
    ({ container, unmount } = await mountWithEngine(engine, () => <SqlConsole dataset="sprig-demo" datasets={['sprig-demo']} />));
  });
  afterAll(() => {
    unmount();
    engine.close();
  });

  it('labels its textarea and defaults the dataset chooser to the current dataset', () => {
    const label = container.querySelector(`label[for="${CSS.escape(textarea().id)}"]`);
    expect(label?.textContent).toBe('SQL query');
    const select = container.querySelector('select')!;
    expect(container.querySelector(`label[for="${CSS.escape(select.id)}"]`)?.textContent).toBe('Default dataset');
    expect(select.value).toBe('sprig-demo');
    expect(button('Run').disabled).toBe(true);
    expect(button('Cancel').disabled).toBe(true);
  });

  it('runs typed SQL and shows the rows as a table, with a quick bar chart', async () => {
    await type('SELECT country_code, count(*) AS n FROM country_year_indicator GROUP BY 1 ORDER BY 1');
    await act(async () => button('Run').click());
    await vi.waitFor(() => expect(container.querySelector('table')).not.toBeNull(), { timeout: 10_000 });
    const headers = [...container.querySelectorAll('thead th')].map((th) => [th.textContent, th.getAttribute('scope')]);
    expect(headers).toEqual([
      ['country_code', 'col'],
      ['n', 'col'],
    ]);
    const codes = [...container.querySelectorAll('tbody tr td:first-child')].map((td) => td.textContent);
    expect(codes).toContain('GB-ENG');
    expect(container.querySelector('caption')?.textContent).toMatch(/^\d+ rows?$/);
    expect(container.querySelector('[role="status"]')?.textContent).toMatch(/^Finished in [\d.]+ s\.$/);
    expect(container.querySelector('.sql-chart')?.getAttribute('data-mark')).toBe('bar');
    await vi.waitFor(() => expect(container.querySelector('.sql-chart svg')).not.toBeNull());
    expect(container.querySelectorAll('.sql-chart svg g[aria-label="bar"] rect').length).toBe(codes.length);
  });

  it('formats numbers in the interface language and says when it shows only some rows', async () => {
    await type('SELECT i, i * 1000.5 AS big FROM range(20000) t(i)');
    // Ctrl+Enter runs it too.
    await act(async () => {
      textarea().dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
    });
    await vi.waitFor(() => expect(container.querySelector('.sql-showing')).not.toBeNull(), { timeout: 10_000 });
    expect(container.querySelector('.sql-showing')?.textContent).toBe('Showing 500 of 20,000 rows.');
    expect(container.querySelector('caption')?.textContent).toBe('20,000 rows');
    const cells = [...container.querySelectorAll('tbody tr:nth-child(3) td')].map((td) => td.textContent);
    expect(cells).toEqual(['2', '2,001']);
    expect(container.querySelector('tbody td')?.className).toBe('num');
    expect(container.querySelector('.sql-chart')?.getAttribute('data-mark')).toBe('dot');
  });

  it('shows a refused statement as an alert with the translated reason', async () => {
    await type(`COPY (SELECT 1) TO '/tmp/sprig-renderer-test.csv'`);
    await act(async () => button('Run').click());
    await vi.waitFor(() => expect(container.querySelector('[role="alert"]')).not.toBeNull(), { timeout: 10_000 });
    expect(container.querySelector('[role="alert"]')?.textContent).toBe('The SQL console runs only read-only SELECT statements, so it will not run COPY.');
    expect(container.querySelector('table')).toBeNull();

    await type(`SELECT * FROM read_text('/etc/passwd')`);
    await act(async () => button('Run').click());
    await vi.waitFor(() => expect(container.querySelector('[role="alert"]')?.textContent).toMatch(/not files, so it will not run read_text/), { timeout: 10_000 });
  });

  it('says what is wrong with a statement that cannot run: a syntax error and where, a column that does not exist', async () => {
    await type('SELEC country_code FROM country');
    await act(async () => button('Run').click());
    await vi.waitFor(() => expect(container.querySelector('[role="alert"]')?.textContent).toBe('The query has a syntax error near “SELEC”.'), { timeout: 10_000 });
    await type('SELECT c.nme FROM country AS c');
    await act(async () => button('Run').click());
    await vi.waitFor(() => expect(container.querySelector('[role="alert"]')?.textContent).toBe('No column named “nme” in “c”.'), { timeout: 10_000 });
    expect(container.querySelector('table')).toBeNull();
  });

  it('shows a running indicator, and Cancel stops its query and nothing else', async () => {
    // A view running meanwhile on the engine's other connection, long enough to be running when Cancel is pressed.
    const view = engine.run({ sql: 'SELECT count(*)::DOUBLE AS n FROM range(60000000) t(i) WHERE hash(i) % 7 = 3', params: {} }, 'view-meanwhile');
    await vi.waitFor(() => expect(engine.activeQueries()).toContainEqual({ queryId: 'view-meanwhile', state: 'running' }), { timeout: 10_000 });
    await type('SELECT count(*) FROM range(100000000000) t(i) WHERE hash(i) % 7 = 3');
    await act(async () => button('Run').click());
    await vi.waitFor(() => expect(container.querySelector('[role="status"]')?.textContent).toMatch(/^Running… [\d.]+ s$/));
    expect(button('Run').disabled).toBe(true);
    expect(button('Cancel').disabled).toBe(false);
    // DuckDB has begun it: the console's own query, by its own id.
    await vi.waitFor(() => expect(engine.activeQueries()).toContainEqual({ queryId: expect.stringMatching(/^sql-/), state: 'running' }), { timeout: 10_000 });
    await act(async () => button('Cancel').click());
    await vi.waitFor(() => expect(container.querySelector('[role="status"]')?.textContent).toBe('The query was stopped.'), { timeout: 10_000 });
    expect(container.querySelector('[role="alert"]')).toBeNull();
    expect(button('Cancel').disabled).toBe(true);
    expect(tableFromIPC(await view).get(0)?.toJSON().n).toBeGreaterThan(0);
  });
});
