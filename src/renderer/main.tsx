import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { connectApi } from './api.ts';
import { App } from './App.tsx';
import { ApiProvider } from './api-context.tsx';
import { createInterfaceI18n } from './features/language/interface-i18n.ts';
import './features/language/fonts.css';
import './features/export/figure-fonts.css';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
// The language asked for in the address, else the reader's last choice, else the system's.
const i18n = createInterfaceI18n();
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <ApiProvider api={connectApi()}>
        <App root={root} />
      </ApiProvider>
    </I18nextProvider>
  </StrictMode>,
);
