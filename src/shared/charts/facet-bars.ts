import * as Plot from '@observablehq/plot';
import { formatNumber, formatPercent } from '../format.ts';
import {
  baseStyle,
  caption,
  countryColourScale,
  countryNames,
  FADED,
  fitText,
  HATCH_FILL,
  hatchDefinition,
  markClass,
  measureText,
  MUTED_TEXT,
  SYNTHETIC_DASH,
  tipMark,
  type PersonChartInput,
} from './chart-common.ts';
import type { SuppressionKind } from '../view-answer.ts';
import { textWidth } from './text-width.ts';

/** One bar: a count (and share) of one category, or stage, in one country. */
export interface BarCell {
  country: string;
  key: string;
  n: number | null;
  share: number | null;
  suppressed: boolean;
  /** A small count (`primary`), or hidden so that a small count beside it cannot be worked out (`complementary`). */
  suppression?: SuppressionKind | null;
}

export interface FacetBarsInput extends PersonChartInput {
  cells: BarCell[];
  /** The categories (or stages) in the order they are listed. */
  keys: string[];
  keyLabel: (key: string) => string;
  measure: 'count' | 'share';
  xLabel: string;
  /** What a bar's end says; defaults to its count or share. */
  valueLabel?: (cell: BarCell) => string;
  notes: string[];
}

const TITLE_SPACE = 22;
const ROW = 22;
/** Width of the hatched placeholder that stands for a suppressed cell: a fixed size, so it implies no value. */
const PLACEHOLDER = 28;

/**
 * Horizontal bars per category, one panel per country (`fy` facets), with each country's
 * fixed colour. Suppressed cells are a hatched, outlined placeholder labelled "suppressed
 * (fewer than N)", never a bar of zero; synthetic datasets are drawn pale and dashed.
 * Shared by the breakdown and pathway charts.
 */
