import * as Plot from '@observablehq/plot';
import type { TFunction } from 'i18next';
import { countryColour } from '../countries.ts';
import { formatMonth, formatNumber, formatPeriod, formatValue, formatYear, type PeriodWords } from '../format.ts';
import { unitLabel } from '../i18n/units.ts';
import { caption, FADED, forLogScale, indicatorNotes, logScaleNotes, markClass, SYNTHETIC_DASH, tipMark } from './chart-common.ts';
import type { TrendRow } from './trend-rows.ts';

export { SYNTHETIC_DASH };

export interface TrendChartInput {
  rows: TrendRow[];
  /** Countries in legend order, with their names in the chart's language. */
  countries: { code: string; name: string }[];
  unit: string;
  locale: string;
  t: TFunction;
  /** A source's short label for tooltips. */
  sourceLabel: (id: string) => string;
  width?: number;
  height?: number;
  /** One country at full strength and thicker; the others faded. */
  highlight?: string;
  /** A log y axis: values of zero or below are left out and named in the notes. */
  logScale?: boolean;
  /** How intervals (rows with lower and upper) are drawn: a band along each line (default) or error bars. */
  intervals?: 'band' | 'bars';
  /** Put `trendNotes` in the figure's caption (default), so exported figures keep them. */
  notesInCaption?: boolean;
}

/**
 * Notes the trend chart needs beside it: the denominator (per 100,000), the base period
 * (indexed) and, on a log scale, the values that cannot be drawn.
 */
export function trendNotes(input: TrendChartInput): string[] {
  const names = new Map(input.countries.map((c) => [c.code, c.name]));
  return [
    ...indicatorNotes(input.rows, names, input.locale, input.t),
    ...(input.logScale ? logScaleNotes(input.rows, names, input.locale, input.t) : []),
  ];
}

/** Options that place a series' marks: the channels small multiples add (a facet). */
export type SeriesPlacement = Partial<Record<'fx' | 'fy', string>>;

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
  const periodWords: PeriodWords = (key, values) => t(key, values);
  const tooltip = (r: TrendRow) =>
    t('compare.tooltip', {
      country: names.get(r.country),
      period: formatPeriod(r.period, locale, periodWords),
      value: r.value === null ? t('status.not_available') : formatValue(r.value, unit, locale, unitText),
      status: t(`status.${r.status}`, { defaultValue: r.status }),
      source: input.sourceLabel(r.source),
    });
  // Annual periods get a tick a year; anything finer (monthly workforce counts) month ticks.
  const annual = withValue.every((r) => r.start.getUTCMonth() === 0 && r.start.getUTCDate() === 1);
  const notes = input.notesInCaption === false ? [] : trendNotes(input);
  return {
    width: input.width ?? 760,
    height: input.height ?? 400,
    marginLeft: 64,
    marginRight: 24,
    marginBottom: 48,
    style: { fontFamily: 'inherit', fontSize: '13px', overflow: 'visible' },
    ...caption(notes),
    x: {
      type: 'utc',
      label: t('compare.period'),
      tickFormat: (d: Date) => (annual ? formatYear(d, locale) : formatMonth(d, locale)),
      ticks: annual ? 'year' : 6,
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
      domain: countries.map((c) => c.code),
      range: countries.map((c) => countryColour(c.code)),
      legend: true,
      tickFormat: (code: string) => names.get(code) ?? code,
      label: t('compare.legend'),
    },
    marks: [
      input.logScale ? null : Plot.ruleY([0], { stroke: '#888', strokeOpacity: 0.6 }),
      ...seriesMarks(shown, { tooltip, highlight: input.highlight, intervals: input.intervals ?? 'band' }),
    ],
  };
}

export interface SeriesOptions {
  tooltip: (r: TrendRow) => string;
  highlight?: string | undefined;
  intervals: 'band' | 'bars';
  placement?: SeriesPlacement;
  /** Dot radius; small multiples draw smaller dots. */
  r?: number;
}

/**
 * Lines, dots and intervals of countries over time. Published values: solid lines and
 * filled dots; synthetic values: dashed lines, hollow dots, dashed intervals. With a
 * highlight, the other countries are drawn first and faded, the highlighted one last and
 * thicker. One tip mark over every value gives the tooltip (one tip at a time).
 */
export function seriesMarks(rows: TrendRow[], options: SeriesOptions): Plot.Markish[] {
  const { highlight } = options;
  const tip = tipMark(
    rows.filter((r) => r.value !== null),
    { ...(options.placement ?? {}), x: 'start', y: 'value', title: options.tooltip },
  );
  if (!highlight) return [...seriesLayer(rows, options, {}), tip];
  return [
    ...seriesLayer(rows.filter((r) => r.country !== highlight), options, { faded: true }),
    ...seriesLayer(rows.filter((r) => r.country === highlight), options, { highlighted: true }),
    tip,
  ];
}

function seriesLayer(rows: TrendRow[], options: SeriesOptions, emphasis: { faded?: boolean; highlighted?: boolean }): Plot.Markish[] {
  const withValue = rows.filter((r) => r.value !== null);
  const place = options.placement ?? {};
  const opacity = emphasis.faded ? { strokeOpacity: FADED } : {};
  const width = emphasis.highlighted ? 3.5 : 2;
  const line = (synthetic: boolean): Plot.Markish =>
    Plot.line(
      rows.filter((r) => r.synthetic === synthetic || r.value === null),
      {
        ...place,
        x: 'start',
        y: 'value',
        z: 'country',
        stroke: 'country',
        strokeWidth: width,
        ...opacity,
        ...(synthetic ? { strokeDasharray: SYNTHETIC_DASH } : {}),
        className: markClass('sprig-line', { synthetic, ...emphasis }),
      },
    );
  const dotOptions = {
    ...place,
    x: 'start',
    y: 'value',
    stroke: 'country',
    r: (options.r ?? 3.5) + (emphasis.highlighted ? 1 : 0),
    strokeWidth: 1.5,
    ...opacity,
    ...(emphasis.faded ? { fillOpacity: FADED } : {}),
  } as const;
  return [
    ...intervalMarks(rows, options, emphasis),
    withValue.some((r) => !r.synthetic) ? line(false) : null,
    withValue.some((r) => r.synthetic) ? line(true) : null,
    // Published values are filled dots; synthetic ones hollow, beside their dashed lines.
    Plot.dot(withValue.filter((r) => !r.synthetic), { ...dotOptions, fill: 'country', className: markClass('sprig-values', emphasis) }),
    Plot.dot(withValue.filter((r) => r.synthetic), { ...dotOptions, fill: 'white', className: markClass('sprig-values', { synthetic: true, ...emphasis }) }),
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
