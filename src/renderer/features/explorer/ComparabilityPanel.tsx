import { useTranslation } from 'react-i18next';
import type { CountryDescription, IndicatorDescription } from '../../../shared/catalogue.ts';
import { KIND_ORDER } from '../../../shared/charts/value-kinds.ts';
import { canRank } from '../../../shared/indicators.ts';
import { unitLabel } from '../../../shared/i18n/units.ts';
import { comparabilityLevelLabel } from '../../../shared/labels.ts';
import type { CodeLabels } from '../../../shared/catalogue.ts';
import type { TableRow } from './table-rows.ts';

interface Props {
  indicator: IndicatorDescription;
  rows: TableRow[];
  countries: CountryDescription[];
  shown: string[];
  nameOf: (code: string) => string;
  codeLabels: CodeLabels;
  ranked: boolean;
}

/**
 * What the numbers mean and whether they compare: the definition, unit and caveat, and for
 * each country a badge for how comparable it is and what kind of values it has.
 */
export function ComparabilityPanel({ indicator, rows, countries, shown, nameOf, codeLabels, ranked }: Props) {
  const { t, i18n } = useTranslation();
  // A package's own words for the level; a mapped indicator's level is the user's choice, in Sprig's words.
  const level = comparabilityLevelLabel(codeLabels, indicator.comparabilityLevel, i18n.language, t);
  // What a country's values are: each kind drawn (a target is a target, never "published"), or why there are none.
  const statusOf = (code: string): string[] => {
    const own = rows.filter((r) => r.country === code);
    const withValue = own.filter((r) => r.value !== null);
    if (withValue.length === 0) return [own.some((r) => r.status === 'not_available' || r.reason === 'not_available') ? 'not_available' : 'absent'];
    return KIND_ORDER.filter((kind) => withValue.some((r) => (r.kind ?? (r.synthetic === true ? 'synthetic' : 'published')) === kind));
  };
  return (
    <aside className="comparability" aria-labelledby="comparability-heading">
      <h3 id="comparability-heading">{t('explorer.comparability.heading')}</h3>
      <dl className="definition">
        {(indicator.definition || !indicator.mapped) && (
          <>
            <dt>{t('compare.definition')}</dt>
            <dd>{indicator.definition}</dd>
          </>
        )}
        {indicator.mapped && (
          <>
            <dt>{t('mapping:provenance.term')}</dt>
            <dd>
              {indicator.mapped.column
                ? t('mapping:provenance.column', { column: indicator.mapped.column, table: indicator.mapped.table })
                : t('mapping:provenance.table', { table: indicator.mapped.table })}
            </dd>
          </>
        )}
        <dt>{t('explorer.comparability.unit')}</dt>
        <dd>{unitLabel(indicator.unit, t)}{indicator.denominator && ` (${t('explorer.comparability.denominator', { denominator: indicator.denominator })})`}</dd>
        {indicator.caveat && (
          <>
            <dt>{t('compare.caveat')}</dt>
            <dd>{indicator.caveat}</dd>
          </>
        )}
        <dt>{t('explorer.comparability.level')}</dt>
        <dd>
          <span className={`badge level-${indicator.comparabilityLevel}`}>{level}</span>
        </dd>
      </dl>
      {!canRank(indicator) && !ranked && <p className="not-ranked" role="note">{t('explorer.comparability.notRanked')}</p>}
      <ul className="country-badges">
        {shown.map((code) => {
          const note = countries.find((c) => c.code === code)?.comparabilityNote;
          return (
            <li key={code}>
              <strong>{nameOf(code)}</strong>{' '}
              {statusOf(code).map((status) => (
                <span key={status} className={`badge status-${status}`}>{t(`explorer.comparability.status.${status}`)}</span>
              ))}
              {note && <p className="help">{note}</p>}
            </li>
          );
        })}
      </ul>
    </aside>
  );
}
