// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { latestChart, latestNotes, latestOrder, latestPerCountry, type LatestChartInput } from '../../src/shared/charts/latest-chart.ts';
import { SYNTHETIC_DASH } from '../../src/shared/charts/chart-common.ts';
import { expectSvgSnapshot } from '../support/svg-snapshot.ts';
import { draw, fiveCountries, row, sourceLabel, synthetic, t, texts, tooltips } from './fixtures.ts';

/** Share of people connected to an activity in 2023: England published, three synthetic cohorts, Germany none. */
const rows = [
  row('GB-ENG', 2022, 38, { lower: 35, upper: 41 }),
  row('GB-ENG', 2023, 41, { lower: 38, upper: 44 }),
  row('US', 2023, 35, { lower: 30, upper: 40, ...synthetic }),
  row('AU', 2023, 52, { lower: 45, upper: 59, ...synthetic }),
  row('DE', 2023, null),
  row('GR', 2023, 28, { lower: 20, upper: 36, ...synthetic }),
];

const comparable = { comparabilityLevel: 'with_caveats' };
const notComparable = { comparabilityLevel: 'not_comparable' };

function input(extra: Partial<LatestChartInput> = {}): LatestChartInput {
  return { rows, countries: fiveCountries, unit: '%', locale: 'en-GB', t, sourceLabel, indicator: comparable, ...extra };
}

const countryLabels = (figure: Element) => texts(figure, 'g[aria-label="y-axis tick label"] text');

