import * as Plot from '@observablehq/plot';
import type { TFunction } from 'i18next';
import { countryColour } from '../countries.ts';
import { countryName, formatNumber, formatPercent, formatPeriod, formatValue, type PeriodWords } from '../format.ts';
import { formatLocale } from '../i18n/languages.ts';
import { unitLabel } from '../i18n/units.ts';
import type { MissingReason } from '../view-answer.ts';
import { kindOf, type MissingCountry, type TrendRow } from './trend-rows.ts';
import { wrapText } from './text-width.ts';

/**
 * What every chart compiler in src/shared/charts shares. Charts are pure: rows and words in,
 * Observable Plot options out; no DOM globals, no React. Visible words come from the `t`
 * the caller passes (the `charts` namespace, and `common` for statuses, units and periods).
 */

export { SYNTHETIC_DASH } from './value-kinds.ts';
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
  /** Values indexed to a base period (= 100): a reference line is drawn at 100. */
  indexed?: boolean;
  /** The interval the view asked for, so the notes can say how it was derived. */
  interval?: 'none' | '90' | '95';
  /** The engine's reasons for countries it has no row to draw for (src/shared/charts/trend-rows.ts `reasonRows`). */
  reasons?: MissingCountry[];
  /** Periods the reasons name: the base period, the two periods of a slope. */
  reasonPeriods?: { base?: string; from?: string; to?: string };
  /** How the view shows the UK: with the UK as one, nations shown as themselves are said to be. */
  ukNations?: 'separate' | 'combined';
  /** Whether the indicator's values add up across the UK's nations (counts do; rates and means do not). */
  addsUp?: boolean;
}

