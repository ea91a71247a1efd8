import type { TFunction } from 'i18next';
import { formatDate, formatNumber } from '../../../shared/format.ts';
import { formatLocale } from '../../../shared/i18n/languages.ts';
import type { ResultColumn } from './sql-result.ts';

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A result cell in the reader's language: numbers and dates through `Intl`, NULL and booleans
 * translated. A year is a year (1960), never a quantity ("1,960").
 */
export function formatCell(value: unknown, column: ResultColumn, locale: string, t: TFunction<'sql'>, isYear = false): string {
  if (value === null || value === undefined) return t('null');
  if (typeof value === 'boolean') return t(value ? 'true' : 'false');
  if (isYear && (typeof value === 'number' || typeof value === 'bigint')) return String(value);
  if (column.kind === 'number' && typeof value === 'number') return formatNumber(value, locale, 6);
  if (column.temporal === 'date') return formatDate(new Date(Number(value)), locale);
  if (column.temporal === 'timestamp') return dateTimeFormat(locale).format(new Date(Number(value)));
  return String(value);
}

function dateTimeFormat(locale: string): Intl.DateTimeFormat {
  let format = dateTimeFormats.get(locale);
  if (!format) {
    // Timestamps travel as UTC milliseconds; shown in UTC so they read as DuckDB wrote them.
    format = new Intl.DateTimeFormat(formatLocale(locale), { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });
    dateTimeFormats.set(locale, format);
  }
  return format;
}
