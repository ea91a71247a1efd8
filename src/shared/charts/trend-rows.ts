import type { Table } from 'apache-arrow';
import type { MissingReason, ValueKind } from '../view-answer.ts';

/** One value of one indicator, as a chart and a table read it (src/shared/view-answer.ts `IndicatorAnswerRow`). */
export interface TrendRow {
  country: string;
  period: string;
  start: Date;
  /** The period's last day; a value over several years is drawn across them. */
  end?: Date | null;
  value: number | null;
  lower: number | null;
  upper: number | null;
  status: string;
  /** What kind of value it is (published, modelled, provisional, target, synthetic): its mark and legend entry. */
  kind?: ValueKind | null;
  synthetic: boolean;
  source: string;
  note: string | null;
  /** `approximately` or `more_than`: said on the chart and in the tooltip. */
  qualifier?: string | null;
  /** A programme's own figure rather than the country's. */
  programme?: string | null;
  /** The United Kingdom as one: the nations added up (codes separated by `,`). */
  combined?: string | null;
  /** Per 100,000: the population divided by. */
  population?: { type: string; period: string; source: string | null } | null;
  /** Indexed: the period that is 100. */
  base_period?: string | null;
  /** Why there is no value. */
  reason?: MissingReason | null;
}

/** The kind of a row with a value: synthetic rows are synthetic whatever else. */
export function kindOf(row: Pick<TrendRow, 'kind' | 'synthetic'>): ValueKind {
  return row.kind ?? (row.synthetic ? 'synthetic' : 'published');
}

/** Days a period must span to be drawn as a span rather than a point: more than about a year. */
const SPAN_DAYS = 400;

/** Whether a value covers several years (CultureRx's prescriptions over 2020–2023), to be drawn across them. */
export function isSpan(row: Pick<TrendRow, 'start' | 'end'>): boolean {
  return row.end != null && row.end.getTime() - row.start.getTime() > SPAN_DAYS * 86_400_000;
}

/** The Arrow table an indicator view returns, as rows with real dates (rows that only give a reason are left out). */
export function trendRows(table: Table): TrendRow[] {
  return records(table)
    .filter((r) => r.period !== null && r.period !== undefined)
    .map((r) => ({
      country: String(r.country),
      period: String(r.period),
      start: new Date(Number(r.period_start)),
      end: r.period_end == null ? null : new Date(Number(r.period_end)),
      value: numberOrNull(r.value),
      lower: numberOrNull(r.lower),
      upper: numberOrNull(r.upper),
      status: String(r.status),
      kind: (textOrNull(r.kind) as ValueKind | null) ?? null,
      synthetic: r.synthetic === true,
      source: r.source == null ? '' : String(r.source),
      note: textOrNull(r.note),
      qualifier: textOrNull(r.qualifier),
      programme: textOrNull(r.programme),
      combined: textOrNull(r.combined),
      population: r.population_type == null ? null : { type: String(r.population_type), period: String(r.population_period ?? ''), source: textOrNull(r.population_source) },
      base_period: textOrNull(r.base_period),
      reason: (textOrNull(r.reason) as MissingReason | null) ?? null,
    }));
}

/** Countries the answer names only to say why they have no value (no period to draw). */
export function reasonRows(table: Table): MissingCountry[] {
  return records(table)
    .filter((r) => r.period === null || r.period === undefined)
    .map((r) => ({ country: String(r.country), reason: (textOrNull(r.reason) as MissingReason | null) ?? 'absent' }));
}

function records(table: Table): Record<string, unknown>[] {
  return table.toArray().map((row) => (row === null ? {} : (row.toJSON() as Record<string, unknown>)));
}

function numberOrNull(value: unknown): number | null {
  return value === null || value === undefined || Number.isNaN(Number(value)) ? null : Number(value);
}

function textOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

export interface MissingCountry {
  country: string;
  /** The engine's reason (src/shared/view-answer.ts); `absent` when the dataset has no row at all. */
  reason: MissingReason;
}

/**
 * Countries asked for that have no value to draw, each with its one true reason: the
 * engine's (no national data, none in the period range, no value at the base period, no
 * population, …), or `absent` when the answer has nothing at all for it.
 */
export function missingCountries(rows: TrendRow[], countries: string[], reasons: MissingCountry[] = []): MissingCountry[] {
  return countries
    .filter((code) => !rows.some((r) => r.country === code && r.value !== null))
    .map((code) => {
      const told = reasons.find((m) => m.country === code);
      if (told) return told;
      const own = rows.filter((r) => r.country === code);
      const reason = own.find((r) => r.reason)?.reason ?? (own.some((r) => r.status === 'not_available') ? 'not_available' : 'absent');
      return { country: code, reason };
    });
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
      .map(([, p]): TrendRow => ({ ...p, country, value: null, lower: null, upper: null, status: 'absent', kind: null, synthetic: false, source: '', note: null, reason: 'absent' }));
    out.push(...[...own, ...gaps].sort((a, b) => a.start.getTime() - b.start.getTime()));
  }
  return out;
}
