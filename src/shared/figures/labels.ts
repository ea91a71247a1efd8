import type { TFunction } from 'i18next';
import type { DatasetDescription } from '../catalogue.ts';
import { formatLocale } from '../i18n/languages.ts';
import { categoryLabel as packageCategoryLabel, countryLabel } from '../view-table.ts';

/** Names and labels in the figure's language, from Intl, the data package's code lists, or i18next. */
export function figureLabels(description: DatasetDescription, locale: string, t: TFunction) {
  const nameOf = (code: string): string => countryLabel(description, code, locale);
  const categoryLabel = (dimension: string, value: string | null): string =>
    value === null ? t('explorer.notRecorded', { ns: 'common' }) : packageCategoryLabel(description, dimension, value, locale, t);
  /**
   * The United Kingdom as one, named for what it counts: "United Kingdom (England only)"
   * when the data have only some of the nations the package lists.
   */
  const ukNameOf = (covers: string | null | undefined): string => {
    const nations = description.countries.filter((c) => c.parent === 'GB' || c.code.startsWith('GB-')).map((c) => c.code);
    const counted = (covers ?? '').split(',').filter((code) => code.startsWith('GB-'));
    if (!covers || counted.length === 0 || nations.every((code) => counted.includes(code))) return nameOf('GB');
    return t('explorer.ukOnly', { ns: 'common', country: nameOf('GB'), list: new Intl.ListFormat(formatLocale(locale), { type: 'conjunction' }).format(counted.map(nameOf)) });
  };
  return { nameOf, ukNameOf, categoryLabel };
}

export type FigureLabels = ReturnType<typeof figureLabels>;
