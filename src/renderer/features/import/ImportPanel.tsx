import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportInspection } from '../../../shared/import/answers.ts';
import { AppError } from '../../../shared/errors.ts';
import { useApi } from '../../api-context.tsx';
import { errorMessage } from '../../error-message.ts';
import { ColumnsStep } from './ColumnsStep.tsx';
import { DecodeStep } from './DecodeStep.tsx';
import { HeaderStep } from './HeaderStep.tsx';
import { ImportStep as RunStep } from './ImportStep.tsx';
import { importSteps, stepsNeedingChoice, type ImportStep, type RecipeDraft } from './recipe-edits.ts';
import { ShapeStep } from './ShapeStep.tsx';
import { useImportJob } from './use-import-job.ts';
import './import.css';

interface Props {
  /** A path to start from (the desktop app's file dialog). */
  initialPath?: string | undefined;
  /** Read `initialPath` straight away (it was chosen in a file dialog). */
  readAtOnce?: boolean;
  /** The import was written: the catalogue shows its package; answers its title once open, null if it did not open. */
  onImported: (name: string) => Promise<{ title: string } | null>;
  /** Go on to the mapping step with the imported package. */
  onMap: (name: string) => void;
  onClose: () => void;
}

type Check = { state: 'idle' } | { state: 'loading'; previous: ImportInspection | null } | { state: 'ready'; inspection: ImportInspection } | { state: 'error'; message: string; unreadable: boolean; previous: ImportInspection | null };

/**
 * Importing a partner's file, step by step: the file, how its bytes are decoded, the sheet
 * and header, the columns, the shape, and the import itself. Every choice is the user's to
 * check: each change is read again by the engine (`inspectImport`) and shown as the rows will
 * be read. Everything typed stays when stepping back and forth.
 */
