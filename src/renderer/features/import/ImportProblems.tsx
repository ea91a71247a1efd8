import { useTranslation } from 'react-i18next';
import type { ImportProblem } from '../../../shared/import/answers.ts';
import { formatLocale } from '../../../shared/i18n/languages.ts';

/** Warnings that do not stop the import (formulas read as their cached values, merged title rows skipped), each said plainly. */
export function ImportProblems({ problems }: { problems: ImportProblem[] }) {
  const { t, i18n } = useTranslation('import');
  if (problems.length === 0) return null;
  const nf = new Intl.NumberFormat(formatLocale(i18n.language));
  return (
    <div className="import-problems" role="note">
      <h4>{t('problems.heading')}</h4>
      <ul>
        {problems.map((p, i) => {
          // Numbers in the reader's format; `count` stays a number for the plural, `formatted` is how it is written.
          const values: Record<string, string | number> = Object.fromEntries(Object.entries(p.values).map(([k, v]) => [k, typeof v === 'number' && k !== 'count' ? nf.format(v) : v]));
          if (typeof p.values.count === 'number') values.formatted = nf.format(p.values.count);
          return (
            <li key={i} data-code={p.code}>
              {t(`problems.${p.code}`, { ...values, defaultValue: t('problems.other', { code: p.code }) })}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
