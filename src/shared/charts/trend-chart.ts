import * as Plot from '@observablehq/plot';
import { countryColour } from '../countries.ts';
import { formatMonth, formatNumber, formatYear } from '../format.ts';
import { unitLabel } from '../i18n/units.ts';
import type { ValueKind } from '../view-answer.ts';
import {
  caption,
  FADED,
  forLogScale,
  indicatorNotes,
  indicatorTooltip,
  intervalNotes,
  logScaleNotes,
  markClass,
  qualifierMark,
  SYNTHETIC_DASH,
  tipMark,
  yearTicks,
  type IndicatorChartInput,
} from './chart-common.ts';
import { isSpan, kindOf, type TrendRow } from './trend-rows.ts';
import { KIND_ORDER, KIND_STYLES } from './value-kinds.ts';
import { countryDash } from './greyscale.ts';
import { textWidth } from './text-width.ts';

export { SYNTHETIC_DASH };

export interface TrendChartInput extends IndicatorChartInput {
  /** How intervals (rows with lower and upper) are drawn: a band along each line (default) or error bars. */
  intervals?: 'band' | 'bars';
  /** Put `trendNotes` in the figure's caption (default), so exported figures keep them. */
  notesInCaption?: boolean;
  /** Greyscale-safe: each country's line its own pattern (src/shared/charts/greyscale.ts), and each line labelled with its country at its end. */
  greyscale?: boolean;
}

/**
 * Notes the trend chart needs beside it: the denominator (per 100,000), the base period
 * (indexed), the UK's nations added up, programmes' own figures, how intervals were
 * derived and, on a log scale, the values that cannot be drawn.
 */
export function trendNotes(input: TrendChartInput): string[] {
  const names = new Map(input.countries.map((c) => [c.code, c.name]));
  return [
    ...indicatorNotes(input.rows, names, input.locale, input.t, input.sourceLabel, input.ukNations, input.addsUp),
    ...intervalNotes(input.rows.filter((r) => names.has(r.country)), input.interval, input.t),
    ...(input.logScale ? logScaleNotes(input.rows, names, input.locale, input.t) : []),
  ];
}

/** Options that place a series' marks: the channels small multiples add (a facet). */
export type SeriesPlacement = Partial<Record<'fx' | 'fy', string>>;

/** Where a value is drawn in time: its period's start, or its end for a target (a date to be met by). */
export function timeOf(r: TrendRow): Date {
  return KIND_STYLES[kindOf(r)].atEnd && r.end ? r.end : r.start;
}

/**
 * A line per country over time, as Observable Plot options. Pure: the same function
 * draws on screen and, with a DOM such as jsdom, in exported figures.
 */
