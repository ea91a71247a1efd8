import * as Plot from '@observablehq/plot';
import { formatNumber } from '../format.ts';
import {
  baseStyle,
  caption,
  countryColourScale,
  countryNames,
  FADED,
  fitText,
  markClass,
  MUTED_TEXT,
  signedNumber,
  suppressionNotes,
  SYNTHETIC_DASH,
  tipMark,
  type PersonChartInput,
} from './chart-common.ts';
import { textWidth, wrapText } from './text-width.ts';
import type { OutcomeRow } from './view-rows.ts';

export interface OutcomeChartInput extends PersonChartInput {
  rows: OutcomeRow[];
  /** The one instrument's name in the chart's language ("SWEMWBS"): scores are never pooled across instruments. */
  instrumentName: string;
  /** The follow-up timepoint in words ("8–12 weeks"). */
  followUpName: string;
  /** Whether higher scores are better on this instrument, drawn by the axes and said in the notes; null or absent: not known. */
  higherIsBetter?: boolean | null;
  /** The instrument's possible range, for the score axis; absent: the data's. */
  scoreRange?: [number, number];
  /** Put the notes in each figure's caption (default). */
  notesInCaption?: boolean;
}

const TITLE_SPACE = 22;
/** Chart text is 13px (`baseStyle`); axis titles are set in lines of this height. */
const FONT_SIZE = 13;
const LINE = 16;
/** Room under the frame for the axis's tick labels. */
const TICK_ROOM = 26;
const DIRECTION_ROOM = 18;

/** Whether the instrument says which way is better. */
function knownDirection(input: OutcomeChartInput): input is OutcomeChartInput & { higherIsBetter: boolean } {
  return typeof input.higherIsBetter === 'boolean';
}

/**
 * An axis title below the frame, wrapped to the frame's width (Plot's own axis label is one
 * line, which long instrument names in German and Greek overflow), with, when the
 * instrument says, which end of the axis is better, written at that end.
 */
function bottomAxis(
  title: string,
  frameWidth: number,
  direction: { text: string; right: boolean } | null,
  facet?: 'super',
): { marks: Plot.Markish[]; marginBottom: number } {
  const lines = wrapText(title, frameWidth, FONT_SIZE);
  const titleAt = TICK_ROOM + (direction ? DIRECTION_ROOM : 0);
  const place = { lineAnchor: 'top' as const, ...(facet ? { facet } : {}) };
  return {
    marginBottom: titleAt + lines.length * LINE + 4,
    marks: [
      ...(direction
        ? [
            Plot.text([direction.text], {
              ...place,
              text: (d: string) => d,
              frameAnchor: direction.right ? 'bottom-right' : 'bottom-left',
              textAnchor: direction.right ? 'end' : 'start',
              dy: TICK_ROOM,
              fontWeight: 'bold',
              className: 'sprig-direction',
            }),
          ]
        : []),
      Plot.text([lines.join('\n')], { ...place, text: (d: string) => d, frameAnchor: 'bottom', dy: titleAt, lineHeight: LINE / FONT_SIZE, className: 'sprig-axis-title' }),
    ],
  };
}

/** A left margin wide enough for the longest of `labels`. */
function marginFor(labels: string[], least: number): number {
  return Math.ceil(Math.max(least, ...labels.map((l) => textWidth(l, FONT_SIZE) + 14)));
}

/** Notes for the distributions (`which: 'distribution'`) or the mean change. */
export function outcomeNotes(input: OutcomeChartInput, which: 'distribution' | 'change'): string[] {
  const { t } = input;
  const instrument = t('charts:outcome.instrument', { instrument: input.instrumentName });
  if (which === 'change') {
    const direction = knownDirection(input) ? [t(input.higherIsBetter ? 'charts:outcome.higherIsBetter' : 'charts:outcome.lowerIsBetter')] : [];
    return [instrument, t('charts:outcome.change'), ...direction, ...(input.synthetic ? [t('charts:notes.synthetic')] : [])];
  }
  return [
    instrument,
    t('charts:outcome.distribution'),
    ...suppressionNotes(input.rows, input.suppressBelow, input.locale, t),
    ...(input.synthetic ? [t('charts:notes.synthetic')] : []),
  ];
}

