// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { breakdownChart, breakdownNotes, type BreakdownChartInput } from '../../src/shared/charts/breakdown-chart.ts';
import type { BreakdownRow } from '../../src/shared/charts/view-rows.ts';
import { expectSvgSnapshot } from '../support/svg-snapshot.ts';
import { draw, t, texts, tooltips } from './fixtures.ts';

const countries = [
  { code: 'GB-ENG', name: 'England' },
  { code: 'DE', name: 'Germany' },
  { code: 'GR', name: 'Greece' },
];

const cell = (country: string, category: string, n: number | null, share: number | null = null): BreakdownRow => ({ country, category, n, suppressed: n === null, share });

/** Referrals by deprivation quintile: Greece's small cohort has two suppressed quintiles; Germany has no referrals. */
const quintiles: BreakdownRow[] = [
  cell('GB-ENG', '1', 420, 0.25),
  cell('GB-ENG', '2', 380, 0.22),
  cell('GB-ENG', '3', 330, 0.19),
  cell('GB-ENG', '4', 300, 0.18),
  cell('GB-ENG', '5', 270, 0.16),
  cell('GR', '1', 14, 0.35),
  cell('GR', '2', null),
  cell('GR', '3', 12, 0.3),
  cell('GR', '4', null),
  cell('GR', '5', 11, 0.28),
];

function input(extra: Partial<BreakdownChartInput> = {}): BreakdownChartInput {
  return { rows: quintiles, countries, locale: 'en-GB', t, dimension: 'deprivation_quintile', measure: 'count', suppressBelow: 10, synthetic: true, ...extra };
}

describe('the breakdown chart', () => {
  it('draws as it did: deprivation quintiles, counts (snapshot)', async () => {
    await expectSvgSnapshot(import.meta.dirname, 'breakdown-quintiles-count.html', draw(breakdownChart(input())).outerHTML);
  });

  it('draws as it did: GLAM activities, shares, England highlighted (snapshot)', async () => {
    const glam = [cell('GB-ENG', 'false', 900, 0.75), cell('GB-ENG', 'true', 300, 0.25), cell('GR', 'true', 40, 1)];
    const figure = draw(breakdownChart(input({ rows: glam, dimension: 'glam', measure: 'share', highlight: 'GB-ENG', synthetic: false })));
    await expectSvgSnapshot(import.meta.dirname, 'breakdown-glam-share-highlight.html', figure.outerHTML);
  });

  it('draws a suppressed cell as a labelled hatched placeholder, never as a zero bar', () => {
    const figure = draw(breakdownChart(input()));
    expect(figure.querySelectorAll('g.sprig-bars rect')).toHaveLength(8);
    const placeholders = figure.querySelectorAll('g.sprig-suppressed rect');
    expect(placeholders).toHaveLength(2);
    expect(placeholders[0]?.closest('g')?.getAttribute('fill')).toBe('url(#sprig-hatch)');
    expect(Number(placeholders[0]?.getAttribute('width'))).toBeGreaterThan(20);
    expect(figure.querySelector('pattern#sprig-hatch')).not.toBeNull();
    expect(texts(figure, 'g.sprig-suppressed-label text')).toEqual(['suppressed (fewer than 10)', 'suppressed (fewer than 10)']);
    expect(texts(figure, 'g.sprig-value-label text')).not.toContain('0');
  });

  it('says quintiles compare within a country only, and keeps one panel per country', () => {
    const figure = draw(breakdownChart(input()));
    expect(texts(figure, 'g.sprig-panel-title text')).toEqual(['England', 'Germany', 'Greece']);
    expect(breakdownNotes(input())).toEqual([
      'Deprivation quintiles are national: compare within a country only.',
      'Cells counting fewer than 10 people are suppressed, never shown as zero.',
      'Synthetic demonstration data: these are not real people.',
    ]);
    expect(breakdownNotes(input({ dimension: 'age_band', rows: [], synthetic: false }))).toEqual([]);
  });

  it('labels a country without referrals instead of drawing empty bars as zero', () => {
    expect(texts(draw(breakdownChart(input())), 'g.sprig-missing text')).toEqual(['No referral-level data in this dataset']);
  });

  it('draws shares as percentages of the country’s total', () => {
    const figure = draw(breakdownChart(input({ measure: 'share' })));
    expect(texts(figure, 'g.sprig-value-label text')).toContain('25%');
    expect(texts(figure, 'g[aria-label="x-axis label"] text')[0]).toMatch(/Share of the country’s total/);
  });

  it('draws synthetic bars pale and dashed', () => {
    const bars = draw(breakdownChart(input())).querySelector('g.sprig-bars');
    expect(bars?.classList.contains('sprig-synthetic')).toBe(true);
    expect(bars?.getAttribute('stroke-dasharray')).toBe('5,4');
  });

  it('fades the countries that are not highlighted', () => {
    const figure = draw(breakdownChart(input({ highlight: 'GR' })));
    expect(figure.querySelector('g.sprig-bars.sprig-faded')?.getAttribute('stroke-opacity')).toBe('0.25');
    expect(figure.querySelectorAll('g.sprig-bars.sprig-highlight rect')).toHaveLength(3);
  });

  it('says in the tooltip that a cell is suppressed, and names the counts otherwise', () => {
    const tips = tooltips(breakdownChart(input()), 'sprig-tip');
    expect(tips).toContain('Greece, 2: suppressed (fewer than 10)\nSuppressed: fewer than 10 people');
    expect(tips[0]).toBe('England, 1: 420 people, 25%\nSynthetic (demonstration, not real people)');
    expect(tips).toHaveLength(10);
  });
});
