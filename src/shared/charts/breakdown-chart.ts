import type * as Plot from '@observablehq/plot';
import { formatNumber } from '../format.ts';
import { withinCountryDimensions, type BreakdownDimension } from '../view-spec.ts';
import type { PersonChartInput } from './chart-common.ts';
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
    ...(input.rows.some((r) => r.suppressed) ? [t('charts:notes.suppressed', { threshold: formatNumber(input.suppressBelow, input.locale) })] : []),
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
  const categories = input.categories ?? [...new Set(input.rows.map((r) => r.category))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const label = input.categoryLabel ?? ((category: string) => defaultCategoryLabel(input.dimension, category, t));
  return facetBars({
    ...input,
    cells: input.rows.map((r) => ({ country: r.country, key: r.category, n: r.n, share: r.share, suppressed: r.suppressed })),
    keys: categories,
    keyLabel: label,
    xLabel: input.measure === 'share' ? t('charts:axis.share') : t('charts:axis.people'),
    notes: input.notesInCaption === false ? [] : breakdownNotes(input),
  });
}

function defaultCategoryLabel(dimension: BreakdownDimension, category: string, t: PersonChartInput['t']): string {
  if (category === '') return t('charts:breakdown.unknown');
  if (dimension === 'glam' && (category === 'true' || category === 'false')) return t(`charts:breakdown.glam.${category}`);
  return category;
}
