import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import type { MappingDraft } from '../../src/shared/mapping/mapping-spec.ts';
import { parseViewSpec } from '../../src/shared/view-spec.ts';
import { copyCorpusPackages, germanNamedPackage } from '../support/partner-packages.ts';
import { tempDir } from '../support/temp.ts';

/**
 * Partners' packages that are not shaped like Sprig's, mapped and then charted by the very
 * views the demo uses: real public packages (World Bank population and GDP, global CO₂, BIS
 * and Case-Shiller house prices) and a German-named one.
 */
let data: string;
let store: string;
let engine: Engine;

async function view(dataset: string, spec: Record<string, unknown>): Promise<Record<string, unknown>[]> {
  const parsed = parseViewSpec({ version: 2, dataset, view: 'trend', ...spec });
  return tableFromIPC(await engine.runView({ spec: parsed })).toArray().map((r) => r.toJSON() as Record<string, unknown>);
}

/** Sprig's guess for a table, with the blanks filled and every value the matcher did not place left out. */
async function guessed(dataset: string, table: string, change: (draft: MappingDraft) => MappingDraft = (d) => d): Promise<MappingDraft> {
  const first = await engine.inspectMapping({ dataset, table });
  const draft = change(first.draft);
  const checked = await engine.inspectMapping({ dataset, table, draft });
  const leftOut = Object.fromEntries(checked.check.countryValues.filter((c) => !c.decided).map((c) => [c.raw, null]));
  return { ...draft, countries: { ...draft.countries, ...leftOut } };
}

beforeAll(async () => {
  data = await tempDir('sprig-partners-');
  store = await tempDir('sprig-store-');
  await copyCorpusPackages(data, ['population', 'gdp', 'co2-fossil-global', 'house-prices-global', 'house-prices-us']);
  await germanNamedPackage(data);
  engine = await Engine.open({ storeDir: store, bundledDataDirs: [], extraDataDirs: [data] });
});
afterAll(() => engine.close());

