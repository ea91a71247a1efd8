import { describe, expect, it } from 'vitest';
import {
  countryName,
  formatCurrency,
  formatDate,
  formatMonth,
  formatNumber,
  formatPercent,
  formatPeriod,
  formatShortDate,
  formatValue,
  formatYear,
} from '../../src/shared/format.ts';
import { createI18n } from '../../src/shared/i18n/create.ts';
import { PSEUDO_LANGUAGE } from '../../src/shared/i18n/languages.ts';

const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe('numbers follow the language', () => {
  it('groups and separates decimals the way each language does', () => {
    expect(formatNumber(1234.5, 'en-GB')).toBe('1,234.5');
    expect(formatNumber(1234.5, 'en-US')).toBe('1,234.5');
    expect(formatNumber(1234.5, 'de')).toBe('1.234,5');
    expect(formatNumber(1234.5, 'el')).toBe('1.234,5');
    expect(formatNumber(57690300, 'de')).toBe('57.690.300');
    expect(formatNumber(0.125, 'el', 3)).toBe('0,125');
    expect(formatNumber(1234.5, PSEUDO_LANGUAGE)).toBe('1,234.5');
  });

  it('writes percentages with the language’s spacing and decimal sign', () => {
    expect(formatPercent(12.5, 'en-GB')).toBe('12.5%');
    expect(formatPercent(12.5, 'en-US')).toBe('12.5%');
    expect(formatPercent(12.5, 'de')).toBe('12,5\u00a0%');
    expect(formatPercent(12.5, 'el')).toBe('12,5%');
  });

  it('writes money with the currency where each language puts it', () => {
    expect(formatCurrency(2654116, 'EUR', 'en-GB')).toBe('€2,654,116');
    expect(formatCurrency(2654116, 'EUR', 'de')).toBe('2.654.116\u00a0€');
    expect(formatCurrency(2654116, 'EUR', 'el')).toBe('2.654.116\u00a0€');
    expect(formatCurrency(5770000, 'GBP', 'en-US')).toBe('£5,770,000');
  });

  it('formats a value with its unit: Intl for % and money, the translated unit otherwise', () => {
    expect(formatValue(42, '%', 'de')).toBe('42\u00a0%');
    expect(formatValue(6900000, 'EUR', 'el')).toBe('6.900.000\u00a0€');
    expect(formatValue(2775, 'FTE', 'de', 'VZÄ')).toBe('2.775 VZÄ');
    expect(formatValue(2775, 'FTE', 'en-GB')).toBe('2,775 FTE');
  });
});

describe('dates follow the language', () => {
  it('writes a day in each language’s order', () => {
    expect(formatDate(day(2023, 3, 31), 'en-GB')).toBe('31 Mar 2023');
    expect(formatDate(day(2023, 3, 31), 'en-US')).toBe('Mar 31, 2023');
    expect(formatDate(day(2023, 3, 31), 'de')).toBe('31.03.2023');
    expect(formatDate(day(2023, 3, 31), 'el')).toBe('31 Μαρ 2023');
    expect(formatShortDate(day(2023, 3, 31), 'en-GB')).toBe('31/03/2023');
    expect(formatShortDate(day(2023, 3, 31), 'en-US')).toBe('3/31/2023');
    expect(formatShortDate(day(2023, 3, 31), 'de')).toBe('31.3.2023');
    expect(formatShortDate(day(2023, 3, 31), 'el')).toBe('31/3/2023');
  });

  it('writes months and years, from UTC whatever the time zone', () => {
    expect(formatMonth(day(2023, 7, 1), 'en-GB')).toBe('Jul 2023');
    expect(formatMonth(day(2023, 7, 1), 'de')).toBe('Juli 2023');
    expect(formatMonth(day(2023, 7, 1), 'el')).toBe('Ιουλ 2023');
    expect(formatYear(day(2024, 1, 1), 'el')).toBe('2024');
  });
});

describe('period labels from a data package follow the language', () => {
  const words = (lng: string) => {
    const { t } = createI18n(lng);
    return (key: 'period.by' | 'period.end', values: { period: string }) => t(key, values);
  };

  it('keeps financial years as each language writes them', () => {
    expect(formatPeriod('2023/24', 'en-GB')).toBe('2023/24');
    expect(formatPeriod('2023/24', 'de')).toBe('2023/24');
    expect(formatPeriod('2023/24', 'el')).toBe('2023/24');
    expect(formatPeriod('2023/24', 'en-US')).toBe('2023–24');
  });

  it('translates months, days and ranges of them', () => {
    expect(formatPeriod('Jul 2023', 'de')).toBe('Juli 2023');
    expect(formatPeriod('Jul 2023', 'el')).toBe('Ιουλ 2023');
    expect(formatPeriod('31 Mar 2023', 'en-US')).toBe('Mar 31, 2023');
    expect(formatPeriod('31 Mar 2023', 'de')).toBe('31.03.2023');
    expect(formatPeriod('Apr 2021 – Mar 2023', 'de')).toBe('Apr. 2021 – März 2023');
    expect(formatPeriod('2025–2029', 'el')).toBe('2025–2029');
    expect(formatPeriod('2023–', 'de')).toBe('2023–');
    expect(formatPeriod('2023', 'de')).toBe('2023');
  });

  it('translates the words a label starts with', () => {
    expect(formatPeriod('by 2023/24', 'de', words('de'))).toBe('bis 2023/24');
    expect(formatPeriod('by 2024', 'el', words('el'))).toBe('έως το 2024');
    expect(formatPeriod('end 2020/21', 'el', words('el'))).toBe('τέλος 2020/21');
    expect(formatPeriod('end 2020/21', 'en-US', words('en-US'))).toBe('end of 2020–21');
    expect(formatPeriod('≈ 2017–2022', 'de', words('de'))).toBe('≈ 2017–2022');
    expect(formatPeriod('by 2023/24', 'en-GB')).toBe('by 2023/24');
  });

  it('shows a label it does not understand as written', () => {
    expect(formatPeriod('Q3 2024', 'de')).toBe('Q3 2024');
    expect(formatPeriod('baseline', 'el')).toBe('baseline');
  });
});

describe('country names follow the language', () => {
  it('names ISO countries through Intl and the UK’s nations through CLDR', () => {
    expect(countryName('US', 'el')).toBe('Ηνωμένες Πολιτείες');
    expect(countryName('GR', 'de')).toBe('Griechenland');
    expect(countryName('GB-ENG', 'el', 'England')).toBe('Αγγλία');
    expect(countryName('GB-SCT', 'de', 'Scotland')).toBe('Schottland');
    expect(countryName('GB-WLS', 'en-US', 'Wales')).toBe('Wales');
    expect(countryName('XK-ABC', 'de', 'Somewhere')).toBe('Somewhere');
    expect(countryName('DE', PSEUDO_LANGUAGE)).toBe('Germany');
  });
});