export function trendChart(input: TrendChartInput): Plot.PlotOptions {
  const { countries, unit, locale, t } = input;
  const names = new Map(countries.map((c) => [c.code, c.name]));
  const shown = (input.logScale ? forLogScale(input.rows) : input.rows).filter((r) => names.has(r.country));
  const withValue = shown.filter((r) => r.value !== null);
  const unitText = unitLabel(unit, t);
  // Annual periods get a tick a year; anything finer (monthly workforce counts) month ticks.
  const annual = withValue.every((r) => r.start.getUTCMonth() === 0 && r.start.getUTCDate() === 1);
  const notes = input.notesInCaption === false ? [] : trendNotes(input);
  // Only the countries drawn are in the legend; the others are named, with their reasons, beside the chart.
  const drawn = countries.filter((c) => withValue.some((r) => r.country === c.code));
  // Greyscale: each line named at the right of the chart, level with its last value, so no
  // reader depends on telling colours apart.
  const ends = input.greyscale ? drawn.map((c) => withValue.filter((r) => r.country === c.code).reduce((a, b) => (timeOf(b) > timeOf(a) ? b : a))) : [];
  const labelRoom = Math.max(0, ...ends.map((r) => textWidth(names.get(r.country) ?? r.country, 13) + 14));
  const directLabels = ends.length === 0 ? [] : endLabels(ends, withValue, { height: input.height ?? 400, log: input.logScale === true, names });
  return {
    width: input.width ?? 760,
    height: input.height ?? 400,
    marginLeft: 64,
    marginRight: Math.max(24, Math.ceil(labelRoom)),
    marginBottom: 48,
    style: { fontFamily: 'inherit', fontSize: '13px', overflow: 'visible' },
    ...caption(notes),
    x: {
      type: 'utc',
      label: t('compare.period'),
      tickFormat: (d: Date) => (annual ? formatYear(d, locale) : formatMonth(d, locale)),
      ticks: annual ? yearTicks(withValue.map((r) => r.start)) : 6,
      inset: 12,
      labelOffset: 42,
    },
    y: input.logScale
      ? { type: 'log', label: unitText, grid: true, nice: true, ticks: 6, tickFormat: (n: number) => formatNumber(n, locale) }
      : {
          label: unitText,
          grid: true,
          zero: true,
          nice: true,
          tickFormat: (n: number) => formatNumber(n, locale),
        },
    color: {
      type: 'categorical',
      domain: drawn.map((c) => c.code),
      range: drawn.map((c) => countryColour(c.code)),
      legend: drawn.length > 0,
      tickFormat: (code: string) => names.get(code) ?? code,
      label: t('compare.legend'),
    },
    marks: [
      input.logScale ? null : Plot.ruleY([0], { stroke: '#888', strokeOpacity: 0.6 }),
      // Indexed: 100 is the base period's value, the line every other value is read against.
      input.indexed ? Plot.ruleY([100], { stroke: '#333', strokeWidth: 1.5, strokeDasharray: '6,3', className: 'sprig-index-base' }) : null,
      ...seriesMarks(shown, {
        tooltip: indicatorTooltip(input, names),
        highlight: input.highlight,
        intervals: input.intervals ?? 'band',
        qualifier: (r) => qualifierMark(r, unit, locale, t),
        ...(input.greyscale ? { countryDash } : {}),
      }),
      directLabels.length === 0
        ? null
        : Plot.text(directLabels, { x: 'x', y: 'y', text: 'text', textAnchor: 'start', dx: 10, fill: 'currentColor', className: 'sprig-direct-label' }),
    ],
  };
}

/** Labels closer than this (pixels) are pushed apart. */
const LABEL_GAP = 15;

/**
 * Each country's name at the chart's right edge, level with its last value, pushed apart
 * where values are close (the y scale is worked out as Plot will: zero-based and nice).
 */
function endLabels(ends: TrendRow[], withValue: TrendRow[], at: { height: number; log: boolean; names: Map<string, string> }): { x: Date; y: number; text: string }[] {
  const values = withValue.map((r) => r.value as number);
  const right = new Date(Math.max(...withValue.map((r) => timeOf(r).getTime())));
  const domain = at.log ? [Math.min(...values), Math.max(...values)] : [Math.min(0, ...values), Math.max(...values)];
  const y = Plot.scale({ y: { type: at.log ? 'log' : 'linear', domain, nice: true, range: [at.height - 48, 30] } });
  const placed = ends.map((r) => ({ r, px: y.apply(r.value) as number })).sort((a, b) => a.px - b.px);
  for (let i = 1; i < placed.length; i++) placed[i]!.px = Math.max(placed[i]!.px, placed[i - 1]!.px + LABEL_GAP);
  for (let i = placed.length - 1; i >= 0; i--) placed[i]!.px = Math.min(placed[i]!.px, i === placed.length - 1 ? at.height - 48 : placed[i + 1]!.px - LABEL_GAP);
  return placed.map(({ r, px }) => ({ x: right, y: y.invert!(px) as number, text: at.names.get(r.country) ?? r.country }));
}

export interface SeriesOptions {
  tooltip: (r: TrendRow) => string;
  highlight?: string | undefined;
  intervals: 'band' | 'bars';
  placement?: SeriesPlacement;
  /** Dot radius; small multiples draw smaller dots. */
  r?: number;
  /** The short qualifier drawn beside a value ("> 1,940"), or null. */
  qualifier?: (r: TrendRow) => string | null;
  /** Greyscale: the line pattern of a country's published values (other kinds keep their own). */
  countryDash?: (country: string) => string | null;
}

