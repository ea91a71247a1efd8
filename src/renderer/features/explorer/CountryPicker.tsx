import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CountryDescription } from '../../../shared/catalogue.ts';
import { countryColour, sortCountries } from '../../../shared/countries.ts';
import { offeredCountries } from '../../../shared/uk.ts';
import type { ViewSpecInput } from '../../../shared/view-spec.ts';

interface Props {
  spec: ViewSpecInput;
  countries: CountryDescription[];
  nameOf: (code: string) => string;
  onChange: (change: Partial<ViewSpecInput>) => void;
}

/** Search and pick countries; each keeps its one colour; the UK as three nations or as one. */
export function CountryPicker({ spec, countries, nameOf, onChange }: Props) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const mode = spec.ukNations ?? 'separate';
  const available = useMemo(() => sortCountries(offeredCountries(countries.map((c) => c.code), mode)), [countries, mode]);
  const chosen = new Set(spec.countries ?? available);
  const shown = available.filter((code) => nameOf(code).toLocaleLowerCase().includes(query.trim().toLocaleLowerCase()));

  const setChosen = (codes: Set<string>) =>
    onChange({ countries: codes.size === available.length ? undefined : available.filter((c) => codes.has(c)) });
  const toggle = (code: string) => {
    const next = new Set(chosen);
    if (next.has(code)) next.delete(code);
    else next.add(code);
    setChosen(next);
  };

  return (
    <fieldset className="country-picker">
      <legend>{t('explorer.countries.heading')}</legend>
      <input
        type="search"
        aria-label={t('explorer.countries.search')}
        placeholder={t('explorer.countries.search')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <ul>
        {shown.map((code) => (
          <li key={code}>
            <label className={spec.highlight && spec.highlight !== code ? 'faded' : undefined}>
              <input type="checkbox" checked={chosen.has(code)} onChange={() => toggle(code)} />
              <span className="swatch" style={{ background: countryColour(code) }} aria-hidden="true" />
              {nameOf(code)}
            </label>
          </li>
        ))}
        {shown.length === 0 && <li className="muted">{t('explorer.countries.noMatch', { query })}</li>}
      </ul>
      <div className="row">
        <button type="button" onClick={() => onChange({ countries: undefined })}>{t('explorer.countries.all')}</button>
        <button type="button" onClick={() => onChange({ countries: [] })}>{t('explorer.countries.none')}</button>
      </div>
      <label>
        {t('explorer.countries.uk')}
        <select
          value={spec.ukNations ?? 'separate'}
          onChange={(e) => onChange({ ukNations: e.target.value as 'separate' | 'combined', countries: undefined, highlight: undefined })}
        >
          <option value="separate">{t('explorer.countries.ukSeparate')}</option>
          <option value="combined">{t('explorer.countries.ukCombined')}</option>
        </select>
      </label>
      <label>
        {t('explorer.countries.highlight')}
        <select value={spec.highlight ?? ''} onChange={(e) => onChange({ highlight: e.target.value || undefined })}>
          <option value="">{t('explorer.countries.highlightNone')}</option>
          {available.filter((c) => chosen.has(c)).map((code) => (
            <option key={code} value={code}>{nameOf(code)}</option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
