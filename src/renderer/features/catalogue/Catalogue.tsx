import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalogue as CatalogueData, DatasetSummary, PreparationStatus, RefusedPackage } from '../../../shared/catalogue.ts';
import { problemSentence, skippedSentence, type Translate } from '../../../shared/load-problems.ts';
import { useApi } from '../../api-context.tsx';
import { errorMessage } from '../../error-message.ts';
import { formatPercent } from '../../../shared/format.ts';
import { AddFolder } from './AddFolder.tsx';
import { usePreparation } from './preparation.ts';

interface Props {
  catalogue: CatalogueData;
  selected: string | null;
  onSelect: (name: string) => void;
  /** Opens a package without indicators on its mapping step. */
  onMap: (name: string) => void;
  onChanged: (catalogue: CatalogueData) => void;
  /** Opens the Import panel (a partner's CSV, workbook, Parquet or JSON file). */
  onImport?: () => void;
  /** The Import panel is open. */
  importing?: boolean;
}

/** Every data package Sprig opened, and every one it refused with the reason. */
export function Catalogue({ catalogue, selected, onSelect, onMap, onChanged, onImport, importing = false }: Props) {
  const { t } = useTranslation();
  const { statuses, cancel } = usePreparation(catalogue);
  return (
    <section className="catalogue" aria-labelledby="catalogue-heading">
      <h2 id="catalogue-heading">{t('catalogue.heading')}</h2>
      {catalogue.datasets.length === 0 && <p>{t('catalogue.empty')}</p>}
      <ul className="dataset-list">
        {catalogue.datasets.map((dataset) => (
          <DatasetCard
            key={dataset.name}
            dataset={dataset}
            selected={dataset.name === selected}
            onSelect={onSelect}
            preparation={statuses.get(dataset.name)}
            onCancelPreparation={cancel}
            onMap={onMap}
          />
        ))}
      </ul>
      <Refused refused={catalogue.refused.filter((r) => r.outcome !== 'declined')} heading="refusedHeading" />
      <Refused refused={catalogue.refused.filter((r) => r.outcome === 'declined')} heading="declinedHeading" />
      {catalogue.folders.length > 0 && <AddedFolders folders={catalogue.folders} onChanged={onChanged} />}
      <AddFolder onAdded={onChanged} />
      {onImport && (
        <button type="button" className="open-import" onClick={onImport} aria-pressed={importing}>
          {t('catalogue.importFile')}
        </button>
      )}
    </section>
  );
}

interface CardProps {
  dataset: DatasetSummary;
  selected: boolean;
  onSelect: (name: string) => void;
  preparation?: PreparationStatus | undefined;
  onCancelPreparation: (dataset: string) => void;
  onMap: (name: string) => void;
}

function DatasetCard({ dataset, selected, onSelect, preparation, onCancelPreparation, onMap }: CardProps) {
  const { t } = useTranslation();
  return (
    <li className={`dataset-card${selected ? ' selected' : ''}`} aria-label={dataset.title}>
      <h3>{dataset.title}</h3>
      <p className="badges">
        {dataset.synthetic && <span className="badge synthetic">{t('catalogue.syntheticBadge')}</span>}
        {dataset.bundled && <span className="badge">{t('catalogue.bundledBadge')}</span>}
        {(dataset.mappedTables?.length ?? 0) > 0 && <span className="badge mapped">{t('mapping:mappedBadge')}</span>}
      </p>
      {dataset.description && <p className="description">{dataset.description}</p>}
      <p className="facts">
        {t('catalogue.tables', { count: dataset.tableCount })} · {t('catalogue.indicators', { count: dataset.indicatorCount })}
        {dataset.version && <> · {t('catalogue.version', { version: dataset.version })}</>}
      </p>
      <p className="licence">
        {dataset.licences.length > 0 ? t('catalogue.licence', { licence: dataset.licences.join(', ') }) : t('catalogue.noLicence')}
      </p>
      {dataset.skipped && dataset.skipped.length > 0 && (
        <div className="skipped">
          <p>{t('catalogue.skipped')}</p>
          <ul>
            {dataset.skipped.map((s) => (
              <li key={s.resource}>{skippedSentence(translate(t), s)}</li>
            ))}
          </ul>
        </div>
      )}
      {dataset.changedFiles && dataset.changedFiles.length > 0 && (
        <p className="changed-note" role="note">
          {t('catalogue.changedFiles', { count: dataset.changedFiles.length, files: dataset.changedFiles.join(', ') })}
        </p>
      )}
      <div className="row">
        <button type="button" aria-pressed={selected} onClick={() => onSelect(dataset.name)}>
          {selected ? t('catalogue.opened') : t('catalogue.open')}
        </button>
        {dataset.indicatorCount === 0 && dataset.tableCount > 0 && !dataset.tables.includes('referral') && (
          <button type="button" onClick={() => onMap(dataset.name)}>{t('mapping:mapButton')}</button>
        )}
      </div>
      {preparation && <Preparation title={dataset.title} status={preparation} onCancel={() => onCancelPreparation(dataset.name)} />}
    </li>
  );
}