/**
 * Lines, markers and intervals of countries over time, each kind of value in its own style
 * (src/shared/charts/value-kinds.ts): published values solid with filled dots, modelled
 * dotted with triangles, provisional with open squares, targets as open diamonds at their
 * date (never joined to the values actually reached), synthetic dashed with open dots. A
 * value over several years is drawn across them. With a highlight, the other countries
 * are drawn first and faded, the highlighted one last and thicker. One tip mark over every
 * value gives the tooltip (one tip at a time).
 */
export function seriesMarks(rows: TrendRow[], options: SeriesOptions): Plot.Markish[] {
  const { highlight } = options;
  const tip = tipMark(
    rows.filter((r) => r.value !== null),
    { ...(options.placement ?? {}), x: (r: TrendRow) => (isSpan(r) ? midpoint(r) : timeOf(r)), y: 'value', title: options.tooltip },
  );
  if (!highlight) return [...seriesLayer(rows, options, {}), tip];
  return [
    ...seriesLayer(rows.filter((r) => r.country !== highlight), options, { faded: true }),
    ...seriesLayer(rows.filter((r) => r.country === highlight), options, { highlighted: true }),
    tip,
  ];
}

function midpoint(r: TrendRow): Date {
  return new Date((r.start.getTime() + (r.end ?? r.start).getTime()) / 2);
}

function seriesLayer(rows: TrendRow[], options: SeriesOptions, emphasis: { faded?: boolean; highlighted?: boolean }): Plot.Markish[] {
  const withValue = rows.filter((r) => r.value !== null);
  const points = withValue.filter((r) => !isSpan(r));
  const spans = withValue.filter(isSpan);
  const kinds = KIND_ORDER.filter((k) => withValue.some((r) => kindOf(r) === k));
  const place = options.placement ?? {};
  const opacity = emphasis.faded ? { strokeOpacity: FADED } : {};
  const width = emphasis.highlighted ? 3.5 : 2;
  const radius = (options.r ?? 3.5) + (emphasis.highlighted ? 1 : 0);
  const line = (kind: ValueKind): Plot.Markish => {
    const style = KIND_STYLES[kind];
    if (!style.joined) return null;
    // Rows without a value stay in the data so the line breaks there instead of bridging.
    const data = rows.filter((r) => (r.value === null || (kindOf(r) === kind && !isSpan(r))));
    if (!data.some((r) => r.value !== null)) return null;
    const line = (own: typeof data, dash: string | null | undefined) =>
      Plot.line(own, {
        ...place,
        x: 'start',
        y: 'value',
        z: 'country',
        stroke: 'country',
        strokeWidth: width,
        ...opacity,
        ...(dash ? { strokeDasharray: dash } : {}),
        className: markClass(`sprig-line sprig-kind-${kind}`, { synthetic: kind === 'synthetic', ...emphasis }),
      });
    const dashOf = options.countryDash;
    // Published lines may take a pattern per country (one mark each); other kinds keep their kind's dash.
    if (dashOf && kind === 'published') return [...Map.groupBy(data, (r) => r.country)].map(([country, own]) => line(own, dashOf(country)));
    return line(data, style.dash);
  };
  const markers = (kind: ValueKind, data: TrendRow[], x: (r: TrendRow) => Date): Plot.Markish => {
    const style = KIND_STYLES[kind];
    const own = data.filter((r) => kindOf(r) === kind);
    if (own.length === 0) return null;
    return Plot.dot(own, {
      ...place,
      x,
      y: 'value',
      stroke: 'country',
      fill: style.hollow ? 'white' : 'country',
      symbol: style.symbol,
      r: style.symbol === 'circle' ? radius : radius + 1.5,
      strokeWidth: 1.5,
      ...opacity,
      ...(emphasis.faded ? { fillOpacity: FADED } : {}),
      className: markClass(`sprig-values sprig-kind-${kind}`, { synthetic: kind === 'synthetic', ...emphasis }),
    });
  };
  // A value over several years: a bar across them at its value, with its marker in the middle.
  const spanRules = (kind: ValueKind): Plot.Markish => {
    const own = spans.filter((r) => kindOf(r) === kind);
    if (own.length === 0) return null;
    const dash = KIND_STYLES[kind].dash;
    return Plot.ruleY(own, {
      ...place,
      x1: 'start',
      x2: (r: TrendRow) => r.end,
      y: 'value',
      stroke: 'country',
      strokeWidth: width + 2,
      strokeOpacity: emphasis.faded ? FADED : 0.7,
      ...(dash ? { strokeDasharray: dash } : {}),
      className: markClass(`sprig-span sprig-kind-${kind}`, emphasis),
    });
  };
  const qualified = options.qualifier ? withValue.filter((r) => options.qualifier!(r) !== null) : [];
  const qualifierLabels: Plot.Markish =
    qualified.length === 0
      ? null
      : Plot.text(qualified, {
          ...place,
          x: (r: TrendRow) => (isSpan(r) ? midpoint(r) : timeOf(r)),
          y: 'value',
          text: (r: TrendRow) => options.qualifier!(r),
          dy: -12,
          fill: 'currentColor',
          fillOpacity: emphasis.faded ? 0.5 : 1,
          className: 'sprig-qualifier',
        });
  return [
    ...intervalMarks(rows.filter((r) => !isSpan(r)), options, emphasis),
    ...kinds.map(line),
    ...kinds.map(spanRules),
    ...kinds.map((k) => markers(k, points, timeOf)),
    ...kinds.map((k) => markers(k, spans, midpoint)),
    qualifierLabels,
  ];
}