describe('the latest-period chart', () => {
  it('draws as it did: ranked dots (snapshot)', async () => {
    await expectSvgSnapshot(import.meta.dirname, 'latest-ranked-dots.html', draw(latestChart(input({ rows: sameKind }))).outerHTML);
  });

  it('draws as it did: unranked bars, England highlighted (snapshot)', async () => {
    const figure = draw(latestChart(input({ indicator: notComparable, mark: 'bar', highlight: 'GB-ENG' })));
    await expectSvgSnapshot(import.meta.dirname, 'latest-unranked-bars-highlight.html', figure.outerHTML);
  });

  it('keeps each country’s latest value, and a country without one keeps its reason', () => {
    const latest = latestPerCountry(rows);
    expect(latest.get('GB-ENG')?.value).toBe(41);
    expect(latest.get('DE')?.status).toBe('not_available');
  });

  /** The same values, every one a synthetic cohort of 2023: one period, one kind, so they may be ranked. */
  const sameKind = rows.map((r) => (r.value === null ? r : { ...r, ...synthetic }));

  it('ranks countries by value only when the indicator may be ranked and the values are alike', () => {
    expect(latestOrder(input({ rows: sameKind }))).toEqual(['AU', 'GB-ENG', 'US', 'GR', 'DE']);
    expect(countryLabels(draw(latestChart(input({ rows: sameKind }))))).toEqual(['Australia', 'England', 'United States', 'Greece', 'Germany']);
    expect(latestNotes(input({ rows: sameKind }))).toEqual([]);
    // England's published figure among synthetic cohorts: not ranked, and said why.
    expect(latestNotes(input())[0]).toMatch(/different kinds/);
  });

  it('lists countries by name, and says it is not a ranking, when countries are not comparable', () => {
    const figure = draw(latestChart(input({ indicator: notComparable })));
    expect(countryLabels(figure)).toEqual(['Australia', 'England', 'Germany', 'Greece', 'United States']);
    expect(latestNotes(input({ indicator: notComparable }))[0]).toMatch(/Not ranked: this indicator is not comparable/);
    expect(figure.querySelector('figcaption')?.textContent).toMatch(/Not ranked/);
  });

  it('never ranks values of different periods: Greece’s 2025 is not put above the United States’ 2024', () => {
    const mixed = [row('US', 2024, 35), row('GR', 2025, 40)];
    const two = fiveCountries.filter((c) => c.code === 'US' || c.code === 'GR');
    expect(latestOrder(input({ rows: mixed, countries: two }))).toEqual(['GR', 'US']);
    expect(latestOrder(input({ rows: [row('US', 2024, 45), row('GR', 2025, 40)], countries: two }))).toEqual(['GR', 'US']);
    expect(latestNotes(input({ rows: mixed, countries: two }))[0]).toBe('Not ranked: the latest values are from different periods (2024 and 2025), so countries are listed by name.');
    // In German, names sort as German readers read them.
    const german = [{ code: 'US', name: 'Vereinigte Staaten' }, { code: 'GR', name: 'Griechenland' }, { code: 'DE', name: 'Deutschland' }];
    expect(latestOrder(input({ rows: mixed, countries: german, locale: 'de' }))).toEqual(['DE', 'GR', 'US']);
  });

  it('never ranks a target among published figures', () => {
    const kinds = [row('US', 2024, 35), row('GR', 2024, 40, { kind: 'target', status: 'target' })];
    expect(latestNotes(input({ rows: kinds }))[0]).toMatch(/different kinds/);
  });

  it('labels a country without data “No national data” and never draws it as zero', () => {
    const figure = draw(latestChart(input()));
    expect(texts(figure, 'g.sprig-missing text')).toEqual(['No national data']);
    expect(figure.querySelectorAll('g.sprig-values > *')).toHaveLength(4);
    const bars = draw(latestChart(input({ mark: 'bar' })));
    expect(bars.querySelectorAll('g.sprig-values rect')).toHaveLength(4);
  });

  it('says when a country is absent from the dataset rather than not published', () => {
    const figure = draw(latestChart(input({ rows: rows.filter((r) => r.country !== 'GR') })));
    expect(texts(figure, 'g.sprig-missing text')).toEqual(['No national data', 'Not in this dataset']);
  });

  it('draws synthetic values hollow with dashed whiskers, published ones filled', () => {
    const figure = draw(latestChart(input()));
    const hollow = [...figure.querySelectorAll('g.sprig-values.sprig-synthetic > *')];
    expect(hollow).toHaveLength(3);
    expect(figure.querySelector('g.sprig-values.sprig-synthetic')?.getAttribute('fill')).toBe('white');
    expect(figure.querySelector('g.sprig-values:not(.sprig-synthetic)')?.getAttribute('fill')).not.toBe('white');
    expect(figure.querySelector('g.sprig-interval.sprig-synthetic')?.getAttribute('stroke-dasharray')).toBe('3,2');
    expect(figure.querySelector('g.sprig-interval:not(.sprig-synthetic)')?.getAttribute('stroke-dasharray')).toBeNull();
    const bars = draw(latestChart(input({ mark: 'bar' })));
    expect(bars.querySelector('g.sprig-values.sprig-synthetic')?.getAttribute('stroke-dasharray')).toBe(SYNTHETIC_DASH);
  });

  it('fades every country but the highlighted one', () => {
    const figure = draw(latestChart(input({ highlight: 'GB-ENG' })));
    const faded = figure.querySelectorAll('g.sprig-values.sprig-faded > *');
    const strong = figure.querySelectorAll('g.sprig-values.sprig-highlight > *');
    expect(faded).toHaveLength(3);
    expect(strong).toHaveLength(1);
    expect(figure.querySelector('g.sprig-values.sprig-faded')?.getAttribute('fill-opacity')).toBe('0.25');
    expect(figure.querySelector('g.sprig-values.sprig-highlight')?.getAttribute('fill-opacity')).toBeNull();
  });

  it('names the period and status of each value in its tooltip', () => {
    const titles = tooltips(latestChart(input()), 'sprig-tip');
    expect(titles).toContain('Greece, 2023: 28%\nSynthetic (demonstration, not real)\nStatus: Synthetic\nSource: Source src');
  });

  it('on a log scale, leaves out values of zero or below and says so', () => {
    const withZero = [...rows.filter((r) => r.country !== 'GR'), row('GR', 2023, 0)];
    const figure = draw(latestChart(input({ rows: withZero, logScale: true })));
    expect(texts(figure, 'g.sprig-missing text')).toContain('Zero or below: not drawn on a log scale');
    expect(latestNotes(input({ rows: withZero, logScale: true })).join(' ')).toMatch(/Log scale: 1 value of zero or below is not drawn \(Greece 2023\)/);
  });
});
