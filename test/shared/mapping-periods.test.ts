import { describe, expect, it } from 'vitest';
import { formatPeriod } from '../../src/shared/format.ts';
import { guessPeriodKind, parsePeriod } from '../../src/shared/mapping/periods.ts';

describe('reading a partner’s period column', () => {
  it('years, as integers, text or a year’s first day', () => {
    expect(parsePeriod('1960', 'year')).toEqual({ label: '1960', start: '1960-01-01', end: '1960-12-31' });
    expect(parsePeriod('1960.0', 'year')?.label).toBe('1960');
    expect(parsePeriod('2023-07-01', 'year')?.label).toBe('2023');
    expect(parsePeriod('60', 'year')).toBeUndefined();
    expect(parsePeriod('Total', 'year')).toBeUndefined();
  });

  it('financial years starting in April (UK), July (Australia) or October (US federal)', () => {
    expect(parsePeriod('2023/24', 'financial-year')).toEqual({ label: '2023/24', start: '2023-04-01', end: '2024-03-31' });
    expect(parsePeriod('2023-24', 'financial-year', { financialYearStart: 7 })).toEqual({ label: '2023/24', start: '2023-07-01', end: '2024-06-30' });
    expect(parsePeriod('FY2023/2024', 'financial-year', { financialYearStart: 10 })).toEqual({ label: '2023/24', start: '2023-10-01', end: '2024-09-30' });
    expect(parsePeriod('1999/00', 'financial-year')?.label).toBe('1999/00');
    expect(parsePeriod('2024-02-15', 'financial-year')?.label).toBe('2023/24');
    // Not consecutive years: not a financial year.
    expect(parsePeriod('2023/25', 'financial-year')).toBeUndefined();
    expect(parsePeriod('2023', 'financial-year')).toBeUndefined();
  });

  it('quarters written every usual way, and a date as the quarter it falls in (BIS dates quarters by their last day)', () => {
    for (const text of ['2023 Q3', '2023-Q3', '2023Q3', 'Q3 2023', 'q3-2023', '2023-09-30']) {
      expect(parsePeriod(text, 'quarter'), text).toEqual({ label: 'Q3 2023', start: '2023-07-01', end: '2023-09-30' });
    }
    expect(parsePeriod('2023 Q5', 'quarter')).toBeUndefined();
  });

  it('months, and a date as its month', () => {
    for (const text of ['2023-02', '2023/2', 'Feb 2023', 'February 2023', '2023M02', '2023-02-01']) {
      expect(parsePeriod(text, 'month'), text).toEqual({ label: 'Feb 2023', start: '2023-02-01', end: '2023-02-28' });
    }
    expect(parsePeriod('2024-02', 'month')?.end).toBe('2024-02-29');
    expect(parsePeriod('2023-13', 'month')).toBeUndefined();
    expect(parsePeriod('Janitor 2023', 'month')).toBeUndefined();
  });

  it('dates, checked to exist, from DuckDB’s dates and timestamps', () => {
    expect(parsePeriod('2023-09-30', 'date')).toEqual({ label: '2023-09-30', start: '2023-09-30', end: '2023-09-30' });
    expect(parsePeriod('2023-09-30 00:00:00', 'date')?.label).toBe('2023-09-30');
    expect(parsePeriod('2023-02-30', 'date')).toBeUndefined();
  });

  it('guesses the kind from the values: dates read as the periods they mark when they all mark one', () => {
    expect(guessPeriodKind(['1960', '1961'])).toBe('year');
    expect(guessPeriodKind(['2022/23', '2023/24'])).toBe('financial-year');
    expect(guessPeriodKind(['2023 Q1', '2023 Q2'])).toBe('quarter');
    expect(guessPeriodKind(['2023-01', 'Feb 2023'])).toBe('month');
    expect(guessPeriodKind(['1927-03-31', '1927-06-30', '1927-09-30', '1927-12-31'])).toBe('quarter');
    expect(guessPeriodKind(['1987-01-01', '1987-02-01', '1987-03-01'])).toBe('month');
    expect(guessPeriodKind(['2020-01-01', '2021-01-01'])).toBe('year');
    expect(guessPeriodKind(['2023-03-14', '2023-03-15'])).toBe('date');
    expect(guessPeriodKind(['Aruba', '1960'])).toBeUndefined();
    expect(guessPeriodKind([])).toBeUndefined();
  });

  it('labels read in every language', () => {
    expect(formatPeriod('Q3 2023', 'en-GB')).toBe('Q3 2023');
    expect(formatPeriod('Q3 2023', 'de')).toBe('Q3 2023');
    expect(formatPeriod('Q3 2023', 'el')).toBe('Γ΄ τρίμ. 2023');
    expect(formatPeriod('Feb 2023', 'de')).toBe('Feb. 2023');
    expect(formatPeriod('2023/24', 'en-US')).toBe('2023–24');
  });
});
