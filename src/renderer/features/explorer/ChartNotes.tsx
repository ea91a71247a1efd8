import { useTranslation } from 'react-i18next';
import type { SourceDescription } from '../../../shared/catalogue.ts';
import type { MissingCountry, TrendRow } from '../../../shared/charts/trend-rows.ts';

interface Props {
  rows: TrendRow[];
  countries: { code: string; name: string }[];
  missing: MissingCountry[];
  sources: Map<string, SourceDescription>;
}

/** What a reader needs under the chart: what is missing, and who published what is shown. */
export function ChartNotes({ rows, countries, missing, sources }: Props) {
  const { t } = useTranslation();
  const name = (code: string) => countries.find((c) => c.code === code)?.name ?? code;
  const gaps = countries
    .map((c) => ({ code: c.code, count: rows.filter((r) => r.country === c.code && r.value === null && r.status !== 'not_available').length }))
    .filter((g) => g.count > 0);
  const usedSources = [...new Set(rows.filter((r) => r.value !== null).map((r) => r.source))]
    .map((id) => sources.get(id))
    .filter((s): s is SourceDescription => s !== undefined);

  return (
    <div className="chart-notes">
      {(missing.length > 0 || gaps.length > 0) && (
        <div className="missing">
          <h3>{t('compare.missingHeading')}</h3>
          <ul>
            {missing.map((m) => (
              <li key={m.country}>
                {t('compare.missingCountry', {
                  country: name(m.country),
                  reason: m.reason === 'not_available' ? t('compare.noNationalData') : t('compare.noDataInDataset'),
                })}
              </li>
            ))}
            {gaps.map((g) => (
              <li key={`gap-${g.code}`}>{t('compare.missingPeriods', { country: name(g.code), count: g.count })}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="sources">
        <h3>{t('compare.sources')}</h3>
        <ul>
          {usedSources.map((s) => (
            <li key={s.id}>
              {s.year !== null
                ? t('compare.sourceLine', { organisation: s.organisation, year: s.year, title: s.title })
                : t('compare.sourceLineNoYear', { organisation: s.organisation, title: s.title })}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
