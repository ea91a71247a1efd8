import type { CodeLabels } from './catalogue.ts';

/** The data package's label language for an interface language: en-GB and en-US read `en`. */
export function labelLanguage(locale: string): string {
  return locale.split('-')[0] ?? 'en';
}

/** A code's label from the package's code lists in the reader's language, else English, else the code. */
export function codeLabel(labels: CodeLabels, list: string, code: string, locale: string): string {
  const entry = labels[list]?.[code];
  return entry?.[labelLanguage(locale)] ?? entry?.en ?? code;
}

/** An indicator's name in the reader's language when the package gives one, else its English name. */
export function indicatorName(indicator: { name: string; names: Record<string, string> }, locale: string): string {
  return indicator.names[labelLanguage(locale)] ?? indicator.name;
}
