import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CountryFinding, ImportInspection } from '../../../shared/import/answers.ts';
import { countryName, formatNumber } from '../../../shared/format.ts';
import { withChoice, withUnpivot, type RecipeDraft } from './recipe-edits.ts';

interface Props {
  inspection: ImportInspection;
  draft: RecipeDraft;
  onChange: (draft: RecipeDraft) => void;
}

/**
 * The table's shape: a header of periods (years as columns) offered as rows, empty cells
 * kept as missing; the column of countries and what each of its values matched. Values that
 * match no country are listed and kept, never dropped: the mapping step decides them.
 */
export function ShapeStep({ inspection, draft, onChange }: Props) {
  const { t, i18n } = useTranslation('import');
  const id = useId();
  const locale = i18n.language;
  const shape = inspection.shape;
  const unpivot = draft.unpivot !== undefined ? draft.unpivot : (inspection.recipe.unpivot ?? null);
  const countryColumn = draft.countryColumn !== undefined ? draft.countryColumn : shape.countryColumn;
  const matched = shape.countries.filter((c) => c.status === 'matched');
  const left = shape.countries.filter((c) => c.status !== 'matched');
  const periodColumns = unpivot?.columns ?? shape.periodColumns;
  return (
    <div className="shape-step">
      <fieldset className="unpivot">
        <legend>{t('shape.periodsLegend')}</legend>
        {periodColumns.length > 0 ? (
          <>
            <p>
              {t('shape.periodsFound', {
                count: periodColumns.length,
                formatted: formatNumber(periodColumns.length, locale, 0),
                kind: t(`periodKinds.${shape.periodKind ?? 'year'}`),
                first: periodColumns[0],
                last: periodColumns[periodColumns.length - 1],
              })}
            </p>
            <label className="choice">
              <input type="checkbox" checked={unpivot !== null} onChange={(e) => onChange(withUnpivot(draft, e.target.checked ? periodColumns : null))} />
              {t('shape.unpivot')}
            </label>
            <p className="hint">{unpivot ? t('shape.unpivotOn', { name: unpivot.nameColumn, value: unpivot.valueColumn }) : t('shape.unpivotOff')}</p>
          </>
        ) : (
          <p className="hint">{t('shape.noPeriods')}</p>
        )}
      </fieldset>
      <fieldset className="country-column">
        <legend>{t('shape.countryLegend')}</legend>
        <label className="field">
          {t('shape.countryColumn')}
          <select value={countryColumn ?? ''} onChange={(e) => onChange(withChoice(draft, 'countryColumn', e.target.value === '' ? null : e.target.value))}>
            <option value="">{t('shape.noCountryColumn')}</option>
            {inspection.columns
              .filter((c) => !(unpivot?.columns ?? []).includes(c.source))
              .map((c) => (
                <option key={c.source} value={c.source}>{c.name}</option>
              ))}
          </select>
        </label>
        {countryColumn && shape.countries.length > 0 && (
          <>
            <p role="status">
              {t('shape.matchSummary', { count: shape.countries.length, formatted: formatNumber(shape.countries.length, locale, 0), matched: formatNumber(matched.length, locale, 0), left: formatNumber(left.length, locale, 0) })}
            </p>
            <div className="country-matches" role="region" aria-labelledby={`${id}-matches`} tabIndex={0}>
              <table>
                <caption id={`${id}-matches`}>{t('shape.matchCaption', { column: countryColumn })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('shape.value')}</th>
                    <th scope="col">{t('shape.rows')}</th>
                    <th scope="col">{t('shape.matchedTo')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...left, ...matched].map((c) => (
                    <CountryRow key={c.value} finding={c} locale={locale} />
                  ))}
                </tbody>
              </table>
            </div>
            {left.length > 0 && <p className="hint">{t('shape.leftKept')}</p>}
          </>
        )}
      </fieldset>
    </div>
  );
}

function CountryRow({ finding, locale }: { finding: CountryFinding; locale: string }) {
  const { t } = useTranslation('import');
  return (
    <tr data-status={finding.status}>
      <td className="raw-value" translate="no">
        {finding.value}
      </td>
      <td className="number">{formatNumber(finding.rows, locale, 0)}</td>
      <td>
        {finding.status === 'matched' && finding.code
          ? t('shape.matched', { country: countryName(finding.code, locale), code: finding.code })
          : finding.status === 'ambiguous'
            ? t('shape.ambiguous', { candidates: (finding.candidates ?? []).map((c) => countryName(c, locale)).join(', ') })
            : t('shape.unmatched')}
      </td>
    </tr>
  );
}
