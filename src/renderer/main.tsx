import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../shared/i18n/create.ts';
import { connectApi } from './api.ts';
import { App } from './App.tsx';
import { ApiProvider } from './api-context.tsx';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
// British English only for now; following the system language comes with the other languages.
const i18n = createI18n();
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <ApiProvider api={connectApi()}>
        <App root={root} />
      </ApiProvider>
    </I18nextProvider>
  </StrictMode>,
);
