import * as Plot from '@observablehq/plot';
import type { IndicatorDescription } from '../catalogue.ts';
import { formatNumber } from '../format.ts';
import { canRank } from '../indicators.ts';
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
  intervalNotes,
  listText,
  qualifiedValueText,
  logScaleNotes,
  markClass,
  missingText,
  MUTED_TEXT,
  periodText,
  SYNTHETIC_DASH,
  tipMark,
  type IndicatorChartInput,
} from './chart-common.ts';
import { formatLocale } from '../i18n/languages.ts';
import { kindOf, type TrendRow } from './trend-rows.ts';
import { textWidth } from './text-width.ts';
import { KIND_ORDER, KIND_STYLES } from './value-kinds.ts';

export interface LatestChartInput extends IndicatorChartInput {
  /** Decides whether countries may be ranked: sorted by value only when `canRank` allows. */
  indicator: Pick<IndicatorDescription, 'comparabilityLevel'>;
  /** Dots (default) or bars from zero; either with interval whiskers. */
  mark?: 'dot' | 'bar';
  /** Put `latestNotes` in the figure's caption (default). */
  notesInCaption?: boolean;
}

/** Each country's latest value; a country with none keeps its latest row saying why. */
export function latestPerCountry(rows: TrendRow[]): Map<string, TrendRow> {
  const latest = new Map<string, TrendRow>();
  for (const r of rows) {
    const seen = latest.get(r.country);
    const better = !seen || (seen.value === null && r.value !== null) || ((seen.value === null) === (r.value === null) && r.start > seen.start);
    if (better) latest.set(r.country, r);
  }
  return latest;
}

/**
 * Why countries may not be ranked here, or null when they may: the indicator must compare
 * across countries, and every value must be of the same period and the same kind
 * (Greece's 2025 never above the US's 2024; a target never among published figures).
 */
export function whyNotRanked(input: Pick<LatestChartInput, 'rows' | 'countries' | 'indicator'>): 'comparability' | 'periods' | 'kinds' | null {
  if (!canRank(input.indicator)) return 'comparability';
  const codes = new Set(input.countries.map((c) => c.code));
  const values = [...latestPerCountry(input.rows.filter((r) => codes.has(r.country))).values()].filter((r) => r.value !== null);
  if (new Set(values.map((r) => `${r.start.getTime()}|${r.end?.getTime() ?? ''}`)).size > 1) return 'periods';
  if (new Set(values.map(kindOf)).size > 1) return 'kinds';
  return null;
}

/**
 * The order countries are listed in: by value, largest first, only when they may be
 * ranked (`whyNotRanked`); otherwise alphabetically by their names in the reader's
 * language, so no ranking is implied. Countries without a value come last when ranked.
 */
export function latestOrder(input: Pick<LatestChartInput, 'rows' | 'countries' | 'indicator' | 'locale'>): string[] {
  const codes = input.countries.map((c) => c.code);
  if (whyNotRanked(input) !== null) {
    const collator = new Intl.Collator(formatLocale(input.locale));
    return [...input.countries].sort((a, b) => collator.compare(a.name, b.name)).map((c) => c.code);
  }
  const latest = latestPerCountry(input.rows);
  const value = (code: string) => latest.get(code)?.value ?? null;
  return [...codes].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) return (va === null ? 1 : 0) - (vb === null ? 1 : 0);
    return vb - va;
  });
}

export function latestNotes(input: LatestChartInput): string[] {
  const names = countryNames(input.countries);
  const latest = [...latestPerCountry(input.rows.filter((r) => names.has(r.country))).values()];
  const why = whyNotRanked(input);
  const periods = [...new Set(latest.filter((r) => r.value !== null).map((r) => periodText(r.period, input.locale, input.t)))];
  return [
    ...(why === null ? [] : [input.t(`charts:notes.notRanked_${why}`, { list: listText(periods, input.locale) })]),
    ...indicatorNotes(latest, names, input.locale, input.t, input.sourceLabel, input.ukNations, input.addsUp),
    ...intervalNotes(latest, input.interval, input.t),
    ...(input.logScale ? logScaleNotes(latest, names, input.locale, input.t) : []),
  ];
}

interface LatestDatum extends TrendRow {
  label: string;
}

/**
 * The latest value per country, as dots (or bars) with interval whiskers, a row per country.
 * A country without a value gets a labelled row ("No national data"), never a zero.
 * Synthetic values: hollow dots (or bars) and dashed whiskers.
 */
