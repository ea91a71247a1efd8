import { describe, expect, it } from 'vitest';
import type { TableDescription } from '../../src/shared/catalogue.ts';
import { applyMapping, structureProblems, toLongValues } from '../../src/shared/mapping/apply-mapping.ts';
import { guessMapping, guessUnit } from '../../src/shared/mapping/guess-mapping.ts';
import {
  MAPPING_VERSION,
  mappedIndicatorId,
  mappingDraftSchema,
  migrateTableMapping,
  MappingVersionError,
  readTableMapping,
  type MappingDraftInput,
} from '../../src/shared/mapping/mapping-spec.ts';

const draft = (input: MappingDraftInput) => mappingDraftSchema.parse(input);
const indicator = { name: 'Population', unit: 'people' };
const context = { source: 'population' };

describe('wide tables to long', () => {
  it('years as columns: one value per country and year', () => {
    const mapping = draft({
      table: 't',
      layout: { kind: 'periods-as-columns', country: { column: 'Country' }, period: { columns: ['1960', '1961'], kind: 'year' } },
      indicators: [indicator],
    });
    expect(toLongValues(mapping, [{ country: 'Aruba', v0: 54922, v1: 55578 }, { country: 'Greece', v0: 8.3e6, v1: null }])).toEqual([
      { country: 'Aruba', period: '1960', indicator: 0, value: 54922 },
      { country: 'Aruba', period: '1961', indicator: 0, value: 55578 },
      { country: 'Greece', period: '1960', indicator: 0, value: 8.3e6 },
      { country: 'Greece', period: '1961', indicator: 0, value: null },
    ]);
  });

  it('countries as columns: one value per period and column', () => {
    const mapping = draft({
      table: 't',
      layout: { kind: 'countries-as-columns', countryColumns: ['National-US', 'AZ-Phoenix'], period: { column: 'Date', kind: 'month' } },
      indicators: [indicator],
    });
    expect(toLongValues(mapping, [{ period: '1987-01-01', v0: 63.7, v1: 100 }])).toEqual([
      { country: 'National-US', period: '1987-01-01', indicator: 0, value: 63.7 },
      { country: 'AZ-Phoenix', period: '1987-01-01', indicator: 0, value: 100 },
    ]);
  });

  it('long with several value columns: one indicator each; a whole table may be one country', () => {
    const mapping = draft({
      table: 'global',
      layout: { kind: 'long', country: { fixed: '001' }, period: { column: 'Year', kind: 'year' } },
      indicators: [{ ...indicator, column: 'Total' }, { ...indicator, column: 'Cement' }],
    });
    expect(toLongValues(mapping, [{ period: '2020', v0: 9000, v1: 400 }])).toEqual([
      { country: '001', period: '2020', indicator: 0, value: 9000 },
      { country: '001', period: '2020', indicator: 1, value: 400 },
    ]);
  });
});

