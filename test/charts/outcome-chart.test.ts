// @vitest-environment jsdom
import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import { outcomeChangeChart, outcomeChart, outcomeDistributionChart, outcomeNotes, type OutcomeChartInput } from '../../src/shared/charts/outcome-chart.ts';
import type { OutcomeRow } from '../../src/shared/charts/view-rows.ts';
import { expectSvgSnapshot } from '../support/svg-snapshot.ts';
import { draw, t, texts, tooltips } from './fixtures.ts';

const countries = [
  { code: 'GB-ENG', name: 'England' },
  { code: 'US', name: 'United States' },
  { code: 'GR', name: 'Greece' },
];

const blank = { lower: null, upper: null };
const series = (country: string, s: OutcomeRow['series'], n: number, mean: number, q: number[], extra: Partial<OutcomeRow> = {}): OutcomeRow => ({
  country,
  series: s,
  n,
  suppressed: false,
  mean,
  ...blank,
  p10: q[0]!,
  p25: q[1]!,
  p50: q[2]!,
  p75: q[3]!,
  p90: q[4]!,
  ...extra,
});
const suppressedSeries = (country: string, s: OutcomeRow['series']): OutcomeRow => ({
  country, series: s, n: null, suppressed: true, mean: null, lower: null, upper: null, p10: null, p25: null, p50: null, p75: null, p90: null,
});

/** SWEMWBS, baseline below the England norm (23.5) and modest gains; Greece's paired cohort is too small to show. */
const rows: OutcomeRow[] = [
  series('GB-ENG', 'baseline', 820, 19.8, [15.3, 17.6, 19.9, 22.0, 24.1]),
  series('GB-ENG', 'follow_up', 820, 21.6, [16.9, 19.3, 21.5, 23.8, 26.0]),
  series('GB-ENG', 'change', 820, 1.8, [-2.1, 0.1, 1.7, 3.4, 5.6], { lower: 1.5, upper: 2.1 }),
  series('US', 'baseline', 64, 20.4, [16.0, 18.2, 20.5, 22.6, 24.9]),
  series('US', 'follow_up', 64, 21.1, [16.5, 18.9, 21.0, 23.4, 25.8]),
  series('US', 'change', 64, 0.7, [-3.0, -0.9, 0.6, 2.2, 4.1], { lower: -0.2, upper: 1.6 }),
  suppressedSeries('GR', 'baseline'),
  suppressedSeries('GR', 'follow_up'),
  suppressedSeries('GR', 'change'),
];

function input(extra: Partial<OutcomeChartInput> = {}): OutcomeChartInput {
  return { rows, countries, locale: 'en-GB', t, suppressBelow: 10, synthetic: true, instrumentName: 'SWEMWBS', followUpName: '8–12 weeks', higherIsBetter: true, scoreRange: [7, 35], ...extra };
}

describe('the outcome charts', () => {
  it('draw as they did (snapshot)', async () => {
    const markup = outcomeChart(input()).map((o) => (Plot.plot(o) as Element).outerHTML).join('\n');
    await expectSvgSnapshot(import.meta.dirname, 'outcome-swemwbs.html', markup);
  });

  it('draw a box per country and timepoint, with a median tick', () => {
    const figure = draw(outcomeDistributionChart(input()));
    expect(figure.querySelectorAll('g.sprig-box rect')).toHaveLength(4);
    expect(figure.querySelectorAll('g.sprig-median line, g.sprig-median path')).toHaveLength(4);
    expect(texts(figure, 'g[aria-label="y-axis tick label"] text').slice(0, 2)).toEqual(['Baseline', 'Follow-up: 8–12 weeks']);
  });

  it('name the one instrument, and say instruments are never pooled', () => {
    const [distribution, change] = outcomeChart(input()).map((o) => draw(o));
    expect(texts(distribution!, 'g[aria-label="x-axis label"] text')[0]).toMatch(/^SWEMWBS score/);
    expect(texts(change!, 'g[aria-label="x-axis label"] text')[0]).toMatch(/SWEMWBS/);
    for (const which of ['distribution', 'change'] as const) expect(outcomeNotes(input(), which)[0]).toBe('Scores on SWEMWBS only: scores on different instruments are never pooled.');
    expect(outcomeNotes(input(), 'change')).toContain('Higher scores are better.');
  });

  it('draw the mean change as a dot with its 95% interval, signed', () => {
    const figure = draw(outcomeChangeChart(input()));
    expect(figure.querySelectorAll('g.sprig-values circle')).toHaveLength(2);
    expect(figure.querySelectorAll('g.sprig-interval line')).toHaveLength(2);
    expect(texts(figure, 'g.sprig-value-label text')).toEqual(['+1.8 (+1.5 to +2.1)', '+0.7 (-0.2 to +1.6)']);
    expect(tooltips(outcomeChangeChart(input()), 'sprig-tip')[0]).toBe('England (820 people): mean change +1.8\n95% interval +1.5 to +2.1');
  });

  it('label suppressed cohorts as suppressed, never drawing them', () => {
    expect(texts(draw(outcomeDistributionChart(input())), 'g.sprig-suppressed-label text')).toEqual(['suppressed (fewer than 10)', 'suppressed (fewer than 10)']);
    expect(texts(draw(outcomeChangeChart(input())), 'g.sprig-missing text')).toEqual(['suppressed (fewer than 10)']);
  });

  it('keep the countries in the fixed order and fade those not highlighted', () => {
    const figure = draw(outcomeChangeChart(input({ highlight: 'US' })));
    expect(texts(figure, 'g[aria-label="y-axis tick label"] text')).toEqual(['England', 'United States', 'Greece']);
    expect(figure.querySelector('g.sprig-values.sprig-faded')?.getAttribute('fill-opacity')).toBe('0.25');
  });
});
