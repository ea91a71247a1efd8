// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { pathwayChart, pathwayNotes, type PathwayChartInput } from '../../src/shared/charts/pathway-chart.ts';
import type { PathwayRow } from '../../src/shared/charts/view-rows.ts';
import { expectSvgSnapshot } from '../support/svg-snapshot.ts';
import { draw, t, texts } from './fixtures.ts';

const countries = [
  { code: 'GB-ENG', name: 'England' },
  { code: 'US', name: 'United States' },
  { code: 'GR', name: 'Greece' },
];

const stages = ['referred', 'contacted', 'connected', 'completed'];
const country = (code: string, counts: (number | null)[]): PathwayRow[] =>
  counts.map((n, step) => ({ country: code, step, stage: stages[step]!, n, suppressed: n === null, share: n === null ? null : n / counts[0]! }));

/** England's pathway narrows as the demo's does; Greece's small cohort has its completions suppressed. */
const rows = [...country('GB-ENG', [2000, 1800, 800, 560]), ...country('US', [300, 260, 150, 90]), ...country('GR', [40, 38, 22, null])];

function input(extra: Partial<PathwayChartInput> = {}): PathwayChartInput {
  // Rows arrive out of order on purpose: the chart orders stages by step.
  return { rows: [...rows].reverse(), countries, locale: 'en-GB', t, measure: 'count', suppressBelow: 10, synthetic: true, ...extra };
}

const stageLabels = (figure: Element) => texts(figure, 'g[aria-label="y-axis tick label"] text');

describe('the pathway chart', () => {
  it('draws as it did: counts (snapshot)', async () => {
    await expectSvgSnapshot(import.meta.dirname, 'pathway-count.html', draw(pathwayChart(input())).outerHTML);
  });

  it('draws as it did: shares (snapshot)', async () => {
    await expectSvgSnapshot(import.meta.dirname, 'pathway-share.html', draw(pathwayChart(input({ measure: 'share', synthetic: false }))).outerHTML);
  });

  it('lists the four stages in pathway order, in words', () => {
    const labels = stageLabels(draw(pathwayChart(input())));
    expect(labels.slice(0, 4)).toEqual(['Referred', 'Contacted a link worker', 'Connected to an activity', 'Completed']);
  });

  it('gives each bar its count and its share of the people referred', () => {
    const labels = texts(draw(pathwayChart(input())), 'g.sprig-value-label text');
    expect(labels).toContain('560 (28%)');
    expect(labels).toContain('2,000 (100%)');
  });

  it('draws a suppressed stage as suppressed, never as zero', () => {
    const figure = draw(pathwayChart(input({ measure: 'share' })));
    expect(figure.querySelectorAll('g.sprig-bars rect')).toHaveLength(11);
    expect(figure.querySelectorAll('g.sprig-suppressed rect')).toHaveLength(1);
    expect(texts(figure, 'g.sprig-suppressed-label text')).toEqual(['suppressed (fewer than 10)']);
    expect(pathwayNotes(input())).toContain('Cells counting fewer than 10 people are suppressed, never shown as zero.');
  });

  it('scales shares from 0 to 100% of those referred', () => {
    const ticks = texts(draw(pathwayChart(input({ measure: 'share' }))), 'g[aria-label="x-axis tick label"] text');
    expect(ticks[0]).toBe('0%');
    expect(ticks.at(-1)).toBe('100%');
  });
});
