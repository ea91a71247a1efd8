import { describe, expect, it } from 'vitest';
import { alpha3ByAlpha2 } from '../../src/shared/mapping/country-codes.ts';
import { countryInText, matchCountry, normaliseName } from '../../src/shared/mapping/country-matcher.ts';

const code = (value: string) => {
  const match = matchCountry(value);
  return match.kind === 'matched' ? match.code : match.kind;
};

describe('which country a value in a partner’s country column names', () => {
  it('ISO 3166-1 alpha-2 and alpha-3 codes, in any case', () => {
    expect(['DE', 'de', 'DEU', 'deu', 'GBR', 'gb', 'USA', 'AUS', 'GRC', 'ABW'].map(code)).toEqual(['DE', 'DE', 'DE', 'DE', 'GB', 'GB', 'US', 'AU', 'GR', 'AW']);
  });

  it('knows all 249 ISO 3166-1 countries and territories by both codes', () => {
    expect(alpha3ByAlpha2.size).toBe(249);
    for (const [two, three] of alpha3ByAlpha2) {
      expect(code(two), two).toBe(two);
      expect(code(three), three).toBe(two);
    }
  });

  it('Eurostat’s codes: EL is Greece and UK the United Kingdom; the World Bank’s XKX is Kosovo', () => {
    expect(['EL', 'el', 'UK', 'XKX'].map(code)).toEqual(['GR', 'GR', 'GB', 'XK']);
  });

  it('the UK’s nations by code and by name in the three languages', () => {
    expect(['GB-ENG', 'gb-wls', 'England', 'Wales', 'Scotland', 'Schottland', 'Σκωτία', 'Αγγλία', 'Northern Ireland', 'Nordirland'].map(code)).toEqual([
      'GB-ENG', 'GB-WLS', 'GB-ENG', 'GB-WLS', 'GB-SCT', 'GB-SCT', 'GB-SCT', 'GB-ENG', 'GB-NIR', 'GB-NIR',
    ]);
  });

  it('names in English, German and Greek', () => {
    expect(['Germany', 'Deutschland', 'Γερμανία'].map(code)).toEqual(['DE', 'DE', 'DE']);
    expect(['Greece', 'Griechenland', 'Ελλάδα', 'Ελλάς'].map(code)).toEqual(['GR', 'GR', 'GR', 'GR']);
    expect(['United Kingdom', 'Vereinigtes Königreich', 'Ηνωμένο Βασίλειο', 'Großbritannien'].map(code)).toEqual(['GB', 'GB', 'GB', 'GB']);
    expect(['United States', 'Vereinigte Staaten', 'Ηνωμένες Πολιτείες', 'ΗΠΑ', 'United States of America'].map(code)).toEqual(['US', 'US', 'US', 'US', 'US']);
    expect(['Australia', 'Australien', 'Αυστραλία'].map(code)).toEqual(['AU', 'AU', 'AU']);
  });

  it('with or without accents, in any case, with spelled-out umlauts', () => {
    expect(['vereinigtes konigreich', 'VEREINIGTES KÖNIGREICH', 'Vereinigtes Koenigreich', 'ελλαδα', 'ΕΛΛΑΔΑ', 'ΕΛΛΆΔΑ', 'Österreich', 'Oesterreich', 'osterreich'].map(code)).toEqual([
      'GB', 'GB', 'GB', 'GR', 'GR', 'GR', 'AT', 'AT', 'AT',
    ]);
    expect(['Côte d’Ivoire', "Cote d'Ivoire", 'Curacao', 'Turkiye', 'São Tomé & Príncipe', 'Sao Tome and Principe'].map(code)).toEqual(['CI', 'CI', 'CW', 'TR', 'ST', 'ST']);
  });

  it('the World Bank’s ways of writing names', () => {
    expect(['Korea, Rep.', "Korea, Dem. People's Rep.", 'Egypt, Arab Rep.', 'Hong Kong SAR, China', 'Venezuela, RB', 'St. Lucia', 'Virgin Islands (U.S.)', 'Sint Maarten (Dutch part)', 'Lao PDR', 'Viet Nam'].map(code)).toEqual([
      'KR', 'KP', 'EG', 'HK', 'VE', 'LC', 'VI', 'SX', 'LA', 'VN',
    ]);
  });

  it('areas that are not countries but that tables give: the world, the EU, the euro area', () => {
    expect(['World', 'Welt', 'Κόσμος', 'WLD', 'European Union', 'EUU', 'Euro area'].map(code)).toEqual(['001', '001', '001', '001', 'EU', 'EU', 'EZ']);
  });

  it('never chooses between two countries: “Congo”, “Korea” and “Virgin Islands” alone are ambiguous', () => {
    expect(matchCountry('Congo')).toEqual({ kind: 'ambiguous', candidates: ['CD', 'CG'] });
    expect(matchCountry('Korea')).toEqual({ kind: 'ambiguous', candidates: ['KP', 'KR'] });
    expect(matchCountry('virgin islands')).toEqual({ kind: 'ambiguous', candidates: ['VG', 'VI'] });
  });

  it('leaves what it does not know unmatched: aggregates, cities, blanks, and Macedonia (a region of Greece in Greek data)', () => {
    for (const value of ['Arab World', 'AFE', 'Channel Islands', 'AZ-Phoenix', 'National-US', 'XM', '4T', '', '   ', 'Macedonia', 'US-CA']) {
      expect(matchCountry(value), value).toEqual({ kind: 'unmatched' });
    }
  });

  it('says whether it matched a code or a name', () => {
    expect(matchCountry('DEU')).toEqual({ kind: 'matched', code: 'DE', by: 'code' });
    expect(matchCountry('Deutschland')).toEqual({ kind: 'matched', code: 'DE', by: 'name' });
  });

  it('normalises names: accents, case, punctuation, Greek final sigma, “St.” for Saint', () => {
    expect(normaliseName('  Côte d’Ivoire ')).toBe('cote divoire');
    expect(normaliseName('ΕΛΛΆΣ')).toBe(normaliseName('Ελλάς'));
    expect(normaliseName('St. Kitts & Nevis')).toBe('saint kitts and nevis');
  });

  it('finds the one country a title names, or none', () => {
    expect(countryInText('US House Price Index (Case-Shiller)')).toBe('US');
    expect(countryInText('Bevölkerung in Deutschland')).toBe('DE');
    expect(countryInText('Residential property price statistics from different countries')).toBeUndefined();
    expect(countryInText('Germany and Greece compared')).toBeUndefined();
  });
});