export function ImportPanel({ initialPath, readAtOnce = false, onImported, onMap, onClose }: Props) {
  const { t } = useTranslation('import');
  const { t: tCommon } = useTranslation('common');
  const api = useApi();
  const id = useId();
  const [path, setPath] = useState(initialPath ?? '');
  /** The file the inspection is about (set by "Read the file"), so typing a new path does not re-read on each key. */
  const [file, setFile] = useState<string | null>(readAtOnce && initialPath ? initialPath : null);
  const [draft, setDraft] = useState<RecipeDraft>({});
  const [step, setStep] = useState<ImportStep>('file');
  const [check, setCheck] = useState<Check>(readAtOnce && initialPath ? { state: 'loading', previous: null } : { state: 'idle' });
  const { job, start, cancel, confirm, reset } = useImportJob(tCommon);
  const heading = useRef<HTMLHeadingElement>(null);
  /** Counts "Read the file" presses: reading the same file again (after fixing it on disk) asks again. */
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!file) return;
    let current = true;
    api.inspectImport({ file, recipe: draft }).then(
      (inspection) => current && setCheck({ state: 'ready', inspection }),
      (error: unknown) =>
        current &&
        setCheck((c) => ({
          state: 'error',
          message: errorMessage(error, tCommon),
          unreadable: error instanceof AppError && error.code === 'import-refused' && error.detail.context === 'file-unreadable',
          previous: c.state === 'ready' ? c.inspection : c.state === 'idle' ? null : c.previous })),
    );
    return () => {
      current = false;
    };
  }, [api, file, draft, attempt, tCommon]);

  const inspection = check.state === 'ready' ? check.inspection : check.state === 'idle' ? null : check.previous;
  const shown = inspection && inspection.file.path === file ? inspection : null;
  const checking = check.state === 'loading';
  const needing = stepsNeedingChoice(shown);
  const running = job.state === 'starting' || (job.state === 'status' && (job.status.state === 'running' || job.acting !== null));

  // Marked loading in the same render as the change, so nothing mistakes the previous answer for this one's.
  const startChecking = () => setCheck((c) => ({ state: 'loading', previous: c.state === 'ready' ? c.inspection : c.state === 'idle' ? null : c.previous }));
  const change = (next: RecipeDraft) => {
    if (job.state !== 'idle' && !running) reset();
    setDraft(next);
    startChecking();
  };
  const readFile = (event: FormEvent) => {
    event.preventDefault();
    const chosen = path.trim();
    if (!chosen) return;
    if (chosen !== file) {
      // Another file: the choices made for the last one do not carry over.
      setDraft({});
      reset();
    }
    setFile(chosen);
    if (chosen === file && shown) {
      goTo('decode');
      return;
    }
    startChecking();
    setAttempt((a) => a + 1);
    setAdvance(true);
  };

  // "Read the file" goes on to what was found once the engine answers (an error keeps the user on the file).
  const [advance, setAdvance] = useState(readAtOnce && !!initialPath);
  useEffect(() => {
    if (!advance || check.state === 'loading') return;
    setAdvance(false);
    if (check.state === 'ready') setStep('decode');
  }, [advance, check]);

  const goTo = (next: ImportStep) => {
    setStep(next);
    heading.current?.focus();
  };
  const index = importSteps.indexOf(step);
  // While an import runs, the steps stay where they are: its progress and Cancel are on the last one.
  const reachable = (s: ImportStep) => !running && (s === 'file' || !!shown);
  const stepError = check.state === 'error' ? check.message : null;
  const unreadable = check.state === 'error' && check.unreadable;

  return (
    <section
      className="import-panel"
      aria-labelledby={`${id}-heading`}
      aria-busy={checking || running || advance}
      data-view-state={checking || advance ? 'loading' : 'ready'}
      data-import-step={step}
    >
      <div className="import-title">
        <h2 id={`${id}-heading`}>{t('heading')}</h2>
        <button type="button" onClick={onClose} disabled={running}>{t('close')}</button>
      </div>
      <nav aria-label={t('steps.label')}>
        <ol className="import-steps">
          {importSteps.map((s, i) => (
            <li key={s}>
              <button
                type="button"
                aria-current={s === step ? 'step' : undefined}
                disabled={!reachable(s)}
                onClick={() => goTo(s)}
                className={needing.has(s) ? 'needs-choice' : undefined}
              >
                <span className="step-number">{i + 1}</span> {t(`steps.${s}`)}
                {needing.has(s) && <span className="visually-hidden"> {t('steps.needsChoice')}</span>}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <div className="import-step">
        <h3 ref={heading} tabIndex={-1}>{t('steps.heading', { n: index + 1, total: importSteps.length, step: t(`steps.${step}`) })}</h3>
        {step === 'file' && (
          <form className="import-file" onSubmit={readFile}>
            <label htmlFor={`${id}-path`}>{t('file.label')}</label>
            <p className="hint" id={`${id}-path-hint`}>{t('file.hint')}</p>
            <div className="row">
              <input
                id={`${id}-path`}
                type="text"
                value={path}
                aria-describedby={`${id}-path-hint`}
                placeholder={t('file.placeholder')}
                onChange={(e) => setPath(e.target.value)}
              />
              <button type="submit" disabled={!path.trim() || checking}>{t('file.read')}</button>
            </div>
            <p role="status" className="form-status">{checking && t('file.reading')}</p>
          </form>
        )}
        {stepError && (
          <div role="alert" className="error">
            <p>{stepError}</p>
            {step !== 'file' ? <p className="hint">{t('errorHint')}</p> : unreadable && <p className="hint">{t('file.errorHint')}</p>}
          </div>
        )}
        {step !== 'file' && shown && (
          <>
            {step === 'decode' && <DecodeStep inspection={shown} draft={draft} onChange={change} />}
            {step === 'header' && <HeaderStep inspection={shown} draft={draft} onChange={change} />}
            {step === 'columns' && <ColumnsStep inspection={shown} draft={draft} onChange={change} />}
            {step === 'shape' && <ShapeStep inspection={shown} draft={draft} onChange={change} />}
            {step === 'import' && (
              <RunStep
                inspection={shown}
                draft={draft}
                onChange={change}
                job={job}
                checking={checking}
                onStart={(replace) => file && start(file, draft, replace)}
                onCancel={cancel}
                onConfirm={confirm}
                onImported={onImported}
                onMap={onMap}
                onGoTo={goTo}
              />
            )}
          </>
        )}
      </div>
      {step !== 'file' && (
        <div className="import-nav">
          <button type="button" onClick={() => goTo(importSteps[index - 1]!)} disabled={running}>{t('back')}</button>
          {step !== 'import' && (
            <button type="button" onClick={() => goTo(importSteps[index + 1]!)} disabled={!shown || needing.has(step)}>
              {t('next')}
            </button>
          )}
          {needing.has(step) && <p className="hint">{t('needsChoiceHint')}</p>}
        </div>
      )}
    </section>
  );
}
