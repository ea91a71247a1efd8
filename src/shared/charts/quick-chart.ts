import * as Plot from '@observablehq/plot';
import { countryColour } from '../countries.ts';
import { formatDate, formatNumber, formatYear } from '../format.ts';
import { matchCountry } from '../mapping/country-matcher.ts';

/** What a result column holds, as far as choosing a chart goes. */
export type ColumnKind = 'number' | 'text' | 'date' | 'other';

export interface QuickColumn {
  name: string;
  kind: ColumnKind;
}

/**
 * The chart a SQL console result gets, if any: the columns it draws. Against time, `split`
 * names the column whose values are each a series (one line per country); `time` says
 * whether the x column holds dates or years (a year is a time, never a measure: 1960, not
 * "1,960").
 */
export type QuickChartChoice =
  | { mark: 'bar'; category: string; value: string }
  | { mark: 'dot'; x: string; y: string; xIsDate: boolean }
  | { mark: 'line'; x: string; y: string; time: 'date' | 'year'; split: string | null }
  | null;

/** Bars past this many are unreadable; the chart draws the first ones and says so. */
export const MAX_BARS = 50;
/** Charts never get more than a few thousand marks. */
export const MAX_DOTS = 5_000;
/** Lines past this many cannot be told apart; the chart draws the first ones and says so. */
export const MAX_SERIES = 12;

const YEAR_NAME = /^(year|yr|jahr|έτος|fy|fiscal.?year|period)$|year|jahr|έτος/i;

/** Whether a number column is years: named so, and every value a whole number from 1000 to 2999. */
export function isYearColumn(column: QuickColumn, rows: readonly Record<string, unknown>[]): boolean {
  if (column.kind !== 'number' || !YEAR_NAME.test(column.name)) return false;
  return rows.every((r) => {
    const n = toNumber(r[column.name]);
    return n === null || (Number.isInteger(n) && n >= 1000 && n <= 2999);
  });
}

/**
 * Which quick chart fits a result. A date or year column and a number: a line over time,
 * one per value of the first text column (or of `split`, when the reader chose one; null for
 * one line). Otherwise a text column and a number column: bars (the first of each).
 * Otherwise two number columns: a dot plot. Otherwise none.
 */
export function chooseQuickChart(columns: QuickColumn[], rows: readonly Record<string, unknown>[] = [], split?: string | null): QuickChartChoice {
  const text = columns.filter((c) => c.kind === 'text');
  const date = columns.find((c) => c.kind === 'date');
  const year = date ? undefined : columns.find((c) => isYearColumn(c, rows));
  const time = date ?? year;
  const numbers = columns.filter((c) => c.kind === 'number' && c !== time);
  if (time && numbers[0]) {
    const chosen = split === undefined ? (text[0]?.name ?? null) : split !== null && text.some((c) => c.name === split) ? split : null;
    return { mark: 'line', x: time.name, y: numbers[0].name, time: date ? 'date' : 'year', split: chosen };
  }
  if (text[0] && numbers[0]) return { mark: 'bar', category: text[0].name, value: numbers[0].name };
  if (numbers.length >= 2) return { mark: 'dot', x: numbers[0]!.name, y: numbers[1]!.name, xIsDate: false };
  return null;
}

/** How many of the result's rows the chart draws. */
export function quickChartRowCount(choice: NonNullable<QuickChartChoice>, rowCount: number): number {
  return Math.min(rowCount, choice.mark === 'bar' ? MAX_BARS : MAX_DOTS);
}

export interface QuickChartInput {
  choice: NonNullable<QuickChartChoice>;
  /** Result rows by column name; dates as epoch milliseconds or Date. */
  rows: readonly Record<string, unknown>[];
  locale: string;
  width?: number;
}

/**
 * The quick chart as Observable Plot options. Pure, like every chart in src/shared/charts.
 * Axis labels are the result's column names: they are the user's own words, from the SQL.
 */