const hasInterval = (r: TrendRow) => r.value !== null && r.lower !== null && r.upper !== null;

/**
 * Intervals as a translucent band along each country's line, or as error bars. A value
 * whose neighbours have no interval gets an error bar even in band mode (a band needs two).
 */
function intervalMarks(rows: TrendRow[], options: SeriesOptions, emphasis: { faded?: boolean; highlighted?: boolean }): Plot.Markish[] {
  if (!rows.some(hasInterval)) return [];
  const place = options.placement ?? {};
  const fade = emphasis.faded ? FADED : 1;
  const bars = (subset: TrendRow[], synthetic: boolean): Plot.Markish =>
    subset.length === 0
      ? null
      : Plot.ruleX(subset, {
          ...place,
          x: 'start',
          y1: 'lower',
          y2: 'upper',
          stroke: 'country',
          strokeWidth: emphasis.highlighted ? 2.5 : 1.5,
          strokeOpacity: 0.8 * fade,
          ...(synthetic ? { strokeDasharray: '3,2' } : {}),
          className: markClass('sprig-interval', { synthetic, ...emphasis }),
        });
  if (options.intervals === 'bars') {
    const all = rows.filter(hasInterval);
    return [bars(all.filter((r) => !r.synthetic), false), bars(all.filter((r) => r.synthetic), true)];
  }
  const isolated: TrendRow[] = [];
  for (const own of Map.groupBy(rows, (r) => r.country).values()) {
    const sorted = [...own].sort((a, b) => a.start.getTime() - b.start.getTime());
    sorted.forEach((r, i) => {
      if (hasInterval(r) && !(sorted[i - 1] && hasInterval(sorted[i - 1]!)) && !(sorted[i + 1] && hasInterval(sorted[i + 1]!))) isolated.push(r);
    });
  }
  const lone = new Set(isolated);
  // Every row stays in the band's data, undefined where it has no interval (or the other
  // status), so the band breaks there instead of bridging.
  const band = (synthetic: boolean): Plot.Markish => {
    const inBand = (r: TrendRow) => hasInterval(r) && r.synthetic === synthetic && !lone.has(r);
    if (!rows.some(inBand)) return null;
    return Plot.areaY(rows, {
      ...place,
      x: 'start',
      y1: (r: TrendRow) => (inBand(r) ? r.lower : NaN),
      y2: (r: TrendRow) => (inBand(r) ? r.upper : NaN),
      z: 'country',
      fill: 'country',
      fillOpacity: (synthetic ? 0.1 : 0.18) * fade,
      ...(synthetic ? { stroke: 'country', strokeOpacity: 0.5 * fade, strokeDasharray: SYNTHETIC_DASH } : {}),
      className: markClass('sprig-interval', { synthetic, ...emphasis }),
    });
  };
  return [band(false), band(true), bars(isolated.filter((r) => !r.synthetic), false), bars(isolated.filter((r) => r.synthetic), true)];
}
