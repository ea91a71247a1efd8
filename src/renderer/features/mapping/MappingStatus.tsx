import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DatasetSummary } from '../../../shared/catalogue.ts';
import type { MappingSummary } from '../../../shared/mapping/mapping-answers.ts';
import { useApi } from '../../api-context.tsx';
import { errorMessage } from '../../error-message.ts';
import { problemText } from './MappingProblems.tsx';

interface Props {
  summary: DatasetSummary;
  /** Opens the mapping step on a saved mapping, or (undefined) on another table. */
  onEdit: (mapping: MappingSummary | undefined) => void;
  onRemoved: () => void;
}

/**
 * Where a mapped package's indicators come from: the user's mappings, kept in Sprig's
 * folder. Each can be edited or removed, and says what in the data it cannot place now
 * (the package may have changed since it was saved).
 */
export function MappingStatus({ summary, onEdit, onRemoved }: Props) {
  const { t, i18n } = useTranslation('mapping');
  const { t: tCommon } = useTranslation('common');
  const api = useApi();
  const [mappings, setMappings] = useState<MappingSummary[]>([]);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    api.listMappings({ dataset: summary.name }).then(
      (list) => current && setMappings(list),
      (error: unknown) => current && setFailure(errorMessage(error, tCommon)),
    );
    return () => {
      current = false;
    };
  }, [api, summary.name, tCommon]);

  const remove = (mapping: MappingSummary) =>
    api.removeMapping({ dataset: summary.name, table: mapping.table }).then(onRemoved, (error: unknown) => setFailure(errorMessage(error, tCommon)));

  if (mappings.length === 0 && !failure) return null;
  return (
    <div className="mapping-status" role="region" aria-label={t('status.label')}>
      {mappings.map((m) => (
        <div key={m.table} className="mapping-status-item">
          <p>
            {m.unavailable?.kind === 'unreadable'
              ? t('status.unreadable', { table: m.table, reason: m.unavailable.reason })
              : m.indicators.some((i) => i.values > 0)
                ? t('status.mapped', { table: m.table })
                : t('status.chartsNothing', { table: m.table })}
          </p>
          {m.savedWith.version !== summary.version && m.unavailable === null && (
            <p className="muted">{t('status.versionChanged', { saved: m.savedWith.version ?? t('status.noVersion'), current: summary.version ?? t('status.noVersion') })}</p>
          )}
          {m.problems.length > 0 && (
            <ul className="mapping-status-problems">
              {m.problems.map((p, i) => (
                <li key={`${p.code}-${i}`}>{problemText(p, t, i18n.language)}</li>
              ))}
            </ul>
          )}
          <div className="row">
            {m.draft && <button type="button" onClick={() => onEdit(m)}>{t('status.edit')}</button>}
            <button type="button" onClick={() => void remove(m)}>{t('status.remove')}</button>
          </div>
        </div>
      ))}
      {summary.indicatorCount > 0 && summary.tableCount > mappings.length && (
        <div className="row">
          <button type="button" onClick={() => onEdit(undefined)}>{t('status.another')}</button>
        </div>
      )}
      {failure && <p role="alert" className="error">{failure}</p>}
    </div>
  );
}