export function quickChart({ choice, rows, locale, width }: QuickChartInput): Plot.PlotOptions {
  const shown = rows.slice(0, quickChartRowCount(choice, rows.length));
  const number = (n: number) => formatNumber(n, locale, 2);
  // The right margin keeps the last tick label (a date, say) inside the chart.
  const base = { width: width ?? 760, marginRight: 36, style: { fontFamily: 'inherit', fontSize: '13px' } };

  if (choice.mark === 'bar') {
    const data = shown
      .map((r) => ({ category: r[choice.category] === null || r[choice.category] === undefined ? '' : String(r[choice.category]), value: toNumber(r[choice.value]) }))
      .filter((d): d is { category: string; value: number } => d.value !== null);
    const longest = Math.max(0, ...data.map((d) => d.category.length));
    return {
      ...base,
      height: Math.max(120, 22 * new Set(data.map((d) => d.category)).size + 60),
      marginLeft: Math.min(240, Math.max(60, longest * 7 + 12)),
      x: { label: choice.value, grid: true, tickFormat: number },
      // Categories keep the order the query gave them (its ORDER BY), not alphabetical.
      y: { label: choice.category, domain: [...new Set(data.map((d) => d.category))] },
      marks: [
        Plot.barX(data, { x: 'value', y: 'category', fill: '#2f6b3a', title: (d: { category: string; value: number }) => `${d.category}: ${number(d.value)}` }),
        Plot.ruleX([0]),
      ],
    };
  }

  if (choice.mark === 'line') return lineOverTime(choice, shown, locale, base);

  const data = shown
    .map((r) => ({ x: choice.xIsDate ? toDate(r[choice.x]) : toNumber(r[choice.x]), y: toNumber(r[choice.y]) }))
    .filter((d): d is { x: number | Date; y: number } => d.x !== null && d.y !== null);
  return {
    ...base,
    height: 400,
    // Room for the longest y tick label, which for counts in the millions is wide.
    marginLeft: Math.max(50, 8 * Math.max(0, ...data.map((d) => number(d.y).length)) + 14),
    x: choice.xIsDate
      ? { type: 'utc', label: choice.x, tickFormat: (d: Date) => formatDate(d, locale) }
      : { label: choice.x, grid: true, tickFormat: number },
    y: { label: choice.y, grid: true, tickFormat: number },
    marks: [Plot.dot(data, { x: 'x', y: 'y', r: 3, stroke: '#2f6b3a', fill: '#2f6b3a', fillOpacity: 0.5 })],
  };
}

type Line = Extract<QuickChartChoice, { mark: 'line' }>;
interface TimePoint {
  x: Date;
  y: number;
  series: string;
}

/** The series a line chart draws, in the order the query gave them: at most MAX_SERIES. */
export function quickChartSeries(choice: Line, rows: readonly Record<string, unknown>[]): { shown: string[]; total: number } {
  if (!choice.split) return { shown: [''], total: 1 };
  const all = [...new Set(rows.map((r) => seriesOf(r[choice.split!])))];
  return { shown: all.slice(0, MAX_SERIES), total: all.length };
}

function seriesOf(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

/**
 * A line per series over time, dots on the values. Series that are countries (codes or names
 * in any of Sprig's languages) keep their one colour from src/shared/countries.ts.
 */
function lineOverTime(choice: Line, rows: readonly Record<string, unknown>[], locale: string, base: Plot.PlotOptions): Plot.PlotOptions {
  const { shown } = quickChartSeries(choice, rows);
  const keep = new Set(shown);
  const at = (v: unknown) => (choice.time === 'year' ? yearDate(v) : toDate(v));
  const data = rows
    .map((r) => ({ x: at(r[choice.x]), y: toNumber(r[choice.y]), series: choice.split ? seriesOf(r[choice.split]) : '' }))
    .filter((d): d is TimePoint => d.x !== null && d.y !== null && keep.has(d.series))
    .sort((a, b) => a.x.getTime() - b.x.getTime());
  const number = (n: number) => formatNumber(n, locale, 2);
  const colours = shown.map((series) => {
    const match = matchCountry(series);
    return match.kind === 'matched' ? countryColour(match.code) : null;
  });
  const byCountry = choice.split !== null && colours.every((c) => c !== null) && new Set(colours).size === colours.length;
  return {
    ...base,
    height: 400,
    marginLeft: Math.max(50, 8 * Math.max(0, ...data.map((d) => number(d.y).length)) + 14),
    x: { type: 'utc', label: choice.x, tickFormat: (d: Date) => (choice.time === 'year' ? formatYear(d, locale) : formatDate(d, locale)) },
    y: { label: choice.y, grid: true, tickFormat: number },
    ...(choice.split
      ? { color: { legend: true, domain: shown, ...(byCountry ? { range: colours as string[] } : { type: 'categorical' as const }), label: choice.split } }
      : {}),
    marks: [
      Plot.line(data, { x: 'x', y: 'y', z: 'series', stroke: choice.split ? 'series' : '#2f6b3a', strokeWidth: 1.5 }),
      Plot.dot(data, { x: 'x', y: 'y', r: 2, fill: choice.split ? 'series' : '#2f6b3a', tip: true, title: (d: TimePoint) => `${d.series ? `${d.series}, ` : ''}${choice.time === 'year' ? formatYear(d.x, locale) : formatDate(d.x, locale)}: ${number(d.y)}` }),
    ],
  };
}

/** A year as the first of January, so it sits on a time axis. */
function yearDate(value: unknown): Date | null {
  const n = toNumber(value);
  return n === null ? null : new Date(Date.UTC(n, 0, 1));
}

function toNumber(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'bigint' ? Number(value) : (value as number);
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

function toDate(value: unknown): Date | null {
  if (value instanceof Date) return value;
  const n = toNumber(value);
  return n === null ? null : new Date(n);
}
