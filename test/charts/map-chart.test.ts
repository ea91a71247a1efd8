// @vitest-environment jsdom
import { geoArea, geoBounds, geoCentroid } from 'd3-geo';
import { describe, expect, it } from 'vitest';
import { mapChart, mapLayout, mapNotes, type MapChartInput } from '../../src/shared/charts/map-chart.ts';
import { colourBreaks, legendNumber, legendTicks, TICK_GAP } from '../../src/shared/charts/map-legend.ts';
import { mapOutline } from '../../src/shared/charts/map-shapes.ts';
import { textWidth } from '../../src/shared/charts/text-width.ts';
import { createI18n } from '../../src/shared/i18n/create.ts';
import { expectSvgSnapshot } from '../support/svg-snapshot.ts';
import { draw, fiveCountries, row, sourceLabel, synthetic, t, texts, tooltips } from './fixtures.ts';

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

/** The UK's nations shown apart, each with its own value, beside the other four. */
const nations = [
  { code: 'GB-ENG', name: 'England' },
  { code: 'GB-WLS', name: 'Wales' },
  { code: 'GB-SCT', name: 'Scotland' },
  ...fiveCountries.slice(1),
];
const nationRows = [row('GB-ENG', 2023, 1_300_000), row('GB-WLS', 2021, 25_000), row('GB-SCT', 2024, 250), row('US', 2023, 1_940, synthetic), row('AU', 2023, null), row('DE', 2022, 17_000), row('GR', 2023, null)];

