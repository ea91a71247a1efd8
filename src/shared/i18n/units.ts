import type { TFunction } from 'i18next';

/**
 * A data package's unit (written in English: "FTE", "people", "per 100,000 residents") as
 * the key of its translation in the `common` namespace's `units`.
 */
export function unitKey(unit: string): string {
  return unit
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/**
 * A unit in the reader's language. Units Sprig has no translation for, and symbols or codes
 * that `Intl` formats itself ("%", "EUR"), are shown as the package wrote them.
 */
export function unitLabel(unit: string, t: TFunction): string {
  const key = unitKey(unit);
  if (!key) return unit;
  return t(`units.${key}`, { ns: 'common', defaultValue: unit });
}
