import * as Plot from '@observablehq/plot';
import { formatNumber } from '../format.ts';
import { unitLabel } from '../i18n/units.ts';
import {
  baseStyle,
  caption,
  countryColourScale,
  countryNames,
  FADED,
  forLogScale,
  indicatorNotes,
  indicatorTooltip,
  listText,
  logScaleNotes,
  reasonsText,
  markClass,
  periodText,
  qualifiedValueText,
  SYNTHETIC_DASH,
  tipMark,
  type IndicatorChartInput,
} from './chart-common.ts';
import { kindOf, type TrendRow } from './trend-rows.ts';
import { textWidth } from './text-width.ts';
import type { ValueKind } from '../view-answer.ts';
import { KIND_ORDER, KIND_STYLES } from './value-kinds.ts';

export interface SlopeChartInput extends IndicatorChartInput {
  /** The two period labels compared, as the spec names them. */
  from: string;
  to: string;
  /** Put `slopeNotes` in the figure's caption (default). */
  notesInCaption?: boolean;
}

/** Labels closer than this (pixels) are pushed apart. */
const LABEL_GAP = 15;
const MARGIN_TOP = 36;
const MARGIN_BOTTOM = 28;
/** Room for the value axis. */
const MARGIN_LEFT = 64;

export function slopeNotes(input: SlopeChartInput): string[] {
  const names = countryNames(input.countries);
  const rows = input.rows.filter((r) => r.period === input.from || r.period === input.to);
  const drawable = input.logScale ? forLogScale(rows) : rows;
  const none = input.countries.filter((c) => !drawable.some((r) => r.country === c.code && r.value !== null));
  const periods = { from: periodText(input.from, input.locale, input.t), to: periodText(input.to, input.locale, input.t) };
  return [
    ...indicatorNotes(rows, names, input.locale, input.t, input.sourceLabel, input.ukNations, input.addsUp),
    ...(input.logScale ? logScaleNotes(rows, names, input.locale, input.t) : []),
    ...(none.length > 0 ? [input.t('charts:notes.slopeMissing', { list: listText(reasonsText({ ...input, reasonPeriods: periods }, none), input.locale) })] : []),
  ];
}

interface Label {
  country: string;
  period: string;
  y: number;
  text: string;
  faded: boolean;
}

/**
 * A line per country between two periods, each end labelled with the country and its
 * value (labels pushed apart where values are close). Synthetic ends are hollow and a
 * line touching one is dashed. A country with a value in one period only gets its dot.
 */
