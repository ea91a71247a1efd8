// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import { App } from '../../src/renderer/App.tsx';
import { ApiProvider } from '../../src/renderer/api-context.tsx';
import { ImportPanel } from '../../src/renderer/features/import/ImportPanel.tsx';
import type { SprigApi } from '../../src/shared/contract.ts';
import type { ImportInspection, ImportStatus } from '../../src/shared/import/answers.ts';
import { createI18n } from '../../src/shared/i18n/create.ts';
import { germanWideCsv, textFile } from '../support/import-files.ts';
import { mountWithEngine } from '../support/mount.tsx';
import { screenSettled } from '../support/settled.ts';
import { bundledData, tempDir } from '../support/temp.ts';

/** Sets a React-controlled field's value as typing does. */
async function type(input: HTMLInputElement, value: string): Promise<void> {
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function choose(select: HTMLSelectElement, value: string): Promise<void> {
  await act(async () => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

async function click(element: Element | null | undefined): Promise<void> {
  if (!element) throw new Error('nothing to click');
  await act(async () => (element as HTMLElement).click());
}

const byText = (root: ParentNode, selector: string, text: string | RegExp) =>
  [...root.querySelectorAll<HTMLElement>(selector)].find((e) => (typeof text === 'string' ? e.textContent?.trim() === text : text.test(e.textContent ?? '')));

/** The Import panel on the real engine, joined by the contract as both hosts join them. */
describe('the Import panel on the real engine', () => {
  let engine: Engine;
  let container: HTMLElement;
  let unmount: () => void;
  let dir: string;

  const panel = () => container.querySelector<HTMLElement>('section.import-panel')!;
  const step = () => panel()?.dataset.importStep;
  const settled = () => vi.waitFor(() => expect(screenSettled(container)).toBe(true), { timeout: 20_000 });
  const button = (name: string | RegExp) => byText(panel(), 'button', name);
  const field = <T extends Element>(label: string): T => {
    const l = byText(panel(), 'label', new RegExp(`^${label}`)) as HTMLLabelElement | undefined;
    if (!l) throw new Error(`no field labelled ${label}`);
    return (l.htmlFor ? panel().querySelector<T>(`#${CSS.escape(l.htmlFor)}`) : l.querySelector<T>('input, select'))!;
  };
  const next = async () => {
    const before = step();
    await click(button('Next'));
    await vi.waitFor(() => expect(step()).not.toBe(before));
    await settled();
  };
  const read = async (file: string) => {
    await type(field<HTMLInputElement>('File to import'), file);
    await click(button('Read the file'));
    await settled();
  };
  const openPanel = async () => {
    if (panel()) await click(button('Close'));
    await click(byText(container, 'button', 'Import a file…'));
    await vi.waitFor(() => expect(panel()).not.toBeNull());
  };

  beforeAll(async () => {
    dir = await tempDir();
    engine = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [bundledData], prepare: false });
    ({ container, unmount } = await mountWithEngine(engine, (root) => <App root={root} />));
    await vi.waitFor(() => expect(container.dataset.appState).toBe('ready'), { timeout: 20_000 });
  });
  afterAll(() => {
    unmount();
    engine.close();
  });

  it('an empty file ends the reading with a sentence that says so, and stays on the file', async () => {
    await openPanel();
    await read(await textFile(dir, 'leer.csv', ''));
    expect(panel().querySelector('[role="alert"]')?.textContent).toContain('leer.csv is empty: there is nothing to import.');
    expect(step()).toBe('file');
    expect(panel().getAttribute('aria-busy')).toBe('false');
  });

  it('the German export: the encoding is asked for with four candidates, and nothing goes on until one is chosen', async () => {
    await read(await germanWideCsv(dir));
    expect(step()).toBe('decode');
    const candidates = panel().querySelectorAll('.candidate');
    expect(candidates).toHaveLength(4);
    expect(candidates[0]!.textContent).toContain('Windows-1252');
    expect(candidates[0]!.textContent).toContain('most likely');
    expect(button('Next')?.hasAttribute('disabled')).toBe(true);
    expect(panel().querySelector('button.needs-choice')?.textContent).toContain('Identify and decode');
    await click(panel().querySelector('input[type="radio"][value="windows-1252"]'));
    await settled();
    expect(panel().querySelector('[data-encoding]')?.textContent).toContain('as you chose');
    expect(button('Next')?.hasAttribute('disabled')).toBe(false);
  });

  it('the header line and the skipped title line; the columns, a type override, and the missing markers shown as missing', async () => {
    await next();
    expect(field<HTMLInputElement>('Line that holds the column names').value).toBe('3');
    expect(panel().querySelector('.skipped-lines')?.textContent).toContain('Line 1');
    expect(panel().querySelector('.skipped-lines')?.textContent).toContain('Soziale Verschreibung – Überweisungen');
    await next();
    expect(field<HTMLSelectElement>('Columns separated by').value).toBe(';');
    expect(field<HTMLSelectElement>('Decimal mark').value).toBe(',');
    const type2019 = panel().querySelector<HTMLSelectElement>('select[aria-label="Type of “2019”"]')!;
    expect(type2019.value).toBe('number');
    // "k.A." (Deutschland, 2021) is shown as missing, with the text as written beside it.
    const row = [...panel().querySelectorAll('.import-preview tbody tr')].find((r) => r.textContent?.includes('Deutschland'))!;
    expect(row.querySelector('td.missing-value')?.textContent).toContain('k.A.');
    await choose(type2019, 'string');
    await settled();
    expect(panel().querySelector<HTMLSelectElement>('select[aria-label="Type of “2019”"]')!.value).toBe('string');
    await choose(panel().querySelector<HTMLSelectElement>('select[aria-label="Type of “2019”"]')!, 'number');
    await settled();
  });

  it('shape: the years offered as rows, the countries matched and Atlantis listed; stepping back keeps every choice', async () => {
    await next();
    const unpivot = byText(panel(), 'label', /Turn these columns into rows/)!.querySelector('input')!;
    expect(unpivot.checked).toBe(false);
    await click(unpivot);
    await settled();
    expect(panel().querySelector('tr[data-status="unmatched"]')?.textContent).toContain('Atlantis');
    expect(byText(panel(), 'tr', /Griechenland/)?.textContent).toContain('Greece (GR)');
    await click(button(/Identify and decode/));
    expect(panel().querySelector<HTMLInputElement>('input[type="radio"][value="windows-1252"]')!.checked).toBe(true);
    await click(button(/Shape/));
    expect(byText(panel(), 'label', /Turn these columns into rows/)!.querySelector('input')!.checked).toBe(true);
  });

  it('imports: read = imported + rejected, the rows after shaping, and the package in the catalogue', async () => {
    await next();
    await type(field<HTMLInputElement>('Name in Sprig'), 'de-referrals');
    await settled();
    await click(button('Import'));
    await vi.waitFor(() => expect(panel().querySelector('[data-import-state="done"]')).not.toBeNull(), { timeout: 20_000 });
    await settled();
    expect(panel().querySelector('.counts-sum')?.textContent).toBe('6 rows read = 6 imported + 0 rejected.');
    expect(panel().querySelector('.import-counts h4')?.textContent).toBe('Imported: every row was read');
    expect(panel().querySelector('.import-counts')?.textContent).toContain('The package holds 24 rows after shaping.');
    expect([...container.querySelectorAll('.dataset-card h3')].map((h) => h.textContent)).toContain('überweisungen.csv');
    expect(button('Map to chart')).toBeDefined();
  });

  it('a value that is not its column’s type: imported, but the rejected row is listed with its line and reason, never "completed" alone', async () => {
    await openPanel();
    await read(await textFile(dir, 'values.csv', 'country,year,value\nDE,2021,1.5\nGR,2021,not a number\nGB,2022,3.25\n'));
    await next();
    await next();
    await choose(panel().querySelector<HTMLSelectElement>('select[aria-label="Type of “value”"]')!, 'number');
    await settled();
    await next();
    await next();
    await click(button('Import'));
    await vi.waitFor(() => expect(panel().querySelector('[data-import-state]:not([data-import-state="running"])')).not.toBeNull(), { timeout: 20_000 });
    await settled();
    expect(panel().querySelector('[data-import-state]')?.getAttribute('data-import-state')).toBe('done');
    expect(panel().querySelector('.import-counts h4')?.textContent).toBe('Imported, but 1 row was rejected');
    expect(panel().querySelector('.counts-sum')?.textContent).toBe('3 rows read = 2 imported + 1 rejected.');
    const reject = panel().querySelector('.import-rejects tbody tr');
    expect([...(reject?.querySelectorAll('td') ?? [])].map((td) => td.textContent)).toEqual(['3', 'value', 'Not a value of the type “Number”', 'not a number']);
  });
});

/** The desktop menu's "Import a file…" dialog hands the panel a path: it is read at once, the user lands on what was found. */
describe('a file chosen in the desktop dialog', () => {
  it('is read straight away and shown on the decode step', async () => {
    const dir = await tempDir();
    const engine = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [], prepare: false });
    const file = await textFile(dir, 'partner.csv', 'country,year,value\nDE,2021,1.5\n');
    const { container, unmount } = await mountWithEngine(engine, () => (
      <ImportPanel initialPath={file} readAtOnce onImported={async () => null} onMap={() => {}} onClose={() => {}} />
    ));
    try {
      await vi.waitFor(() => expect(container.querySelector('section')!.dataset.importStep).toBe('decode'), { timeout: 20_000 });
      expect(container.querySelector('[data-encoding]')?.textContent).toContain('UTF-8');
      expect(container.querySelector<HTMLInputElement>('section')!.getAttribute('aria-busy')).toBe('false');
    } finally {
      unmount();
      engine.close();
    }
  });
});

