import type * as Plot from '@observablehq/plot';
import { withinCountryDimensions, type BreakdownDimension } from '../view-spec.ts';
import { suppressionNotes, type PersonChartInput } from './chart-common.ts';
import { facetBars } from './facet-bars.ts';
import type { BreakdownRow } from './view-rows.ts';

export interface BreakdownChartInput extends PersonChartInput {
  rows: BreakdownRow[];
  dimension: BreakdownDimension;
  measure: 'count' | 'share';
  /** Categories in the order to list them; absent: as the data have them, in natural order. */
  categories?: string[];
  /** A category's label in the chart's language (codelist labels); absent: GLAM flags translated, others as stored. */
  categoryLabel?: (category: string) => string;
  /** Put `breakdownNotes` in the figure's caption (default). */
  notesInCaption?: boolean;
}

export function breakdownNotes(input: Pick<BreakdownChartInput, 'rows' | 'dimension' | 'suppressBelow' | 'synthetic' | 't' | 'locale'>): string[] {
  const { t } = input;
  return [
    ...(withinCountryDimensions.includes(input.dimension) ? [t('charts:notes.quintiles')] : []),
    ...suppressionNotes(input.rows, input.suppressBelow, input.locale, t),
    ...(input.synthetic ? [t('charts:notes.synthetic')] : []),
  ];
}

/**
 * Referrals (or activities) by one dimension: bars per category, one panel per country, as
 * counts or as shares of the country's total. Always one panel per country, so categories
 * are compared within a country; for deprivation quintiles (national indices) the note says
 * so. Suppressed cells are hatched placeholders labelled with the threshold, never zero.
 */
export function breakdownChart(input: BreakdownChartInput): Plot.PlotOptions {
  const { t } = input;
  // The engine's order: the package's own order of categories, "not recorded" last.
  const categories = input.categories ?? [...new Set(input.rows.map((r) => categoryKey(r.category)))];
  const label = (key: string) => {
    const category = fromCategoryKey(key);
    if (category === null) return t('charts:breakdown.unknown');
    return input.categoryLabel ? input.categoryLabel(category) : defaultCategoryLabel(input.dimension, category, t);
  };
  return facetBars({
    ...input,
    cells: input.rows.map((r) => ({ country: r.country, key: categoryKey(r.category), n: r.n, share: r.share, suppressed: r.suppressed, suppression: r.suppression ?? null })),
    keys: categories,
    keyLabel: label,
    xLabel: input.measure === 'share' ? t('charts:axis.share') : t('charts:axis.people'),
    notes: input.notesInCaption === false ? [] : breakdownNotes(input),
  });
}

/** A bar's key for people whose value was not recorded (a category of its own, never dropped). */
export const NOT_RECORDED_KEY = '\u2205';
export const categoryKey = (category: string | null): string => category ?? NOT_RECORDED_KEY;
export const fromCategoryKey = (key: string): string | null => (key === NOT_RECORDED_KEY ? null : key);

function defaultCategoryLabel(dimension: BreakdownDimension, category: string, t: PersonChartInput['t']): string {
  if (dimension === 'glam' && (category === 'true' || category === 'false')) return t(`charts:breakdown.glam.${category}`);
  return category;
}