describe('applying a mapping', () => {
  const populationDraft = (countries: Record<string, string | null> = {}) =>
    draft({
      table: 'population',
      layout: { kind: 'long', country: { column: 'Country Code' }, period: { column: 'Year', kind: 'year' } },
      indicators: [{ ...indicator, column: 'Value' }],
      countries,
    });
  const rows = [
    { country: 'ABW', period: '1960', v0: 54922 },
    { country: 'ABW', period: '1961', v0: 55578 },
    { country: 'ARB', period: '1960', v0: 9.2e7 },
    { country: 'GRC', period: '1960', v0: null },
  ];

  it('gives each value as the indicator views read country_year_indicator: published, not synthetic, the package as source', () => {
    const { values, check } = applyMapping(populationDraft({ ARB: null }), rows, context);
    expect(check.problems).toEqual([]);
    expect(values.get('population__value')).toEqual([
      {
        country: 'AW', period: '1960', period_start: Date.UTC(1960, 0, 1), period_end: Date.UTC(1960, 11, 31), value: 54922,
        lower: null, upper: null, status: 'published', synthetic: false, source: 'population', note: null, qualifier: null, programme: null,
      },
      expect.objectContaining({ country: 'AW', period: '1961', value: 55578 }),
      // A blank value stays, as a value without a number: the views say why it is missing.
      expect.objectContaining({ country: 'GR', period: '1960', value: null }),
    ]);
    expect(check.indicators).toEqual([{ id: 'population__value', name: 'Population', values: 2, countries: 1 }]);
    expect(check.periods).toEqual({ count: 2, first: '1960', last: '1961' });
  });

  it('lists every country value with what became of it, and refuses while one is undecided', () => {
    const { values, check } = applyMapping(populationDraft(), rows, context);
    expect(check.countryValues).toEqual([
      { raw: 'ABW', rows: 2, match: { kind: 'matched', code: 'AW', by: 'code' }, code: 'AW', decided: true },
      { raw: 'ARB', rows: 1, match: { kind: 'unmatched' }, code: null, decided: false },
      { raw: 'GRC', rows: 1, match: { kind: 'matched', code: 'GR', by: 'code' }, code: 'GR', decided: true },
    ]);
    expect(check.problems).toEqual([{ code: 'countries-undecided', count: 1, examples: '“ARB”' }]);
    expect(values.get('population__value')?.some((v) => v.value === 9.2e7)).toBe(false);
  });

  it('the user may map a value the matcher does not know, or overrule one it does', () => {
    const { values } = applyMapping(populationDraft({ ARB: 'XK', ABW: null }), rows, context);
    expect([...new Set(values.get('population__value')?.map((v) => v.country))]).toEqual(['GR', 'XK']);
  });

  it('says which periods it cannot read, and which country has two values for one period', () => {
    const bad = [...rows, { country: 'ABW', period: 'total', v0: 1 }, { country: 'Aruba', period: '1960', v0: 2 }];
    const { check } = applyMapping(populationDraft({ ARB: null }), bad, context);
    expect(check.problems).toEqual([
      { code: 'periods-unreadable', column: 'Year', kind: 'year', count: 1, examples: '“total”' },
      { code: 'duplicates', count: 1, country: 'AW', period: '1960', indicator: 'Population' },
    ]);
  });

  it('says so when everything is left out', () => {
    expect(applyMapping(populationDraft({ ABW: null, ARB: null, GRC: null }), rows, context).check.problems).toEqual([{ code: 'nothing-mapped' }]);
  });

  it('refuses columns that are missing, chosen twice, or not declared numbers, and asks for a name and a unit', () => {
    const table: TableDescription = {
      name: 'population',
      title: null,
      rowCount: 4,
      columns: [
        { name: 'Country Code', type: 'VARCHAR', title: null, description: null },
        { name: 'Year', type: 'INTEGER', title: null, description: null },
        { name: 'Value', type: 'DOUBLE', title: null, description: null },
      ],
    };
    const mapping = draft({
      table: 'population',
      layout: { kind: 'long', country: { column: 'Country Code' }, period: { column: 'Year', kind: 'year' } },
      indicators: [{ column: 'Country Code', name: '', unit: ' ' }, { column: 'Nope', name: 'x', unit: 'y' }],
    });
    expect(structureProblems(mapping, table)).toEqual([
      { code: 'column-twice', column: 'Country Code' },
      { code: 'column-not-found', column: 'Nope' },
      { code: 'value-not-number', column: 'Country Code', type: 'VARCHAR' },
      { code: 'name-missing', column: 'Country Code' },
      { code: 'unit-missing', column: 'Country Code' },
    ]);
    expect(structureProblems(mapping, undefined)).toEqual([{ code: 'table-not-found', table: 'population' }]);
  });
});