/** Every number in a path's `d`, as [x, y] pairs. */
function pathPoints(d: string): [number, number][] {
  const numbers = (d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
  return Array.from({ length: numbers.length / 2 }, (_, i) => [numbers[2 * i]!, numbers[2 * i + 1]!]);
}

describe('the map', () => {
  it('draws as it did (snapshot)', async () => {
    await expectSvgSnapshot(import.meta.dirname, 'map-five-countries.html', draw(mapChart(input())).outerHTML);
  });

  it('is one SVG, its colour legend inside, so the figure stands alone', () => {
    const figure = draw(mapChart(input()));
    expect(figure.querySelectorAll('svg')).toHaveLength(1);
    expect(figure.querySelectorAll('g.sprig-legend-class path')).toHaveLength(mapLayout(input()).breaks.length - 1);
    // No world behind the countries: only the shown countries are drawn.
    expect(figure.querySelectorAll('g.sprig-values path, g.sprig-no-data path')).toHaveLength(5);
  });

  it('ships outlines for England, Wales, Scotland and Northern Ireland apart, and the UK as their union', () => {
    const england = mapOutline('GB-ENG')!;
    const wales = mapOutline('GB-WLS')!;
    const scotland = mapOutline('GB-SCT')!;
    for (const code of ['GB', 'GB-NIR', 'US', 'AU', 'DE', 'GR']) expect(mapOutline(code), code).toBeDefined();
    expect(mapOutline('FR')).toBeUndefined();
    // England is about six times the size of Wales; Wales lies west of England, Scotland north.
    expect(geoArea(england) / geoArea(wales)).toBeGreaterThan(5);
    expect(geoArea(england) / geoArea(wales)).toBeLessThan(7.5);
    expect(geoCentroid(wales)[0]).toBeLessThan(geoCentroid(england)[0]);
    expect(geoCentroid(scotland)[1]).toBeGreaterThan(geoBounds(england)[1][1] - 0.5);
    const parts = ['GB-ENG', 'GB-WLS', 'GB-SCT', 'GB-NIR'].map((code) => geoArea(mapOutline(code)!)).reduce((a, b) => a + b);
    expect(geoArea(mapOutline('GB')!)).toBeCloseTo(parts, 6);
  });

  it('gives England, Wales and Scotland each its own tile, coloured by its own value', () => {
    const shown = input({ countries: nations, rows: nationRows, unit: 'people' });
    const layout = mapLayout(shown);
    expect(layout.tiles.map((tile) => tile.code)).toEqual(['GB-ENG', 'GB-WLS', 'GB-SCT', 'US', 'AU', 'DE', 'GR']);
    const colour = (code: string) => layout.tiles.find((tile) => tile.code === code)!.colour;
    expect(colour('GB-ENG')).not.toBe(colour('GB-WLS'));
    expect(colour('GB-WLS')).toBe(colour('GB-SCT'));
    const figure = draw(mapChart(shown));
    const drawn = [...figure.querySelectorAll('g.sprig-values path')].map((p) => p.getAttribute('d'));
    expect(drawn).toHaveLength(5);
    expect(new Set(drawn).size).toBe(5);
    expect(texts(figure, 'g.sprig-map-name text')).toEqual(['England', 'Wales', 'Scotland', 'United States', 'Australia', 'Germany', 'Greece']);
    expect(texts(figure, 'g.sprig-map-value text')).toEqual(['1,300,000 people (2023)', '25,000 people (2021)', '250 people (2024)', '1,940 people (2023)', '17,000 people (2022)']);
  });

  it('fits each country into its own tile, filling it', () => {
    const layout = mapLayout(input({ countries: nations, rows: nationRows }));
    for (const tile of layout.tiles) {
      const points = tile.outline.coordinates.flat(2) as unknown as [number, number][];
      const xs = points.map((p) => p[0]);
      const ys = points.map((p) => p[1]);
      expect(Math.min(...xs), tile.code).toBeGreaterThanOrEqual(tile.box.x);
      expect(Math.max(...xs), tile.code).toBeLessThanOrEqual(tile.box.x + tile.box.width);
      expect(Math.min(...ys), tile.code).toBeGreaterThanOrEqual(tile.box.y);
      expect(Math.max(...ys), tile.code).toBeLessThanOrEqual(tile.nameY);
      const fill = Math.max((Math.max(...xs) - Math.min(...xs)) / (tile.box.width - 12), (Math.max(...ys) - Math.min(...ys)) / (tile.nameY - 8 - tile.box.y - 12));
      expect(fill, tile.code).toBeGreaterThan(0.97);
    }
    const england = draw(mapChart(input({ countries: nations, rows: nationRows }))).querySelector('g.sprig-values path')!;
    const xs = pathPoints(england.getAttribute('d')!).map((p) => p[0]);
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(80);
  });

  it('keeps labels apart: each wrapped to its tile, tiles side by side without overlapping, in every language', () => {
    for (const locale of ['en-GB', 'de', 'el']) {
      const i18n = createI18n(locale);
      const layout = mapLayout(input({ countries: nations, rows: nationRows, unit: 'people', locale, t: i18n.t, width: 520 }));
      const boxes = layout.tiles.map((tile) => tile.box);
      for (const [i, a] of boxes.entries()) {
        for (const b of boxes.slice(i + 1)) {
          const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
          expect(apart, `${locale}: tiles overlap`).toBe(true);
        }
      }
      for (const tile of layout.tiles) {
        for (const line of tile.nameLines) expect(textWidth(line, 13, true), `${locale} ${line}`).toBeLessThanOrEqual(tile.box.width);
        for (const line of tile.valueLines) expect(textWidth(line, 12), `${locale} ${line}`).toBeLessThanOrEqual(tile.box.width);
        expect(tile.valueY + tile.valueLines.length * 12 * 1.2, `${locale} ${tile.code}`).toBeLessThanOrEqual(tile.box.y + tile.box.height + 1);
      }
    }
  });

  it('hatches countries without a value and says why beneath them', () => {
    const figure = draw(mapChart(input()));
    expect(figure.querySelectorAll('g.sprig-values path')).toHaveLength(3);
    expect(figure.querySelectorAll('g.sprig-no-data path')).toHaveLength(2);
    expect(texts(figure, 'g.sprig-map-missing text')).toEqual(['No national data', 'No national data']);
    const patternId = figure.querySelector('pattern')!.getAttribute('id');
    expect(figure.querySelector('g.sprig-no-data')?.getAttribute('fill')).toBe(`url(#${patternId})`);
    expect(figure.querySelector('g.sprig-values.sprig-synthetic')?.getAttribute('stroke-dasharray')).toBe('3,2');
    expect(texts(figure, 'g.sprig-legend-text text')).toEqual(['Dashed outline: synthetic', 'Hatched: no value']);
  });

  it('gives each drawn map its own hatching id, so two maps on one page do not share one', () => {
    const ids = [draw(mapChart(input())), draw(mapChart(input()))].map((figure) => figure.querySelector('pattern')!.getAttribute('id'));
    expect(ids[0]).not.toBe(ids[1]);
    expect(ids[0]).not.toBe('sprig-hatch');
  });

  it('says “No national data” in the tooltip of a country without a value', () => {
    const tips = tooltips(mapChart(input()), 'sprig-tip');
    expect(tips).toContain('Germany: No national data');
    expect(tips).toContain('Greece: No national data');
    expect(tips).toContain('United States, 2023: 35%\nSynthetic (demonstration, not real)\nStatus: Synthetic\nSource: Source src');
  });

  it('says shapes are not to scale, and names countries it has no outline for', () => {
    const notes = mapNotes(input({ countries: [...fiveCountries, { code: 'FR', name: 'France' }] }));
    expect(notes).toContain('Each country is drawn to fill its own tile: shapes are not to scale with one another.');
    expect(notes).toContain('No shape on the map for France.');
    expect(mapNotes(input()).join(' ')).not.toMatch(/no separate shapes/);
  });

  it('colours in round classes from zero, on a log scale in steps of 1, 2 and 5', () => {
    expect(colourBreaks([41, 35, 52], false)).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(colourBreaks([1_300_000, 25_000, 250], false)).toEqual([0, 200_000, 400_000, 600_000, 800_000, 1_000_000, 1_200_000, 1_400_000]);
    expect(colourBreaks([-3, 4], false)).toEqual([-3, -2, -1, 0, 1, 2, 3, 4]);
    expect(colourBreaks([35, 41, 52], true)).toEqual([20, 50, 100]);
    expect(colourBreaks([250, 1_300_000], true)).toEqual([100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000]);
  });

  it('never lets two legend tick labels overlap: numbers compact in the reader’s language, ticks thinned', () => {
    expect(legendNumber(1_200_000, 'people', 'en-GB')).toBe('1.2m');
    expect(legendNumber(1_200_000, 'people', 'de')).toBe('1,2\u00a0Mio.');
    expect(legendNumber(1_200_000, 'people', 'el')).toBe('1,2\u00a0εκ.');
    expect(legendNumber(40, '%', 'de')).toBe('40\u00a0%');
    for (const locale of ['en-GB', 'en-US', 'de', 'el']) {
      for (const swatch of [28, 40, 64]) {
        const ticks = legendTicks(colourBreaks([1_300_000, 25_000, 250], false), swatch, (n) => legendNumber(n, 'people', locale), 12);
        expect(ticks.length).toBeGreaterThanOrEqual(2);
        for (const [i, tick] of ticks.entries()) {
          if (i > 0) expect(tick.x - ticks[i - 1]!.x, `${locale} ${swatch}px: ${ticks[i - 1]!.text} / ${tick.text}`).toBeGreaterThanOrEqual((tick.width + ticks[i - 1]!.width) / 2 + TICK_GAP);
        }
      }
    }
    const narrow = legendTicks([0, 200_000, 400_000, 600_000, 800_000], 28, (n) => legendNumber(n, 'people', 'de'), 12);
    expect(narrow.map((tick) => tick.value)).toEqual([0, 400_000, 800_000]);
  });

  it('on a log scale, says a value of zero or below cannot be drawn, never that there is no data', () => {
    const layout = mapLayout(input({ logScale: true, rows: [...rows.slice(1), row('GB-ENG', 2023, 0)] }));
    const england = layout.tiles.find((tile) => tile.code === 'GB-ENG')!;
    expect(england.colour).toBeNull();
    expect(england.valueLines.join(' ')).toBe('Zero or below: not drawn on a log scale');
    expect(england.tooltip).toBe('England: Zero or below: not drawn on a log scale');
  });
});
