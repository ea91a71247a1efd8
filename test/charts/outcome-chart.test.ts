// @vitest-environment jsdom
import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import { outcomeChangeChart, outcomeChart, outcomeDistributionChart, outcomeNotes, type OutcomeChartInput } from '../../src/shared/charts/outcome-chart.ts';
import { textWidth } from '../../src/shared/charts/text-width.ts';
import type { OutcomeRow } from '../../src/shared/charts/view-rows.ts';
import { createI18n } from '../../src/shared/i18n/create.ts';
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
    expect(texts(distribution!, 'g.sprig-axis-title text')).toEqual(['SWEMWBS']);
    expect(texts(change!, 'g.sprig-axis-title text')).toEqual(['Mean change, follow-up minus baseline: SWEMWBS']);
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

  it('say by the score axis which end is better, and which side of zero is an improvement', () => {
    const wellbeing = outcomeChart(input()).map((o) => draw(o));
    const direction = (figure: Element) => [...figure.querySelectorAll('g.sprig-direction text')].map((e) => [e.textContent, e.closest('g')?.getAttribute('text-anchor') ?? 'middle']);
    expect(direction(wellbeing[0]!)).toEqual([['Higher is better →', 'end']]);
    expect(direction(wellbeing[1]!)).toEqual([['Improvement →', 'end']]);
    // K10, UCLA loneliness and ONS4 anxiety: lower is better, so a fall is an improvement.
    const distress = outcomeChart(input({ instrumentName: 'K10', higherIsBetter: false })).map((o) => draw(o));
    expect(direction(distress[0]!)).toEqual([['← Lower is better', 'start']]);
    expect(direction(distress[1]!)).toEqual([['← Improvement', 'start']]);
    expect(outcomeNotes(input({ higherIsBetter: false }), 'change')).toContain('Lower scores are better.');
    // An instrument that does not say draws no direction.
    const unknown = outcomeChart(input({ higherIsBetter: null })).map((o) => draw(o));
    expect(unknown.map((f) => f.querySelectorAll('g.sprig-direction').length)).toEqual([0, 0]);
    for (const [lng, words] of [['de', ['Je höher, desto besser →', 'Verbesserung →']], ['el', ['Όσο υψηλότερα τόσο καλύτερα →', 'Βελτίωση →']]] as const) {
      const figures = outcomeChart(input({ t: createI18n(lng).t, locale: lng })).map((o) => draw(o));
      expect(figures.map((f) => texts(f, 'g.sprig-direction text')[0])).toEqual(words);
    }
  });

  /** The demo package's longest instrument name, as its code list writes it in each language. */
  const swemwbs = {
    'en-GB': 'SWEMWBS (short Warwick-Edinburgh Mental Wellbeing Scale), metric score',
    de: 'SWEMWBS (Kurzform der Warwick-Edinburgh-Skala des psychischen Wohlbefindens), metrischer Wert',
    el: 'SWEMWBS (σύντομη κλίμακα ψυχικής ευεξίας Warwick-Edinburgh), μετρική βαθμολογία',
  } as const;

  it('never repeat a word in an axis title (“… metric score score”)', () => {
    const repeated = (title: string) => {
      const words = (title.toLocaleLowerCase().match(/\p{L}{4,}/gu) ?? []).map((w) => w.slice(0, 6));
      return words.filter((w, i) => words.indexOf(w) !== i);
    };
    for (const [lng, name] of Object.entries(swemwbs)) {
      const figures = outcomeChart(input({ t: createI18n(lng).t, locale: lng, instrumentName: name })).map((o) => draw(o));
      for (const figure of figures) {
        const title = texts(figure, 'g.sprig-axis-title text').join(' ');
        expect(title).toContain('SWEMWBS');
        expect(repeated(title), `${lng}: ${title}`).toEqual([]);
      }
    }
  });

  it('fit long German and Greek titles and labels: axis titles wrapped to the frame, margins as wide as the labels', () => {
    for (const [lng, name] of Object.entries(swemwbs)) {
      const t = createI18n(lng).t;
      const options = { t, locale: lng, instrumentName: name, followUpName: lng === 'el' ? '8–12 εβδομάδες' : lng === 'de' ? '8–12 Wochen' : '8–12 weeks' };
      const [distribution, change] = outcomeChart(input(options));
      for (const chart of [distribution!, change!]) {
        const figure = draw(chart);
        const frame = (chart.width ?? 0) - (chart.marginLeft ?? 0) - (chart.marginRight ?? 0);
        const title = figure.querySelector('g.sprig-axis-title text')!;
        const lines = title.querySelector('tspan') ? [...title.querySelectorAll('tspan')].map((e) => e.textContent ?? '') : [title.textContent ?? ''];
        expect(lines.length, `${lng}: ${lines.join(' / ')}`).toBeGreaterThanOrEqual(1);
        for (const line of lines) expect(textWidth(line, 13), `${lng}: ${line}`).toBeLessThanOrEqual(frame);
      }
      const ticks = texts(draw(distribution!), 'g[aria-label="y-axis tick label"] text');
      for (const tick of ticks) expect(textWidth(tick, 13), `${lng}: ${tick}`).toBeLessThanOrEqual(distribution!.marginLeft ?? 0);
      const labels = texts(draw(change!), 'g.sprig-value-label text');
      for (const label of labels) expect(textWidth(label, 13) + 8, `${lng}: ${label}`).toBeLessThanOrEqual(change!.marginRight ?? 0);
    }
  });
});