/** Both figures of the outcome view: the distributions at baseline and follow-up, then the mean change. */
export function outcomeChart(input: OutcomeChartInput): [Plot.PlotOptions, Plot.PlotOptions] {
  return [outcomeDistributionChart(input), outcomeChangeChart(input)];
}

/**
 * Per country (one panel each), the scores at baseline and at follow-up as boxes: the box
 * spans the 25th to 75th percentile with a tick at the median, its line the 10th to 90th.
 * One instrument only, named on the axis and in the notes. Suppressed series are labelled.
 */
export function outcomeDistributionChart(input: OutcomeChartInput): Plot.PlotOptions {
  const { countries, locale, t } = input;
  const names = countryNames(countries);
  const rows = input.rows.filter((r) => names.has(r.country) && r.series !== 'change');
  const drawn = rows.filter((r) => !r.suppressed && r.p10 !== null && r.p90 !== null);
  const suppressed = rows.filter((r) => r.suppressed);
  const empty = countries.filter((c) => !rows.some((r) => r.country === c.code)).map((c) => ({ country: c.code, text: input.emptyText ?? t('charts:missing.noReferrals') }));
  const seriesLabel = (s: string) => (s === 'baseline' ? t('charts:outcome.baseline') : t('charts:outcome.followUp', { timepoint: input.followUpName }));
  const n = (v: number | null) => (v === null ? '—' : formatNumber(v, locale));
  const tooltip = (r: OutcomeRow) =>
    t('charts:outcome.boxTooltip', { country: names.get(r.country), series: seriesLabel(r.series), n: n(r.n), p10: n(r.p10), p25: n(r.p25), p50: n(r.p50), p75: n(r.p75), p90: n(r.p90) });
  const synthetic = input.synthetic === true;
  const dash = synthetic ? { strokeDasharray: SYNTHETIC_DASH } : {};
  const place = { fy: 'country', y: 'series' } as const;
  const layer = (subset: OutcomeRow[], emphasis: { faded?: boolean; highlighted?: boolean }): Plot.Markish[] => {
    const fade = emphasis.faded ? FADED : 1;
    const box = (series: 'baseline' | 'follow_up') =>
      Plot.barX(subset.filter((r) => r.series === series), {
        ...place,
        x1: 'p25',
        x2: 'p75',
        fill: 'country',
        fillOpacity: (series === 'baseline' ? 0.2 : 0.55) * fade,
        stroke: 'country',
        strokeOpacity: fade,
        strokeWidth: 1.5,
        ...dash,
        insetTop: 3,
        insetBottom: 3,
        className: markClass('sprig-box', { synthetic, ...emphasis }),
      });
    return [
      Plot.ruleY(subset, { ...place, x1: 'p10', x2: 'p90', stroke: 'country', strokeOpacity: fade, strokeWidth: 1.5, ...dash, className: markClass('sprig-whisker', { synthetic, ...emphasis }) }),
      box('baseline'),
      box('follow_up'),
      Plot.tickX(subset, { ...place, x: 'p50', stroke: 'currentColor', strokeOpacity: fade, strokeWidth: 2.5, insetTop: 3, insetBottom: 3, className: 'sprig-median' }),
    ];
  };
  const isHighlight = (r: OutcomeRow) => r.country === input.highlight;
  const marks = input.highlight ? [...layer(drawn.filter((r) => !isHighlight(r)), { faded: true }), ...layer(drawn.filter(isHighlight), { highlighted: true })] : layer(drawn, {});
  const width = input.width ?? 760;
  const marginLeft = marginFor([seriesLabel('baseline'), seriesLabel('follow_up')], 80);
  const marginRight = 24;
  const direction = knownDirection(input)
    ? { text: t(input.higherIsBetter ? 'charts:outcomeDirection.higherIsBetter' : 'charts:outcomeDirection.lowerIsBetter'), right: input.higherIsBetter }
    : null;
  const axis = bottomAxis(t('charts:outcome.scoreAxis', { instrument: input.instrumentName }), width - marginLeft - marginRight, direction, 'super');
  return {
    width,
    height: input.height ?? countries.length * (2 * 30 + TITLE_SPACE + 14) + 8 + axis.marginBottom,
    marginLeft,
    marginRight,
    marginTop: 8,
    marginBottom: axis.marginBottom,
    style: baseStyle,
    ...caption(input.notesInCaption === false ? [] : outcomeNotes(input, 'distribution')),
    fy: { domain: countries.map((c) => c.code), axis: null, padding: 0.12 },
    y: { domain: ['baseline', 'follow_up'], tickFormat: seriesLabel, label: null, tickSize: 0, insetTop: TITLE_SPACE, padding: 0.2 },
    x: {
      label: null,
      grid: true,
      ...(input.scoreRange ? { domain: input.scoreRange } : { nice: true }),
      tickFormat: (v: number) => formatNumber(v, locale),
    },
    color: countryColourScale(countries, t, false),
    marks: [
      Plot.frame({ stroke: '#ddd' }),
      ...marks,
      Plot.text(suppressed, {
        ...place,
        frameAnchor: 'left',
        dx: 6,
        textAnchor: 'start',
        text: () => t('charts:suppressed', { threshold: formatNumber(input.suppressBelow, locale) }),
        fill: MUTED_TEXT,
        fontStyle: 'italic',
        className: 'sprig-suppressed-label',
      }),
      Plot.text(countries.map((c) => ({ country: c.code, name: c.name })), { fy: 'country', text: 'name', frameAnchor: 'top-left', dx: 4, dy: 4, fontWeight: 'bold', className: 'sprig-panel-title' }),
      Plot.text(empty, { fy: 'country', text: (d: { text: string }) => fitText(d.text, width - marginLeft - marginRight - 16), frameAnchor: 'middle', fill: MUTED_TEXT, fontStyle: 'italic', className: 'sprig-missing' }),
      ...axis.marks,
      tipMark(drawn, { fy: 'country', y: 'series', x: 'p50', title: tooltip }, 'y'),
    ],
  };
}

