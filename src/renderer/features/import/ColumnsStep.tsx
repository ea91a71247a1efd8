import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportInspection } from '../../../shared/import/answers.ts';
import { dateOrders, decimalSeparators, importFieldTypes, thousandsSeparators, type DateOrder } from '../../../shared/import/recipe.ts';
import { formatNumber } from '../../../shared/format.ts';
import { formatLocale } from '../../../shared/i18n/languages.ts';
import { withChoice, withColumnType, withMarker, type RecipeDraft } from './recipe-edits.ts';

interface Props {
  inspection: ImportInspection;
  draft: RecipeDraft;
  onChange: (draft: RecipeDraft) => void;
}

/** Delimiters offered by name; any other the file uses is offered as itself. */
const DELIMITERS = [',', ';', '\t', '|', ' '];
const QUOTES = ['"', "'", ''];
const SEPARATOR_KEY: Record<string, string> = { '': 'none', '.': 'dot', ',': 'comma', ' ': 'space', '\u00a0': 'nbsp', "'": 'apostrophe', ';': 'semicolon', '\t': 'tab', '|': 'bar', '"': 'double' };

/**
 * How the text is read: the CSV dialect, number and date forms, missing-value markers and
 * each column's type, with the first rows shown exactly as they will be read.
 */
export function ColumnsStep({ inspection, draft, onChange }: Props) {
  const { t, i18n } = useTranslation('import');
  const id = useId();
  const locale = i18n.language;
  const sniff = inspection.sniff;
  const [marker, setMarker] = useState('');
  const dateOpen = inspection.choices.find((c) => c.kind === 'date-order');
  const markers = draft.missingValues ?? sniff?.missingValues ?? inspection.recipe.missingValues ?? [];
  const symbol = (s: string) => t(`symbols.${SEPARATOR_KEY[s] ?? 'other'}`, { symbol: s });
  const hasDates = inspection.columns.some((c) => c.type === 'date') || !!dateOpen;
  const dateOrder = draft.dateOrder ?? (dateOpen ? null : (sniff?.dateOrder ?? null));
  const example = new Intl.DateTimeFormat(formatLocale(locale), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const addMarker = () => {
    if (!marker.trim()) return;
    onChange(withChoice(draft, 'missingValues', withMarker(markers, marker, true)));
    setMarker('');
  };
  return (
    <div className="columns-step">
      {sniff && (
        <div className="dialect">
          {inspection.kind === 'csv' && (
            <>
              <label className="field">
                {t('columns.delimiter')}
                <select value={sniff.delimiter} onChange={(e) => onChange(withChoice(draft, 'delimiter', e.target.value))}>
                  {[...new Set([...DELIMITERS, sniff.delimiter])].map((d) => (
                    <option key={d} value={d}>{symbol(d)}</option>
                  ))}
                </select>
              </label>
              <label className="field">
                {t('columns.quote')}
                <select value={sniff.quote} onChange={(e) => onChange(withChoice(draft, 'quote', e.target.value))}>
                  {[...new Set([...QUOTES, sniff.quote])].map((q) => (
                    <option key={q} value={q}>{q === '' ? t('symbols.noQuote') : symbol(q)}</option>
                  ))}
                </select>
              </label>
            </>
          )}
          <label className="field">
            {t('columns.decimal')}
            <select value={sniff.decimalSeparator} onChange={(e) => onChange(withChoice(draft, 'decimalSeparator', e.target.value as (typeof decimalSeparators)[number]))}>
              {decimalSeparators.map((d) => (
                <option key={d} value={d}>{symbol(d)}</option>
              ))}
            </select>
          </label>
          <label className="field">
            {t('columns.thousands')}
            <select value={sniff.thousandsSeparator} onChange={(e) => onChange(withChoice(draft, 'thousandsSeparator', e.target.value as (typeof thousandsSeparators)[number]))}>
              {thousandsSeparators.map((d) => (
                <option key={d} value={d}>{symbol(d)}</option>
              ))}
            </select>
          </label>
        </div>
      )}
      <fieldset className="missing-markers">
        <legend>{t('columns.missing')}</legend>
        <p className="hint">{t('columns.missingHint')}</p>
        <ul>
          {markers.map((m) => (
            <li key={m}>
              <code>{m}</code>
              <button type="button" aria-label={t('columns.removeMarker', { marker: m })} onClick={() => onChange(withChoice(draft, 'missingValues', withMarker(markers, m, false)))}>
                ×
              </button>
            </li>
          ))}
          {markers.length === 0 && <li className="hint">{t('columns.noMarkers')}</li>}
        </ul>
        <div className="row">
          <label htmlFor={`${id}-marker`} className="visually-hidden">{t('columns.newMarker')}</label>
          <input
            id={`${id}-marker`}
            type="text"
            value={marker}
            maxLength={50}
            placeholder={t('columns.markerPlaceholder')}
            onChange={(e) => setMarker(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                addMarker();
              }
            }}
          />
          <button type="button" onClick={addMarker} disabled={!marker.trim()}>{t('columns.addMarker')}</button>
        </div>
      </fieldset>
      {hasDates && (
        <fieldset className={`date-order${dateOpen ? ' needs-choice' : ''}`}>
          <legend>{t('columns.dateOrder')}</legend>
          {(dateOpen || sniff?.dateOrderAmbiguous) && (
            <p className="ambiguous" role="note">
              {t('columns.dateAmbiguous', { columns: (dateOpen?.columns ?? inspection.columns.filter((c) => c.type === 'date').map((c) => c.source)).map((c) => `“${c}”`).join(', ') })}
            </p>
          )}
          {dateOrders.map((o: DateOrder) => (
            <label key={o} className="choice">
              <input type="radio" name={`${id}-date-order`} value={o} checked={dateOrder === o} onChange={() => onChange(withChoice(draft, 'dateOrder', o))} />
              {t(`columns.order.${o}`, { example: example.format(new Date(Date.UTC(2023, o === 'month-first' ? 0 : 1, o === 'month-first' ? 2 : 1))) })}
            </label>
          ))}
        </fieldset>
      )}
      <div className="import-preview" role="region" aria-labelledby={`${id}-preview`} tabIndex={0}>
        <table>
          <caption id={`${id}-preview`}>{t('columns.previewCaption', { count: inspection.preview.rows.length, formatted: formatNumber(inspection.preview.rows.length, locale, 0) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('columns.lineColumn')}</th>
              {inspection.columns.map((c) => (
                <th key={c.source} scope="col">
                  <span className="column-name" translate="no">
                    {c.name}
                  </span>
                  <select
                    aria-label={t('columns.typeOf', { column: c.name })}
                    value={c.type}
                    onChange={(e) => onChange(withColumnType(draft, c.source, e.target.value as (typeof importFieldTypes)[number], c.detected))}
                  >
                    {importFieldTypes.map((type) => (
                      <option key={type} value={type}>
                        {type === c.detected ? t('columns.typeDetected', { type: t(`types.${type}`) }) : t(`types.${type}`)}
                      </option>
                    ))}
                  </select>
                  {c.dateFormat && <span className="date-format">{t('columns.dateFormat', { format: c.dateFormat })}</span>}
                  {c.missing > 0 && <span className="missing-count">{t('columns.missingCount', { count: c.missing, formatted: formatNumber(c.missing, locale, 0) })}</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody translate="no">
            {inspection.preview.rows.map((row, i) => (
              <tr key={i}>
                <th scope="row" className="line-number">{formatNumber(inspection.preview.lines[i] ?? i + 1, locale, 0)}</th>
                {row.map((value, j) => {
                  // Empty cells and the markers are read as missing: shown so, with the text as written beside it.
                  const missing = value === null || value.trim() === '' || markers.includes(value.trim());
                  const numeric = inspection.columns[j]?.type === 'number' || inspection.columns[j]?.type === 'integer';
                  return (
                    <td key={j} className={missing ? 'missing-value' : numeric ? 'number' : undefined}>
                      {missing ? (
                        <span className="missing-cell" title={t('columns.missingCell')}>
                          {value?.trim() ? <s>{value}</s> : <span aria-hidden="true">—</span>}
                          <span className="visually-hidden">{t('columns.missingCell')}</span>
                        </span>
                      ) : (
                        value
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
