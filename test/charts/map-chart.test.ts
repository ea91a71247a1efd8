// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { mapChart, mapNotes, mapShapeId, type MapChartInput } from '../../src/shared/charts/map-chart.ts';
import { expectSvgSnapshot } from '../support/svg-snapshot.ts';
import { draw, fiveCountries, row, sourceLabel, synthetic, t, tooltips } from './fixtures.ts';

/** Latest values: England published, the US and Australia synthetic cohorts, Germany and Greece no national data. */
const rows = [
  row('GB-ENG', 2023, 41),
  row('US', 2023, 35, synthetic),
  row('AU', 2022, 52, synthetic),
  row('DE', 2023, null),
  row('GR', 2023, null),
];

function input(extra: Partial<MapChartInput> = {}): MapChartInput {
  return { rows, countries: fiveCountries, unit: '%', locale: 'en-GB', t, sourceLabel, ...extra };
}

describe('the map', () => {
  it('draws as it did (snapshot)', async () => {
    await expectSvgSnapshot(import.meta.dirname, 'map-five-countries.html', draw(mapChart(input())).outerHTML);
  });

  it('maps ISO codes to the atlas’s numeric ids, the UK’s nations to the UK', () => {
    expect(['GB', 'GB-ENG', 'GB-WLS', 'US', 'AU', 'DE', 'GR', 'FR'].map(mapShapeId)).toEqual(['826', '826', '826', '840', '036', '276', '300', undefined]);
  });

  it('colours the countries with a value from shipped shapes, and hatches those without', () => {
    const figure = draw(mapChart(input()));
    expect(figure.querySelectorAll('g.sprig-values path')).toHaveLength(3);
    expect(figure.querySelectorAll('g.sprig-no-data path')).toHaveLength(2);
    expect(figure.querySelector('g.sprig-no-data')?.getAttribute('fill')).toBe('url(#sprig-hatch)');
    expect(figure.querySelector('g.sprig-values.sprig-synthetic')?.getAttribute('stroke-dasharray')).toBe('3,2');
    expect(figure.querySelectorAll('g.sprig-land path').length).toBeGreaterThan(100);
  });

  it('says “No national data” in the tooltip of a country without a value', () => {
    const tips = tooltips(mapChart(input()), 'sprig-tip');
    expect(tips).toContain('Germany: No national data');
    expect(tips).toContain('Greece: No national data');
    expect(tips).toContain('United States, 2023: 35%\nSynthetic (demonstration, not real)\nStatus: Synthetic\nSource: Source src');
  });

  it('says the UK’s shape stands for England, the only nation shown', () => {
    expect(mapNotes(input())).toContain('The map has no separate shapes for England, Wales and Scotland: the United Kingdom’s shape shows England.');
  });

  it('leaves the UK uncoloured when several nations have values, listing each in its tooltip', () => {
    const nations = [...fiveCountries.slice(0, 1), { code: 'GB-WLS', name: 'Wales' }, ...fiveCountries.slice(1)];
    const both = input({ countries: nations, rows: [...rows, row('GB-WLS', 2023, 30)] });
    const figure = draw(mapChart(both));
    expect(figure.querySelectorAll('g.sprig-nations path')).toHaveLength(1);
    expect(figure.querySelectorAll('g.sprig-values path')).toHaveLength(2);
    expect(tooltips(mapChart(both), 'sprig-tip')).toContain('United Kingdom\nEngland: 41%\nWales: 30%');
    expect(mapNotes(both).join(' ')).toMatch(/the United Kingdom’s shape is left uncoloured/);
  });

  it('uses a colour-blind-safe sequential scale', () => {
    const options = mapChart(input());
    expect(options.color).toMatchObject({ scheme: 'viridis', type: 'quantize' });
    expect(mapChart(input({ logScale: true })).color).toMatchObject({ scheme: 'viridis', type: 'threshold', domain: [50] });
    expect(options.projection).toMatchObject({ type: 'equal-earth' });
  });
});
