import * as Plot from '@observablehq/plot';
import { formatDate, formatNumber } from '../format.ts';

/** What a result column holds, as far as choosing a chart goes. */
export type ColumnKind = 'number' | 'text' | 'date' | 'other';

export interface QuickColumn {
  name: string;
  kind: ColumnKind;
}

/** The chart a SQL console result gets, if any: the columns it draws. */
export type QuickChartChoice =
  | { mark: 'bar'; category: string; value: string }
  | { mark: 'dot'; x: string; y: string; xIsDate: boolean }
  | null;

/** Bars past this many are unreadable; the chart draws the first ones and says so. */
export const MAX_BARS = 50;
/** Charts never get more than a few thousand marks. */
export const MAX_DOTS = 5_000;

/**
 * Which quick chart fits a result. A text column and a number column: bars (the first of
 * each). Otherwise two number columns: a dot plot (a date column may stand in for the first,
 * so a time series is drawn against time). Otherwise none.
 */
export function chooseQuickChart(columns: QuickColumn[]): QuickChartChoice {
  const text = columns.find((c) => c.kind === 'text');
  const numbers = columns.filter((c) => c.kind === 'number');
  if (text && numbers[0]) return { mark: 'bar', category: text.name, value: numbers[0].name };
  const date = columns.find((c) => c.kind === 'date');
  if (numbers.length >= 2) return { mark: 'dot', x: numbers[0]!.name, y: numbers[1]!.name, xIsDate: false };
  if (date && numbers[0]) return { mark: 'dot', x: date.name, y: numbers[0].name, xIsDate: true };
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
