import { act, type ReactElement } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import type { Engine } from '../../src/engine/engine.ts';
import { ApiProvider } from '../../src/renderer/api-context.tsx';
import { createClient, dispatch } from '../../src/shared/contract.ts';
import { createI18n } from '../../src/shared/i18n/create.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/**
 * Renders interface components against a real engine in this process, joined by the
 * contract as every host joins them (jsdom environment), in `language` (the source language
 * when not given). Returns the container and an unmount.
 */
export async function mountWithEngine(engine: Engine, element: (container: HTMLElement) => ReactElement, language?: string) {
  const container = document.createElement('div');
  document.body.append(container);
  const api = createClient((method, args) => dispatch(engine, method, args));
  const root = createRoot(container);
  await act(async () => {
    root.render(
      <I18nextProvider i18n={createI18n(language)}>
        <ApiProvider api={api}>{element(container)}</ApiProvider>
      </I18nextProvider>,
    );
  });
  return {
    container,
    unmount: () => {
      act(() => root.unmount());
      container.remove();
    },
  };
}