describe('mapping the World Bank’s population package', () => {
  it('opens with no indicators, and a guess: the alpha-3 code column, the year, the value', async () => {
    expect((await engine.describeDataset({ dataset: 'population' })).indicatorDetails).toEqual([]);
    const inspection = await engine.inspectMapping({ dataset: 'population', table: 'population' });
    expect(inspection.preview[0]).toEqual(['Aruba', 'ABW', 1960, 54922]);
    expect(inspection.draft.layout).toEqual({ kind: 'long', country: { column: 'Country Code' }, period: { column: 'Year', kind: 'year', financialYearStart: 4 } });
    // The descriptor names the column "Value" and says nothing more: the user is asked.
    expect(inspection.check.problems.map((p) => p.code)).toEqual(['name-missing', 'unit-missing', 'countries-undecided']);
    const undecided = inspection.check.countryValues.filter((c) => !c.decided).map((c) => c.raw);
    expect(undecided).toContain('ARB');
    expect(undecided).toContain('EAS');
    expect(inspection.check.countryValues.find((c) => c.raw === 'WLD')).toMatchObject({ code: '001', decided: true });
  });

  it('refuses to save while anything is undecided, and changes nothing', async () => {
    const draft = (await engine.inspectMapping({ dataset: 'population', table: 'population' })).draft;
    await expect(engine.saveMapping({ dataset: 'population', draft })).rejects.toMatchObject({ code: 'mapping-invalid', detail: { problem: 'name-missing' } });
    expect(await engine.listMappings({ dataset: 'population' })).toEqual([]);
  });

  it('once named, measured and every aggregate left out, answers a trend with Aruba in 1960', async () => {
    const draft = await guessed('population', 'population', (d) => ({ ...d, indicators: [{ ...d.indicators[0]!, name: 'Population', unit: 'people' }] }));
    const saved = await engine.saveMapping({ dataset: 'population', draft });
    expect(saved).toMatchObject({ table: 'population', problems: [], unavailable: null, indicators: [{ id: 'population__value', name: 'Population' }] });
    expect(saved.countries).toBeGreaterThan(200);

    const rows = await view('population', { indicator: 'population__value', countries: ['AW'] });
    expect(rows[0]).toMatchObject({
      country: 'AW', period: '1960', period_start: Date.UTC(1960, 0, 1), period_end: Date.UTC(1960, 11, 31),
      value: 54922, status: 'published', kind: 'published', synthetic: false, source: 'population', reason: null,
    });
    expect(rows.map((r) => r.period)).toContain('2024');
  });

  it('describes the mapped indicator like any other: not comparable, its countries named through Intl, the package as source', async () => {
    const description = await engine.describeDataset({ dataset: 'population' });
    const indicator = description.indicatorDetails.find((i) => i.id === 'population__value');
    expect(indicator).toMatchObject({ unit: 'people', comparabilityLevel: 'not_comparable', scope: 'national', mapped: { table: 'population', column: 'Value' } });
    expect(indicator?.periods[0]).toBe('1960');
    expect(description.countries.find((c) => c.code === 'DE')).toMatchObject({ name: 'Germany', names: { de: 'Deutschland', el: 'Γερμανία' } });
    expect(description.countries.find((c) => c.code === '001')).toMatchObject({ name: 'World', names: { de: 'Welt', el: 'Κόσμος' } });
    expect(description.sources).toEqual([
      { id: 'population', title: 'Population figures for countries, regions (e.g. Asia) and the world', organisation: 'World Bank', year: 2023, url: 'http://data.worldbank.org/indicator/SP.POP.TOTL', licence: 'Open Data Commons Public Domain Dedication and License v1.0' },
    ]);
    const catalogue = await engine.listDatasets();
    expect(catalogue.datasets.find((d) => d.name === 'population')).toMatchObject({ indicatorCount: 1, indicators: ['population__value'] });
  });

  it('every indicator view answers; the UK is the UK; no map while the user has not said countries compare', async () => {
    const five = { indicator: 'population__value', countries: ['GB', 'US', 'AU', 'DE', 'GR'] };
    const latest = await view('population', { ...five, view: 'latest' });
    expect(latest.map((r) => [r.country, r.period])).toEqual([['GB', '2024'], ['US', '2024'], ['AU', '2024'], ['DE', '2024'], ['GR', '2024']]);
    const slope = await view('population', { ...five, view: 'slope', from: '1960', to: '2024' });
    expect(slope.filter((r) => r.country === 'GR').map((r) => r.period)).toEqual(['1960', '2024']);
    expect((await view('population', { ...five, view: 'small-multiples' })).length).toBe(5 * 65);
    const indexed = await view('population', { ...five, transform: 'indexed', indexBase: '1960' });
    expect(indexed.find((r) => r.country === 'DE' && r.period === '1960')?.value).toBeCloseTo(100, 9);
    await expect(view('population', { ...five, view: 'map' })).rejects.toMatchObject({ code: 'view-not-supported', detail: { context: 'map' } });
    await expect(view('population', { ...five, transform: 'per100k' })).rejects.toMatchObject({ code: 'transform-not-applicable' });
  });

  it('keeps the mapping in Sprig’s store, naming the package, and never touches the package', async () => {
    const files = await readdir(path.join(store, 'mappings', 'population'));
    expect(files).toEqual(['population.sprig-mapping.json']);
    const saved = JSON.parse(await readFile(path.join(store, 'mappings', 'population', files[0]!), 'utf8'));
    expect(saved).toMatchObject({ format: 'sprig-mapping', version: 1, package: { name: 'population', version: '2023-03-30', path: path.join(data, 'population') } });
    // Every value's fate is written down: the matcher's answers as well as the user's.
    expect(saved.countries).toMatchObject({ ABW: 'AW', ARB: null, WLD: '001' });
    expect((await readdir(path.join(data, 'population'))).sort()).toEqual(['data', 'datapackage.json']);
  });

  it('opens again with Sprig, and a saved view of it too', async () => {
    const again = await Engine.open({ storeDir: store, bundledDataDirs: [], extraDataDirs: [data] });
    try {
      const spec = parseViewSpec({ version: 2, dataset: 'population', view: 'trend', indicator: 'population__value', countries: ['AW'] });
      const rows = tableFromIPC(await again.runView({ spec })).toArray();
      expect(rows[0]?.toJSON()).toMatchObject({ country: 'AW', period: '1960', value: 54922 });
    } finally {
      again.close();
    }
  });
});

