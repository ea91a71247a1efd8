import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AppError } from '../../../shared/errors.ts';
import { formatNumber } from '../../../shared/format.ts';
import { useApi } from '../../api-context.tsx';
import { errorMessage } from '../../error-message.ts';
import { newQueryId } from '../../query-id.ts';
import { QuickChart } from './QuickChart.tsx';
import { ResultTable } from './ResultTable.tsx';
import { readSqlResult, type SqlResult } from './sql-result.ts';
import { useElapsed } from './use-elapsed.ts';
import './sql-console.css';

type RunState =
  | { state: 'idle' }
  | { state: 'running'; startedAt: number }
  | { state: 'done'; result: SqlResult; seconds: number }
  | { state: 'cancelled' }
  | { state: 'error'; message: string };

/**
 * The SQL console for power users: one read-only SELECT on the loaded datasets, run by the
 * engine on its locked-down database. Refusals and errors come back as translated alerts.
 */
export function SqlConsole({ dataset, datasets }: { dataset: string | null; datasets: string[] }) {
  const { t, i18n } = useTranslation('sql');
  // Error messages live with every other error, in the common namespace.
  const { t: tCommon } = useTranslation('common');
  const api = useApi();
  const id = useId();
  const [sql, setSql] = useState('');
  const [chosen, setChosen] = useState(dataset ?? '');
  const [run, setRun] = useState<RunState>({ state: 'idle' });
  /** The query running now, by id: Cancel stops it and nothing else. */
  const queryId = useRef<string | null>(null);
  const elapsed = useElapsed(run.state === 'running' ? run.startedAt : null);
  const locale = i18n.language;
  // Hundredths once finished: most queries here take well under a tenth of a second.
  const seconds = (s: number, digits = 1) => formatNumber(s, locale, digits);

  // Follow the dataset the rest of the app is showing.
  useEffect(() => setChosen(dataset ?? ''), [dataset]);

  const running = run.state === 'running';
  const start = async () => {
    if (running || sql.trim() === '') return;
    const mine = newQueryId('sql');
    queryId.current = mine;
    const startedAt = performance.now();
    setRun({ state: 'running', startedAt });
    try {
      const bytes = await api.runSql({ sql, ...(chosen ? { dataset: chosen } : {}), queryId: mine });
      if (mine !== queryId.current) return;
      setRun({ state: 'done', result: readSqlResult(bytes), seconds: (performance.now() - startedAt) / 1000 });
    } catch (error) {
      if (mine !== queryId.current) return;
      if (error instanceof AppError && error.code === 'query-cancelled' && error.detail.context === 'user') setRun({ state: 'cancelled' });
      else setRun({ state: 'error', message: errorMessage(error, tCommon) });
    }
  };
  const cancel = () => {
    if (queryId.current) api.cancelQuery({ queryId: queryId.current }).catch(() => {});
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void start();
    }
  };

  return (
    <section className="sql-console" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('heading')}</h2>
      <p className="sql-intro">{t('intro')}</p>
      {/* The console reads rows as stored: none of the explorer's small-count suppression applies. */}
      <p className="sql-raw-notice" role="note">{t('rawNotice')}</p>
      <div className="sql-controls">
        <label htmlFor={`${id}-dataset`}>{t('datasetLabel')}</label>
        <select id={`${id}-dataset`} value={chosen} onChange={(e) => setChosen(e.target.value)}>
          <option value="">{t('noDataset')}</option>
          {datasets.map((name) => (
            <option key={name} value={name}>{name}</option>
          ))}
        </select>
      </div>
      <label htmlFor={`${id}-sql`} className="sql-label">{t('sqlLabel')}</label>
      <textarea
        id={`${id}-sql`}
        className="sql-input"
        value={sql}
        onChange={(e) => setSql(e.target.value)}
        onKeyDown={onKeyDown}
        rows={6}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        aria-describedby={`${id}-hint`}
      />
      <p id={`${id}-hint`} className="sql-hint">{t('runHint')}</p>
      <div className="sql-actions">
        <button type="button" onClick={() => void start()} disabled={running || sql.trim() === ''}>{t('run')}</button>
        <button type="button" onClick={cancel} disabled={!running}>{t('cancel')}</button>
        <p className="sql-status" role="status" aria-live="polite">
          {run.state === 'running' && t('running', { seconds: seconds(elapsed) })}
          {run.state === 'done' && t('finished', { seconds: seconds(run.seconds, 2) })}
          {run.state === 'cancelled' && t('cancelled')}
        </p>
      </div>
      {run.state === 'error' && (
        <p className="sql-error error" role="alert">{run.message}</p>
      )}
      {run.state === 'done' && (
        <div className="sql-output" aria-labelledby={`${id}-result`}>
          <h3 id={`${id}-result`}>{t('resultHeading')}</h3>
          <p className="sql-raw-notice" role="note">{t('rawResult')}</p>
          <ResultTable result={run.result} />
          <QuickChart result={run.result} />
        </div>
      )}
    </section>
  );
}
