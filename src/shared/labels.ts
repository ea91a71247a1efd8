import type { TFunction } from 'i18next';
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

/**
 * How comparable an indicator is, in words: the package's own label when its code list has
 * one, else Sprig's words for the level (a mapped indicator's level is the user's choice, and
 * its package has no code list), never the bare code. The screen and every figure say it so.
 */
export function comparabilityLevelLabel(labels: CodeLabels, level: string, locale: string, t: TFunction): string {
  return labels.comparability_level?.[level] ? codeLabel(labels, 'comparability_level', level, locale) : t(`mapping:levels.${level}`, { defaultValue: level });
}
