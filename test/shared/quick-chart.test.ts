// @vitest-environment jsdom
import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import { chooseQuickChart, MAX_BARS, MAX_SERIES, quickChart, quickChartRowCount, quickChartSeries, type QuickColumn } from '../../src/shared/charts/quick-chart.ts';
import { countryColour } from '../../src/shared/countries.ts';

const col = (name: string, kind: QuickColumn['kind']): QuickColumn => ({ name, kind });

describe('choosing the quick chart for a SQL result', () => {
  it('a text column and a number column: bars, the first of each', () => {
    expect(chooseQuickChart([col('n', 'number'), col('country', 'text'), col('m', 'number'), col('name', 'text')])).toEqual({
      mark: 'bar',
      category: 'country',
      value: 'n',
    });
  });

  it('two number columns and no text: a dot plot of the first two', () => {
    expect(chooseQuickChart([col('x', 'number'), col('flag', 'other'), col('y', 'number'), col('z', 'number')])).toEqual({
      mark: 'dot',
      x: 'x',
      y: 'y',
      xIsDate: false,
    });
  });

  it('a date and a number: a line over time', () => {
    expect(chooseQuickChart([col('period', 'date'), col('value', 'number')])).toEqual({ mark: 'line', x: 'period', y: 'value', time: 'date', split: null });
  });

  it('a year column is time, not a measure: a line over the years, one per country', () => {
    const columns = [col('Country Name', 'text'), col('Year', 'number'), col('Value', 'number')];
    const rows = [
      { 'Country Name': 'Aruba', Year: 1960, Value: 54922 },
      { 'Country Name': 'Aruba', Year: 1961, Value: 55578 },
    ];
    expect(chooseQuickChart(columns, rows)).toEqual({ mark: 'line', x: 'Year', y: 'Value', time: 'year', split: 'Country Name' });
    // The reader may choose no split, or another text column; an unknown one means none.
    expect(chooseQuickChart(columns, rows, null)).toMatchObject({ split: null });
    expect(chooseQuickChart(columns, rows, 'nope')).toMatchObject({ split: null });
    // A number named like a year that holds other numbers is a measure.
    expect(chooseQuickChart([col('year_total', 'number'), col('n', 'number')], [{ year_total: 12.5, n: 1 }])).toMatchObject({ mark: 'dot' });
  });

  it('otherwise none', () => {
    expect(chooseQuickChart([])).toBeNull();
    expect(chooseQuickChart([col('only', 'number')])).toBeNull();
    expect(chooseQuickChart([col('a', 'text'), col('b', 'text')])).toBeNull();
    expect(chooseQuickChart([col('a', 'text'), col('d', 'date')])).toBeNull();
    expect(chooseQuickChart([col('flag', 'other'), col('n', 'number')])).toBeNull();
  });
});

describe('drawing it', () => {
  it('draws a bar per row in the order the query gave, skipping empty values', () => {
    const rows = [
      { country: 'Wales', n: 3 },
      { country: 'England', n: 10 },
      { country: 'Scotland', n: null },
    ];
    const svg = Plot.plot(quickChart({ choice: { mark: 'bar', category: 'country', value: 'n' }, rows, locale: 'en-GB' })) as SVGSVGElement;
    expect(svg.querySelectorAll('g[aria-label="bar"] rect').length).toBe(2);
    const labels = [...svg.querySelectorAll('g[aria-label="y-axis tick label"] text')].map((t) => t.textContent);
    expect(labels).toEqual(['Wales', 'England']);
  });

  it('draws at most MAX_BARS bars', () => {
    const rows = Array.from({ length: MAX_BARS + 20 }, (_, i) => ({ c: `c${i}`, v: i }));
    const choice = { mark: 'bar', category: 'c', value: 'v' } as const;
    expect(quickChartRowCount(choice, rows.length)).toBe(MAX_BARS);
    const svg = Plot.plot(quickChart({ choice, rows, locale: 'en-GB' })) as SVGSVGElement;
    expect(svg.querySelectorAll('g[aria-label="bar"] rect').length).toBe(MAX_BARS);
  });

  it('formats numbers in the reader’s language', () => {
    const rows = [
      { x: 1000, y: 2500.5 },
      { x: 3000, y: 12000 },
    ];
    const svg = Plot.plot(quickChart({ choice: { mark: 'dot', x: 'x', y: 'y', xIsDate: false }, rows, locale: 'de' })) as SVGSVGElement;
    expect(svg.querySelectorAll('g[aria-label="dot"] circle').length).toBe(2);
    const ticks = [...svg.querySelectorAll('g[aria-label="x-axis tick label"] text')].map((t) => t.textContent);
    expect(ticks).toContain('2.000');
  });

  it('puts epoch-millisecond dates on a time axis', () => {
    const rows = [
      { period: Date.UTC(2021, 0, 1), value: 1 },
      { period: Date.UTC(2023, 0, 1), value: 2 },
    ];
    const options = quickChart({ choice: { mark: 'line', x: 'period', y: 'value', time: 'date', split: null }, rows, locale: 'en-GB' });
    expect(options.x).toMatchObject({ type: 'utc' });
    const svg = Plot.plot(options) as SVGSVGElement;
    expect(svg.querySelectorAll('g[aria-label="dot"] circle').length).toBe(2);
  });

  it('draws years as years on the axis (1960, never “1,960”), one line per country in its own colour', () => {
    const rows = [1960, 1970, 1980].flatMap((year, i) => [
      { country: 'DEU', year, value: 72 + i },
      { country: 'GRC', year, value: 8 + i },
    ]);
    const choice = chooseQuickChart([col('country', 'text'), col('year', 'number'), col('value', 'number')], rows)!;
    const svg = Plot.plot(quickChart({ choice, rows, locale: 'en-GB' })) as SVGSVGElement;
    const ticks = [...svg.querySelectorAll('g[aria-label="x-axis tick label"] text')].map((t) => t.textContent);
    expect(ticks).toContain('1960');
    expect(ticks.some((t) => t?.includes(','))).toBe(false);
    const lines = [...svg.querySelectorAll('g[aria-label="line"] path')].map((p) => p.getAttribute('stroke'));
    expect(lines).toEqual([countryColour('DE'), countryColour('GR')]);
  });

  it('draws at most MAX_SERIES lines and says how many there were', () => {
    const rows = Array.from({ length: MAX_SERIES + 3 }, (_, i) => ({ site: `site ${i}`, year: 2020, n: i }));
    const choice = chooseQuickChart([col('site', 'text'), col('year', 'number'), col('n', 'number')], rows);
    if (choice?.mark !== 'line') throw new Error('expected a line chart');
    expect(quickChartSeries(choice, rows)).toMatchObject({ total: MAX_SERIES + 3 });
    expect(quickChartSeries(choice, rows).shown).toHaveLength(MAX_SERIES);
    const svg = Plot.plot(quickChart({ choice, rows, locale: 'en-GB' })) as SVGSVGElement;
    expect(svg.querySelectorAll('g[aria-label="dot"] circle').length).toBe(MAX_SERIES);
  });
});