export function facetBars(input: FacetBarsInput): Plot.PlotOptions {
  const { countries, locale, t, measure, keys } = input;
  const names = countryNames(countries);
  const cells = input.cells.filter((c) => names.has(c.country));
  const value = (c: BarCell) => (measure === 'share' ? c.share : c.n);
  const drawn = cells.filter((c) => !c.suppressed && value(c) !== null);
  const suppressed = cells.filter((c) => c.suppressed);
  const empty = countries.filter((c) => !cells.some((cell) => cell.country === c.code)).map((c) => ({ country: c.code, text: input.emptyText ?? t('charts:missing.noReferrals') }));
  const synthetic = input.synthetic === true;
  const label = input.valueLabel ?? ((c: BarCell) => measureText(value(c) ?? 0, measure, locale));
  const tooltip = (c: BarCell) =>
    t('charts:tooltip.cell', {
      country: names.get(c.country),
      category: input.keyLabel(c.key),
      value: c.suppressed
        ? suppressedLabel(c)
        : t('charts:tooltip.cellShare', { count: formatNumber(c.n ?? 0, locale, 0), share: c.share === null ? '—' : formatPercent(c.share * 100, locale) }),
      status: c.suppressed
        ? t(c.suppression === 'complementary' ? 'charts:tooltip.suppressedComplementary' : 'charts:tooltip.suppressed', { threshold: formatNumber(input.suppressBelow, locale) })
        : synthetic
          ? t('charts:tooltip.synthetic')
          : t('charts:tooltip.counted'),
    });
  const suppressedLabel = (c: BarCell) =>
    c.suppression === 'complementary' ? t('charts:suppressedComplementary') : t('charts:suppressed', { threshold: formatNumber(input.suppressBelow, locale) });
  const longest = Math.max(60, ...keys.map((k) => textWidth(input.keyLabel(k), 13)));
  const place = { fy: 'country', y: 'key' } as const;
  const width = input.width ?? 760;
  const marginLeft = Math.ceil(Math.min(width * 0.4, Math.max(80, longest + 16)));

  const layer = (subset: BarCell[], own: BarCell[], emphasis: { faded?: boolean; highlighted?: boolean }): Plot.Markish[] => {
    const fade = emphasis.faded ? FADED : 1;
    return [
      Plot.barX(subset, {
        ...place,
        x: value,
        fill: 'country',
        fillOpacity: (synthetic ? 0.4 : 0.9) * fade,
        stroke: 'country',
        strokeOpacity: fade,
        strokeWidth: emphasis.highlighted ? 2 : 1,
        ...(synthetic ? { strokeDasharray: SYNTHETIC_DASH } : {}),
        insetTop: 2,
        insetBottom: 2,
        className: markClass('sprig-bars', { synthetic, ...emphasis }),
      }),
      Plot.text(subset, { ...place, x: value, text: label, textAnchor: 'start', dx: 4, fill: 'currentColor', fillOpacity: emphasis.faded ? 0.5 : 1, className: 'sprig-value-label' }),
      // A suppressed cell: a fixed-size hatched box at zero and its reason, never a zero-length bar.
      Plot.barX(own, {
        ...place,
        x1: 0,
        x2: 0,
        insetRight: -PLACEHOLDER,
        insetTop: 2,
        insetBottom: 2,
        fill: HATCH_FILL,
        stroke: 'country',
        strokeOpacity: fade,
        strokeDasharray: '2,2',
        className: markClass('sprig-suppressed', emphasis),
      }),
      Plot.text(own, {
        ...place,
        x: 0,
        dx: PLACEHOLDER + 6,
        textAnchor: 'start',
        text: suppressedLabel,
        fill: MUTED_TEXT,
        fillOpacity: emphasis.faded ? 0.6 : 1,
        fontStyle: 'italic',
        className: 'sprig-suppressed-label',
      }),
    ];
  };
  const isHighlight = (c: BarCell) => c.country === input.highlight;
  const groups = input.highlight
    ? [
        ...layer(drawn.filter((c) => !isHighlight(c)), suppressed.filter((c) => !isHighlight(c)), { faded: true }),
        ...layer(drawn.filter(isHighlight), suppressed.filter(isHighlight), { highlighted: true }),
      ]
    : layer(drawn, suppressed, {});

  return {
    width,
    height: input.height ?? countries.length * (keys.length * ROW + TITLE_SPACE + 16) + 56,
    marginLeft,
    marginRight: 96,
    marginTop: 8,
    marginBottom: 44,
    style: baseStyle,
    ...caption(input.notes),
    fy: { domain: countries.map((c) => c.code), axis: null, padding: 0.12 },
    y: { domain: keys, tickFormat: input.keyLabel, label: null, tickSize: 0, insetTop: TITLE_SPACE, padding: 0.15 },
    x: {
      label: input.xLabel,
      labelAnchor: 'center',
      labelOffset: 36,
      grid: true,
      zero: true,
      nice: true,
      ...(measure === 'share' ? { tickFormat: (n: number) => formatPercent(n * 100, locale, 0) } : { tickFormat: (n: number) => formatNumber(n, locale) }),
    },
    color: countryColourScale(countries, t, false),
    marks: [
      hatchDefinition,
      Plot.frame({ stroke: '#ddd' }),
      Plot.ruleX([0], { stroke: '#888' }),
      ...groups,
      Plot.text(
        countries.map((c) => ({ country: c.code, name: c.name })),
        { fy: 'country', text: 'name', frameAnchor: 'top-left', dx: 4, dy: 4, fontWeight: 'bold', className: 'sprig-panel-title' },
      ),
      Plot.text(empty, { fy: 'country', text: (d: { text: string }) => fitText(d.text, width - marginLeft - 96 - 16), frameAnchor: 'middle', fill: MUTED_TEXT, fontStyle: 'italic', className: 'sprig-missing' }),
      tipMark([...drawn, ...suppressed], { fy: 'country', y: 'key', x: (c: BarCell) => value(c) ?? 0, title: tooltip }, 'y'),
    ],
  };
}