/** States the real engine passes through too quickly to catch in a test: rendered from hand-made answers. */
describe('a slow import, rendered from hand-made answers', () => {
  const inspection = {
    file: { path: '/data/big.csv', name: 'big.csv', size: 4_500_000 },
    kind: 'csv',
    decode: { encoding: 'utf-8', by: 'utf-8', candidates: [] },
    sheets: null,
    sniff: null,
    columns: [],
    preview: { header: [], rows: [], lines: [] },
    shape: { periodColumns: [], periodKind: null, suggestUnpivot: false, countryColumn: null, countries: [] },
    recipe: { format: 'sprig-import-recipe', version: 1, name: 'big', kind: 'csv' },
    choices: [],
    problems: [],
    existing: null,
  } satisfies ImportInspection;
  const running: ImportStatus = {
    importId: 'job1',
    name: 'big',
    state: 'running',
    phase: 'reading',
    progress: { bytesDone: 1_200_000, bytesTotal: 4_500_000, rowsDone: 12_345, phasePercent: 40 },
    counts: null,
    rejects: [],
    package: null,
    diff: null,
    error: null,
    problems: [],
    elapsedMs: 2000,
  };

  it.each([
    ['en-GB', 'Reading the rows… 12,345 rows so far · 1.2 MB of 4.5 MB · 40% of this step · 2 secs', 'The import was cancelled. Nothing was written.'],
    ['de', 'Zeilen werden gelesen … bisher 12.345 Zeilen · 1,2 MB von 4,5 MB · 40 % dieses Schritts · 2 Sek.', 'Der Import wurde abgebrochen. Es wurde nichts geschrieben.'],
    ['el', 'Ανάγνωση των γραμμών… 12.345 γραμμές ως τώρα · 1,2 MB από 4,5 MB · 40% αυτού του βήματος · 2 δευτ.', 'Η εισαγωγή ακυρώθηκε. Δεν γράφτηκε τίποτα.'],
  ])('shows rows and bytes in %s with a Cancel that ends the wait', async (language, progress, cancelled) => {
    const cancelImport = vi.fn(async () => ({ ...running, state: 'cancelled' as const }));
    const api = {
      inspectImport: async () => inspection,
      startImport: async () => running,
      importStatus: async () => running,
      cancelImport,
    } as unknown as SprigApi;
    const container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);
    await act(async () =>
      root.render(
        <I18nextProvider i18n={createI18n(language)}>
          <ApiProvider api={api}>
            <ImportPanel initialPath="/data/big.csv" onImported={async () => null} onMap={() => {}} onClose={() => {}} />
          </ApiProvider>
        </I18nextProvider>,
      ),
    );
    try {
      await act(async () => container.querySelector('form.import-file')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
      await vi.waitFor(() => expect(container.querySelector('section')!.dataset.importStep).toBe('decode'));
      // Straight to the last step by its button in the list of steps.
      await act(async () => container.querySelectorAll<HTMLButtonElement>('.import-steps button')[5]!.click());
      await act(async () => container.querySelector('form.import-start')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
      await vi.waitFor(() => expect(container.querySelector('[data-import-state="running"]')).not.toBeNull());
      const norm = (s: string | null | undefined) => (s ?? '').replace(/\u00a0|\u202f/g, ' ');
      expect(norm(container.querySelector('.import-progress p')?.textContent)).toBe(progress);
      expect(container.querySelector('section')!.getAttribute('aria-busy')).toBe('true');
      await act(async () => container.querySelector<HTMLButtonElement>('.import-progress button')!.click());
      await vi.waitFor(() => expect(container.querySelector('[data-import-state="cancelled"]')).not.toBeNull());
      expect(cancelImport).toHaveBeenCalledWith({ importId: 'job1' });
      expect(container.querySelector('[data-import-state="cancelled"]')?.textContent).toBe(cancelled);
      expect(container.querySelector('section')!.getAttribute('aria-busy')).toBe('false');
    } finally {
      act(() => root.unmount());
      container.remove();
    }
  });
});
