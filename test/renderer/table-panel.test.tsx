// @vitest-environment jsdom
import { tableFromIPC } from 'apache-arrow';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import { makeLabels } from '../../src/renderer/features/explorer/labels.ts';
import { TablePanel } from '../../src/renderer/features/explorer/TablePanel.tsx';
import type { DatasetDescription } from '../../src/shared/catalogue.ts';
import { createI18n } from '../../src/shared/i18n/create.ts';
import { parseViewSpec } from '../../src/shared/view-spec.ts';
import { bundledData, tempDir } from '../support/temp.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/**
 * The table tab on real engine answers, in the reader's language: countries sort by the
 * name the reader sees (Intl.Collator in that language), not by their codes; periods by
 * when they start; numbers numerically; empty cells last.
 */
let engine: Engine;
let description: DatasetDescription;
let root: Root | null = null;
let container: HTMLElement;

beforeAll(async () => {
  engine = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [bundledData] });
  description = await engine.describeDataset({ dataset: 'sprig-demo' });
});
afterAll(() => engine.close());
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  container?.remove();
});

async function mountTable(language: string, input: Record<string, unknown>): Promise<void> {
  const spec = parseViewSpec({ version: 2, dataset: 'sprig-demo', ...input });
  const table = tableFromIPC(await engine.runView({ spec }));
  const i18n = createI18n(language);
  const labels = makeLabels(description, i18n.language, i18n.t);
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  await act(async () => {
    root!.render(
      <I18nextProvider i18n={i18n}>
        <TablePanel spec={spec} description={description} table={table} label={labels.cellLabel(spec.view === 'breakdown' ? spec.dimension : null)} />
      </I18nextProvider>,
    );
  });
}

const headers = () => [...container.querySelectorAll('thead th')].map((th) => th.textContent ?? '');
const column = (name: string) => [...container.querySelectorAll(`tbody td[data-column="${name}"]`)].map((td) => td.textContent ?? '');
const distinct = (values: string[]) => values.filter((v, i) => values[i - 1] !== v);

async function sortBy(header: string): Promise<void> {
  const button = [...container.querySelectorAll('thead th button')].find((b) => b.textContent?.replace(/ [▲▼]$/, '') === header) as HTMLButtonElement | undefined;
  if (!button) throw new Error(`no column headed ${header}: ${headers().join(' | ')}`);
  await act(async () => button.click());
}

describe('sorting the table by country', () => {
  it('in German, by German names: the United Kingdom under V, after the United States, Greece under G', async () => {
    await mountTable('de', { view: 'breakdown', dimension: 'sex', ukNations: 'combined' });
    await sortBy('Land');
    const countries = distinct(column('country'));
    expect(countries).toEqual(['Australien', 'Deutschland', 'Griechenland', 'Vereinigte Staaten', 'Vereinigtes Königreich']);
    // By code the United Kingdom (GB) would come before Greece (GR).
    await sortBy('Land');
    expect(distinct(column('country'))).toEqual([...countries].reverse());
  });

  it('in Greek, by Greek collation: England (Αγγλία) first, the United States (Ηνωμένες Πολιτείες) last', async () => {
    await mountTable('el', { view: 'latest', indicator: 'cohort_connected_pct' });
    await sortBy('Χώρα');
    expect(column('country')).toEqual(['Αγγλία', 'Αυστραλία', 'Γερμανία', 'Ελλάδα', 'Ηνωμένες Πολιτείες']);
  });
});

describe('sorting other columns', () => {
  it('numbers numerically with empty values last either way, periods by their start', async () => {
    await mountTable('en-GB', { view: 'trend', indicator: 'link_worker_fte_nwrs' });
    await sortBy('Value');
    const ascending = column('value');
    const numbers = (cells: string[]) => cells.filter((c) => c !== '—').map((c) => Number(c.replace(/,/g, '')));
    expect(numbers(ascending)).toEqual([...numbers(ascending)].sort((a, b) => a - b));
    expect(ascending.slice(-2)).toEqual(['—', '—']);
    await sortBy('Value');
    const descending = column('value');
    expect(numbers(descending)).toEqual([...numbers(descending)].sort((a, b) => b - a));
    expect(descending.slice(-2)).toEqual(['—', '—']);

    await sortBy('Period');
    const england = column('period').filter((_, i) => column('country')[i] === 'England');
    expect(england).toEqual(['Jul 2023', 'Jan 2024', 'Apr 2024', 'May 2024', 'Jun 2024', 'Jul 2024']);
  });

  it('text by what the reader sees: the status label, not its code', async () => {
    await mountTable('de', { view: 'trend', indicator: 'link_worker_fte_nwrs' });
    await sortBy('Status');
    expect(distinct(column('status'))).toEqual(['Keine nationalen Daten', 'Veröffentlicht (Sekundärbericht)']);
  });
});

describe('the table', () => {
  it('heads every column in the reader’s language, hides columns empty in every row and says which', async () => {
    await mountTable('de', { view: 'trend', indicator: 'link_worker_fte_nwrs', transform: 'per100k' });
    expect(headers()).toEqual(expect.arrayContaining(['Land', 'Zeitraum', 'Wert', 'Status', 'Art des Werts', 'Bevölkerung']));
    expect(headers()).not.toContain('Basiszeitraum (= 100)');
    expect(container.textContent).toMatch(/in jeder Zeile leer.*Basiszeitraum \(= 100\)/);
    expect(container.querySelector('.table-context')?.textContent).toContain('VZÄ je 100.000 Einwohner');
    expect(column('period')).toContain('Juli 2023');
  });

  it('downloads the view’s CSV under a name that says what it holds', async () => {
    await mountTable('en-GB', { view: 'outcome', instrument: 'swemwbs', followUp: 'w8_12' });
    const blobs: Blob[] = [];
    const createObjectURL = vi.fn((blob: Blob) => (blobs.push(blob), 'blob:sprig-test'));
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    let fileName = '';
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      fileName = this.download;
    });
    const button = [...container.querySelectorAll('button')].find((b) => b.textContent === 'Download CSV')!;
    await act(async () => button.click());
    click.mockRestore();
    expect(fileName).toBe('sprig-demo_outcome_swemwbs_w8-12.csv');
    const bytes = new Uint8Array(await blobs[0]!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.split('\r\n')[0]).toMatch(/^Country,Country name,Series,People,Suppressed,Why suppressed,.*,Instrument ID,Instrument,Follow-up ID,Follow-up,Unit,Suppressed below,Filters$/);
  });
});
