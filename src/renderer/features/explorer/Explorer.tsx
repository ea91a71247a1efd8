import { useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DatasetDescription, DatasetSummary } from '../../../shared/catalogue.ts';
import { fromCategoryKey } from '../../../shared/charts/breakdown-chart.ts';
import { canRank } from '../../../shared/indicators.ts';
import { offeredCountries } from '../../../shared/uk.ts';
import type { ViewSpec, ViewSpecInput } from '../../../shared/view-spec.ts';
import { useApi } from '../../api-context.tsx';
import { errorMessage } from '../../error-message.ts';
import type { MappingSummary } from '../../../shared/mapping/mapping-answers.ts';
import { MappingPanel } from '../mapping/MappingPanel.tsx';
import { MappingStatus } from '../mapping/MappingStatus.tsx';
import { SqlConsole } from '../sql-console/SqlConsole.tsx';
import { ExportButton } from '../export/ExportDialog.tsx';
import { ChartPanel } from './ChartPanel.tsx';
import { ComparabilityPanel } from './ComparabilityPanel.tsx';
import { CountryPicker } from './CountryPicker.tsx';
import { FiltersBar } from './FiltersBar.tsx';
import { LinkedView } from './LinkedView.tsx';
import { makeLabels } from './labels.ts';
import { SourcesPanel } from './SourcesPanel.tsx';
import { defaultSpec } from './spec-edits.ts';
import { TablePanel } from './TablePanel.tsx';
import { tableRows } from './table-rows.ts';
import { useViewResult } from './use-view-result.ts';
import { startHistory, viewHistory, type HistoryAction, type ViewHistory } from './view-history.ts';
import { ViewControls } from './ViewControls.tsx';
import { ViewFileBar } from './ViewFileBar.tsx';

type Tab = 'chart' | 'table' | 'sources' | 'sql';
const tabs: Tab[] = ['chart', 'table', 'sources', 'sql'];

interface Props {
  summary: DatasetSummary;
  datasets: string[];
  onSettled: () => void;
  /** Open straight on the mapping step (the catalogue card's "Map to chart"). */
  startMapping?: boolean;
  /** A mapping was saved or removed: the package's indicators changed. */
  onMappingChanged?: () => void;
}

/** The cross-country explorer: one view at a time, as chart, table, sources or SQL. */
export function Explorer({ summary, datasets, onSettled, startMapping = false, onMappingChanged = () => {} }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const [description, setDescription] = useState<DatasetDescription | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // The mapping step (src/renderer/features/mapping): a new mapping, or a saved one to edit.
  const [mapping, setMapping] = useState<{ editing?: MappingSummary } | null>(startMapping ? {} : null);

  useEffect(() => {
    api.describeDataset({ dataset: summary.name }).then(setDescription, (error: unknown) => {
      setFailure(errorMessage(error, t));
      onSettled();
    });
  }, [api, summary.name, t, onSettled]);

  if (failure) return <section className="explorer"><p role="alert" className="error">{failure}</p></section>;
  if (!description) return <section className="explorer" aria-busy="true"><p role="status">{t('compare.loading')}</p></section>;
  if (mapping) {
    return (
      <MappingStep description={description} editing={mapping.editing} onSettled={onSettled} onSaved={onMappingChanged} onCancel={() => setMapping(null)} />
    );
  }
  if (!canChart(description)) {
    return (
      <NothingToChart summary={summary} datasets={datasets} onSettled={onSettled} onMap={(editing) => setMapping(editing ? { editing } : {})} onMappingChanged={onMappingChanged} />
    );
  }
  return (
    <ExplorerView
      summary={summary}
      datasets={datasets}
      description={description}
      onSettled={onSettled}
      onEditMapping={(editing) => setMapping(editing ? { editing } : {})}
      onMappingChanged={onMappingChanged}
    />
  );
}

