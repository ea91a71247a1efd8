import { useTranslation } from 'react-i18next';
import type { SourceDescription } from '../../../shared/catalogue.ts';
import { missingText, periodText } from '../../../shared/charts/chart-common.ts';
import type { MissingCountry, TrendRow } from '../../../shared/charts/trend-rows.ts';

interface Props {
  rows: TrendRow[];
  countries: { code: string; name: string }[];
  missing: MissingCountry[];
  sources: Map<string, SourceDescription>;
  /** Period labels the reasons name (the base period, the two periods of a slope). */
  periods: { base?: string | undefined; from?: string | undefined; to?: string | undefined };
}

/** What a reader needs under the chart: what is missing and why, and who published what is shown. */
export function ChartNotes({ rows, countries, missing, sources, periods }: Props) {
  const { t, i18n } = useTranslation();
  const name = (code: string) => countries.find((c) => c.code === code)?.name ?? code;
  const words = (label: string | undefined) => (label === undefined ? undefined : periodText(label, i18n.language, t));
  const named = Object.fromEntries(Object.entries({ base: words(periods.base), from: words(periods.from), to: words(periods.to) }).filter(([, v]) => v !== undefined));
  // Countries with values, some periods without: how many, and why, once per reason.
  const missingCodes = new Set(missing.map((m) => m.country));
  const gaps = countries
    .filter((c) => !missingCodes.has(c.code))
    .flatMap((c) => {
      const empty = rows.filter((r) => r.country === c.code && r.value === null);
      return [...Map.groupBy(empty, (r) => r.reason ?? 'absent')].map(([reason, list]) => ({ code: c.code, reason, count: list.length }));
    });
  const usedSources = [...new Set(rows.filter((r) => r.value !== null).flatMap((r) => r.source.split(';')))]
    .map((id) => sources.get(id))
    .filter((s): s is SourceDescription => s !== undefined);

  return (
    <div className="chart-notes">
      {(missing.length > 0 || gaps.length > 0) && (
        <div className="missing">
          <h3>{t('compare.missingHeading')}</h3>
          <ul>
            {missing.map((m) => (
              <li key={m.country} data-reason={m.reason}>
                {t('compare.missingCountry', { country: name(m.country), reason: missingText(m.reason, t, named) })}
              </li>
            ))}
            {gaps.map((g) => (
              <li key={`gap-${g.code}-${g.reason}`} data-reason={g.reason}>
                {t('compare.missingPeriods', { country: name(g.code), count: g.count, reason: missingText(g.reason, t, named) })}
              </li>
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
