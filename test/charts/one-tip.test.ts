// @vitest-environment jsdom
import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import { breakdownChart } from '../../src/shared/charts/breakdown-chart.ts';
import { latestChart } from '../../src/shared/charts/latest-chart.ts';
import { mapChart } from '../../src/shared/charts/map-chart.ts';
import { outcomeChart } from '../../src/shared/charts/outcome-chart.ts';
import { pathwayChart } from '../../src/shared/charts/pathway-chart.ts';
import { slopeChart } from '../../src/shared/charts/slope-chart.ts';
import { smallMultiplesChart } from '../../src/shared/charts/small-multiples-chart.ts';
import { trendChart } from '../../src/shared/charts/trend-chart.ts';
import { fiveCountries, row, sourceLabel, synthetic, t, tipGroups } from './fixtures.ts';

/** Published and synthetic values side by side, with England highlighted: marks are split, the tip is not. */
const rows = [row('GB-ENG', 2022, 40), row('GB-ENG', 2023, 41), row('US', 2022, 35, synthetic), row('US', 2023, 36, synthetic), row('DE', 2023, null)];
const base = { rows, countries: fiveCountries, unit: '%', locale: 'en-GB', t, sourceLabel, highlight: 'GB-ENG' };
const person = { countries: fiveCountries, locale: 'en-GB', t, suppressBelow: 10, synthetic: true, highlight: 'GB-ENG' };

const q = { p10: 15, p25: 18, p50: 20, p75: 22, p90: 25 };
const outcome = (['baseline', 'follow_up', 'change'] as const).map((series) => ({ country: 'GB-ENG', series, n: 100, suppressed: false, mean: 20, lower: 19, upper: 21, ...q }));

const charts: [string, Plot.PlotOptions[]][] = [
  ['trend', [trendChart(base)]],
  ['latest', [latestChart({ ...base, indicator: { comparabilityLevel: 'comparable' } })]],
  ['slope', [slopeChart({ ...base, from: '2022', to: '2023' })]],
  ['small multiples', smallMultiplesChart({ ...base, sharedY: false })],
  ['map', [mapChart(base)]],
  ['breakdown', [breakdownChart({ ...person, rows: [{ country: 'GB-ENG', category: 'F', n: 60, suppressed: false, share: 0.6 }, { country: 'US', category: 'F', n: null, suppressed: true, share: null }], dimension: 'sex', measure: 'count' })]],
  ['pathway', [pathwayChart({ ...person, rows: [{ country: 'GB-ENG', step: 0, stage: 'referred', n: 100, suppressed: false, share: 1 }], measure: 'share' })]],
  ['outcome', outcomeChart({ ...person, rows: outcome, instrumentName: 'SWEMWBS', followUpName: '8–12 weeks' })],
];

describe('every chart', () => {
  it.each(charts)('%s has one tip mark per figure, so two tooltips never open at once', (_name, all) => {
    for (const options of all) expect(tipGroups(Plot.plot(options) as Element)).toBeLessThanOrEqual(1);
    expect(all.some((o) => tipGroups(Plot.plot(o) as Element) === 1)).toBe(true);
  });
});