/** Mapping a table of the package to countries, periods and values, in place of the chart. */
function MappingStep({ description, editing, onSettled, onSaved, onCancel }: { description: DatasetDescription; editing: MappingSummary | undefined; onSettled: () => void; onSaved: () => void; onCancel: () => void }) {
  useEffect(onSettled, [onSettled]);
  return (
    <section className="explorer">
      <MappingPanel description={description} editing={editing} onSaved={onSaved} onCancel={onCancel} />
    </section>
  );
}

/** Whether the package has indicator values or referrals, the two things Sprig charts. */
function canChart(description: DatasetDescription): boolean {
  return description.indicatorDetails.length > 0 || description.tables.includes('referral');
}

/** Any other Frictionless package: nothing to chart until its tables are mapped, and its tables can still be queried. */
function NothingToChart({ summary, datasets, onSettled, onMap, onMappingChanged }: Props & { onMap: (editing?: MappingSummary) => void }) {
  const { t } = useTranslation();
  useEffect(onSettled, [onSettled]);
  return (
    <section className="explorer" aria-labelledby="explorer-heading">
      <h2 id="explorer-heading">{t('compare.heading')}</h2>
      <p role="note">{t('compare.noIndicators')}</p>
      {/* A saved mapping that charts nothing now (its table changed) says why, and can be changed or removed. */}
      <MappingStatus summary={summary} onEdit={onMap} onRemoved={onMappingChanged ?? (() => {})} />
      {summary.tableCount > 0 && (
        <div className="map-offer">
          <p>{t('mapping:offer')}</p>
          <button type="button" onClick={() => onMap()}>{t('mapping:start')}</button>
        </div>
      )}
      <SqlConsole dataset={summary.name} datasets={datasets} />
    </section>
  );
}

