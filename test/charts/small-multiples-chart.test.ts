// @vitest-environment jsdom
import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import { smallMultiplesChart, type SmallMultiplesInput } from '../../src/shared/charts/small-multiples-chart.ts';
import { expectSvgSnapshot } from '../support/svg-snapshot.ts';
import { row, sourceLabel, synthetic, t, texts, tooltips } from './fixtures.ts';

const countries = [
  { code: 'GB-ENG', name: 'England' },
  { code: 'US', name: 'United States' },
  { code: 'DE', name: 'Germany' },
];

/** England in thousands, a synthetic US cohort in tens with intervals, Germany none. */
const rows = [
  row('GB-ENG', 2020, 1265),
  row('GB-ENG', 2021, 1900),
  row('GB-ENG', 2022, 2400),
  row('GB-ENG', 2023, 2775),
  row('US', 2021, 80, { lower: 70, upper: 90, ...synthetic }),
  row('US', 2022, 88, { lower: 77, upper: 99, ...synthetic }),
  row('US', 2023, 95, { lower: 82, upper: 108, ...synthetic }),
  row('DE', 2023, null),
];

function input(extra: Partial<SmallMultiplesInput> = {}): SmallMultiplesInput {
  return { rows, countries, unit: 'people', locale: 'en-GB', t, sourceLabel, sharedY: true, ...extra };
}

const html = (all: Plot.PlotOptions[]) => all.map((o) => (Plot.plot(o) as Element).outerHTML).join('\n');
const yTicks = (figure: Element) => texts(figure, 'g[aria-label="y-axis tick label"] text');

describe('small multiples', () => {
  it('draws as they did with a shared y axis (snapshot)', async () => {
    await expectSvgSnapshot(import.meta.dirname, 'small-multiples-shared.html', html(smallMultiplesChart(input())));
  });

  it('draws as they did with independent y axes (snapshot)', async () => {
    await expectSvgSnapshot(import.meta.dirname, 'small-multiples-independent.html', html(smallMultiplesChart(input({ sharedY: false }))));
  });

  it('shares y as one faceted chart: every panel has the same ticks', () => {
    const all = smallMultiplesChart(input());
    expect(all).toHaveLength(1);
    expect(all[0]?.fy).toBeDefined();
    const figure = Plot.plot(all[0]!) as Element;
    expect(texts(figure, 'g.sprig-panel-title text')).toEqual(['England', 'United States', 'Germany']);
    const ticks = yTicks(figure);
    expect(ticks.filter((l) => l === '2,000')).toHaveLength(3);
  });

  it('gives each country its own y scale as separate charts lined up in time', () => {
    const all = smallMultiplesChart(input({ sharedY: false }));
    expect(all).toHaveLength(3);
    const [england, us] = all.map((o) => Plot.plot(o) as Element);
    expect(yTicks(england!)).toContain('2,000');
    expect(yTicks(us!)).not.toContain('2,000');
    expect(yTicks(us!)).toContain('100');
    expect(all[0]?.x?.domain).toEqual(all[1]?.x?.domain);
  });

  it('labels a country without values in its panel, drawing no line', () => {
    for (const sharedY of [true, false]) {
      const figures = smallMultiplesChart(input({ sharedY })).map((o) => Plot.plot(o) as Element);
      expect(figures.flatMap((f) => texts(f, 'g.sprig-missing text'))).toEqual(['No national data']);
      expect(figures.flatMap((f) => [...f.querySelectorAll('g.sprig-line path')])).toHaveLength(2);
    }
  });

  it('draws the synthetic interval as a dashed band', () => {
    const figure = Plot.plot(smallMultiplesChart(input())[0]!) as Element;
    const bands = figure.querySelectorAll('g.sprig-interval.sprig-synthetic path');
    expect(bands).toHaveLength(1);
    expect(bands[0]?.closest('g')?.getAttribute('stroke-dasharray')).toBe('5,4');
  });

  it('fades the countries that are not highlighted', () => {
    const figure = Plot.plot(smallMultiplesChart(input({ highlight: 'US' }))[0]!) as Element;
    expect(figure.querySelectorAll('g.sprig-line.sprig-faded path')).toHaveLength(1);
    expect(figure.querySelectorAll('g.sprig-line.sprig-highlight path')).toHaveLength(1);
  });

  it('names status and source in each tooltip', () => {
    expect(tooltips(smallMultiplesChart(input())[0]!, 'sprig-tip')).toContain('United States, 2022: 88 people\nSynthetic (demonstration, not real)\nStatus: Synthetic\nSource: Source src');
  });
});