describe('the other corpus packages', () => {
  it('GDP: Germany, the United States and Greece in current US dollars', async () => {
    await engine.saveMapping({ dataset: 'gdp', draft: await guessed('gdp', 'gdp') });
    const rows = await view('gdp', { indicator: 'gdp__value', countries: ['DE', 'US', 'GR'], view: 'latest' });
    expect(rows.map((r) => r.country)).toEqual(['US', 'DE', 'GR']);
    expect((await engine.describeDataset({ dataset: 'gdp' })).indicatorDetails[0]).toMatchObject({ name: 'GDP in current USD', unit: 'USD' });
  });

  it('global CO₂: a table of world totals, one indicator per measure the user keeps', async () => {
    const draft = await guessed('co2-fossil-global', 'global', (d) => ({ ...d, indicators: d.indicators.filter((i) => i.column === 'Total') }));
    expect(draft.layout).toMatchObject({ country: { fixed: '001' } });
    await engine.saveMapping({ dataset: 'co2-fossil-global', draft });
    const rows = await view('co2-fossil-global', { indicator: 'global__total' });
    expect(rows[0]).toMatchObject({ country: '001', period: '1750', value: 3 });
  });

  it('BIS house prices: quarters from quarter-end dates, the BIS aggregates left out', async () => {
    const draft = await guessed('house-prices-global', 'nominal-index');
    expect(draft.countries).toEqual({ '4T': null, '5R': null, XM: null, XW: null });
    await engine.saveMapping({ dataset: 'house-prices-global', draft });
    const rows = await view('house-prices-global', { indicator: 'nominal_index__price', countries: ['GB', 'US', 'AU', 'DE', 'GR'], filters: { from: '2023-01-01', to: '2023-12-31' } });
    expect(rows.filter((r) => r.country === 'DE').map((r) => r.period)).toEqual(['Q1 2023', 'Q2 2023', 'Q3 2023', 'Q4 2023']);
    expect(rows.find((r) => r.country === 'DE' && r.period === 'Q3 2023')).toMatchObject({ period_start: Date.UTC(2023, 6, 1), period_end: Date.UTC(2023, 8, 30) });
  });

  it('US house prices, wide: only the national column is a country; the cities are left out, never passed off as the US', async () => {
    const first = await engine.inspectMapping({ dataset: 'house-prices-us', table: 'cities-nsa' });
    const columns = first.columns.filter((c) => c.name !== 'Date').map((c) => c.name);
    const wide: MappingDraft = {
      table: 'cities-nsa',
      layout: { kind: 'countries-as-columns', countryColumns: columns, period: { column: 'Date', kind: 'month', financialYearStart: 4 } },
      indicators: [{ name: 'Case-Shiller home price index, not seasonally adjusted', unit: 'index (Jan 2000 = 100)', definition: '', kind: 'published', comparability: 'not_comparable' }],
      countries: {},
    };
    const checked = await engine.inspectMapping({ dataset: 'house-prices-us', table: 'cities-nsa', draft: wide });
    // No city is taken for a country: all 23 columns wait for the user.
    expect(checked.check.countryValues.filter((c) => !c.decided)).toHaveLength(23);
    // Mapping every city to the United States is refused: a country has one value a month.
    const allUs = Object.fromEntries(columns.map((c) => [c, 'US']));
    const refused = await engine.inspectMapping({ dataset: 'house-prices-us', table: 'cities-nsa', draft: { ...wide, countries: allUs } });
    expect(refused.check.problems).toMatchObject([{ code: 'duplicates', country: 'US', period: 'Jan 1987' }]);

    const honest = Object.fromEntries(columns.map((c) => [c, c === 'National-US' ? 'US' : null]));
    await engine.saveMapping({ dataset: 'house-prices-us', draft: { ...wide, countries: honest } });
    const rows = await view('house-prices-us', { indicator: 'cities_nsa__value' });
    expect(new Set(rows.map((r) => r.country))).toEqual(new Set(['US']));
    expect(rows[0]).toMatchObject({ period: 'Jan 1987', value: 66.358 });
  });

  it('German country names: Deutschland, Griechenland and Vereinigtes Königreich chart as Germany, Greece and the UK', async () => {
    const inspection = await engine.inspectMapping({ dataset: 'bevoelkerung-de', table: 'bevoelkerung' });
    expect(inspection.check.countryValues.map((c) => [c.raw, c.code])).toEqual([
      ['Deutschland', 'DE'],
      ['Griechenland', 'GR'],
      ['Vereinigtes Königreich', 'GB'],
    ]);
    expect(inspection.draft.indicators).toMatchObject([{ column: 'Einwohner', name: 'Einwohner', unit: 'million people' }]);
    expect(inspection.check.problems).toEqual([]);
    await engine.saveMapping({ dataset: 'bevoelkerung-de', draft: inspection.draft });
    const rows = await view('bevoelkerung-de', { indicator: 'bevoelkerung__einwohner', view: 'latest' });
    expect(rows.map((r) => [r.country, r.period, r.value])).toEqual([['GB', '2023', 68.3], ['DE', '2023', 84.7], ['GR', '2023', 10.4]]);
  });

  it('a package changed since: what the mapping cannot place is listed, never dropped silently; the rest still charts', async () => {
    const csv = path.join(data, 'bevoelkerung-de', 'bevoelkerung.csv');
    const before = await readFile(csv, 'utf8');
    await writeFile(csv, `${before}Atlantis,2023,1.0\nFrankreich,2023,68.2\n`);
    const again = await Engine.open({ storeDir: store, bundledDataDirs: [], extraDataDirs: [data] });
    try {
      const [summary] = await again.listMappings({ dataset: 'bevoelkerung-de' });
      expect(summary?.problems).toEqual([{ code: 'countries-undecided', count: 1, examples: '“Atlantis”' }]);
      const spec = parseViewSpec({ version: 2, dataset: 'bevoelkerung-de', view: 'latest', indicator: 'bevoelkerung__einwohner' });
      const rows = tableFromIPC(await again.runView({ spec })).toArray().map((r) => r.toJSON() as Record<string, unknown>);
      // A new name Sprig knows is placed; the unknown one waits for the user.
      expect(rows.map((r) => r.country)).toEqual(['GB', 'DE', 'GR', 'FR']);
    } finally {
      again.close();
      await writeFile(csv, before);
    }
  });

  it('once the user says the countries compare, the map is offered too', async () => {
    const draft = (await engine.listMappings({ dataset: 'bevoelkerung-de' }))[0]!.draft!;
    await expect(view('bevoelkerung-de', { indicator: 'bevoelkerung__einwohner', view: 'map' })).rejects.toMatchObject({ code: 'view-not-supported' });
    await engine.saveMapping({ dataset: 'bevoelkerung-de', draft: { ...draft, indicators: [{ ...draft.indicators[0]!, comparability: 'comparable' }] } });
    const rows = await view('bevoelkerung-de', { indicator: 'bevoelkerung__einwohner', view: 'map' });
    expect(rows.map((r) => r.country)).toEqual(['GB', 'DE', 'GR']);
  });

  it('lists every mapping, and forgets one when asked: its indicators leave the package', async () => {
    expect((await engine.listMappings({})).map((m) => `${m.dataset}/${m.table}`).sort()).toEqual([
      'bevoelkerung-de/bevoelkerung', 'co2-fossil-global/global', 'gdp/gdp', 'house-prices-global/nominal-index', 'house-prices-us/cities-nsa', 'population/population',
    ]);
    await engine.removeMapping({ dataset: 'gdp', table: 'gdp' });
    expect((await engine.describeDataset({ dataset: 'gdp' })).indicatorDetails).toEqual([]);
    await expect(view('gdp', { indicator: 'gdp__value' })).rejects.toMatchObject({ code: 'view-not-supported' });
    await expect(engine.removeMapping({ dataset: 'gdp', table: 'gdp' })).rejects.toMatchObject({ code: 'mapping-not-found' });
  });
});