export function slopeChart(input: SlopeChartInput): Plot.PlotOptions {
  const { countries, unit, locale, t, from, to } = input;
  const names = countryNames(countries);
  const picked = input.rows.filter((r) => names.has(r.country) && (r.period === from || r.period === to));
  const rows = (input.logScale ? forLogScale(picked) : picked).filter((r) => r.value !== null);
  const width = input.width ?? 760;
  const height = input.height ?? 420;
  const tooltip = indicatorTooltip(input, names);

  const values = rows.map((r) => r.value as number);
  // No zero baseline: a slope compares two positions, and nothing is drawn from zero.
  const lo = values.length > 0 ? Math.min(...values) : input.logScale ? 1 : 0;
  const hi = values.length > 0 ? Math.max(...values) : lo + 1;
  const y = Plot.scale({ y: { type: input.logScale ? 'log' : 'linear', domain: [lo, hi], nice: true, range: [height - MARGIN_BOTTOM, MARGIN_TOP] } });

  const labelFor = (r: TrendRow) => t('charts:slope.label', { country: names.get(r.country), value: qualifiedValueText(r, unit, locale, t) });
  const labels = (period: string) => dodge(rows.filter((r) => r.period === period).map((r) => ({ r, px: y.apply(r.value) as number })), height)
    .map(({ r, px }): Label => ({ country: r.country, period, y: y.invert!(px) as number, text: labelFor(r), faded: Boolean(input.highlight && r.country !== input.highlight) }));
  const longest = Math.max(80, ...rows.map((r) => textWidth(labelFor(r), 13)));
  const inset = Math.ceil(Math.min(width * 0.32, longest + 20));

  // A line is dashed when either of its ends is synthetic.
  const syntheticCountries = new Set(rows.filter((r) => r.synthetic).map((r) => r.country));
  const layer = (subset: TrendRow[], emphasis: { faded?: boolean; highlighted?: boolean }): Plot.Markish[] => {
    const opacity = emphasis.faded ? { strokeOpacity: FADED, fillOpacity: FADED } : {};
    const line = (synthetic: boolean) => {
      const data = subset.filter((r) => syntheticCountries.has(r.country) === synthetic);
      return data.length === 0
        ? null
        : Plot.line(data, {
            x: 'period',
            y: 'value',
            z: 'country',
            stroke: 'country',
            strokeWidth: emphasis.highlighted ? 3.5 : 2,
            ...opacity,
            ...(synthetic ? { strokeDasharray: SYNTHETIC_DASH } : {}),
            className: markClass('sprig-line', { synthetic, ...emphasis }),
          });
    };
    // Each kind of value its own marker (src/shared/charts/value-kinds.ts).
    const dots = (kind: ValueKind) => {
      const style = KIND_STYLES[kind];
      const own = subset.filter((r) => kindOf(r) === kind);
      return own.length === 0
        ? null
        : Plot.dot(own, {
            x: 'period',
            y: 'value',
            stroke: 'country',
            fill: style.hollow ? 'white' : 'country',
            symbol: style.symbol,
            r: (emphasis.highlighted ? 5.5 : 4.5) + (style.symbol === 'circle' ? 0 : 1.5),
            strokeWidth: 1.5,
            ...opacity,
            className: markClass(`sprig-values sprig-kind-${kind}`, { synthetic: kind === 'synthetic', ...emphasis }),
          });
    };
    return [line(false), line(true), ...KIND_ORDER.map(dots)];
  };
  const groups = input.highlight
    ? [...layer(rows.filter((r) => r.country !== input.highlight), { faded: true }), ...layer(rows.filter((r) => r.country === input.highlight), { highlighted: true })]
    : layer(rows, {});
  const notes = input.notesInCaption === false ? [] : slopeNotes(input);
  const text = (period: string, side: 'start' | 'end') =>
    Plot.text(labels(period), {
      x: 'period',
      y: 'y',
      text: 'text',
      textAnchor: side === 'start' ? 'end' : 'start',
      dx: side === 'start' ? -10 : 10,
      fill: 'currentColor',
      fillOpacity: (l: Label) => (l.faded ? 0.45 : 1),
      className: `sprig-label sprig-label-${side}`,
    });

  return {
    width,
    height,
    marginTop: MARGIN_TOP,
    marginBottom: MARGIN_BOTTOM,
    marginLeft: MARGIN_LEFT,
    marginRight: 8,
    style: baseStyle,
    ...caption(notes),
    x: { type: 'point', domain: [from, to], inset, axis: 'top', label: null, tickSize: 0, tickFormat: (p: string) => periodText(p, locale, t) },
    // A value axis, so the lines' heights can be read and not only compared.
    y: {
      type: input.logScale ? 'log' : 'linear',
      domain: y.domain,
      axis: 'left',
      grid: true,
      label: unitLabel(unit, t),
      labelAnchor: 'top',
      ticks: 5,
      tickFormat: (n: number) => formatNumber(n, locale),
    },
    opacity: { type: 'identity' },
    color: countryColourScale(countries, t, false),
    marks: [
      Plot.ruleX([from, to], { stroke: '#ccc' }),
      ...groups,
      text(from, 'start'),
      text(to, 'end'),
      tipMark(rows, { x: 'period', y: 'value', title: tooltip }),
    ],
  };
}

/** Pushes labels apart so none is closer than LABEL_GAP to the next, keeping them inside the chart. */
function dodge<T extends { px: number }>(items: T[], height: number): T[] {
  const sorted = [...items].sort((a, b) => a.px - b.px).map((item) => ({ ...item }));
  for (let i = 1; i < sorted.length; i++) sorted[i]!.px = Math.max(sorted[i]!.px, sorted[i - 1]!.px + LABEL_GAP);
  const bottom = height - MARGIN_BOTTOM;
  for (let i = sorted.length - 1; i >= 0; i--) {
    const limit = i === sorted.length - 1 ? bottom : sorted[i + 1]!.px - LABEL_GAP;
    sorted[i]!.px = Math.min(sorted[i]!.px, limit);
  }
  return sorted;
}
