/**
 * Numbers, dates, periods and country names in the reader's language, always through
 * `Intl`. Every function takes the interface language (`en-GB`, `en-US`, `de`, `el`, or the
 * pseudo-locale, which formats like British English).
 */
import { formatLocale } from './i18n/languages.ts';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.NumberFormat | undefined;
  if (!format) {
    format = new Intl.NumberFormat(formatLocale(locale), options);
    cache.set(key, format);
  }
  return format;
}

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) {
    format = new Intl.DateTimeFormat(formatLocale(locale), { ...options, timeZone: 'UTC' });
    cache.set(key, format);
  }
  return format;
}

/** 1234.5 → "1,234.5" (English), "1.234,5" (German, Greek). */
export function formatNumber(value: number, locale: string, maximumFractionDigits = 1): string {
  return numberFormat(locale, { maximumFractionDigits }).format(value);
}

/** A percentage given in percent (12.5, not 0.125): "12.5%" (English, Greek), "12,5 %" (German). */
export function formatPercent(percent: number, locale: string, maximumFractionDigits = 1): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits }).format(percent / 100);
}

/** An amount of money in an ISO 4217 currency: "€6.9m" is "€6,900,000" in English, "6.900.000 €" in German. */
export function formatCurrency(value: number, currency: string, locale: string, maximumFractionDigits = 0): string {
  return numberFormat(locale, { style: 'currency', currency, maximumFractionDigits, minimumFractionDigits: 0 }).format(value);
}

/**
 * A value with its unit as a reader writes it: percentages and money through `Intl`, any
 * other unit (FTE, people) after the number, in the reader's words when given (`unitText`).
 */
export function formatValue(value: number, unit: string, locale: string, unitText: string = unit): string {
  if (unit === '%') return formatPercent(value, locale);
  if (isCurrencyCode(unit)) return formatCurrency(value, unit, locale);
  return unitText ? `${formatNumber(value, locale)} ${unitText}` : formatNumber(value, locale);
}

let currencies: Set<string> | undefined;
/** An ISO 4217 currency code that Intl can format (GBP, EUR), not any three capitals (FTE). */
export function isCurrencyCode(code: string): boolean {
  currencies ??= new Set(Intl.supportedValuesOf('currency'));
  return currencies.has(code.trim());
}

export function formatYear(date: Date, locale: string): string {
  return dateFormat(locale, { year: 'numeric' }).format(date);
}

/** "Jul 2023", "Juli 2023", "Ιουλ 2023". */
export function formatMonth(date: Date, locale: string): string {
  return dateFormat(locale, { month: 'short', year: 'numeric' }).format(date);
}

/** A day: "31 Mar 2023" (British), "Mar 31, 2023" (American), "31.03.2023" (German), "31 Μαρ 2023" (Greek). */
export function formatDate(date: Date, locale: string): string {
  return dateFormat(locale, { dateStyle: 'medium' }).format(date);
}

/** A day in figures: "31/03/2023", "3/31/2023", "31.3.2023", "31/3/2023". */
export function formatShortDate(date: Date, locale: string): string {
  return dateFormat(locale, { day: 'numeric', month: 'numeric', year: 'numeric' }).format(date);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function monthIndex(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase());
}

/**
 * Words a period label may start with, translated by the caller (the `common` namespace's
 * `period.*` keys). Without them the words stay as the data package wrote them.
 */
export type PeriodWords = (key: 'period.by' | 'period.end', values: { period: string }) => string;

/**
 * A data package's period label in the reader's language. Labels are written in English in
 * the package ("2023", "2023/24", "Jul 2023", "31 Mar 2023", "Apr 2021 – Mar 2023",
 * "2025–2029", "by 2023/24", "end 2020/21", "≈ 2017–2022", "Q3 2023"); anything else is shown as written.
 * Financial years keep their slash ("2023/24"), which German and Greek use too; American
 * English writes them with an en dash ("2023–24").
 */
export function formatPeriod(label: string, locale: string, words?: PeriodWords): string {
  const text = label.trim();
  const approx = /^≈\s*(.+)$/.exec(text);
  if (approx) return `≈ ${formatPeriod(approx[1]!, locale, words)}`;
  const prefixed = /^(by|end)\s+(.+)$/i.exec(text);
  if (prefixed) {
    const inner = formatPeriod(prefixed[2]!, locale, words);
    const key = prefixed[1]!.toLowerCase() === 'by' ? 'period.by' : 'period.end';
    return words ? words(key, { period: inner }) : `${prefixed[1]} ${inner}`;
  }
  const range = /^(.+?)\s*[–—]\s*(.*)$/.exec(text);
  if (range) {
    const from = formatSinglePeriod(range[1]!, locale);
    if (!range[2]) return `${from}–`;
    const to = formatSinglePeriod(range[2], locale);
    return /\s/.test(from + to) ? `${from} – ${to}` : `${from}–${to}`;
  }
  return formatSinglePeriod(text, locale);
}

