import * as Plot from '@observablehq/plot';
import type { TFunction } from 'i18next';
import { countryColour } from '../countries.ts';
import { formatNumber, formatPercent, formatPeriod, formatValue, type PeriodWords } from '../format.ts';
import { formatLocale } from '../i18n/languages.ts';
import { unitLabel } from '../i18n/units.ts';
import type { TrendRow } from './trend-rows.ts';

/**
 * What every chart compiler in src/shared/charts shares. Charts are pure: rows and words in,
 * Observable Plot options out; no DOM globals, no React. Visible words come from the `t`
 * the caller passes (the `charts` namespace, and `common` for statuses, units and periods).
 */

/** Synthetic values are dashed on every chart, so they can never pass for published ones. */
export const SYNTHETIC_DASH = '5,4';
/** Opacity of the countries that are not highlighted. */
export const FADED = 0.25;
/** Text colour for "No national data" and "suppressed" labels. */
export const MUTED_TEXT = '#595959';
/** The id of the hatching pattern that suppressed cells and countries without data are filled with. */
export const HATCH_ID = 'sprig-hatch';
export const HATCH_FILL = `url(#${HATCH_ID})`;

export interface ChartCountry {
  code: string;
  /** The country's name in the chart's language. */
  name: string;
}

/** Inputs every chart takes, as `trendChart` does. */
export interface BaseChartInput {
  /** Countries in legend (and fixed) order, with their names in the chart's language. */
  countries: ChartCountry[];
  locale: string;
  t: TFunction;
  width?: number;
  height?: number;
}

/** Inputs of the charts over one indicator's country-period values. */
export interface IndicatorChartInput extends BaseChartInput {
  rows: TrendRow[];
  unit: string;
  /** A source's short label for tooltips. */
  sourceLabel: (id: string) => string;
  /** One country drawn strongly, the others faded. */
  highlight?: string;
  logScale?: boolean;
}

/** Inputs of the charts over person-level (referral) counts. */
export interface PersonChartInput extends BaseChartInput {
  /** Cells counting fewer people than this were suppressed by the engine. */
  suppressBelow: number;
  /** True when the dataset's person-level rows are synthetic: drawn dashed and said so. */
  synthetic?: boolean;
  highlight?: string;
}

export const baseStyle = { fontFamily: 'inherit', fontSize: '13px', overflow: 'visible' } as const;

export function countryNames(countries: ChartCountry[]): Map<string, string> {
  return new Map(countries.map((c) => [c.code, c.name]));
}

/** The categorical colour scale with each country's one fixed colour. */
export function countryColourScale(countries: ChartCountry[], t: TFunction, legend = true): Plot.ScaleOptions {
  const names = countryNames(countries);
  return {
    type: 'categorical',
    domain: countries.map((c) => c.code),
    range: countries.map((c) => countryColour(c.code)),
    legend,
    tickFormat: (code: string) => names.get(code) ?? code,
    label: t('charts:legend.countries'),
  };
}

export function statusText(status: string, t: TFunction): string {
  if (status === 'absent') return t('charts:missing.absent');
  return t(`status.${status}`, { ns: 'common', defaultValue: status });
}

/** Why a country has no value: the package says it has no national figure, or has no row at all. */
export function missingText(status: string | undefined, t: TFunction): string {
  return status === 'not_available' ? t('charts:missing.not_available') : t('charts:missing.absent');
}

export function periodText(period: string, locale: string, t: TFunction): string {
  const words: PeriodWords = (key, values) => t(key, { ...values, ns: 'common' });
  return formatPeriod(period, locale, words);
}

export function valueText(value: number, unit: string, locale: string, t: TFunction): string {
  return formatValue(value, unit, locale, unitLabel(unit, t));
}

/** The tooltip of one country-period value: country, period, value, status and source. */
export function indicatorTooltip(input: Pick<IndicatorChartInput, 'unit' | 'locale' | 't' | 'sourceLabel'>, names: Map<string, string>) {
  const { unit, locale, t } = input;
  return (r: TrendRow): string =>
    t('charts:tooltip.value', {
      country: names.get(r.country) ?? r.country,
      period: periodText(r.period, locale, t),
      value: r.value === null ? missingText(r.status, t) : valueText(r.value, unit, locale, t),
      status: statusText(r.status, t),
      source: r.source ? input.sourceLabel(r.source) : '—',
    });
}

/** A count or a share (0–1) as a reader reads it. */
export function measureText(value: number, measure: 'count' | 'share', locale: string): string {
  return measure === 'share' ? formatPercent(value * 100, locale) : formatNumber(value, locale, 0);
}

/** The classes a mark carries, for styling and tests: faded or highlighted, synthetic or not. */
export function markClass(base: string, options: { synthetic?: boolean; highlighted?: boolean; faded?: boolean }): string {
  return [base, options.synthetic ? 'sprig-synthetic' : '', options.highlighted ? 'sprig-highlight' : '', options.faded ? 'sprig-faded' : '']
    .filter(Boolean)
    .join(' ');
}

