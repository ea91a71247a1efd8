import * as Plot from '@observablehq/plot';
import type { TFunction } from 'i18next';
import { countryColour } from '../countries.ts';
import { formatMonth, formatNumber, formatYear } from '../format.ts';
import type { TrendRow } from './trend-rows.ts';

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
}

/** Synthetic values are dashed on every chart, so they can never pass for published ones. */
export const SYNTHETIC_DASH = '5,4';

/**
 * A line per country over time, as Observable Plot options. Pure: the same function
 * draws on screen and, with a DOM such as jsdom, in exported figures.
 */
export function trendChart(input: TrendChartInput): Plot.PlotOptions {
  const { rows, countries, unit, locale, t } = input;
  const names = new Map(countries.map((c) => [c.code, c.name]));
  const shown = rows.filter((r) => names.has(r.country));
  const withValue = shown.filter((r) => r.value !== null);
  const tooltip = (r: TrendRow) =>
    t('compare.tooltip', {
      country: names.get(r.country),
      period: r.period,
      value: r.value === null ? t('status.not_available') : formatNumber(r.value, locale),
      unit,
      status: t(`status.${r.status}`, { defaultValue: r.status }),
      source: input.sourceLabel(r.source),
    });
  // Annual periods get a tick a year; anything finer (monthly workforce counts) month ticks.
  const annual = withValue.every((r) => r.start.getUTCMonth() === 0 && r.start.getUTCDate() === 1);
  const line = (synthetic: boolean): Plot.Markish =>
    Plot.line(
      shown.filter((r) => r.synthetic === synthetic || r.value === null),
      {
        x: 'start',
        y: 'value',
        z: 'country',
        stroke: 'country',
        strokeWidth: 2,
        ...(synthetic ? { strokeDasharray: SYNTHETIC_DASH } : {}),
        className: synthetic ? 'sprig-line sprig-synthetic' : 'sprig-line',
      },
    );
  const dotOptions = {
    x: 'start',
    y: 'value',
    stroke: 'country',
    r: 3.5,
    strokeWidth: 1.5,
    title: tooltip,
    tip: true,
  } as const;
  return {
    width: input.width ?? 760,
    height: input.height ?? 400,
    marginLeft: 64,
    marginRight: 24,
    marginBottom: 48,
    style: { fontFamily: 'inherit', fontSize: '13px', overflow: 'visible' },
    x: {
      type: 'utc',
      label: t('compare.period'),
      tickFormat: (d: Date) => (annual ? formatYear(d, locale) : formatMonth(d, locale)),
      ticks: annual ? 'year' : 6,
      inset: 12,
      labelOffset: 42,
    },
    y: {
      label: unit,
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
      Plot.ruleY([0], { stroke: '#888', strokeOpacity: 0.6 }),
      withValue.some((r) => !r.synthetic) ? line(false) : null,
      withValue.some((r) => r.synthetic) ? line(true) : null,
      // Published values are filled dots; synthetic ones hollow, beside their dashed lines.
      Plot.dot(withValue.filter((r) => !r.synthetic), { ...dotOptions, fill: 'country', className: 'sprig-values' }),
      Plot.dot(withValue.filter((r) => r.synthetic), { ...dotOptions, fill: 'white', className: 'sprig-values sprig-synthetic' }),
    ],
  };
}
