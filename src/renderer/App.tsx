import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalogue as CatalogueData } from '../shared/catalogue.ts';
import { onCatalogueChanged, onImportFileChosen } from './api.ts';
import { useApi } from './api-context.tsx';
import { errorMessage } from './error-message.ts';
import { Catalogue } from './features/catalogue/Catalogue.tsx';
import { Explorer } from './features/explorer/Explorer.tsx';
import { ImportPanel } from './features/import/ImportPanel.tsx';
import { LanguageSwitcher } from './features/language/LanguageSwitcher.tsx';

type Load = { state: 'loading' } | { state: 'ready'; catalogue: CatalogueData } | { state: 'error'; message: string };

/** The first screen: the dataset catalogue beside a comparison of the chosen dataset. */
export function App({ root }: { root: HTMLElement }) {
  const { t } = useTranslation();
  const api = useApi();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [selected, setSelected] = useState<string | null>(null);
  const [chartSettled, setChartSettled] = useState(false);
  // Each saved or removed mapping changes a package's indicators: the explorer opens it afresh.
  const [revision, setRevision] = useState(0);
  // "Map to chart" on a card: the explorer opens that package on its mapping step.
  const [mapRequest, setMapRequest] = useState<{ name: string; n: number } | null>(null);
  // The Import panel takes the explorer's place while it is open (opening a dataset closes it); stepping between its steps keeps everything typed.
  const [importing, setImporting] = useState(false);
  // A file chosen in the desktop menu's dialog opens the panel afresh on it.
  const [importRequest, setImportRequest] = useState<{ path: string; n: number } | null>(null);

  // A new catalogue keeps the dataset chosen if it is still open (a removed folder takes its packages with it).
  const show = useCallback((catalogue: CatalogueData) => {
    setLoad({ state: 'ready', catalogue });
    setSelected((current) => (current && catalogue.datasets.some((d) => d.name === current) ? current : defaultDataset(catalogue)));
  }, []);
  const refresh = useCallback(() => {
    api.listDatasets({}).then(show, (error: unknown) => setLoad({ state: 'error', message: errorMessage(error, t) }));
  }, [api, t, show]);

  useEffect(refresh, [refresh]);
  useEffect(() => onCatalogueChanged(refresh), [refresh]);
  useEffect(
    () =>
      onImportFileChosen((path) => {
        setImportRequest((r) => ({ path, n: (r?.n ?? 0) + 1 }));
        setImporting(true);
      }),
    [],
  );

  const settle = useCallback(() => setChartSettled(true), []);
  const mappingChanged = useCallback(() => {
    setMapRequest(null);
    setRevision((r) => r + 1);
    refresh();
  }, [refresh]);
  const map = useCallback((name: string) => {
    setImporting(false);
    setSelected(name);
    setMapRequest((r) => ({ name, n: (r?.n ?? 0) + 1 }));
  }, []);
  const choose = useCallback((name: string) => {
    setImporting(false);
    setSelected(name);
  }, []);
  // An import is 'done' only once the engine has opened its package (src/engine/import/imports.ts): one look at the catalogue finds it, or its refusal.
  const imported = useCallback(
    async (name: string): Promise<{ title: string } | null> => {
      const catalogue = await api.listDatasets({});
      show(catalogue);
      const opened = catalogue.datasets.find((d) => d.name === name);
      return opened ? { title: opened.title } : null;
    },
    [api, show],
  );
  const closeImport = useCallback(() => {
    setImporting(false);
    setImportRequest(null);
  }, []);
  const selectedSummary = load.state === 'ready' ? load.catalogue.datasets.find((d) => d.name === selected) : undefined;

  // Tests and assistive tools wait on this marker rather than on time.
  const appState = load.state === 'error' ? 'error' : load.state === 'ready' && (chartSettled || !selected || importing) ? 'ready' : 'loading';
  useEffect(() => {
    root.dataset.appState = appState;
  }, [root, appState]);

  return (
    <div className="app">
      <header className="app-header">
        <h1>{t('app.name')}</h1>
        <p className="tagline">{t('app.tagline')}</p>
        <LanguageSwitcher />
      </header>
      {load.state === 'loading' && <p className="status" role="status">{t('app.loading')}</p>}
      {load.state === 'error' && (
        <div className="error" role="alert">
          <p>{t('app.loadFailed', { message: load.message })}</p>
          <button type="button" onClick={refresh}>{t('app.retry')}</button>
        </div>
      )}
      {load.state === 'ready' && (
        <main className="app-main">
          <Catalogue
            catalogue={load.catalogue}
            selected={selected}
            onSelect={choose}
            onMap={map}
            onChanged={show}
            onImport={() => setImporting(true)}
            importing={importing}
          />
          {importing && <ImportPanel key={importRequest?.n ?? 0} initialPath={importRequest?.path} readAtOnce={!!importRequest} onImported={imported} onMap={map} onClose={closeImport} />}
          {!importing && selectedSummary && (
            <Explorer
              key={`${selectedSummary.name}:${revision}:${mapRequest?.name === selectedSummary.name ? mapRequest.n : 0}`}
              summary={selectedSummary}
              datasets={load.catalogue.datasets.map((d) => d.name)}
              onSettled={settle}
              startMapping={mapRequest?.name === selectedSummary.name}
              onMappingChanged={mappingChanged}
            />
          )}
        </main>
      )}
    </div>
  );
}


/** The first bundled package with indicators, so a new user sees a chart straight away. */
function defaultDataset(catalogue: CatalogueData): string | null {
  const withIndicators = catalogue.datasets.filter((d) => d.indicatorCount > 0);
  return (withIndicators.find((d) => d.bundled) ?? withIndicators[0] ?? catalogue.datasets[0])?.name ?? null;
}
