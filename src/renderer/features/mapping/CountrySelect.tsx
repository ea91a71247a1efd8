import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { sortCountries } from '../../../shared/countries.ts';
import { countryName } from '../../../shared/format.ts';
import { mappableCountryCodes } from '../../../shared/mapping/country-codes.ts';

const UNDECIDED = '';
const LEAVE_OUT = '-';

/** Every country a value may be mapped to, by name in the reader's language; the study's five first. */
export function useCountryOptions(): { code: string; name: string }[] {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(() => {
    const study = sortCountries(['GB', 'GB-ENG', 'GB-WLS', 'GB-SCT', 'US', 'AU', 'DE', 'GR']);
    const named = mappableCountryCodes().map((code) => ({ code, name: countryName(code, locale) }));
    const rest = named.filter((c) => !study.includes(c.code)).sort((a, b) => a.name.localeCompare(b.name, locale));
    return [...study.map((code) => ({ code, name: countryName(code, locale) })), ...rest];
  }, [locale]);
}

interface Props {
  /** A country code; null: left out; undefined: nobody has decided. */
  value: string | null | undefined;
  label: string;
  options: { code: string; name: string }[];
  /** Offered first: the countries an ambiguous name could be. */
  candidates?: string[];
  /** Whether "not decided" may be chosen (for a value: yes; for a whole table's country: no). */
  allowUndecided?: boolean;
  allowLeaveOut?: boolean;
  onChange: (value: string | null | undefined) => void;
}

/** One country, or "leave it out", or not decided yet. */
export function CountrySelect({ value, label, options, candidates = [], allowUndecided = true, allowLeaveOut = true, onChange }: Props) {
  const { t } = useTranslation('mapping');
  const first = options.filter((o) => candidates.includes(o.code));
  return (
    <select
      aria-label={label}
      value={value === undefined ? UNDECIDED : value === null ? LEAVE_OUT : value}
      onChange={(e) => onChange(e.target.value === UNDECIDED ? undefined : e.target.value === LEAVE_OUT ? null : e.target.value)}
    >
      {allowUndecided && <option value={UNDECIDED}>{t('countries.undecided')}</option>}
      {allowLeaveOut && <option value={LEAVE_OUT}>{t('countries.leaveOut')}</option>}
      {first.map((o) => (
        <option key={`candidate-${o.code}`} value={o.code}>{o.name}</option>
      ))}
      {options
        .filter((o) => !candidates.includes(o.code))
        .map((o) => (
          <option key={o.code} value={o.code}>{o.name}</option>
        ))}
    </select>
  );
}
