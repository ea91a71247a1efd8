import { useCallback, useEffect, useState } from 'react';
import type { Catalogue, PreparationStatus } from '../../../shared/catalogue.ts';
import { useApi } from '../../api-context.tsx';

/** How often the interface asks how far preparing has got, while a package is being prepared. */
const POLL_MS = 500;

/**
 * How far the engine is with preparing each package it loaded (compact tables, the cache for
 * the next start), asked again every half second while any is being prepared, and from the
 * start whenever the catalogue changes (an added folder reloads every package). Answers the
 * status by dataset, and a way to stop preparing one.
 */
export function usePreparation(catalogue: Catalogue): { statuses: Map<string, PreparationStatus>; cancel: (dataset: string) => void } {
  const api = useApi();
  const [statuses, setStatuses] = useState<Map<string, PreparationStatus>>(new Map());

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () => {
      api.loadStatus({}).then(
        ({ preparing }) => {
          if (stopped) return;
          setStatuses(new Map(preparing.map((p) => [p.dataset, p])));
          if (preparing.some((p) => p.state === 'preparing')) timer = setTimeout(poll, POLL_MS);
        },
        () => {
          // The engine is restarting or gone: the catalogue says so; ask again later.
          if (!stopped) timer = setTimeout(poll, POLL_MS * 4);
        },
      );
    };
    poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [api, catalogue]);

  const cancel = useCallback(
    (dataset: string) => {
      api.cancelPreparation({ dataset }).then(
        ({ preparing }) => setStatuses(new Map(preparing.map((p) => [p.dataset, p]))),
        () => {},
      );
    },
    [api],
  );

  return { statuses, cancel };
}
