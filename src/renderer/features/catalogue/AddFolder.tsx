import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalogue } from '../../../shared/catalogue.ts';
import { useApi } from '../../api-context.tsx';
import { errorMessage } from '../../error-message.ts';

type State = { state: 'idle' } | { state: 'adding' } | { state: 'added'; opened: number; refused: number } | { state: 'error'; message: string };

/** Whether a package's folder is the added folder or inside it. */
function inside(folder: string, root: string): boolean {
  const trimmed = root.replace(/[\\/]+$/, '');
  return folder === trimmed || folder.startsWith(`${trimmed}/`) || folder.startsWith(`${trimmed}\\`);
}

/** Opens the data packages in a folder by its path; the desktop menu offers a folder dialog too. */
export function AddFolder({ onAdded }: { onAdded: (catalogue: Catalogue) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [path, setPath] = useState('');
  const [state, setState] = useState<State>({ state: 'idle' });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!path.trim()) return;
    setState({ state: 'adding' });
    const folder = path.trim();
    api.addDataFolder({ path: folder }).then(
      (catalogue) => {
        // Say what the folder held: the packages opened from it and those refused, never just "added".
        const opened = catalogue.datasets.filter((d) => !d.bundled && inside(d.path, folder)).length;
        const refused = catalogue.refused.filter((r) => inside(r.path, folder)).length;
        setState({ state: 'added', opened, refused });
        setPath('');
        onAdded(catalogue);
      },
      (error: unknown) => setState({ state: 'error', message: errorMessage(error, t) }),
    );
  };

  return (
    <form className="add-folder" onSubmit={submit}>
      <label htmlFor="add-folder-path">{t('catalogue.addFolder.label')}</label>
      <div className="row">
        <input
          id="add-folder-path"
          type="text"
          value={path}
          placeholder={t('catalogue.addFolder.placeholder')}
          onChange={(e) => setPath(e.target.value)}
          disabled={state.state === 'adding'}
        />
        <button type="submit" disabled={state.state === 'adding' || !path.trim()}>
          {t('catalogue.addFolder.submit')}
        </button>
      </div>
      <p role="status" className="form-status">
        {state.state === 'adding' && t('catalogue.addFolder.adding')}
        {state.state === 'added' &&
          (state.refused === 0
            ? t('catalogue.addFolder.opened', { count: state.opened })
            : t('catalogue.addFolder.openedRefused', { count: state.opened, refused: state.refused }))}
      </p>
      {state.state === 'error' && <p role="alert" className="error">{state.message}</p>}
    </form>
  );
}