function ExplorerView({
  summary,
  datasets,
  description,
  onSettled,
  onEditMapping,
  onMappingChanged,
}: Props & { description: DatasetDescription; onEditMapping: (mapping: MappingSummary | undefined) => void }) {
  const { t, i18n } = useTranslation();
  const [history, dispatch] = useReducer(
    (state: ViewHistory, action: HistoryAction) => viewHistory(state, action),
    description,
    (d) => startHistory(defaultSpec(summary.name, d)),
  );
  const [tab, setTab] = useState<Tab>('chart');
  const spec = history.present;
  const result = useViewResult(spec, t);
  const change = useCallback((c: Extract<HistoryAction, { type: 'change' }>['change']) => dispatch({ type: 'change', change: c }), []);
  const labels = useMemo(() => makeLabels(description, i18n.language, t), [description, i18n.language, t]);

  useEffect(() => {
    if (result.state !== 'loading') onSettled();
  }, [result.state, onSettled]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 'z') return;
      if ((event.target as HTMLElement | null)?.closest('input, textarea, select')) return;
      event.preventDefault();
      dispatch({ type: event.shiftKey ? 'redo' : 'undo' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Cross-filtering: a click on a breakdown's bar filters every view on screen by its
  // category; a click on a pathway or outcome value filters them to its country; a click on
  // an indicator's value highlights that country (or clears the highlight).
  const pick = useCallback(
    (datum: Record<string, unknown>) => {
      if (datum.view === 'breakdown' && typeof datum.key === 'string' && typeof datum.dimension === 'string') {
        // "Not recorded" is a category too: the people without a value.
        const category = { dimension: datum.dimension, value: fromCategoryKey(datum.key) };
        change((s) => ({ ...s, filters: { ...(s.filters ?? {}), category } }) as ViewSpecInput);
        return;
      }
      if (typeof datum.country !== 'string') return;
      const country = datum.country;
      if (datum.view === 'pathway' || datum.view === 'outcome') {
        change((s) => ({ ...s, countries: [country], highlight: undefined }) as ViewSpecInput);
        return;
      }
      change((s) => ({ ...s, highlight: s.highlight === country ? undefined : country }) as ViewSpecInput);
    },
    [change],
  );

  const openSpec = (opened: ViewSpec): string | null => {
    if (opened.dataset !== summary.name) return t('explorer.file.otherDataset', { dataset: opened.dataset });
    dispatch({ type: 'open', spec: opened as ViewSpecInput });
    return null;
  };

  // What is on screen is always one answer with the spec that asked for it; while the next
  // answer loads, the previous one stays, marked as refreshing.
  const shown = result.state === 'ready' ? { spec: result.spec, table: result.table } : result.state === 'loading' ? result.previous : null;
  const table = shown?.table ?? null;
  const shownSpec = shown?.spec ?? spec;
  const rows = useMemo(() => (table ? tableRows(table).rows : []), [table]);
  const indicator = 'indicator' in shownSpec ? description.indicatorDetails.find((i) => i.id === shownSpec.indicator) : undefined;
  const shownCountries = [...new Set(rows.map((r) => String(r.country)))];
  const ranked = indicator ? canRank(indicator) : false;
  const sourceIds = 'indicator' in shownSpec ? [...new Set(rows.filter((r) => r.value !== null).map((r) => String(r.source)))] : ['sprig_generator'];
  const dimension = shownSpec.view === 'breakdown' ? shownSpec.dimension : null;

  return (
    <section className="explorer" aria-labelledby="explorer-heading">
      <div className="explorer-head">
        <h2 id="explorer-heading">{t('compare.heading')}</h2>
        <ViewFileBar
          spec={spec}
          datasetVersion={summary.version}
          canUndo={history.past.length > 0}
          canRedo={history.future.length > 0}
          onUndo={() => dispatch({ type: 'undo' })}
          onRedo={() => dispatch({ type: 'redo' })}
          onOpen={openSpec}
        />
      </div>
      {description.indicatorDetails.some((i) => i.mapped) && <MappingStatus summary={summary} onEdit={onEditMapping} onRemoved={onMappingChanged ?? (() => {})} />}
      <ViewControls spec={spec} description={description} onChange={change} />
      <FiltersBar
        spec={spec}
        totalCountries={offeredCountries(description.countries.map((c) => c.code), spec.ukNations ?? 'separate').length}
        categoryLabel={labels.categoryLabel}
        onChange={change}
      />
      <div className="explorer-body">
        <CountryPicker spec={spec} countries={description.countries} nameOf={labels.nameOf} onChange={change} />
        <div className="explorer-main">
          <div role="tablist" aria-label={t('explorer.tabs.label')} className="tabs">
            {tabs.map((name) => (
              <button key={name} type="button" role="tab" id={`tab-${name}`} aria-selected={tab === name} aria-controls={`panel-${name}`} onClick={() => setTab(name)}>
                {t(`explorer.tabs.${name}`)}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel" data-view-state={result.state} aria-busy={result.state === 'loading'}>
            {result.state === 'error' && <p role="alert" className="error">{result.message}</p>}
            {result.state === 'loading' && !table && <p role="status">{t('compare.loading')}</p>}
            {table && tab === 'chart' && (
              <>
                <ChartPanel
                  spec={shownSpec}
                  table={table}
                  description={description}
                  refreshing={result.state === 'loading'}
                  onPick={pick}
                  actions={<ExportButton spec={shownSpec} datasetVersion={summary.version} />}
                />
                {!('indicator' in shownSpec) && <LinkedView spec={shownSpec} description={description} onPick={pick} />}
              </>
            )}
            {table && tab === 'table' && <TablePanel spec={shownSpec} description={description} table={table} label={labels.cellLabel(dimension)} />}
            {tab === 'sources' && <SourcesPanel description={description} sourceIds={sourceIds} />}
            {tab === 'sql' && <SqlConsole dataset={summary.name} datasets={datasets} />}
          </div>
          {indicator && (
            <ComparabilityPanel
              indicator={indicator}
              rows={rows}
              countries={description.countries}
              shown={shownCountries}
              nameOf={labels.nameOf}
              codeLabels={description.codeLabels}
              ranked={ranked}
            />
          )}
        </div>
      </div>
    </section>
  );
}
