import { createContext, useContext, type ReactNode } from 'react';
import type { SprigApi } from '../shared/contract.ts';

const ApiContext = createContext<SprigApi | null>(null);

export function ApiProvider({ api, children }: { api: SprigApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): SprigApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiProvider');
  return api;
}
