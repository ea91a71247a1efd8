import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { countryName, formatNumber, formatPeriod } from '../../../shared/format.ts';
import type { MappingProblem } from '../../../shared/mapping/apply-mapping.ts';

/** One problem in the reader's words (every code has a sentence in the `mapping` namespace). */
export function problemText(problem: MappingProblem, t: TFunction, locale: string): string {
  const number = (n: number) => formatNumber(n, locale, 0);
  switch (problem.code) {
    case 'countries-undecided':
      return t('problems.countries-undecided', { count: problem.count, formatted: number(problem.count), examples: problem.examples });
    case 'periods-unreadable':
      return t('problems.periods-unreadable', { count: problem.count, formatted: number(problem.count), column: problem.column, examples: problem.examples, kind: t(`periodKinds.${problem.kind}`) });
    case 'duplicates':
      return t('problems.duplicates', { count: problem.count, formatted: number(problem.count), country: countryName(problem.country, locale), period: formatPeriod(problem.period, locale), indicator: problem.indicator });
    case 'too-many-rows':
      return t('problems.too-many-rows', { rows: number(problem.rows), limit: number(problem.limit) });
    default:
      return t(`problems.${problem.code}`, { ...problem });
  }
}

/** What stands in the way of saving, or that nothing does. */
export function MappingProblems({ problems, checking }: { problems: MappingProblem[]; checking: boolean }) {
  const { t, i18n } = useTranslation('mapping');
  return (
    <div className="mapping-problems" role="status" aria-live="polite">
      {checking ? (
        <p className="muted">{t('checking')}</p>
      ) : problems.length === 0 ? (
        <p className="ready">{t('ready')}</p>
      ) : (
        <>
          <h4>{t('problems.heading')}</h4>
          <ul>
            {problems.map((p, i) => (
              <li key={`${p.code}-${i}`}>{problemText(p, t, i18n.language)}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