/**
 * Per country, the mean change in paired scores (follow-up minus baseline) as a dot, with
 * its 95% interval as a line, against a zero line. Countries stay in the fixed order.
 */
export function outcomeChangeChart(input: OutcomeChartInput): Plot.PlotOptions {
  const { countries, locale, t } = input;
  const names = countryNames(countries);
  const rows = input.rows.filter((r) => names.has(r.country) && r.series === 'change');
  const drawn = rows.filter((r) => !r.suppressed && r.mean !== null);
  const missing = countries
    .filter((c) => !drawn.some((r) => r.country === c.code))
    .map((c) => ({
      country: c.code,
      text: rows.some((r) => r.country === c.code && r.suppressed)
        ? rows.some((r) => r.country === c.code && r.suppression === 'complementary')
          ? t('charts:suppressedComplementary')
          : t('charts:suppressed', { threshold: formatNumber(input.suppressBelow, locale) })
        : (input.emptyText ?? t('charts:missing.noReferrals')),
    }));
  const signed = (v: number | null) => (v === null ? '—' : signedNumber(v, locale));
  const tooltip = (r: OutcomeRow) =>
    t('charts:outcome.changeTooltip', { country: names.get(r.country), n: r.n === null ? '—' : formatNumber(r.n, locale), mean: signed(r.mean), lower: signed(r.lower), upper: signed(r.upper) });
  const synthetic = input.synthetic === true;
  const valueLabel = (r: OutcomeRow) => t('charts:outcome.changeLabel', { mean: signed(r.mean), lower: signed(r.lower), upper: signed(r.upper) });
  const layer = (subset: OutcomeRow[], emphasis: { faded?: boolean; highlighted?: boolean }): Plot.Markish[] => {
    const fade = emphasis.faded ? FADED : 1;
    return [
      Plot.ruleY(subset.filter((r) => r.lower !== null && r.upper !== null), {
        y: 'country',
        x1: 'lower',
        x2: 'upper',
        stroke: 'country',
        strokeOpacity: fade,
        strokeWidth: emphasis.highlighted ? 3.5 : 2.5,
        ...(synthetic ? { strokeDasharray: '3,2' } : {}),
        className: markClass('sprig-interval', { synthetic, ...emphasis }),
      }),
      Plot.dot(subset, {
        y: 'country',
        x: 'mean',
        r: emphasis.highlighted ? 7 : 5.5,
        fill: synthetic ? 'white' : 'country',
        stroke: 'country',
        strokeWidth: 2,
        fillOpacity: fade,
        strokeOpacity: fade,
        className: markClass('sprig-values', { synthetic, ...emphasis }),
      }),
      Plot.text(subset, {
        y: 'country',
        x: (r: OutcomeRow) => r.upper ?? r.mean,
        dx: 8,
        textAnchor: 'start',
        text: valueLabel,
        fill: 'currentColor',
        fillOpacity: emphasis.faded ? 0.5 : 1,
        className: 'sprig-value-label',
      }),
    ];
  };
  const isHighlight = (r: OutcomeRow) => r.country === input.highlight;
  const marks = input.highlight ? [...layer(drawn.filter((r) => !isHighlight(r)), { faded: true }), ...layer(drawn.filter(isHighlight), { highlighted: true })] : layer(drawn, {});
  const width = input.width ?? 760;
  const marginLeft = marginFor(countries.map((c) => c.name), 80);
  // Value labels sit right of each interval; the widest must fit in the margin.
  const marginRight = marginFor(drawn.map(valueLabel), 40) + 8;
  const marginTop = knownDirection(input) ? 28 : 16;
  const axis = bottomAxis(t('charts:outcome.changeAxis', { instrument: input.instrumentName }), width - marginLeft - marginRight, null);
  // A positive change is an improvement where higher scores are better; a negative one where lower are.
  const improvement = knownDirection(input)
    ? [
        Plot.text([t(input.higherIsBetter ? 'charts:outcomeDirection.improvementRight' : 'charts:outcomeDirection.improvementLeft')], {
          text: (d: string) => d,
          frameAnchor: input.higherIsBetter ? 'top-right' : 'top-left',
          textAnchor: input.higherIsBetter ? 'end' : 'start',
          lineAnchor: 'bottom',
          dy: -8,
          fontWeight: 'bold',
          className: 'sprig-direction',
        }),
      ]
    : [];
  return {
    width,
    height: input.height ?? marginTop + axis.marginBottom + 40 * Math.max(1, countries.length) + 10,
    marginLeft,
    marginRight,
    marginTop,
    marginBottom: axis.marginBottom,
    style: baseStyle,
    ...caption(input.notesInCaption === false ? [] : outcomeNotes(input, 'change')),
    y: { domain: countries.map((c) => c.code), tickFormat: (code: string) => names.get(code) ?? code, label: null, tickSize: 0, padding: 0.3 },
    x: {
      label: null,
      grid: true,
      nice: true,
      tickFormat: (v: number) => signedNumber(v, locale),
    },
    color: countryColourScale(countries, t, false),
    marks: [
      Plot.ruleX([0], { stroke: '#666' }),
      ...marks,
      Plot.text(missing, { y: 'country', frameAnchor: 'left', dx: 6, textAnchor: 'start', text: (d: { text: string }) => fitText(d.text, width - marginLeft - 12), fill: MUTED_TEXT, fontStyle: 'italic', className: 'sprig-missing' }),
      ...improvement,
      ...axis.marks,
      tipMark(drawn, { y: 'country', x: 'mean', title: tooltip }, 'y'),
    ],
  };
}
