import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CountryFinding, ImportDiff, ImportInspection, ImportReject, ImportStatus } from '../../../shared/import/answers.ts';
import { formatDate, formatNumber, formatPercent } from '../../../shared/format.ts';
import { formatLocale } from '../../../shared/i18n/languages.ts';
import { datasetNameSchema } from '../../../shared/view-spec.ts';
import { ImportProblems } from './ImportProblems.tsx';
import { formatBytes, withChoice, type ImportStep as Step, type RecipeDraft } from './recipe-edits.ts';
import type { ImportJob } from './use-import-job.ts';

interface Props {
  inspection: ImportInspection;
  draft: RecipeDraft;
  onChange: (draft: RecipeDraft) => void;
  job: ImportJob;
  /** The last change is still being read: importing now would import the choice before it. */
  checking: boolean;
  onStart: (replace: boolean) => void;
  onCancel: () => void;
  onConfirm: () => void;
  onImported: (name: string) => Promise<{ title: string } | null>;
  onMap: (name: string) => void;
  onGoTo: (step: Step) => void;
}

/**
 * The import itself: the name it will have, progress with a way to stop it, what a
 * replacement would change (asked before replacing), and at the end the counts, read =
 * imported + rejected, with every rejected row's line and reason.
 */
export function ImportStep({ inspection, draft, onChange, job, checking, onStart, onCancel, onConfirm, onImported, onMap, onGoTo }: Props) {
  const { t, i18n } = useTranslation('import');
  const id = useId();
  const locale = i18n.language;
  const name = draft.name ?? inspection.recipe.name;
  const nameValid = datasetNameSchema.safeParse(name).success;
  const open = inspection.choices.length > 0;
  const status = job.state === 'status' ? job.status : null;
  const busy = job.state === 'starting' || status?.state === 'running';
  const done = status?.state === 'done' ? status : null;

  // The catalogue learns of the package once, when it is written; "Map to chart" waits until it is open.
  const told = useRef<string | null>(null);
  const [opened, setOpened] = useState<{ importId: string; state: 'opening' | 'open' | 'not-open'; title?: string } | null>(null);
  useEffect(() => {
    if (!done?.package || told.current === done.importId) return;
    const { importId } = done;
    told.current = importId;
    setOpened({ importId, state: 'opening' });
    onImported(done.package.name).then(
      (open) => setOpened((o) => (o?.importId === importId ? (open ? { importId, state: 'open', title: open.title } : { importId, state: 'not-open' }) : o)),
      () => setOpened((o) => (o?.importId === importId ? { importId, state: 'not-open' } : o)),
    );
  }, [done, onImported]);
  const openState = done && opened?.importId === done.importId ? opened.state : 'opening';
  const openTitle = done && opened?.importId === done.importId ? opened.title : undefined;

  return (
    <div className="run-step">
      {!status || status.state === 'cancelled' || status.state === 'failed' ? (
        <form
          className="import-start"
          onSubmit={(e) => {
            e.preventDefault();
            if (!open && nameValid && !checking && !busy) onStart(false);
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-name`}>{t('run.name')}</label>
            <input id={`${id}-name`} type="text" value={name} aria-describedby={`${id}-name-hint`} aria-invalid={!nameValid} onChange={(e) => onChange(withChoice(draft, 'name', e.target.value))} />
            <p className="hint" id={`${id}-name-hint`}>{nameValid ? t('run.nameHint') : t('run.nameInvalid')}</p>
          </div>
          <div className="field">
            <label htmlFor={`${id}-title`}>{t('run.title')}</label>
            <input
              id={`${id}-title`}
              type="text"
              className="wide"
              maxLength={300}
              value={draft.title ?? inspection.recipe.title ?? ''}
              placeholder={inspection.file.name}
              aria-describedby={`${id}-title-hint`}
              onChange={(e) => onChange(withChoice(draft, 'title', e.target.value.trim() ? e.target.value : undefined))}
            />
            <p className="hint" id={`${id}-title-hint`}>{t('run.titleHint', { file: inspection.file.name })}</p>
          </div>
          {inspection.existing && (
            <p className="existing" role="note">
              {t('run.existing', {
                name: inspection.existing.name,
                date: formatDate(new Date(inspection.existing.importedAt), locale),
                count: inspection.existing.counts.rowsWritten,
                formatted: formatNumber(inspection.existing.counts.rowsWritten, locale, 0),
              })}
            </p>
          )}
          {open && (
            <div className="open-choices" role="note">
              <p>{t('run.openChoices')}</p>
              <ul>
                {inspection.choices.map((c) => (
                  <li key={c.kind}>
                    <button type="button" className="link" onClick={() => onGoTo(c.kind === 'encoding' ? 'decode' : c.kind === 'sheet' ? 'header' : 'columns')}>
                      {t(`run.choice.${c.kind}`)}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <button type="submit" className="primary" disabled={open || !nameValid || checking || busy}>
            {t('run.start')}
          </button>
        </form>
      ) : null}
      {job.state === 'starting' && (
        <p role="status" className="form-status">
          {t('run.starting')}
        </p>
      )}
      {job.state === 'error' && (
        <div role="alert" className="error">
          <p>{job.message}</p>
          <p className="hint">{job.code === 'import-choice-needed' ? t('run.choiceHint') : t('errorHint')}</p>
        </div>
      )}
      {status && <StatusView status={status} acting={job.state === 'status' ? job.acting : null} openState={openState} title={openTitle} onCancel={onCancel} onConfirm={onConfirm} onMap={onMap} />}
    </div>
  );
}

interface StatusProps {
  status: ImportStatus;
  acting: 'cancel' | 'confirm' | null;
  /** Whether the written package is open in the catalogue yet. */
  openState: 'opening' | 'open' | 'not-open';
  /** The package's title in the catalogue. */
  title?: string | undefined;
  onCancel: () => void;
  onConfirm: () => void;
  onMap: (name: string) => void;
}

function StatusView({ status, acting, openState, title, onCancel, onConfirm, onMap }: StatusProps) {
  const { t: tCommon } = useTranslation('common');
  const { t, i18n } = useTranslation('import');
  const locale = i18n.language;
  const n = (v: number) => formatNumber(v, locale, 0);
  const { progress } = status;
  if (status.state === 'running') {
    // Say what is known: rows read, bytes converted, DuckDB's own percentage of the step; the bar shows the surest of these.
    const percent = progress.phasePercent ?? null;
    const bytesKnown = progress.bytesTotal > 0 && progress.bytesDone > 0 && progress.bytesDone < progress.bytesTotal;
    const details = [
      progress.rowsDone > 0 ? t('run.progressRows', { rows: n(progress.rowsDone), count: progress.rowsDone }) : null,
      bytesKnown ? t('run.progressBytes', { done: formatBytes(progress.bytesDone, locale), total: formatBytes(progress.bytesTotal, locale) }) : null,
      percent !== null ? t('run.progressPercent', { percent: formatPercent(percent, locale, 0) }) : null,
      status.elapsedMs >= 1000 ? new Intl.NumberFormat(formatLocale(locale), { style: 'unit', unit: 'second', unitDisplay: 'short', maximumFractionDigits: 0 }).format(status.elapsedMs / 1000) : null,
    ].filter((d): d is string => d !== null);
    const bar = bytesKnown ? { max: progress.bytesTotal, value: progress.bytesDone } : percent !== null ? { max: 100, value: percent } : {};
    return (
      <div className="import-progress" role="status" data-import-state="running">
        <p>
          {t(`phases.${status.phase}`)}
          {details.length > 0 && ` ${details.join(' · ')}`}
        </p>
        <progress {...bar} aria-label={t('run.progressLabel')} />
        <button type="button" onClick={onCancel} disabled={acting !== null}>
          {acting === 'cancel' ? t('run.cancelling') : t('run.cancel')}
        </button>
      </div>
    );
  }
  if (status.state === 'cancelled') {
    return (
      <p role="status" className="import-outcome" data-import-state="cancelled">
        {t('run.cancelled')}
      </p>
    );
  }
  if (status.state === 'failed') {
    return (
      <div role="alert" className="error import-outcome" data-import-state="failed">
        <p>{status.error ? tCommon(`errors.${status.error.code}`, { ...status.error.detail, defaultValue: status.error.message }) : t('run.failed')}</p>
        <p className="hint">{t('errorHint')}</p>
        {status.rejects.length > 0 && status.counts && <Rejects rejects={status.rejects} total={status.counts.rejected} />}
      </div>
    );
  }
  const counts = status.counts;
  return (
    <div className="import-outcome" data-import-state={status.state}>
      {counts && (
        <div className={`import-counts${counts.rejected > 0 ? ' with-rejects' : ''}`} role="status">
          <h4>
            {status.state === 'needs-replace'
              ? t('run.readyToReplace')
              : counts.rejected > 0
                ? t('run.doneWithRejects', { count: counts.rejected, formatted: n(counts.rejected) })
                : t('run.done')}
          </h4>
          <p className="counts-sum">
            {t('run.counts', { read: n(counts.read), imported: n(counts.imported), rejected: n(counts.rejected), count: counts.read })}
          </p>
          {counts.rowsWritten !== counts.imported && <p>{t('run.rowsWritten', { count: counts.rowsWritten, formatted: n(counts.rowsWritten) })}</p>}
        </div>
      )}
      <ImportProblems problems={status.problems} />
      {status.rejects.length > 0 && counts && <Rejects rejects={status.rejects} total={counts.rejected} />}
      {(status.countries?.length ?? 0) > 0 && <CountriesFound countries={status.countries!} />}
      {status.state === 'needs-replace' && status.diff && (
        <div className="import-diff" role="region" aria-label={t('diff.heading')}>
          <h4>{t('diff.heading')}</h4>
          <Diff diff={status.diff} />
          <div className="row">
            <button type="button" className="primary" onClick={onConfirm} disabled={acting !== null}>
              {acting === 'confirm' ? t('diff.replacing') : t('diff.replace')}
            </button>
            <button type="button" onClick={onCancel} disabled={acting !== null}>{t('diff.keep')}</button>
          </div>
        </div>
      )}
      {status.state === 'done' && status.package && (
        <div className="import-next" aria-busy={openState === 'opening'}>
          {openState === 'opening' && <p role="status">{t('run.opening')}</p>}
          {openState === 'not-open' && (
            <p role="alert" className="error">
              {t('run.notOpened', { name: status.package.name })}
            </p>
          )}
          {openState === 'open' && (
            <>
              <p>{t('run.next', { name: status.package.name, title: title ?? status.package.name })}</p>
              <button type="button" className="primary" onClick={() => onMap(status.package!.name)}>
                {t('run.map')}
              </button>
            </>
          )}
        </div>
      )}
    </div>
  );
}

function Diff({ diff }: { diff: ImportDiff }) {
  const { t, i18n } = useTranslation('import');
  const n = (v: number) => formatNumber(v, i18n.language, 0);
  return (
    <ul>
      <li>{t('diff.rows', { before: n(diff.rowsBefore), after: n(diff.rowsAfter) })}</li>
      <li>{t('diff.addedRemoved', { added: n(diff.added), removed: n(diff.removed) })}</li>
      {diff.changed !== null && <li>{t('diff.changed', { count: diff.changed, formatted: n(diff.changed) })}</li>}
      {diff.columnsAdded.length > 0 && <li>{t('diff.columnsAdded', { columns: diff.columnsAdded.map((c) => `“${c}”`).join(', ') })}</li>}
      {diff.columnsRemoved.length > 0 && <li>{t('diff.columnsRemoved', { columns: diff.columnsRemoved.map((c) => `“${c}”`).join(', ') })}</li>}
      {diff.typesChanged.map((c) => (
        <li key={c.column}>{t('diff.typeChanged', { column: c.column, before: t(`types.${c.before}`, { defaultValue: c.before }), after: t(`types.${c.after}`, { defaultValue: c.after }) })}</li>
      ))}
      <li>{diff.sourceBefore === diff.sourceAfter ? t('diff.sameSource') : t('diff.otherSource')}</li>
    </ul>
  );
}

function Rejects({ rejects, total }: { rejects: ImportReject[]; total: number }) {
  const { t, i18n } = useTranslation('import');
  const id = useId();
  const n = (v: number) => formatNumber(v, i18n.language, 0);
  return (
    <div className="import-rejects" role="region" aria-labelledby={`${id}-rejects`} tabIndex={0}>
      <table>
        <caption id={`${id}-rejects`}>
          {rejects.length < total ? t('rejects.captionFirst', { shown: n(rejects.length), formatted: n(total), count: total }) : t('rejects.caption', { count: total, formatted: n(total) })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('rejects.line')}</th>
            <th scope="col">{t('rejects.column')}</th>
            <th scope="col">{t('rejects.reason')}</th>
            <th scope="col">{t('rejects.value')}</th>
          </tr>
        </thead>
        <tbody>
          {rejects.map((r, i) => (
            <tr key={i}>
              <td className="number">{n(r.line)}</td>
              <td translate="no">{r.column ?? ''}</td>
              <td>{r.reason === 'type' && r.expected ? t('rejects.reasons.typeExpected', { type: t(`types.${r.expected}`) }) : t(`rejects.reasons.${r.reason}`, { defaultValue: t('rejects.reasons.other') })}</td>
              <td>
                <code>{r.value ?? ''}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The whole file's country values once read: how many matched, and the ones left for the mapping step, by name. */
function CountriesFound({ countries }: { countries: CountryFinding[] }) {
  const { t, i18n } = useTranslation('import');
  const n = (v: number) => formatNumber(v, i18n.language, 0);
  const left = countries.filter((c) => c.status !== 'matched');
  return (
    <div className="countries-found">
      <p>
        {t('run.countries', { count: countries.length, formatted: n(countries.length), matched: n(countries.length - left.length), left: n(left.length) })}
      </p>
      {left.length > 0 && (
        <p className="hint">
          {t('run.countriesLeft', { values: left.map((c) => `“${c.value}”`).join(', ') })}
        </p>
      )}
    </div>
  );
}