/**
 * What the engine is doing with a package after loading it: "Preparing… (40%)" with a way to
 * stop, or why its person-level views will be slower. Nothing once it is prepared.
 */
export function Preparation({ title, status, onCancel }: { title: string; status: PreparationStatus; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  if (status.state === 'ready') return null;
  if (status.state !== 'preparing') {
    return <p className="preparing-note">{t(`catalogue.preparing.${status.state}`)}</p>;
  }
  const percent = formatPercent(status.percent, i18n.language, 0);
  return (
    <div className="preparing" role="status">
      <span>{t('catalogue.preparing.status', { percent })}</span>
      <progress max={100} value={status.percent} aria-label={t('catalogue.preparing.progress', { title })} />
      <button type="button" onClick={onCancel} aria-label={t('catalogue.preparing.cancelLabel', { title })}>
        {t('catalogue.preparing.cancel')}
      </button>
    </div>
  );
}

/** The folders the user added, each removable: its packages close and it is not opened again. */
function AddedFolders({ folders, onChanged }: { folders: string[]; onChanged: (catalogue: CatalogueData) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [failure, setFailure] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const remove = (folder: string) => {
    setRemoving(folder);
    setFailure(null);
    api.removeDataFolder({ path: folder }).then(
      (catalogue) => {
        setRemoving(null);
        onChanged(catalogue);
      },
      (error: unknown) => {
        setRemoving(null);
        setFailure(errorMessage(error, t));
      },
    );
  };
  return (
    <div className="added-folders" role="region" aria-labelledby="added-folders-heading">
      <h3 id="added-folders-heading">{t('catalogue.folders.heading')}</h3>
      <ul>
        {folders.map((folder) => (
          <li key={folder}>
            <code>{folder}</code>
            <button type="button" onClick={() => remove(folder)} disabled={removing !== null} aria-label={t('catalogue.folders.removeLabel', { folder })}>
              {removing === folder ? t('catalogue.folders.removing') : t('catalogue.folders.remove')}
            </button>
          </li>
        ))}
      </ul>
      {failure && <p role="alert" className="error">{failure}</p>}
    </div>
  );
}

/** i18next's `t` as the shared sentence builders take it. */
function translate(t: TFunction): Translate {
  return (key, options) => t(key, options ?? {});
}

/**
 * Packages not opened, each with the sentence that says why in the reader's language (from
 * its code and values, never the engine's English), and for a declined package why each of
 * its resources was not read.
 */
function Refused({ refused, heading }: { refused: RefusedPackage[]; heading: 'refusedHeading' | 'declinedHeading' }) {
  const { t } = useTranslation();
  if (refused.length === 0) return null;
  const id = `${heading}-title`;
  return (
    <div className={heading === 'refusedHeading' ? 'refused' : 'refused declined'} role="region" aria-labelledby={id}>
      <h3 id={id}>{t(`catalogue.${heading}`)}</h3>
      <ul>
        {refused.map((r) => (
          <li key={r.path} data-code={r.code}>
            {r.package && <p className="package-name">{t('catalogue.packageName', { name: r.package })}</p>}
            <code>{r.shown ?? r.path}</code>
            <p className="reason">{problemSentence(translate(t), r)}</p>
            {r.resources && r.resources.length > 0 && (
              <ul>
                {r.resources.map((s) => (
                  <li key={s.resource} data-code={s.code}>
                    {skippedSentence(translate(t), s)}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
