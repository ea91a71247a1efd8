// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { slopeChart, slopeNotes, type SlopeChartInput } from '../../src/shared/charts/slope-chart.ts';
import { SYNTHETIC_DASH } from '../../src/shared/charts/chart-common.ts';
import { expectSvgSnapshot } from '../support/svg-snapshot.ts';
import { draw, fiveCountries, row, sourceLabel, synthetic, t, texts, tooltips } from './fixtures.ts';

/** People referred per 100,000 (made up): England and the US close together in 2021; Australia from 2023 only. */
const rows = [
  row('GB-ENG', 2021, 1200),
  row('GB-ENG', 2023, 2250),
  row('US', 2021, 1150, synthetic),
  row('US', 2023, 1500, synthetic),
  row('AU', 2023, 900, synthetic),
  row('DE', 2021, null),
  row('GR', 2021, 600, synthetic),
  row('GR', 2023, 640),
];

function input(extra: Partial<SlopeChartInput> = {}): SlopeChartInput {
  return { rows, countries: fiveCountries, unit: 'people', locale: 'en-GB', t, sourceLabel, from: '2021', to: '2023', ...extra };
}

const labelYs = (figure: Element, side: string) => [...figure.querySelectorAll(`g.sprig-label-${side} text`)].map((e) => Number(/translate\([^,]+,([^)]+)\)/.exec(e.getAttribute('transform') ?? '')?.[1]));

describe('the slope chart', () => {
  it('draws as it did (snapshot)', async () => {
    await expectSvgSnapshot(import.meta.dirname, 'slope-two-periods.html', draw(slopeChart(input())).outerHTML);
  });

  it('draws as it did with Greece highlighted (snapshot)', async () => {
    await expectSvgSnapshot(import.meta.dirname, 'slope-highlight.html', draw(slopeChart(input({ highlight: 'GR' }))).outerHTML);
  });

  it('labels both ends with the country and its value', () => {
    const figure = draw(slopeChart(input()));
    expect(texts(figure, 'g.sprig-label-start text')).toEqual(expect.arrayContaining(['England 1,200 people', 'United States 1,150 people', 'Greece 600 people']));
    expect(texts(figure, 'g.sprig-label-end text')).toEqual(expect.arrayContaining(['England 2,250 people', 'Australia 900 people']));
  });

  it('pushes close labels apart so they stay readable', () => {
    const ys = labelYs(draw(slopeChart(input())), 'start').sort((a, b) => a - b);
    for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(14.9);
  });

  it('draws a line only between two values, dashed when an end is synthetic', () => {
    const figure = draw(slopeChart(input()));
    expect(figure.querySelectorAll('g.sprig-line:not(.sprig-synthetic) path')).toHaveLength(1); // England
    expect(figure.querySelectorAll('g.sprig-line.sprig-synthetic path')).toHaveLength(3); // US, Greece, and Australia's lone point
    expect(figure.querySelector('g.sprig-line.sprig-synthetic')?.getAttribute('stroke-dasharray')).toBe(SYNTHETIC_DASH);
    expect(figure.querySelectorAll('g.sprig-values.sprig-synthetic circle')).toHaveLength(4);
  });

  it('names the countries with no value in either period instead of drawing zero', () => {
    expect(slopeNotes(input())).toEqual(['Not drawn: Germany (No national data).']);
    const figure = draw(slopeChart(input()));
    expect(figure.textContent).not.toMatch(/Germany 0/);
  });

  it('fades every country but the highlighted one', () => {
    const figure = draw(slopeChart(input({ highlight: 'GR' })));
    expect(figure.querySelectorAll('g.sprig-line.sprig-highlight path')).toHaveLength(1);
    expect(figure.querySelector('g.sprig-line.sprig-faded')?.getAttribute('stroke-opacity')).toBe('0.25');
  });

  it('names status and source in each tooltip', () => {
    expect(tooltips(slopeChart(input()), 'sprig-tip')).toContain('United States, 2023: 1,500 people\nSynthetic (demonstration, not real)\nStatus: Synthetic\nSource: Source src');
  });
});
