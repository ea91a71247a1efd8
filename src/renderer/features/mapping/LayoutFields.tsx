import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnDescription } from '../../../shared/catalogue.ts';
import { formatPeriod } from '../../../shared/format.ts';
import { formatLocale } from '../../../shared/i18n/languages.ts';
import { isNumeric, type MappingCheck } from '../../../shared/mapping/apply-mapping.ts';
import { COUNTRY_NOT_CHOSEN, type MappingDraft } from '../../../shared/mapping/mapping-spec.ts';
import { periodKinds, type PeriodKind } from '../../../shared/mapping/periods.ts';
import { CountrySelect, useCountryOptions } from './CountrySelect.tsx';
import { setCountrySource, setPeriodColumn, setPeriodReading, toggleWideColumn, type LayoutKind } from './mapping-edits.ts';

/** What a wide table's columns are, as the user says: periods, countries, or places that are not countries (declined). */
export type LayoutChoice = LayoutKind | 'places';
const layoutChoices: LayoutChoice[] = ['long', 'periods-as-columns', 'countries-as-columns', 'places'];

/** The select's value for "the whole table is one country". */
const WHOLE_TABLE = '\u0000whole-table';

interface Props {
  draft: MappingDraft;
  choice: LayoutChoice;
  columns: ColumnDescription[];
  check: MappingCheck | null;
  onLayout: (choice: LayoutChoice) => void;
  onChange: (draft: MappingDraft) => void;
}

/** How the table is laid out, where the country is and where the period. */
export function LayoutFields({ draft, choice, columns, check, onLayout, onChange }: Props) {
  const { t } = useTranslation('mapping');
  const id = useId();
  return (
    <>
      <fieldset className="mapping-layout">
        <legend>{t('layout.legend')}</legend>
        {layoutChoices.map((kind) => (
          <label key={kind} className="choice">
            <input type="radio" name={`${id}-layout`} value={kind} checked={choice === kind} onChange={() => onLayout(kind)} />
            {t(`layout.${kind}`)}
          </label>
        ))}
        {choice === 'places' && <p className="declined" role="note">{t('layout.placesDeclined')}</p>}
      </fieldset>
      {choice !== 'places' && <CountryFields draft={draft} columns={columns} onChange={onChange} />}
      {choice !== 'places' && <PeriodFields draft={draft} columns={columns} check={check} onChange={onChange} />}
    </>
  );
}

function CountryFields({ draft, columns, onChange }: Pick<Props, 'draft' | 'columns' | 'onChange'>) {
  const { t } = useTranslation('mapping');
  const options = useCountryOptions();
  const { layout } = draft;
  const periodColumn = layout.kind === 'periods-as-columns' ? undefined : layout.period.column;
  return (
    <fieldset className="mapping-country">
      <legend>{t('country.legend')}</legend>
      {layout.kind === 'countries-as-columns' ? (
        <ColumnChecks
          label={t('country.columns')}
          columns={columns.filter((c) => isNumeric(c) && c.name !== periodColumn)}
          chosen={layout.countryColumns}
          onToggle={(column, on) => onChange(toggleWideColumn(draft, column, on, columns))}
        />
      ) : (
        <label>
          {t('country.column')}
          <select
            value={'column' in layout.country ? layout.country.column : WHOLE_TABLE}
            onChange={(e) => onChange(setCountrySource(draft, e.target.value === WHOLE_TABLE ? { fixed: COUNTRY_NOT_CHOSEN } : { column: e.target.value }))}
          >
            {columns.map((c) => (
              <option key={c.name} value={c.name}>{c.name}</option>
            ))}
            {layout.kind === 'long' && <option value={WHOLE_TABLE}>{t('country.wholeTable')}</option>}
          </select>
        </label>
      )}
      {layout.kind === 'long' && 'fixed' in layout.country && (
        <label>
          {t('country.fixed')}
          <CountrySelect
            value={layout.country.fixed === COUNTRY_NOT_CHOSEN ? undefined : layout.country.fixed}
            label={t('country.fixed')}
            options={options}
            allowLeaveOut={false}
            onChange={(code) => onChange(setCountrySource(draft, { fixed: code ?? COUNTRY_NOT_CHOSEN }))}
          />
        </label>
      )}
    </fieldset>
  );
}

function PeriodFields({ draft, columns, check, onChange }: Pick<Props, 'draft' | 'columns' | 'check' | 'onChange'>) {
  const { t, i18n } = useTranslation('mapping');
  const locale = i18n.language;
  const { layout } = draft;
  const months = Array.from({ length: 11 }, (_, i) => i + 2);
  const monthName = (month: number) => new Intl.DateTimeFormat(formatLocale(locale), { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2001, month - 1, 1)));
  const periods = check?.periods;
  return (
    <fieldset className="mapping-period">
      <legend>{t('period.legend')}</legend>
      {layout.kind === 'periods-as-columns' ? (
        <ColumnChecks
          label={t('period.columns')}
          columns={columns.filter(isNumeric)}
          chosen={layout.period.columns}
          onToggle={(column, on) => onChange(toggleWideColumn(draft, column, on, columns))}
        />
      ) : (
        <label>
          {t('period.column')}
          <select value={layout.period.column} onChange={(e) => onChange(setPeriodColumn(draft, e.target.value))}>
            {columns.map((c) => (
              <option key={c.name} value={c.name}>{c.name}</option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t('period.kind')}
        <select value={layout.period.kind} onChange={(e) => onChange(setPeriodReading(draft, { kind: e.target.value as PeriodKind }))}>
          {periodKinds.map((kind) => (
            <option key={kind} value={kind}>{t(`periodKinds.${kind}`)}</option>
          ))}
        </select>
      </label>
      {layout.period.kind === 'financial-year' && (
        <label>
          {t('period.financialYearStart')}
          <select value={layout.period.financialYearStart} onChange={(e) => onChange(setPeriodReading(draft, { financialYearStart: Number(e.target.value) }))}>
            {months.map((m) => (
              <option key={m} value={m}>{monthName(m)}</option>
            ))}
          </select>
          <span className="hint">{t('period.financialYearHint')}</span>
        </label>
      )}
      {periods && periods.count > 0 && (
        <p className="muted">
          {t('period.summary', { count: periods.count, formatted: String(periods.count), first: formatPeriod(periods.first ?? '', locale), last: formatPeriod(periods.last ?? '', locale) })}
        </p>
      )}
    </fieldset>
  );
}

/** Ticks for the columns a wide table spreads over. */
function ColumnChecks({ label, columns, chosen, onToggle }: { label: string; columns: ColumnDescription[]; chosen: string[]; onToggle: (column: string, on: boolean) => void }) {
  return (
    <div className="column-checks" role="group" aria-label={label}>
      <p>{label}</p>
      <ul>
        {columns.map((c) => (
          <li key={c.name}>
            <label>
              <input type="checkbox" checked={chosen.includes(c.name)} onChange={(e) => onToggle(c.name, e.target.checked)} />
              {c.name}
            </label>
          </li>
        ))}
      </ul>
    </div>
  );
}
