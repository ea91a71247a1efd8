import { useTranslation } from 'react-i18next';
import type { DatasetDescription, SourceDescription } from '../../../shared/catalogue.ts';

interface Props {
  description: DatasetDescription;
  /** Source ids behind the values shown; person-level views name the package's generator. */
  sourceIds: string[];
}

/** Who published each value shown, when, under which licence, and how to cite it. */
export function SourcesPanel({ description, sourceIds }: Props) {
  const { t } = useTranslation();
  const sources = sourceIds.map((id) => description.sources.find((s) => s.id === id)).filter((s): s is SourceDescription => s !== undefined);
  return (
    <div className="sources-panel">
      {sources.length === 0 && <p>{t('explorer.sources.none')}</p>}
      <ul>
        {sources.map((s) => (
          <li key={s.id}>
            <p className="source-title">{s.title}</p>
            <p>
              {s.organisation}
              {s.year !== null && ` · ${s.year}`}
              {s.licence && ` · ${t('catalogue.licence', { licence: s.licence })}`}
            </p>
            {s.url && <p className="url">{s.url}</p>}
            <p className="cite">
              <span>{t('explorer.sources.cite')}</span> {citation(s)}
            </p>
          </li>
        ))}
      </ul>
      <p className="cite dataset-cite">
        <span>{t('explorer.sources.citeDataset')}</span> {description.title}
        {description.version && ` (${t('catalogue.version', { version: description.version })})`}. {description.licences.join(', ')}.
      </p>
    </div>
  );
}

function citation(s: SourceDescription): string {
  return [s.organisation, s.year !== null ? `(${s.year})` : null, `${s.title}.`, s.url].filter(Boolean).join(' ');
}
