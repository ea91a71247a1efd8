import { useCallback, useEffect, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import type { ImportStatus } from '../../../shared/import/answers.ts';
import type { ImportRecipeInput } from '../../../shared/import/recipe.ts';
import { AppError } from '../../../shared/errors.ts';
import { useApi } from '../../api-context.tsx';
import { errorMessage } from '../../error-message.ts';

/** How often the interface asks how far an import has got while it runs (as the catalogue does for preparation). */
const POLL_MS = 400;

export type ImportJob =
  | { state: 'idle' }
  | { state: 'starting' }
  | { state: 'status'; status: ImportStatus; acting: 'cancel' | 'confirm' | null }
  | { state: 'error'; message: string; code: string };

/**
 * One import job: started, then followed with `importStatus` while it runs, stopped with
 * `cancelImport`, and, when it would replace an import, confirmed with `confirmImport` once
 * the user has seen the difference. Any failure ends the job with a translated message:
 * never a spinner that does not stop.
 */
export function useImportJob(t: TFunction) {
  const api = useApi();
  const [job, setJob] = useState<ImportJob>({ state: 'idle' });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const alive = useRef(true);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      clearTimeout(timer.current);
    };
  }, []);

  const fail = useCallback(
    (error: unknown) => {
      if (!alive.current) return;
      clearTimeout(timer.current);
      setJob({ state: 'error', message: errorMessage(error, t), code: error instanceof AppError ? error.code : 'internal' });
    },
    [t],
  );

  const follow = useCallback(
    (status: ImportStatus) => {
      if (!alive.current) return;
      setJob({ state: 'status', status, acting: null });
      clearTimeout(timer.current);
      if (status.state !== 'running') return;
      timer.current = setTimeout(() => {
        api.importStatus({ importId: status.importId }).then(follow, fail);
      }, POLL_MS);
    },
    [api, fail],
  );

  const start = useCallback(
    (file: string, recipe: ImportRecipeInput, replace = false) => {
      clearTimeout(timer.current);
      setJob({ state: 'starting' });
      api.startImport({ file, recipe, ...(replace ? { replace } : {}) }).then(follow, fail);
    },
    [api, follow, fail],
  );

  const act = useCallback(
    (action: 'cancel' | 'confirm') => {
      if (job.state !== 'status') return;
      const { importId } = job.status;
      clearTimeout(timer.current);
      setJob({ ...job, acting: action });
      (action === 'cancel' ? api.cancelImport({ importId }) : api.confirmImport({ importId })).then(follow, fail);
    },
    [api, job, follow, fail],
  );

  const reset = useCallback(() => {
    clearTimeout(timer.current);
    setJob({ state: 'idle' });
  }, []);

  return { job, start, cancel: () => act('cancel'), confirm: () => act('confirm'), reset };
}