/** Inputs of the charts over person-level (referral) counts. */
export interface PersonChartInput extends BaseChartInput {
  /** Cells counting fewer people than this were suppressed by the engine. */
  suppressBelow: number;
  /** True when the dataset's person-level rows are synthetic: drawn dashed and said so. */
  synthetic?: boolean;
  highlight?: string;
  /** What a country with nothing to count is told ("No referrals match the filters"); the view knows why. */
  emptyText?: string;
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

/**
 * Why a country (or a period) has no value, in words: always the engine's true reason
 * (src/shared/view-answer.ts), never a guess. `period`, `from` and `to` fill the reasons
 * that name periods (the base period, the two periods of a slope).
 */
export function missingText(reason: MissingReason | string | null | undefined, t: TFunction, periods: { base?: string; from?: string; to?: string } = {}): string {
  switch (reason) {
    case 'not_available':
    case 'no_value':
    case 'out_of_range':
    case 'no_population':
    case 'not_applicable':
      return t(`charts:missing.${reason}`);
    case 'no_base_value':
      return periods.base ? t('charts:missing.no_base_value_period', { period: periods.base }) : t('charts:missing.no_base_value');
    case 'not_at_periods':
      return periods.from && periods.to ? t('charts:missing.not_at_periods_named', { from: periods.from, to: periods.to }) : t('charts:missing.not_at_periods');
    default:
      return t('charts:missing.absent');
  }
}

export function periodText(period: string, locale: string, t: TFunction): string {
  const words: PeriodWords = (key, values) => t(key, { ...values, ns: 'common' });
  return formatPeriod(period, locale, words);
}

export function valueText(value: number, unit: string, locale: string, t: TFunction): string {
  return formatValue(value, unit, locale, unitLabel(unit, t));
}

/** A value as the package qualifies it: "more than 1,940 prescriptions", "about 17,000 consultations". */
export function qualifiedValueText(row: Pick<TrendRow, 'value' | 'qualifier'>, unit: string, locale: string, t: TFunction): string {
  const text = valueText(row.value ?? 0, unit, locale, t);
  return row.qualifier === 'more_than' || row.qualifier === 'approximately' ? t(`charts:qualifier.${row.qualifier}`, { value: text }) : text;
}

/** The short mark of a qualifier drawn beside a value on the chart ("> 1,940", "≈ 17,000"), or null. */
export function qualifierMark(row: Pick<TrendRow, 'value' | 'qualifier'>, unit: string, locale: string, t: TFunction): string | null {
  if (row.value === null || (row.qualifier !== 'more_than' && row.qualifier !== 'approximately')) return null;
  return t(`charts:qualifierShort.${row.qualifier}`, { value: formatNumber(row.value, locale) });
}

/** Several source ids (a value added up from several) as one label. */
export function sourcesText(source: string, sourceLabel: (id: string) => string, locale: string): string {
  return source ? listText([...new Set(source.split(';').map(sourceLabel))], locale) : '—';
}

/** The tooltip of one country-period value: country, period, value (qualified), its kind, status and source. */
export function indicatorTooltip(input: Pick<IndicatorChartInput, 'unit' | 'locale' | 't' | 'sourceLabel'>, names: Map<string, string>) {
  const { unit, locale, t } = input;
  return (r: TrendRow): string =>
    t('charts:tooltip.value', {
      country: names.get(r.country) ?? r.country,
      period: periodText(r.period, locale, t),
      value: r.value === null ? missingText(r.reason ?? r.status, t) : qualifiedValueText(r, unit, locale, t),
      kind: r.value === null ? '—' : t(`charts:kinds.${kindOf(r)}`),
      status: statusText(r.status, t),
      source: sourcesText(r.source, input.sourceLabel, locale),
    });
}

/**
 * What the reader is told about suppressed counts (src/shared/disclosure.ts): the threshold,
 * and, where one more count was hidden so that a small one could not be worked out from
 * its total, that too.
 */
export function suppressionNotes(rows: readonly { suppressed: boolean; suppression?: string | null }[], threshold: number, locale: string, t: TFunction): string[] {
  if (!rows.some((r) => r.suppressed)) return [];
  const notes = [t('charts:notes.suppressed', { threshold: formatNumber(threshold, locale) })];
  if (rows.some((r) => r.suppression === 'complementary')) notes.push(t('charts:notes.complementary'));
  return notes;
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

/** A note drawn inside a chart ("No referrals match the filters"), broken into lines that fit `width` pixels at the chart's text size. */
export function fitText(text: string, width: number): string {
  return wrapText(text, Math.max(80, width), 13).join('\n');
}

/** "England, Wales and Scotland" in the reader's language. */
export function listText(items: string[], locale: string): string {
  return new Intl.ListFormat(formatLocale(locale), { style: 'long', type: 'conjunction' }).format(items);
}

/** Words for a population divided by (per 100,000): "resident population, mid-2023 (Office for National Statistics)". */
export function populationText(population: NonNullable<TrendRow['population']>, t: TFunction, sourceLabel?: (id: string) => string): string {
  const type = t(`charts:population.${population.type}`, { defaultValue: population.type });
  const source = population.source ? (sourceLabel?.(population.source) ?? population.source) : null;
  return source ? t('charts:population.withSource', { type, period: population.period, source }) : t('charts:population.noSource', { type, period: population.period });
}

/**
 * Notes every indicator chart carries: which population divided each country's values
 * (per 100,000, in words), which period is 100 (indexed), which values are the UK's
 * nations added up, and which are one programme's rather than the country's.
 */
export function indicatorNotes(
  rows: TrendRow[],
  names: Map<string, string>,
  locale: string,
  t: TFunction,
  sourceLabel?: (id: string) => string,
  ukNations?: 'separate' | 'combined',
  addsUp = true,
): string[] {
  const notes: string[] = [];
  const shown = rows.filter((r) => names.has(r.country) && r.value !== null);
  const denominators = uniqueBy(shown.filter((r) => r.population), (r) => `${r.country}|${JSON.stringify(r.population)}`);
  if (denominators.length > 0) {
    const items = denominators.map((r) => t('charts:notes.denominatorItem', { country: names.get(r.country), denominator: populationText(r.population!, t, sourceLabel) }));
    notes.push(t('charts:notes.denominator', { list: listText(items, locale) }));
  }
  const bases = uniqueBy(shown.filter((r) => r.base_period), (r) => r.country);
  if (bases.length > 0) {
    const items = bases.map((r) => t('charts:notes.baseItem', { country: names.get(r.country), period: periodText(r.base_period ?? '', locale, t) }));
    notes.push(t('charts:notes.indexed', { list: listText(items, locale) }));
  }
  const sums = uniqueBy(shown.filter((r) => r.combined), (r) => r.combined ?? '');
  for (const r of sums) {
    const nations = (r.combined ?? '').split(',').map((code) => names.get(code) ?? countryName(code, locale));
    notes.push(t('charts:notes.ukSum', { country: names.get(r.country) ?? r.country, list: listText(nations, locale) }));
  }
  // The UK as one, but some nations' values could not be added up: they are shown as themselves.
  const nations = uniqueBy(shown.filter((r) => ukNations === 'combined' && r.country.startsWith('GB-')), (r) => r.country);
  if (nations.length > 0) {
    const list = listText(nations.map((r) => names.get(r.country) ?? r.country), locale);
    notes.push(t(addsUp ? 'charts:notes.ukPartial' : 'charts:notes.ukNotAdditive', { country: countryName('GB', locale), list, count: nations.length }));
  }
  // With the nations shown separately, a figure for the whole UK stands for them.
  if (ukNations === 'separate' && shown.some((r) => r.country === 'GB')) notes.push(t('charts:notes.ukWide', { country: names.get('GB') ?? countryName('GB', locale) }));
  const programmes = uniqueBy(shown.filter((r) => r.programme), (r) => r.country);
  if (programmes.length > 0) notes.push(t('charts:notes.programme', { list: listText(programmes.map((r) => names.get(r.country) ?? r.country), locale) }));
  return notes;
}

/** Why each of these countries has nothing drawn, in words: "United States (no national data)". */
export function reasonsText(input: Pick<IndicatorChartInput, 'rows' | 'reasons' | 'reasonPeriods' | 't'>, countries: ChartCountry[]): string[] {
  return countries.map((c) => {
    const told = input.reasons?.find((m) => m.country === c.code)?.reason;
    const own = input.rows.find((r) => r.country === c.code && (r.reason || r.status === 'not_available'));
    return input.t('charts:notes.reasonItem', { country: c.name, reason: missingText(told ?? own?.reason ?? own?.status, input.t, input.reasonPeriods) });
  });
}

/** How the intervals drawn were derived: stored 95% intervals, or narrowed to 90% by the ratio of z-scores. */
export function intervalNotes(rows: TrendRow[], interval: IndicatorChartInput['interval'], t: TFunction): string[] {
  if (!interval || interval === 'none' || !rows.some((r) => r.value !== null && r.lower !== null && r.upper !== null)) return [];
  return [t(interval === '90' ? 'charts:notes.interval90' : 'charts:notes.interval95')];
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

/**
 * Ticks for annual periods: every year while they fit, else every 2, 5, 10, … years, so a
 * partner's sixty-five years of population read 1960, 1970, … rather than one crowded label
 * a year (Plot takes the interval as "5 years").
 */
export function yearTicks(starts: readonly Date[], most = 10): string {
  const years = starts.map((d) => d.getUTCFullYear());
  const span = years.length > 0 ? Math.max(...years) - Math.min(...years) : 0;
  const step = [1, 2, 5, 10, 20, 25, 50, 100].find((n) => span / n <= most) ?? 100;
  return step === 1 ? 'year' : `${step} years`;
}