/** Notes become the figure's caption, so they travel with exported figures. */
export function caption(notes: string[]): { caption?: string } {
  return notes.length > 0 ? { caption: notes.join(' ') } : {};
}

const SVG = 'http://www.w3.org/2000/svg';

/**
 * A mark that defines the diagonal hatching suppressed cells and countries without data
 * are filled with (`fill: HATCH_FILL`). It draws with the document Plot is given, so it
 * works on screen and in a headless DOM alike.
 */
export const hatchDefinition: Plot.RenderFunction = (_index, _scales, _values, _dimensions, context) => {
  const doc = context.document;
  const defs = doc.createElementNS(SVG, 'defs');
  const pattern = doc.createElementNS(SVG, 'pattern');
  pattern.setAttribute('id', HATCH_ID);
  pattern.setAttribute('patternUnits', 'userSpaceOnUse');
  pattern.setAttribute('width', '6');
  pattern.setAttribute('height', '6');
  pattern.setAttribute('patternTransform', 'rotate(45)');
  const back = doc.createElementNS(SVG, 'rect');
  back.setAttribute('width', '6');
  back.setAttribute('height', '6');
  back.setAttribute('fill', '#f2f2f2');
  const line = doc.createElementNS(SVG, 'line');
  line.setAttribute('x1', '0');
  line.setAttribute('y1', '0');
  line.setAttribute('x2', '0');
  line.setAttribute('y2', '6');
  line.setAttribute('stroke', '#8c8c8c');
  line.setAttribute('stroke-width', '2');
  pattern.append(back, line);
  defs.append(pattern);
  return defs as unknown as SVGElement;
};

/** "England, Wales and Scotland" in the reader's language. */
export function listText(items: string[], locale: string): string {
  return new Intl.ListFormat(formatLocale(locale), { style: 'long', type: 'conjunction' }).format(items);
}

/**
 * Notes every indicator chart carries: which population divided each country's values
 * (per 100,000), and which period is 100 (indexed).
 */
export function indicatorNotes(rows: TrendRow[], names: Map<string, string>, locale: string, t: TFunction): string[] {
  const notes: string[] = [];
  const shown = rows.filter((r) => names.has(r.country) && r.value !== null);
  const denominators = uniqueBy(shown.filter((r) => r.denominator), (r) => `${r.country}|${r.denominator}`);
  if (denominators.length > 0) {
    const items = denominators.map((r) => t('charts:notes.denominatorItem', { country: names.get(r.country), denominator: r.denominator }));
    notes.push(t('charts:notes.denominator', { list: listText(items, locale) }));
  }
  const bases = uniqueBy(shown.filter((r) => r.base_period), (r) => r.country);
  if (bases.length > 0) {
    const items = bases.map((r) => t('charts:notes.baseItem', { country: names.get(r.country), period: periodText(r.base_period ?? '', locale, t) }));
    notes.push(t('charts:notes.indexed', { list: listText(items, locale) }));
  }
  return notes;
}

/** On a log scale, values of zero or below cannot be drawn: they are left out and named. */
export function logScaleNotes(rows: TrendRow[], names: Map<string, string>, locale: string, t: TFunction): string[] {
  const dropped = rows.filter((r) => names.has(r.country) && r.value !== null && r.value <= 0);
  if (dropped.length === 0) return [];
  const items = dropped.map((r) => t('charts:notes.logDroppedItem', { country: names.get(r.country), period: periodText(r.period, locale, t) }));
  return [t('charts:notes.logDropped', { count: dropped.length, list: listText(items, locale) })];
}

/** Rows as a log scale can draw them: values of zero or below become missing, and so do bounds. */
export function forLogScale(rows: TrendRow[]): TrendRow[] {
  return rows.map((r) => {
    if (r.value !== null && r.value <= 0) return { ...r, value: null, lower: null, upper: null };
    if (r.lower !== null && r.lower <= 0) return { ...r, lower: null, upper: null };
    return r;
  });
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}

/** A change, always signed: "+1.8", "-0.4" (the locale’s minus sign). */
export function signedNumber(value: number, locale: string, maximumFractionDigits = 1): string {
  return new Intl.NumberFormat(formatLocale(locale), { maximumFractionDigits, signDisplay: 'exceptZero' }).format(value);
}

/**
 * The chart's one tooltip: a single tip mark over every datum that has one, so two tips
 * never open at once (Plot opens one per mark with `tip: true`). `pointer: 'y'` picks the
 * nearest row first (bar and dot rows); `'xy'` the nearest point.
 */
export function tipMark<T>(data: T[], options: Plot.TipOptions & { title: (d: T) => string }, pointer: 'xy' | 'y' = 'xy'): Plot.Markish {
  const transform = pointer === 'y' ? Plot.pointerY : Plot.pointer;
  return Plot.tip(data, transform({ ...options, className: 'sprig-tip' }));
}