function formatSinglePeriod(text: string, locale: string): string {
  let m = /^(\d{4})$/.exec(text);
  if (m) return formatYear(new Date(Date.UTC(Number(m[1]), 0, 1)), locale);
  m = /^(\d{4})\/(\d{2})$/.exec(text);
  if (m) return formatLocale(locale) === 'en-US' ? `${m[1]}–${m[2]}` : `${m[1]}/${m[2]}`;
  m = /^([A-Za-z]{3,9})\.?\s+(\d{4})$/.exec(text);
  if (m && monthIndex(m[1]!) >= 0) return formatMonth(new Date(Date.UTC(Number(m[2]), monthIndex(m[1]!), 1)), locale);
  m = /^(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4})$/.exec(text);
  if (m && monthIndex(m[2]!) >= 0) return formatDate(new Date(Date.UTC(Number(m[3]), monthIndex(m[2]!), Number(m[1]))), locale);
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m) return formatDate(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))), locale);
  m = /^Q([1-4])\s+(\d{4})$/.exec(text);
  if (m) return formatQuarter(Number(m[1]), formatYear(new Date(Date.UTC(Number(m[2]), 0, 1)), locale), locale);
  return text;
}

/** A quarter: "Q3 2023" in English and German, "Γ΄ τρίμ. 2023" in Greek (as ELSTAT writes quarters). */
function formatQuarter(quarter: number, year: string, locale: string): string {
  if (formatLocale(locale).startsWith('el')) return `${['Α΄', 'Β΄', 'Γ΄', 'Δ΄'][quarter - 1]} τρίμ. ${year}`;
  return `Q${quarter} ${year}`;
}

const regionNames = new Map<string, Intl.DisplayNames>();

/**
 * The UK's nations, which `Intl.DisplayNames` does not name (it knows ISO 3166-1 only):
 * CLDR's subdivision names, so England reads "Αγγλία" in Greek whatever the package says.
 */
export const UK_NATIONS: Readonly<Record<string, Record<'en' | 'de' | 'el', string>>> = {
  'GB-ENG': { en: 'England', de: 'England', el: 'Αγγλία' },
  'GB-SCT': { en: 'Scotland', de: 'Schottland', el: 'Σκωτία' },
  'GB-WLS': { en: 'Wales', de: 'Wales', el: 'Ουαλία' },
  'GB-NIR': { en: 'Northern Ireland', de: 'Nordirland', el: 'Βόρεια Ιρλανδία' },
};

/**
 * Areas beside countries whose CLDR names not every ICU carries (Chromium's, and so
 * Electron's, has no UN M49 names): the world, as tables of world totals give it.
 */
const AREA_NAMES: Readonly<Record<string, Record<'en' | 'de' | 'el', string>>> = {
  '001': { en: 'World', de: 'Welt', el: 'Κόσμος' },
};

/**
 * A country's name in the reader's language. ISO 3166-1 codes and UN M49 areas (001, the
 * world) come from `Intl`, the UK's nations from CLDR's names above; any other code uses the
 * data package's label.
 */
export function countryName(code: string, locale: string, packageLabel?: string): string {
  if (/^([A-Z]{2}|\d{3})$/.test(code)) {
    const tag = formatLocale(locale);
    let names = regionNames.get(tag);
    if (!names) {
      names = new Intl.DisplayNames([tag], { type: 'region', fallback: 'none' });
      regionNames.set(tag, names);
    }
    const name = names.of(code);
    // CLDR writes areas in lower case in English ("world"); a name stands alone here.
    if (name) return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
  }
  const nation = UK_NATIONS[code] ?? AREA_NAMES[code];
  if (nation) {
    const language = formatLocale(locale).slice(0, 2);
    return nation[language === 'de' || language === 'el' ? language : 'en'];
  }
  return packageLabel ?? code;
}

/** A size in bytes as megabytes (MB, 2^20 bytes), in the reader's number format: "32 MB". */
export function formatMegabytes(bytes: number, locale: string): string {
  return `${formatNumber(bytes / 1048576, locale, bytes < 1048576 ? 2 : 0)} MB`;
}
