import { describe, expect, it } from 'vitest';
import { countryColour, sortCountries } from '../../src/shared/countries.ts';
import { countryName, formatNumber, formatYear } from '../../src/shared/format.ts';

describe('formats and country names', () => {
  it('formats numbers in the reader’s locale', () => {
    expect(formatNumber(1234.5, 'en-GB')).toBe('1,234.5');
    expect(formatNumber(1234.5, 'de-DE')).toBe('1.234,5');
  });

  it('formats a year from a UTC date whatever the time zone', () => {
    expect(formatYear(new Date(Date.UTC(2024, 0, 1)), 'en-GB')).toBe('2024');
  });

  it('names ISO countries through Intl and UK nations from the package label', () => {
    expect(countryName('DE', 'en-GB')).toBe('Germany');
    expect(countryName('DE', 'de-DE')).toBe('Deutschland');
    expect(countryName('GB-ENG', 'en-GB', 'England')).toBe('England');
  });

  it('gives each country one fixed colour, and distinct colours to the five study countries', () => {
    const five = ['GB-ENG', 'US', 'AU', 'DE', 'GR'].map(countryColour);
    expect(new Set(five).size).toBe(5);
    expect(countryColour('US')).toBe(countryColour('US'));
    expect(countryColour('FR')).toBe(countryColour('FR'));
  });

  it('orders the study countries first, then others by code', () => {
    expect(sortCountries(['FR', 'GR', 'US', 'GB-ENG', 'AT'])).toEqual(['GB-ENG', 'US', 'GR', 'AT', 'FR']);
  });
});
