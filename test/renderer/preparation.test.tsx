// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import { App } from '../../src/renderer/App.tsx';
import { Preparation } from '../../src/renderer/features/catalogue/Catalogue.tsx';
import type { PreparationStatus } from '../../src/shared/catalogue.ts';
import { createI18n } from '../../src/shared/i18n/create.ts';
import { mountWithEngine } from '../support/mount.tsx';
import { screenSettled } from '../support/settled.ts';
import { bundledData, tempDir } from '../support/temp.ts';

/** A package's preparation as the catalogue shows it: "Preparing… (n %)" with a way to stop, or why views will be slower. */

function render(language: string, status: PreparationStatus, onCancel: () => void = () => {}) {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  act(() =>
    root.render(
      <I18nextProvider i18n={createI18n(language)}>
        <Preparation title="Partner data" status={status} onCancel={onCancel} />
      </I18nextProvider>,
    ),
  );
  return {
    container,
    unmount: () => {
      act(() => root.unmount());
      container.remove();
    },
  };
}

describe('a package being prepared', () => {
  const preparing: PreparationStatus = { dataset: 'partner', state: 'preparing', percent: 42 };

  it.each([
    ['en-GB', 'Preparing for quick views… (42%)', 'Stop preparing “Partner data”'],
    ['en-US', 'Preparing for quick views… (42%)', 'Stop preparing “Partner data”'],
    ['de', 'Wird für schnelle Ansichten vorbereitet… (42 %)', 'Vorbereitung von „Partner data“ abbrechen'],
    ['el', 'Προετοιμασία για γρήγορες προβολές… (42%)', 'Διακοπή της προετοιμασίας του «Partner data»'],
  ])('says how far it is in %s, with a bar and a button to stop', (language, text, stop) => {
    const onCancel = vi.fn();
    const { container, unmount } = render(language, preparing, onCancel);
    try {
      const status = container.querySelector('[role="status"]');
      expect(status?.textContent?.replace(/\u00a0|\u202f/g, ' ')).toContain(text);
      expect(container.querySelector('progress')?.getAttribute('value')).toBe('42');
      const button = container.querySelector('button');
      expect(button?.getAttribute('aria-label')).toBe(stop);
      act(() => button?.click());
      expect(onCancel).toHaveBeenCalledOnce();
    } finally {
      unmount();
    }
  });

  it('says why views will be slower once stopped or failed, and nothing once prepared', () => {
    const cancelled = render('en-GB', { ...preparing, state: 'cancelled' });
    expect(cancelled.container.textContent).toBe('Not prepared: its person-level views will be slower until Sprig next starts.');
    cancelled.unmount();
    const failed = render('de', { ...preparing, state: 'failed' });
    expect(failed.container.textContent).toMatch(/^Konnte nicht vorbereitet werden/);
    failed.unmount();
    const ready = render('en-GB', { ...preparing, state: 'ready', percent: 100 });
    expect(ready.container.innerHTML).toBe('');
    ready.unmount();
  });
});

describe('the catalogue against the engine', () => {
  let engine: Engine;
  let container: HTMLElement;
  let unmount: () => void;

  beforeAll(async () => {
    engine = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [bundledData] });
    ({ container, unmount } = await mountWithEngine(engine, (root) => <App root={root} />));
    await vi.waitFor(() => expect(container.dataset.appState).toBe('ready'), { timeout: 10_000 });
  });
  afterAll(async () => {
    unmount();
    await engine.close();
  });

  it('follows the preparing until the package is prepared, then shows nothing of it', async () => {
    expect((await engine.prepared()).preparing).toEqual([{ dataset: 'sprig-demo', state: 'ready', percent: 100 }]);
    await vi.waitFor(() => {
      expect(screenSettled(container)).toBe(true);
      expect(container.querySelector('.dataset-card .preparing, .dataset-card .preparing-note')).toBeNull();
    }, { timeout: 10_000 });
  });
});

describe('a preparation stopped before the interface asked', () => {
  it('says so on the card, and the charts still draw', async () => {
    const engine = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [bundledData] });
    await engine.cancelPreparation({ dataset: 'sprig-demo' });
    const { container, unmount } = await mountWithEngine(engine, (root) => <App root={root} />);
    try {
      await vi.waitFor(() => {
        expect(container.dataset.appState).toBe('ready');
        expect(screenSettled(container)).toBe(true);
        expect(container.querySelector('.dataset-card .preparing-note')?.textContent).toMatch(/^Not prepared/);
      }, { timeout: 10_000 });
      expect(container.querySelectorAll('.plot g.sprig-line path').length).toBeGreaterThan(0);
    } finally {
      unmount();
      await engine.close();
    }
  });
});
