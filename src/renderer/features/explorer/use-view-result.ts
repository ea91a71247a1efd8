import { tableFromIPC, type Table } from 'apache-arrow';
import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import type { ViewSpecInput } from '../../../shared/view-spec.ts';
import { useApi } from '../../api-context.tsx';
import { errorMessage } from '../../error-message.ts';
import { newQueryId } from '../../query-id.ts';

export type ViewResult =
  | { state: 'loading'; previous: { spec: ViewSpecInput; table: Table } | null }
  | { state: 'ready'; spec: ViewSpecInput; table: Table }
  | { state: 'error'; message: string };

/** The last answer, with the request it answers: the spec's key and the language of its messages. */
interface Answer {
  key: string | null;
  t: TFunction;
  result: ViewResult;
}

/**
 * Runs the view whenever its spec changes. A newer spec makes an older answer stale: its
 * query is cancelled (it alone: each view has its own id), and an answer that still
 * arrives is dropped. The last chart stays on screen while the next one loads.
 *
 * An answer to an earlier request is reported as loading from the very render in which
 * the request changes, not one render later, so the screen never says "ready" (to a
 * reader's assistive technology, or to a test) while it still shows the previous view.
 */
export function useViewResult(spec: ViewSpecInput | null, t: TFunction): ViewResult {
  const api = useApi();
  const key = spec ? JSON.stringify(spec) : null;
  const [answer, setAnswer] = useState<Answer>({ key: null, t, result: { state: 'loading', previous: null } });

  useEffect(() => {
    if (!spec) return;
    let current = true;
    let answered = false;
    const queryId = newQueryId('view');
    api
      .runView({ spec, queryId })
      .finally(() => {
        answered = true;
      })
      .then(
        (bytes) => current && setAnswer({ key, t, result: { state: 'ready', spec, table: tableFromIPC(bytes) } }),
        (error: unknown) => current && setAnswer({ key, t, result: { state: 'error', message: errorMessage(error, t) } }),
      );
    return () => {
      current = false;
      // Superseded (or the chart left the screen) before its answer came: nothing should wait for it.
      if (!answered) api.cancelQuery({ queryId }).catch(() => {});
    };
    // The key stands for the spec: a new object with the same content is the same view.
  }, [api, key, t]);

  return answer.key === key && answer.t === t ? answer.result : stillLoading(answer.result);
}

/** What is shown while a newer request is loading: the last chart drawn, if there is one. */
function stillLoading(result: ViewResult): ViewResult {
  if (result.state === 'ready') return { state: 'loading', previous: { spec: result.spec, table: result.table } };
  if (result.state === 'loading') return result;
  return { state: 'loading', previous: null };
}
