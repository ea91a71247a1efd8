import type * as Plot from '@observablehq/plot';
import { formatNumber, formatPercent } from '../format.ts';
import { suppressionNotes, type PersonChartInput } from './chart-common.ts';
import { facetBars, type BarCell } from './facet-bars.ts';
import { PATHWAY_STAGES, type PathwayRow } from './view-rows.ts';

export interface PathwayChartInput extends PersonChartInput {
  rows: PathwayRow[];
  measure: 'count' | 'share';
  /** Put `pathwayNotes` in the figure's caption (default). */
  notesInCaption?: boolean;
}

export function pathwayNotes(input: Pick<PathwayChartInput, 'rows' | 'suppressBelow' | 'synthetic' | 't' | 'locale'>): string[] {
  const { t } = input;
  return [
    ...suppressionNotes(input.rows, input.suppressBelow, input.locale, t),
    ...(input.synthetic ? [t('charts:notes.synthetic')] : []),
  ];
}

/**
 * The referral pathway per country: referred → contacted a link worker → connected to an
 * activity → completed, as bars in that order (one panel per country), as counts or as
 * shares of the people referred. Each bar's end gives both. Suppressed stages are hatched
 * placeholders labelled with the threshold, never zero.
 */
export function pathwayChart(input: PathwayChartInput): Plot.PlotOptions {
  const { t, locale } = input;
  const known = [...PATHWAY_STAGES] as string[];
  const stages = [...new Map([...input.rows].sort((a, b) => a.step - b.step).map((r) => [r.stage, r.step])).keys()];
  const keys = stages.length > 0 ? stages : known;
  const cells: BarCell[] = input.rows.map((r) => ({ country: r.country, key: r.stage, n: r.n, share: r.share, suppressed: r.suppressed, suppression: r.suppression ?? null }));
  const valueLabel = (c: BarCell) =>
    t('charts:pathway.valueLabel', { count: formatNumber(c.n ?? 0, locale, 0), share: c.share === null ? '—' : formatPercent(c.share * 100, locale, 0) });
  return facetBars({
    ...input,
    cells,
    keys,
    keyLabel: (stage) => t(`charts:pathway.stages.${stage}`, { defaultValue: stage }),
    xLabel: input.measure === 'share' ? t('charts:axis.shareOfReferred') : t('charts:axis.people'),
    valueLabel,
    notes: input.notesInCaption === false ? [] : pathwayNotes(input),
  });
}
