import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../shared/format.ts';
import { formatLocale } from '../../../shared/i18n/languages.ts';
import type { MappingInspection, PreviewCell } from '../../../shared/mapping/mapping-answers.ts';

/** The table's first rows as stored, so the user maps what they see. */
export function TablePreview({ inspection }: { inspection: MappingInspection }) {
  const { t, i18n } = useTranslation('mapping');
  const locale = i18n.language;
  // Numbers exactly as stored (no grouping: a year reads 1960, not "1,960"), in the reader's decimal mark.
  const cell = (value: PreviewCell) =>
    value === null ? '' : typeof value === 'number' ? new Intl.NumberFormat(formatLocale(locale), { useGrouping: false, maximumFractionDigits: 6 }).format(value) : String(value);
  return (
    <div className="mapping-preview">
      <table>
        <caption>
          {t('preview.caption', { shown: formatNumber(inspection.preview.length, locale, 0), formatted: formatNumber(inspection.rowCount, locale, 0), table: inspection.table })}
        </caption>
        <thead>
          <tr>
            {inspection.columns.map((c) => (
              <th key={c.name} scope="col" title={c.description ?? undefined}>
                {c.name}
                <span className="column-type">{c.title && c.title !== c.name ? `${c.title} · ${c.type}` : c.type}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {inspection.preview.map((row, i) => (
            <tr key={i}>
              {row.map((value, j) => (
                <td key={j} className={typeof value === 'number' ? 'number' : undefined}>{cell(value)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
