import type { TFunction } from 'i18next';
import type { DatasetDescription } from '../../../shared/catalogue.ts';
import { formatLocale } from '../../../shared/i18n/languages.ts';
import { missingText } from '../../../shared/charts/chart-common.ts';
import { categoryLabel as packageCategoryLabel, countryLabel } from '../../../shared/view-table.ts';
import type { Cell } from './table-rows.ts';

/** Names and labels in the reader's language, from Intl, the data package's code lists, or i18next (src/shared/view-table.ts names them for tables and files alike). */
export function makeLabels(description: DatasetDescription, locale: string, t: TFunction) {
  const nameOf = (code: string): string => countryLabel(description, code, locale);
  const categoryLabel = (dimension: string, value: string | null): string =>
    value === null ? t('explorer.notRecorded') : packageCategoryLabel(description, dimension, value, locale, t);
  /** How the table shows a cell, or null to let it format the raw value. */
  const cellLabel = (dimension: string | null) => (column: string, value: Cell): string | null => {
    if (value === null) return column === 'category' && dimension ? categoryLabel(dimension, null) : null;
    if (column === 'country') return nameOf(String(value));
    if (column === 'status') return t(`status.${value}`, { defaultValue: String(value) });
    if (column === 'category' && dimension) return categoryLabel(dimension, value === null ? null : String(value));
    if (column === 'stage') return t(`explorer.stage.${value}`);
    if (column === 'series') return t(`explorer.series.${value}`);
    if (column === 'source' || column === 'population_source') {
      return String(value).split(';').map((id) => description.sources.find((s) => s.id === id)?.organisation ?? id).join('; ');
    }
    if (column === 'kind') return t(`charts:kinds.${value}`);
    if (column === 'reason') return missingText(String(value), t);
    if (column === 'suppression') return t(`explorer.suppression.${value}`);
    if (column === 'qualifier') return t(`explorer.qualifier.${value}`, { defaultValue: String(value) });
    if (column === 'population_type') return t(`charts:population.${value}`, { defaultValue: String(value) });
    if (column === 'covers' || column === 'combined') return String(value).split(',').map(nameOf).join(', ');
    return null;
  };
  /**
   * The United Kingdom as one, named for what it counts: "United Kingdom (England only)"
   * when the data have only some of the nations the package lists.
   */
  const ukNameOf = (covers: string | null | undefined): string => {
    const nations = description.countries.filter((c) => c.parent === 'GB' || c.code.startsWith('GB-')).map((c) => c.code);
    const counted = (covers ?? '').split(',').filter((code) => code.startsWith('GB-'));
    if (!covers || counted.length === 0 || nations.every((code) => counted.includes(code))) return nameOf('GB');
    return t('explorer.ukOnly', { country: nameOf('GB'), list: new Intl.ListFormat(formatLocale(locale), { type: 'conjunction' }).format(counted.map(nameOf)) });
  };
  return { nameOf, ukNameOf, categoryLabel, cellLabel };
}
