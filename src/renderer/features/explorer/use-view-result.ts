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

/**
 * Runs the view whenever its spec changes. A newer spec makes an older answer stale: its
 * query is cancelled (it alone: each view has its own id), and an answer that still
 * arrives is dropped. The last chart stays on screen while the next one loads.
 */
export function useViewResult(spec: ViewSpecInput | null, t: TFunction): ViewResult {
  const api = useApi();
  const [result, setResult] = useState<ViewResult>({ state: 'loading', previous: null });
  const key = spec ? JSON.stringify(spec) : null;

  useEffect(() => {
    if (!spec) return;
    let current = true;
    let answered = false;
    const queryId = newQueryId('view');
    setResult((r) => ({ state: 'loading', previous: r.state === 'ready' ? { spec: r.spec, table: r.table } : r.state === 'loading' ? r.previous : null }));
    api
      .runView({ spec, queryId })
      .finally(() => {
        answered = true;
      })
      .then(
        (bytes) => current && setResult({ state: 'ready', spec, table: tableFromIPC(bytes) }),
        (error: unknown) => current && setResult({ state: 'error', message: errorMessage(error, t) }),
      );
    return () => {
      current = false;
      // Superseded (or the chart left the screen) before its answer came: nothing should wait for it.
      if (!answered) api.cancelQuery({ queryId }).catch(() => {});
    };
    // The key stands for the spec: a new object with the same content is the same view.
  }, [api, key, t]);

  return result;
}
