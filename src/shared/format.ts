/** Numbers, dates and country names in the reader's language, always through `Intl`. */

export function formatNumber(value: number, locale: string, maximumFractionDigits = 1): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits }).format(value);
}

export function formatYear(date: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { year: 'numeric', timeZone: 'UTC' }).format(date);
}

export function formatMonth(date: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}

const regionNames = new Map<string, Intl.DisplayNames>();

/**
 * A country's name in the reader's language. ISO 3166-1 codes come from `Intl`; codes
 * `Intl` does not know (UK nations such as GB-ENG) use the data package's label.
 */
export function countryName(code: string, locale: string, packageLabel?: string): string {
  if (/^[A-Z]{2}$/.test(code)) {
    let names = regionNames.get(locale);
    if (!names) {
      names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
      regionNames.set(locale, names);
    }
    const name = names.of(code);
    if (name) return name;
  }
  return packageLabel ?? code;
}