export function latestChart(input: LatestChartInput): Plot.PlotOptions {
  const { countries, unit, locale, t } = input;
  const names = countryNames(countries);
  const original = latestPerCountry(input.rows.filter((r) => names.has(r.country)));
  const drawable = input.logScale ? forLogScale([...original.values()]) : [...original.values()];
  const withValue: LatestDatum[] = drawable
    .filter((r) => r.value !== null)
    .map((r) => ({
      ...r,
      label: t('charts:latest.valueLabel', { value: qualifiedValueText(r, unit, locale, t), period: periodText(r.period, locale, t) }),
    }));
  const missing = countries
    .filter((c) => !withValue.some((r) => r.country === c.code))
    .map((c) => {
      const row = original.get(c.code);
      const told = input.reasons?.find((m) => m.country === c.code)?.reason;
      const reason = row && row.value !== null ? t('charts:missing.logScale') : missingText(told ?? row?.reason ?? row?.status, t, input.reasonPeriods);
      return { country: c.code, reason };
    });
  const tooltip = indicatorTooltip(input, names);
  const order = latestOrder(input);
  const bars = input.mark === 'bar';
  const longest = Math.max(0, ...countries.map((c) => textWidth(c.name, 13)));
  const width = input.width ?? 760;
  const notes = input.notesInCaption === false ? [] : latestNotes(input);

  const layer = (rows: LatestDatum[], emphasis: { faded?: boolean; highlighted?: boolean }): Plot.Markish[] => {
    const opacity = emphasis.faded ? FADED : 1;
    const published = rows.filter((r) => !r.synthetic);
    const synthetic = rows.filter((r) => r.synthetic);
    const intervals = (subset: LatestDatum[], dashed: boolean): Plot.Markish =>
      Plot.ruleY(
        subset.filter((r) => r.lower !== null && r.upper !== null),
        {
          y: 'country',
          x1: 'lower',
          x2: 'upper',
          stroke: bars ? '#333' : 'country',
          strokeWidth: emphasis.highlighted ? 3 : 2,
          strokeOpacity: opacity,
          ...(dashed ? { strokeDasharray: '3,2' } : {}),
          className: markClass('sprig-interval', { synthetic: dashed, ...emphasis }),
        },
      );
    const values = (subset: LatestDatum[], dashed: boolean): Plot.Markish =>
      bars
        ? Plot.barX(subset, {
            y: 'country',
            x: 'value',
            fill: dashed ? 'white' : 'country',
            stroke: 'country',
            strokeWidth: 1.5,
            ...(dashed ? { strokeDasharray: SYNTHETIC_DASH } : {}),
            fillOpacity: opacity,
            strokeOpacity: opacity,
            insetTop: 6,
            insetBottom: 6,
            className: markClass('sprig-values', { synthetic: dashed, ...emphasis }),
          })
        : KIND_ORDER.map((kind) => {
            const style = KIND_STYLES[kind];
            const own = subset.filter((r) => kindOf(r) === kind);
            return own.length === 0
              ? null
              : Plot.dot(own, {
                  y: 'country',
                  x: 'value',
                  fill: style.hollow ? 'white' : 'country',
                  stroke: 'country',
                  symbol: style.symbol,
                  strokeWidth: 2,
                  r: (emphasis.highlighted ? 7 : 5.5) + (style.symbol === 'circle' ? 0 : 1.5),
                  fillOpacity: opacity,
                  strokeOpacity: opacity,
                  className: markClass(`sprig-values sprig-kind-${kind}`, { synthetic: dashed || kind === 'synthetic', ...emphasis }),
                });
          });
    // Value and period beside each mark: countries' latest periods often differ.
    const labels = Plot.text(rows, {
      y: 'country',
      x: (r: LatestDatum) => Math.max(r.value ?? 0, r.upper ?? r.value ?? 0),
      text: 'label',
      textAnchor: 'start',
      dx: 10,
      fill: 'currentColor',
      fillOpacity: emphasis.faded ? 0.5 : 1,
      className: 'sprig-value-label',
    });
    return bars
      ? [values(published, false), values(synthetic, true), intervals(published, false), intervals(synthetic, true), labels]
      : [intervals(published, false), intervals(synthetic, true), values(published, false), values(synthetic, true), labels];
  };

  const groups = input.highlight
    ? [
        layer(withValue.filter((r) => r.country !== input.highlight), { faded: true }),
        layer(withValue.filter((r) => r.country === input.highlight), { highlighted: true }),
      ]
    : [layer(withValue, {})];

  return {
    width,
    height: input.height ?? 70 + 40 * Math.max(1, countries.length),
    marginLeft: Math.ceil(Math.min(width * 0.3, Math.max(80, longest + 16))),
    // Room for the longest value label ("more than 1,940 prescriptions (2020–2023)").
    marginRight: Math.ceil(Math.min(width * 0.45, Math.max(120, ...withValue.map((r) => textWidth(r.label, 13) + 24)))),
    marginBottom: 44,
    style: baseStyle,
    ...caption(notes),
    y: { domain: order, label: null, tickFormat: (code: string) => names.get(code) ?? code, tickSize: 0, padding: 0.3 },
    x: input.logScale
      ? { type: 'log', label: unitLabel(unit, t), labelAnchor: 'center', labelOffset: 36, grid: true, nice: true, ticks: 6, tickFormat: (n: number) => formatNumber(n, locale) }
      : { label: unitLabel(unit, t), labelAnchor: 'center', labelOffset: 36, grid: true, zero: true, nice: true, tickFormat: (n: number) => formatNumber(n, locale) },
    color: countryColourScale(countries, t, false),
    marks: [
      input.logScale ? null : Plot.ruleX([0], { stroke: '#888', strokeOpacity: 0.6 }),
      ...groups.flat(),
      // A country without a value is a labelled row, never a zero.
      Plot.text(missing, {
        y: 'country',
        frameAnchor: 'left',
        dx: 6,
        text: 'reason',
        textAnchor: 'start',
        fill: MUTED_TEXT,
        fontStyle: 'italic',
        className: 'sprig-missing',
      }),
      tipMark(withValue, { y: 'country', x: 'value', title: tooltip }, 'y'),
    ],
  };
}
