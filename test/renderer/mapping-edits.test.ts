import { describe, expect, it } from 'vitest';
import { decideCountry, leaveOutUndecided, switchLayout, toggleValueColumn, toggleWideColumn } from '../../src/renderer/features/mapping/mapping-edits.ts';
import { defaultCountries } from '../../src/renderer/features/explorer/spec-edits.ts';
import type { ColumnDescription } from '../../src/shared/catalogue.ts';
import { mappingDraftSchema, type MappingDraft } from '../../src/shared/mapping/mapping-spec.ts';
import { offeredCountries } from '../../src/shared/uk.ts';

const column = (name: string, type: string): ColumnDescription => ({ name, type, title: null, description: null });
const wide = [column('Country', 'VARCHAR'), column('Code', 'VARCHAR'), column('2021', 'DOUBLE'), column('2022', 'DOUBLE')];
const long: MappingDraft = mappingDraftSchema.parse({
  table: 't',
  layout: { kind: 'long', country: { column: 'Country' }, period: { column: 'Code', kind: 'year' } },
  indicators: [{ column: '2021', name: 'A', unit: 'people' }],
});

describe('editing a mapping in the panel', () => {
  it('switches layout keeping what still applies, and every result still parses', () => {
    const byYears = switchLayout(long, 'periods-as-columns', wide, 'Population');
    expect(byYears.layout).toEqual({ kind: 'periods-as-columns', country: { column: 'Country' }, period: { columns: ['2021', '2022'], kind: 'year', financialYearStart: 4 } });
    expect(byYears.indicators).toEqual([{ name: 'A', unit: 'people', definition: '', kind: 'published', comparability: 'not_comparable' }]);
    const byCountries = switchLayout(byYears, 'countries-as-columns', wide, null);
    expect(byCountries.layout).toMatchObject({ kind: 'countries-as-columns', countryColumns: ['2021', '2022'] });
    const back = switchLayout(byCountries, 'long', wide, null);
    expect(back.layout.kind).toBe('long');
    for (const draft of [byYears, byCountries, back]) expect(mappingDraftSchema.safeParse(draft).success).toBe(true);
  });

  it('a table without number columns cannot be read as periods or countries: the layout stays', () => {
    const text = [column('a', 'VARCHAR'), column('b', 'VARCHAR')];
    expect(switchLayout(long, 'periods-as-columns', text, null)).toBe(long);
  });

  it('ticks and unticks columns in the table’s order, never unticking the last one', () => {
    const byYears = switchLayout(long, 'periods-as-columns', wide, null);
    const one = toggleWideColumn(byYears, '2021', false, wide);
    expect(one.layout).toMatchObject({ period: { columns: ['2022'] } });
    expect(toggleWideColumn(one, '2022', false, wide).layout).toMatchObject({ period: { columns: ['2022'] } });
    expect(toggleWideColumn(one, '2021', true, wide).layout).toMatchObject({ period: { columns: ['2021', '2022'] } });
    expect(toggleValueColumn(long, wide[3]!, true, wide).indicators.map((i) => i.column)).toEqual(['2021', '2022']);
  });

  it('decides about country values one by one, or leaves out all the undecided at once', () => {
    const decided = decideCountry(long, 'Deutschlandd', 'DE');
    expect(decided.countries).toEqual({ Deutschlandd: 'DE' });
    expect(decideCountry(decided, 'Deutschlandd', undefined).countries).toEqual({});
    const values = [
      { raw: 'ARB', rows: 1, match: { kind: 'unmatched' as const }, code: null, decided: false },
      { raw: 'DEU', rows: 1, match: { kind: 'matched' as const, code: 'DE', by: 'code' as const }, code: 'DE', decided: true },
    ];
    expect(leaveOutUndecided(decided, values).countries).toEqual({ Deutschlandd: 'DE', ARB: null });
  });
});

describe('a first chart of a mapped package', () => {
  it('shows every country when there are few, else the study’s countries that have values', () => {
    expect(defaultCountries({ countriesWithData: ['DE', 'FR', 'GR'] })).toBeUndefined();
    const many = ['AW', 'AU', 'BE', 'DE', 'FR', 'GB', 'GR', 'IT', 'JP', 'NL', 'NO', 'SE', 'US', 'ZA'];
    expect(defaultCountries({ countriesWithData: many })).toEqual(['GB', 'US', 'AU', 'DE', 'GR']);
    const none = ['AW', 'BE', 'FR', 'IT', 'JP', 'NL', 'NO', 'SE', 'ZA', 'CA', 'CH', 'AT', 'ES'];
    expect(defaultCountries({ countriesWithData: none })).toHaveLength(8);
  });

  it('offers the United Kingdom itself when the package has no nations of its own', () => {
    expect(offeredCountries(['GB', 'DE'], 'separate')).toEqual(['GB', 'DE']);
    expect(offeredCountries(['GB', 'GB-ENG', 'DE'], 'separate')).toEqual(['GB-ENG', 'DE']);
    expect(offeredCountries(['GB-ENG', 'DE'], 'combined')).toEqual(['DE', 'GB']);
  });
});
