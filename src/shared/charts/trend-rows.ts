import type { Table } from 'apache-arrow';

/** One value of one indicator, as a chart and a table read it. */
export interface TrendRow {
  country: string;
  period: string;
  start: Date;
  value: number | null;
  lower: number | null;
  upper: number | null;
  status: string;
  synthetic: boolean;
  source: string;
  note: string | null;
  /** Per 100,000: which population divided the value (type, period and source). */
  denominator?: string | null;
  /** Indexed: the period that is 100. */
  base_period?: string | null;
}

/** The Arrow table a trend view returns, as rows with real dates. */
export function trendRows(table: Table): TrendRow[] {
  return table.toArray().map((row) => {
    const r = row.toJSON() as Record<string, unknown>;
    return {
      country: String(r.country),
      period: String(r.period),
      start: new Date(Number(r.period_start)),
      value: numberOrNull(r.value),
      lower: numberOrNull(r.lower),
      upper: numberOrNull(r.upper),
      status: String(r.status),
      synthetic: r.synthetic === true,
      source: String(r.source),
      note: r.note == null ? null : String(r.note),
    };
  });
}

function numberOrNull(value: unknown): number | null {
  return value === null || value === undefined || Number.isNaN(Number(value)) ? null : Number(value);
}

export interface MissingCountry {
  country: string;
  /** `not_available`: the country publishes no national figure; `absent`: the dataset has no row. */
  reason: 'not_available' | 'absent';
}

/** Countries asked for that have no value at all, and why. */
export function missingCountries(rows: TrendRow[], countries: string[]): MissingCountry[] {
  return countries
    .filter((code) => !rows.some((r) => r.country === code && r.value !== null))
    .map((code) => ({
      country: code,
      reason: rows.some((r) => r.country === code && r.status === 'not_available') ? 'not_available' : 'absent',
    }));
}

/**
 * Adds an empty row (status `absent`) wherever a country lacks a period in which another
 * country has a value, between its own first and last values, so its line breaks there
 * instead of bridging the gap as if the value were known. A period is the same period if
 * it starts on the same day, whatever its label.
 */
export function markMissingPeriods(rows: TrendRow[]): TrendRow[] {
  const periods = new Map<number, TrendRow>();
  for (const r of rows) if (r.value !== null && !periods.has(r.start.getTime())) periods.set(r.start.getTime(), r);
  const out: TrendRow[] = [];
  for (const [country, own] of Map.groupBy(rows, (r) => r.country)) {
    const known = own.filter((r) => r.value !== null).map((r) => r.start.getTime());
    const first = Math.min(...known);
    const last = Math.max(...known);
    const has = new Set(own.map((r) => r.start.getTime()));
    const gaps = [...periods.entries()]
      .filter(([start]) => !has.has(start) && start > first && start < last)
      .map(([, p]): TrendRow => ({ ...p, country, value: null, lower: null, upper: null, status: 'absent', synthetic: false, source: '', note: null }));
    out.push(...[...own, ...gaps].sort((a, b) => a.start.getTime() - b.start.getTime()));
  }
  return out;
}
