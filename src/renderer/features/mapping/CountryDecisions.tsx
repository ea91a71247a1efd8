import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { countryName, formatNumber } from '../../../shared/format.ts';
import { formatLocale } from '../../../shared/i18n/languages.ts';
import type { CountryValue } from '../../../shared/mapping/apply-mapping.ts';
import type { MappingDraft } from '../../../shared/mapping/mapping-spec.ts';
import { CountrySelect, useCountryOptions } from './CountrySelect.tsx';

interface Props {
  draft: MappingDraft;
  values: CountryValue[];
  onDecide: (raw: string, code: string | null | undefined) => void;
  onLeaveOutUndecided: () => void;
}

/**
 * Every different value of the country column (or every country column) and what it
 * becomes: those Sprig does not know are listed first, each for the user to map or leave
 * out; the matched and the left-out ones stay listed too, to check or change.
 */
export function CountryDecisions({ draft, values, onDecide, onLeaveOutUndecided }: Props) {
  const { t, i18n } = useTranslation('mapping');
  const options = useCountryOptions();
  const locale = i18n.language;
  const undecided = values.filter((v) => !v.decided);
  const leftOut = values.filter((v) => v.decided && v.code === null);
  const mapped = values.filter((v) => v.code !== null);
  const decision = (v: CountryValue) => (Object.hasOwn(draft.countries, v.raw) ? draft.countries[v.raw] : v.decided ? v.code : undefined);

  const row = (v: CountryValue) => (
    <li key={v.raw}>
      <span className="raw-value">{v.raw === '' ? t('countries.blank') : v.raw}</span>
      <span className="muted value-rows">{t('countries.rows', { count: v.rows, formatted: formatNumber(v.rows, locale, 0) })}</span>
      {v.match.kind === 'ambiguous' && (
        <span className="muted value-note">{t('countries.ambiguous', { list: new Intl.ListFormat(formatLocale(locale), { type: 'disjunction' }).format(v.match.candidates.map((c) => countryName(c, locale))) })}</span>
      )}
      <CountrySelect
        value={decision(v)}
        label={t('countries.select', { value: v.raw === '' ? t('countries.blank') : v.raw })}
        options={options}
        candidates={v.match.kind === 'ambiguous' ? v.match.candidates : []}
        onChange={(code) => onDecide(v.raw, code)}
      />
    </li>
  );

  return (
    <fieldset className="mapping-countries">
      <legend>{t('countries.legend')}</legend>
      <p>{t('countries.summary', { mapped: formatNumber(mapped.length, locale, 0), total: formatNumber(values.length, locale, 0), leftOut: formatNumber(leftOut.length, locale, 0) })}</p>
      {undecided.length > 0 && (
        <div className="undecided" role="group" aria-labelledby="undecided-heading">
          <h4 id="undecided-heading">{t('countries.undecidedHeading', { count: undecided.length, formatted: formatNumber(undecided.length, locale, 0) })}</h4>
          <button type="button" onClick={onLeaveOutUndecided}>{t('countries.leaveOutAll', { count: undecided.length, formatted: formatNumber(undecided.length, locale, 0) })}</button>
          <ul className="country-values">{undecided.map(row)}</ul>
        </div>
      )}
      <Listed summary={t('countries.leftOutHeading', { formatted: formatNumber(leftOut.length, locale, 0) })} values={leftOut} row={row} />
      <Listed summary={t('countries.mappedHeading', { formatted: formatNumber(mapped.length, locale, 0) })} values={mapped} row={row} />
    </fieldset>
  );
}

/** A folded list, drawn only once opened (a package may have hundreds of values). */
function Listed({ summary, values, row }: { summary: string; values: CountryValue[]; row: (v: CountryValue) => ReactNode }) {
  const [open, setOpen] = useState(false);
  if (values.length === 0) return null;
  return (
    <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{summary}</summary>
      {open && <ul className="country-values">{values.map(row)}</ul>}
    </details>
  );
}
