import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Catalogue as CatalogueData, DatasetSummary, RefusedPackage } from '../../../shared/catalogue.ts';
import { problemSentence, skippedSentence, type Translate } from '../../../shared/load-problems.ts';
import { AddFolder } from './AddFolder.tsx';

interface Props {
  catalogue: CatalogueData;
  selected: string | null;
  onSelect: (name: string) => void;
  onChanged: (catalogue: CatalogueData) => void;
}

/** Every data package Sprig opened, and every one it refused with the reason. */
export function Catalogue({ catalogue, selected, onSelect, onChanged }: Props) {
  const { t } = useTranslation();
  return (
    <section className="catalogue" aria-labelledby="catalogue-heading">
      <h2 id="catalogue-heading">{t('catalogue.heading')}</h2>
      {catalogue.datasets.length === 0 && <p>{t('catalogue.empty')}</p>}
      <ul className="dataset-list">
        {catalogue.datasets.map((dataset) => (
          <DatasetCard key={dataset.name} dataset={dataset} selected={dataset.name === selected} onSelect={onSelect} />
        ))}
      </ul>
      <Refused refused={catalogue.refused.filter((r) => r.outcome !== 'declined')} heading="refusedHeading" />
      <Refused refused={catalogue.refused.filter((r) => r.outcome === 'declined')} heading="declinedHeading" />
      <AddFolder onAdded={onChanged} />
    </section>
  );
}

function DatasetCard({ dataset, selected, onSelect }: { dataset: DatasetSummary; selected: boolean; onSelect: (name: string) => void }) {
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
      <button type="button" aria-pressed={selected} onClick={() => onSelect(dataset.name)}>
        {selected ? t('catalogue.opened') : t('catalogue.open')}
      </button>
    </li>
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
            <code>{r.path}</code>
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
