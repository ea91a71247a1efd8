// @vitest-environment jsdom
import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import { SYNTHETIC_DASH, trendChart } from '../../src/shared/charts/trend-chart.ts';
import { markMissingPeriods, missingCountries, type TrendRow } from '../../src/shared/charts/trend-rows.ts';
import { createI18n } from '../../src/shared/i18n/create.ts';
import { expectSvgSnapshot } from '../support/svg-snapshot.ts';
import { row } from './fixtures.ts';


const countries = [
  { code: 'GB-ENG', name: 'England' },
  { code: 'US', name: 'United States' },
  { code: 'DE', name: 'Germany' },
];

/** England published for three years; the US synthetic; Germany has no national data. */
const fixture: TrendRow[] = [
  row('GB-ENG', 2021, 1265),
  row('GB-ENG', 2022, 2100),
  row('GB-ENG', 2023, 2775),
  row('US', 2021, 800, { synthetic: true, status: 'synthetic' }),
  row('US', 2023, 950, { synthetic: true, status: 'synthetic' }),
  row('DE', 2023, null),
];

function draw(rows: TrendRow[]) {
  const { t } = createI18n();
  const options = trendChart({ rows, countries, unit: 'FTE', locale: 'en-GB', t, sourceLabel: (id) => `Source ${id}` });
  return Plot.plot(options);
}

describe('the trend chart', () => {
  it('draws as it did (snapshot)', async () => {
    await expectSvgSnapshot(import.meta.dirname, 'trend-three-countries.html', draw(markMissingPeriods(fixture)).outerHTML);
  });

  it('draws one line per country that has values, and none for a country without', () => {
    const figure = draw(fixture);
    const solid = figure.querySelectorAll('g.sprig-line:not(.sprig-synthetic) path');
    const dashed = figure.querySelectorAll('g.sprig-line.sprig-synthetic path');
    expect(solid).toHaveLength(1);
    expect(dashed).toHaveLength(1);
    expect(dashed[0]?.closest('g')?.getAttribute('stroke-dasharray')).toBe(SYNTHETIC_DASH);
  });

  it('breaks a line where a period is missing instead of bridging it', () => {
    const rows = markMissingPeriods(fixture);
    const usGap = rows.find((r) => r.country === 'US' && r.period === '2022');
    expect(usGap).toMatchObject({ value: null, status: 'absent' });
    // A gap splits the path into two segments (two "M" moves).
    const path = draw(rows).querySelector('g.sprig-synthetic path')?.getAttribute('d') ?? '';
    expect(path.match(/M/g)).toHaveLength(2);
  });

  it('draws no empty line group when every value is synthetic, even with gaps', () => {
    const allSynthetic = markMissingPeriods(fixture.filter((r) => r.country === 'US'));
    const figure = draw(allSynthetic);
    expect(figure.querySelectorAll('g.sprig-line')).toHaveLength(1);
    expect(figure.querySelector('g.sprig-line')?.classList.contains('sprig-synthetic')).toBe(true);
  });

  it('does not call a period missing when another country labels the same period differently', () => {
    const monthly = [row('GB-ENG', 2023, 2775, { period: 'Jan 2023' }), row('GB-ENG', 2024, 2866, { period: 'Jan 2024' }), row('US', 2023, null, { period: '2023' })];
    expect(markMissingPeriods(monthly).filter((r) => r.status === 'absent')).toEqual([]);
  });

  it('labels ticks by month when the periods are finer than a year', () => {
    const monthly = [1, 4, 7].map((m, i) => ({ ...row('GB-ENG', 2024, 2800 + i), period: `M${m}`, start: new Date(Date.UTC(2024, m - 1, 1)) }));
    const labels = [...draw(monthly).querySelectorAll('g[aria-label="x-axis tick label"] text')].map((t) => t.textContent);
    expect(labels.some((l) => /[A-Za-z]{3} 2024/.test(l ?? ''))).toBe(true);
  });

  it('never draws a missing value as zero', () => {
    const dots = draw(fixture).querySelectorAll('g.sprig-values circle, g.sprig-values path');
    expect(dots.length).toBe(5); // 3 England + 2 US; Germany none
  });

  it('shows a legend naming every country drawn, and only those', () => {
    const figure = draw(fixture);
    const legend = [...figure.querySelectorAll('[class$="-swatch"]')].map((s) => s.textContent);
    const drawn = countries.filter((c) => fixture.some((r) => r.country === c.code && r.value !== null)).map((c) => c.name);
    expect(drawn.length).toBeLessThan(countries.length);
    expect(legend).toEqual(drawn);
  });

  it('names countries that have no value, and why', () => {
    expect(missingCountries(fixture, ['GB-ENG', 'US', 'DE', 'GR'])).toEqual([
      { country: 'DE', reason: 'not_available' },
      { country: 'GR', reason: 'absent' },
    ]);
  });
});
