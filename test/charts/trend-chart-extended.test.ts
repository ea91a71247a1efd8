// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { trendChart, trendNotes, type TrendChartInput } from '../../src/shared/charts/trend-chart.ts';
import { markMissingPeriods } from '../../src/shared/charts/trend-rows.ts';
import { expectSvgSnapshot } from '../support/svg-snapshot.ts';
import { draw, row, sourceLabel, synthetic, t, texts } from './fixtures.ts';

const countries = [
  { code: 'GB-ENG', name: 'England' },
  { code: 'US', name: 'United States' },
  { code: 'AU', name: 'Australia' },
];

/** Connected to an activity (%), with 95% intervals: England published, two synthetic cohorts; Australia's lone year. */
const rows = markMissingPeriods([
  row('GB-ENG', 2020, 36, { lower: 33, upper: 39 }),
  row('GB-ENG', 2021, 38, { lower: 35, upper: 41 }),
  row('GB-ENG', 2022, 40, { lower: 37, upper: 43 }),
  row('GB-ENG', 2023, 41, { lower: 38, upper: 44 }),
  row('US', 2021, 30, { lower: 24, upper: 36, ...synthetic }),
  row('US', 2022, 33, { lower: 27, upper: 39, ...synthetic }),
  row('US', 2023, 35, { lower: 29, upper: 41, ...synthetic }),
  row('AU', 2022, 52, { lower: 45, upper: 59, ...synthetic }),
]);

function input(extra: Partial<TrendChartInput> = {}): TrendChartInput {
  return { rows, countries, unit: '%', locale: 'en-GB', t, sourceLabel, ...extra };
}

describe('the trend chart’s options', () => {
  it('draws intervals as bands, England highlighted (snapshot)', async () => {
    await expectSvgSnapshot(import.meta.dirname, 'trend-bands-highlight.html', draw(trendChart(input({ highlight: 'GB-ENG' }))).outerHTML);
  });

  it('draws intervals as error bars on a log scale (snapshot)', async () => {
    const withZero = [...rows, row('GB-ENG', 2019, 0)].sort((a, b) => a.start.getTime() - b.start.getTime());
    await expectSvgSnapshot(import.meta.dirname, 'trend-log-bars.html', draw(trendChart(input({ rows: withZero, logScale: true, intervals: 'bars' }))).outerHTML);
  });

  it('draws a band per series, and an error bar for a value with no neighbouring interval', () => {
    const figure = draw(trendChart(input()));
    expect(figure.querySelectorAll('g.sprig-interval:not(.sprig-synthetic) path')).toHaveLength(1); // England's band
    expect(figure.querySelectorAll('g.sprig-interval.sprig-synthetic path')).toHaveLength(1); // the US band
    expect(figure.querySelectorAll('g.sprig-interval.sprig-synthetic line')).toHaveLength(1); // Australia's lone year
  });

  it('draws every interval as an error bar when asked, dashed when synthetic', () => {
    const figure = draw(trendChart(input({ intervals: 'bars' })));
    expect(figure.querySelectorAll('g.sprig-interval line')).toHaveLength(8);
    expect(figure.querySelector('g.sprig-interval.sprig-synthetic')?.getAttribute('stroke-dasharray')).toBe('3,2');
  });

  it('draws no interval mark when the rows have none', () => {
    const bare = rows.map((r) => ({ ...r, lower: null, upper: null }));
    expect(draw(trendChart(input({ rows: bare }))).querySelectorAll('g.sprig-interval')).toHaveLength(0);
  });

  it('highlights one country at full strength and thicker, fading the others', () => {
    const figure = draw(trendChart(input({ highlight: 'US' })));
    const strong = figure.querySelector('g.sprig-line.sprig-highlight');
    const faded = figure.querySelector('g.sprig-line.sprig-faded');
    expect(strong?.getAttribute('stroke-opacity')).toBeNull();
    expect(Number(strong?.getAttribute('stroke-width'))).toBeGreaterThan(Number(faded?.getAttribute('stroke-width')));
    expect(faded?.getAttribute('stroke-opacity')).toBe('0.25');
    // The highlighted country is drawn last, on top.
    const lines = [...figure.querySelectorAll('g.sprig-line')];
    expect(lines.at(-1)?.classList.contains('sprig-highlight')).toBe(true);
  });

  it('on a log scale, leaves out values of zero or below and names them', () => {
    const withZero = [...rows, row('GB-ENG', 2019, 0)];
    const options = trendChart(input({ rows: withZero, logScale: true }));
    expect(options.y).toMatchObject({ type: 'log' });
    expect(draw(options).querySelectorAll('g.sprig-values circle')).toHaveLength(8);
    expect(trendNotes(input({ rows: withZero, logScale: true }))).toEqual(['Log scale: 1 value of zero or below is not drawn (England 2019).']);
    expect(trendNotes(input({ rows: withZero }))).toEqual([]);
  });

  it('names the denominator of per-100,000 values and the base of indexed ones', () => {
    const per100k = rows.map((r) => ({ ...r, population: r.country === 'GB-ENG' ? { type: 'resident', period: 'mid-2023', source: 'ons_mye_2023' } : null }));
    // The population in words, and its source by name, never by id.
    expect(trendNotes(input({ rows: per100k }))).toEqual(['Per 100,000 people: England divided by its resident population, mid-2023 (Source ons_mye_2023).']);
    const indexed = rows.map((r) => ({ ...r, base_period: r.value === null ? null : r.country === 'GB-ENG' ? '2020' : '2021' }));
    const notes = trendNotes(input({ rows: indexed }));
    expect(notes).toEqual(['Indexed: England 2020, United States 2021 and Australia 2021 = 100.']);
    expect(draw(trendChart(input({ rows: indexed }))).querySelector('figcaption')?.textContent).toBe(notes[0]);
    expect(texts(draw(trendChart(input({ rows: indexed, notesInCaption: false }))), 'figcaption')).toEqual([]);
  });
});

describe('the trend chart, greyscale-safe', () => {
  it('gives each country’s published line its own pattern and names it at the right edge, apart from its neighbours', () => {
    const rows = [2021, 2022, 2023].flatMap((year, i) => [row('GB-ENG', year, 100 + i), row('US', year, 101 + i), row('GR', year, 102 + i)]);
    const countries = [
      { code: 'GB-ENG', name: 'England' },
      { code: 'US', name: 'United States' },
      { code: 'GR', name: 'Greece' },
    ];
    const figure = draw(trendChart({ rows, countries, unit: 'FTE', locale: 'en-GB', t, sourceLabel, greyscale: true }));
    const dashes = [...figure.querySelectorAll('g.sprig-line')].map((g) => g.getAttribute('stroke-dasharray'));
    expect(dashes).toHaveLength(3);
    expect(new Set(dashes).size).toBe(3);
    const labels = [...figure.querySelectorAll('g.sprig-direct-label text')];
    expect(labels.map((l) => l.textContent).sort()).toEqual(['England', 'Greece', 'United States']);
    // Values one unit apart would put the names on top of each other: they are pushed apart.
    const ys = labels.map((l) => Number(/translate\([\d.]+,([\d.]+)\)/.exec(l.getAttribute('transform') ?? '')?.[1])).sort((a, b) => a - b);
    for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(14);
  });
});
