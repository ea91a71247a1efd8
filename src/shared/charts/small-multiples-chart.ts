import * as Plot from '@observablehq/plot';
import { formatMonth, formatNumber, formatYear } from '../format.ts';
import { unitLabel } from '../i18n/units.ts';
import {
  baseStyle,
  caption,
  countryColourScale,
  countryNames,
  fitText,
  forLogScale,
  indicatorTooltip,
  missingText,
  MUTED_TEXT,
  qualifierMark,
  yearTicks,
  type IndicatorChartInput,
} from './chart-common.ts';
import { seriesMarks, trendNotes } from './trend-chart.ts';
import type { TrendRow } from './trend-rows.ts';

export interface SmallMultiplesInput extends IndicatorChartInput {
  /** One y scale for every country (true), or each country its own. */
  sharedY: boolean;
  intervals?: 'band' | 'bars';
  /** Height of one country's panel; `height` is ignored. */
  panelHeight?: number;
  /** Put the notes (`trendNotes`) in the caption of the last figure (default). */
  notesInCaption?: boolean;
}

/** Room at the top of each panel for the country's name. */
const TITLE_SPACE = 22;

/**
 * The trend drawn once per country, one panel under another, the time axis shared.
 *
 * Always an array of Plot options, to be drawn one after another:
 * - shared y (`sharedY: true`): ONE options object faceted by country (`fy`), because
 *   Plot's facets share their scales;
 * - independent y: one options object per country (Plot cannot give facets their own
 *   y scale), with the same x domain so the panels line up in time.
 * A country without values gets its panel, labelled "No national data", never a flat zero.
 */
export function smallMultiplesChart(input: SmallMultiplesInput): Plot.PlotOptions[] {
  const { countries, locale, t } = input;
  const names = countryNames(countries);
  const shown = (input.logScale ? forLogScale(input.rows) : input.rows).filter((r) => names.has(r.country));
  const withValue = shown.filter((r) => r.value !== null);
  const annual = withValue.every((r) => r.start.getUTCMonth() === 0 && r.start.getUTCDate() === 1);
  const times = withValue.map((r) => r.start.getTime());
  const xDomain = times.length > 0 ? [new Date(Math.min(...times)), new Date(Math.max(...times))] : undefined;
  const panelHeight = input.panelHeight ?? (input.sharedY ? 120 : 150);
  const notes = input.notesInCaption === false ? [] : trendNotes(input);
  const tooltip = indicatorTooltip(input, names);
  const missing = countries
    .filter((c) => !withValue.some((r) => r.country === c.code))
    .map((c) => {
      const told = input.reasons?.find((m) => m.country === c.code)?.reason;
      const own = shown.find((r) => r.country === c.code);
      return { country: c.code, reason: missingText(told ?? own?.reason ?? own?.status, t, input.reasonPeriods) };
    });

  const x: Plot.ScaleOptions = {
    type: 'utc',
    ...(xDomain ? { domain: xDomain } : {}),
    label: null,
    tickFormat: (d: Date) => (annual ? formatYear(d, locale) : formatMonth(d, locale)),
    ticks: annual ? yearTicks(withValue.map((r) => r.start), 4) : 6,
    inset: 12,
  };
  const y = (rows: TrendRow[]): Plot.ScaleOptions => {
    const base = { label: unitLabel(input.unit, t), labelAnchor: 'top' as const, grid: true, nice: true, ticks: 3, insetTop: TITLE_SPACE, tickFormat: (n: number) => formatNumber(n, locale) };
    if (rows.length === 0) return { domain: [0, 1], axis: null, insetTop: TITLE_SPACE };
    return input.logScale ? { ...base, type: 'log' } : { ...base, zero: true };
  };
  const common = {
    width: input.width ?? 760,
    marginLeft: 64,
    marginRight: 24,
    style: baseStyle,
    x,
    color: countryColourScale(countries, t, false),
  };
  const series = (rows: TrendRow[], placement: { fy?: string }) =>
    seriesMarks(rows, { tooltip, highlight: input.highlight, intervals: input.intervals ?? 'band', placement, r: 2.5, qualifier: (r) => qualifierMark(r, input.unit, locale, t) });
  const indexLine = (placement: { fy?: string }) =>
    input.indexed ? Plot.ruleY([100], { ...placement, stroke: '#333', strokeWidth: 1.5, strokeDasharray: '6,3', className: 'sprig-index-base' }) : null;
  const title = (data: { code: string; name: string }[], placement: { fy?: string }) =>
    Plot.text(data, { ...placement, text: 'name', frameAnchor: 'top-left', dy: 4, dx: 4, fontWeight: 'bold', className: 'sprig-panel-title' });
  const noData = (data: typeof missing, placement: { fy?: string }) =>
    Plot.text(data, { ...placement, text: (d: { reason: string }) => fitText(d.reason, (input.width ?? 760) - 64 - 24 - 16), frameAnchor: 'middle', fill: MUTED_TEXT, fontStyle: 'italic', className: 'sprig-missing' });

  if (input.sharedY) {
    return [
      {
        ...common,
        height: countries.length * panelHeight + 40,
        marginTop: 16,
        marginBottom: 28,
        ...caption(notes),
        fy: { domain: countries.map((c) => c.code), axis: null, padding: 0.15 },
        y: y(withValue),
        marks: [
          Plot.frame({ stroke: '#ddd' }),
          input.logScale ? null : Plot.ruleY([0], { stroke: '#888', strokeOpacity: 0.6 }),
          indexLine({}),
          ...series(shown, { fy: 'country' }),
          title(countries.map((c) => ({ code: c.code, name: c.name, fy: c.code })), { fy: 'fy' }),
          noData(missing, { fy: 'country' }),
        ],
      },
    ];
  }
  return countries.map((c, i) => {
    const own = shown.filter((r) => r.country === c.code);
    const ownValues = own.filter((r) => r.value !== null);
    return {
      ...common,
      height: panelHeight,
      marginTop: 8,
      marginBottom: 28,
      ...(i === countries.length - 1 ? caption(notes) : {}),
      y: y(ownValues),
      marks: [
        Plot.frame({ stroke: '#ddd' }),
        input.logScale || ownValues.length === 0 ? null : Plot.ruleY([0], { stroke: '#888', strokeOpacity: 0.6 }),
        ownValues.length > 0 ? indexLine({}) : null,
        ...series(own, {}),
        title([c], {}),
        noData(missing.filter((m) => m.country === c.code), {}),
      ],
    };
  });
}
