import { useTranslation } from 'react-i18next';
import type { Catalogue as CatalogueData, DatasetSummary, PreparationStatus, RefusedPackage } from '../../../shared/catalogue.ts';
import { formatPercent } from '../../../shared/format.ts';
import { AddFolder } from './AddFolder.tsx';
import { usePreparation } from './preparation.ts';

interface Props {
  catalogue: CatalogueData;
  selected: string | null;
  onSelect: (name: string) => void;
  onChanged: (catalogue: CatalogueData) => void;
}

/** Every data package Sprig opened, and every one it refused with the reason. */
export function Catalogue({ catalogue, selected, onSelect, onChanged }: Props) {
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
          />
        ))}
      </ul>
      {catalogue.refused.length > 0 && <Refused refused={catalogue.refused} />}
      <AddFolder onAdded={onChanged} />
    </section>
  );
}

interface CardProps {
  dataset: DatasetSummary;
  selected: boolean;
  onSelect: (name: string) => void;
  preparation?: PreparationStatus | undefined;
  onCancelPreparation: (dataset: string) => void;
}

function DatasetCard({ dataset, selected, onSelect, preparation, onCancelPreparation }: CardProps) {
  const { t } = useTranslation();
  return (
    <li className={`dataset-card${selected ? ' selected' : ''}`} aria-label={dataset.title}>
      <h3>{dataset.title}</h3>
      <p className="badges">
        {dataset.synthetic && <span className="badge synthetic">{t('catalogue.syntheticBadge')}</span>}
        {dataset.bundled && <span className="badge">{t('catalogue.bundledBadge')}</span>}
      </p>
      {dataset.description && <p className="description">{dataset.description}</p>}
      <p className="facts">
        {t('catalogue.tables', { count: dataset.tableCount })} · {t('catalogue.indicators', { count: dataset.indicatorCount })}
        {dataset.version && <> · {t('catalogue.version', { version: dataset.version })}</>}
      </p>
      <p className="licence">
        {dataset.licences.length > 0 ? t('catalogue.licence', { licence: dataset.licences.join(', ') }) : t('catalogue.noLicence')}
      </p>
      <button type="button" aria-pressed={selected} onClick={() => onSelect(dataset.name)}>
        {selected ? t('catalogue.opened') : t('catalogue.open')}
      </button>
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

function Refused({ refused }: { refused: RefusedPackage[] }) {
  const { t } = useTranslation();
  return (
    <div className="refused" role="region" aria-labelledby="refused-heading">
      <h3 id="refused-heading">{t('catalogue.refusedHeading')}</h3>
      <ul>
        {refused.map((r) => (
          <li key={r.path}>
            <code>{r.path}</code>
            <p>{r.reason}</p>
            {r.file && r.row !== undefined && r.field && r.rule && (
              <p className="where">{t('catalogue.refusedWhere', { file: r.file, row: r.row, field: r.field, rule: r.rule })}</p>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
