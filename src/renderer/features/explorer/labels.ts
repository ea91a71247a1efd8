import type { TFunction } from 'i18next';
import type { DatasetDescription } from '../../../shared/catalogue.ts';
import { missingText } from '../../../shared/charts/chart-common.ts';
import { figureLabels } from '../../../shared/figures/labels.ts';
import type { Cell } from './table-rows.ts';

/** Names and labels in the reader's language: the figure's (src/shared/figures/labels.ts), and how the table shows a cell. */
export function makeLabels(description: DatasetDescription, locale: string, t: TFunction) {
  const { nameOf, ukNameOf, categoryLabel } = figureLabels(description, locale, t);
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
  return { nameOf, ukNameOf, categoryLabel, cellLabel };
}