describe('guessing a mapping', () => {
  const column = (name: string, type: string, description: string | null = null) => ({ name, type, title: null, description });

  it('a country code column, a year column and a value, with the descriptor’s words for name and unit', () => {
    const table: TableDescription = {
      name: 'gdp',
      title: null,
      rowCount: 3,
      columns: [column('Country Name', 'VARCHAR'), column('Country Code', 'VARCHAR'), column('Year', 'INTEGER'), column('Value', 'DOUBLE', 'GDP in current USD')],
    };
    const samples = new Map([
      ['Country Name', ['Aruba', 'Arab World', 'Germany']],
      ['Country Code', ['ABW', 'ARB', 'DEU']],
      ['Year', ['1960', '1961']],
    ]);
    expect(guessMapping({ table, samples, packageText: 'GDP' })).toEqual({
      table: 'gdp',
      layout: { kind: 'long', country: { column: 'Country Code' }, period: { column: 'Year', kind: 'year', financialYearStart: 4 } },
      indicators: [{ column: 'Value', name: 'GDP in current USD', unit: 'USD', definition: 'GDP in current USD', kind: 'published', comparability: 'not_comparable' }],
      countries: {},
    });
  });

  it('years as columns', () => {
    const table: TableDescription = { name: 'wide', title: 'Bevölkerung', rowCount: 2, columns: [column('Land', 'VARCHAR'), column('2021', 'DOUBLE'), column('2022', 'DOUBLE'), column('2023', 'DOUBLE')] };
    const guess = guessMapping({ table, samples: new Map([['Land', ['Deutschland', 'Griechenland']]]), packageText: '' });
    expect(guess.layout).toEqual({ kind: 'periods-as-columns', country: { column: 'Land' }, period: { columns: ['2021', '2022', '2023'], kind: 'year', financialYearStart: 4 } });
    expect(guess.indicators).toMatchObject([{ name: 'Bevölkerung', unit: '' }]);
  });

  it('countries as columns', () => {
    const table: TableDescription = { name: 'wide', title: null, rowCount: 2, columns: [column('Date', 'DATE'), column('Germany', 'DOUBLE'), column('France', 'DOUBLE'), column('Composite', 'DOUBLE')] };
    const guess = guessMapping({ table, samples: new Map([['Date', ['2020-01-01', '2020-02-01']]]), packageText: '' });
    expect(guess.layout).toEqual({ kind: 'countries-as-columns', countryColumns: ['Germany', 'France', 'Composite'], period: { column: 'Date', kind: 'month', financialYearStart: 4 } });
  });

  it('a table without a country column covers what its package’s title says: the world, or one country', () => {
    const table: TableDescription = { name: 'global', title: null, rowCount: 2, columns: [column('Year', 'INTEGER'), column('Total', 'DOUBLE')] };
    const samples = new Map([['Year', ['1750', '1751']]]);
    expect(guessMapping({ table, samples, packageText: 'Global CO2 Emissions from Fossil Fuels since 1750' }).layout).toMatchObject({ country: { fixed: '001' } });
    expect(guessMapping({ table, samples, packageText: 'US House Price Index (Case-Shiller)' }).layout).toMatchObject({ country: { fixed: 'US' } });
  });

  it('units from the descriptor’s words, or none (then the user is asked)', () => {
    expect(guessUnit('GDP in current USD trillions')).toBe('trillion USD');
    expect(guessUnit('Total carbon emissions (million metric tons of C)')).toBe('million metric tons of C');
    expect(guessUnit('Nominal residential property price index value (base year 2010 = 100).')).toBe('index (2010 = 100)');
    expect(guessUnit('Share of people referred, in per cent')).toBe('%');
    expect(guessUnit('Carbon emissions from gas fuel consumption')).toBe('');
  });
});

describe('a saved mapping', () => {
  const saved = {
    format: 'sprig-mapping',
    version: MAPPING_VERSION,
    package: { name: 'population', version: '2023-03-30', path: '/data/population' },
    savedAt: '2026-01-01T00:00:00.000Z',
    table: 'population',
    layout: { kind: 'long', country: { column: 'Country Code' }, period: { column: 'Year', kind: 'year' } },
    indicators: [{ column: 'Value', name: 'Population', unit: 'people' }],
    countries: { ABW: 'AW', ARB: null },
  };

  it('reads back with its defaults', () => {
    const read = readTableMapping(JSON.stringify(saved));
    expect(read).toMatchObject({ ok: true, mapping: { indicators: [{ kind: 'published', comparability: 'not_comparable', definition: '' }], countries: { ABW: 'AW', ARB: null } } });
  });

  it('says plainly when it is not a mapping, or from a newer Sprig', () => {
    expect(readTableMapping('{')).toMatchObject({ ok: false });
    expect(readTableMapping('{"format":"sprig-view"}')).toEqual({ ok: false, reason: 'no "format": "sprig-mapping"' });
    expect(readTableMapping(JSON.stringify({ ...saved, version: MAPPING_VERSION + 1 }))).toMatchObject({ ok: false, reason: expect.stringMatching(/newer version of Sprig/) });
    expect(() => migrateTableMapping({ ...saved, version: 99 })).toThrow(MappingVersionError);
  });

  it('migrates an older version step by step', () => {
    const steps = { 1: (m: Record<string, unknown>) => ({ ...m, renamed: true }) };
    expect(migrateTableMapping({ ...saved, version: 1 }, steps, 2)).toMatchObject({ version: 2, renamed: true });
  });

  it('gives each indicator an id a view spec accepts, the same every time', () => {
    expect(mappedIndicatorId('nominal-index', 'price')).toBe('nominal_index__price');
    expect(mappedIndicatorId('population', 'Value')).toBe('population__value');
    expect(mappedIndicatorId('2023 data', undefined)).toBe('t_2023_data__value');
    expect(mappedIndicatorId('Bevölkerung', 'Einwohner (Mio.)')).toBe('bevolkerung__einwohner_mio');
  });
});
