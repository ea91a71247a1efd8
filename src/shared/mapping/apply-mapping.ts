import type { ColumnDescription, IndicatorDescription, TableDescription } from '../catalogue.ts';
import type { StoredValue } from '../indicator-answer.ts';
import type { ValueKind } from '../view-answer.ts';
import { matchCountry, type CountryMatch } from './country-matcher.ts';
import { COUNTRY_NOT_CHOSEN, mappedIndicatorId, mappingColumns, type MappedIndicator, type MappingDraft } from './mapping-spec.ts';
import { epochDay, parsePeriod, type PeriodKind } from './periods.ts';

/**
 * A mapping applied to a table's rows (as src/shared/sql/mapping-query.ts reads them): each
 * value as the `StoredValue` the indicator views read from a Sprig package's
 * country_year_indicator table, so every view, rule and reason applies unchanged. Pure, so
 * the matcher, the periods and the layouts are tested without a database; the engine reads
 * the rows and hands them here, both to check a draft and to chart a saved mapping.
 *
 * Nothing is dropped without saying so: every country value is listed with what became of
 * it, and anything the mapping cannot place is a problem the user sees.
 */

/** Why a mapping cannot be saved (or, for a saved one, why part of it is not shown). Translated by `code`. */
export type MappingProblem =
  | { code: 'table-not-found'; table: string }
  | { code: 'column-not-found'; column: string }
  | { code: 'column-twice'; column: string }
  | { code: 'value-not-number'; column: string; type: string }
  | { code: 'country-not-chosen' }
  | { code: 'no-values' }
  | { code: 'one-indicator' }
  | { code: 'name-missing'; column: string }
  | { code: 'unit-missing'; column: string }
  | { code: 'indicator-clash'; indicator: string }
  | { code: 'countries-undecided'; count: number; examples: string }
  | { code: 'periods-unreadable'; column: string; kind: PeriodKind; count: number; examples: string }
  | { code: 'duplicates'; count: number; country: string; period: string; indicator: string }
  | { code: 'nothing-mapped' }
  | { code: 'too-many-rows'; rows: number; limit: number };

export type MappingProblemCode = MappingProblem['code'];

/** The most rows a mapped table may have: mapping reads them all into memory. */
export const MAX_MAPPED_ROWS = 1_000_000;

/** One different value of the country column (or one country column's name) and what became of it. */
export interface CountryValue {
  raw: string;
  /** Rows holding it (or, for a country column, the table's rows). */
  rows: number;
  match: CountryMatch;
  /** The country it is mapped to; null when left out or not decided. */
  code: string | null;
  /** False when nobody has said what it is: neither the user nor the matcher. */
  decided: boolean;
}

export interface MappedIndicatorSummary {
  id: string;
  name: string;
  /** Values that are numbers (blank cells are kept, as values without one). */
  values: number;
  countries: number;
}

export interface MappingCheck {
  countryValues: CountryValue[];
  periods: { count: number; first: string | null; last: string | null };
  indicators: MappedIndicatorSummary[];
  problems: MappingProblem[];
}

export interface AppliedMapping {
  check: MappingCheck;
  /** By indicator id: the values, in country and period order. */
  values: Map<string, StoredValue[]>;
}

/** What a mapped value says about itself: its source, and the package's name for it. */
export interface MappingContext {
  /** The source id every value names (the package, see `mappedSource`). */
  source: string;
}

/** Problems that stop the table being read at all (the others still let the panel show what the data hold). */
const UNREADABLE: ReadonlySet<MappingProblemCode> = new Set(['table-not-found', 'column-not-found', 'column-twice', 'value-not-number', 'country-not-chosen', 'no-values', 'one-indicator']);

export function stopsReading(problem: MappingProblem): boolean {
  return UNREADABLE.has(problem.code);
}

/** The columns' problems that no row can mend: missing, chosen twice, not numbers, undeclared. */
export function structureProblems(draft: MappingDraft, table: TableDescription | undefined, existingIndicators: readonly string[] = []): MappingProblem[] {
  if (!table) return [{ code: 'table-not-found', table: draft.table }];
  const problems: MappingProblem[] = [];
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const columns = mappingColumns(draft);
  for (const column of new Set(columns)) {
    if (!byName.has(column)) problems.push({ code: 'column-not-found', column });
    else if (columns.filter((c) => c === column).length > 1) problems.push({ code: 'column-twice', column });
  }
  for (const column of valueColumns(draft)) {
    const description = byName.get(column);
    if (description && !isNumeric(description)) problems.push({ code: 'value-not-number', column, type: description.type });
  }
  const { layout } = draft;
  if (layout.kind === 'long' && 'fixed' in layout.country && layout.country.fixed === COUNTRY_NOT_CHOSEN) problems.push({ code: 'country-not-chosen' });
  if (layout.kind === 'long' && draft.indicators.some((i) => !i.column)) problems.push({ code: 'no-values' });
  if (layout.kind !== 'long' && draft.indicators.length !== 1) problems.push({ code: 'one-indicator' });
  for (const indicator of draft.indicators) {
    const column = indicator.column ?? draft.table;
    if (!indicator.name.trim()) problems.push({ code: 'name-missing', column });
    if (!indicator.unit.trim()) problems.push({ code: 'unit-missing', column });
    const id = mappedIndicatorId(draft.table, indicator.column);
    if (existingIndicators.includes(id)) problems.push({ code: 'indicator-clash', indicator: id });
  }
  return problems;
}

/** The columns read as numbers. */
function valueColumns(draft: MappingDraft): string[] {
  const { layout } = draft;
  if (layout.kind === 'periods-as-columns') return layout.period.columns;
  if (layout.kind === 'countries-as-columns') return layout.countryColumns;
  return draft.indicators.flatMap((i) => (i.column ? [i.column] : []));
}

/** Whether the descriptor declares a column a number (DuckDB's types for Frictionless number, integer, year). */
export function isNumeric(column: Pick<ColumnDescription, 'type'>): boolean {
  return /^(DOUBLE|FLOAT|REAL|DECIMAL.*|(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?)|INTEGER)$/i.test(column.type);
}

/** One value of the table in long form: a country and a period as written, which indicator, the number. */
interface LongValue {
  country: string;
  period: string;
  indicator: number;
  value: number | null;
}

/** The table's rows in long form, whatever its layout: wide tables unpivoted. */
export function toLongValues(draft: Pick<MappingDraft, 'layout' | 'indicators'>, rows: readonly Record<string, unknown>[]): LongValue[] {
  const out: LongValue[] = [];
  const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const number = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'bigint' ? Number(v) : null);
  const { layout } = draft;
  for (const row of rows) {
    switch (layout.kind) {
      case 'long': {
        const country = 'fixed' in layout.country ? layout.country.fixed : text(row.country);
        draft.indicators.forEach((_, i) => out.push({ country, period: text(row.period), indicator: i, value: number(row[`v${i}`]) }));
        break;
      }
      case 'periods-as-columns':
        layout.period.columns.forEach((column, i) => out.push({ country: text(row.country), period: column, indicator: 0, value: number(row[`v${i}`]) }));
        break;
      case 'countries-as-columns':
        layout.countryColumns.forEach((column, i) => out.push({ country: column, period: text(row.period), indicator: 0, value: number(row[`v${i}`]) }));
        break;
    }
  }
  return out;
}

/** What each different country value becomes: the user's decision, else the matcher's answer. */
export function countryValues(draft: Pick<MappingDraft, 'layout' | 'countries'>, counts: ReadonlyMap<string, number>): CountryValue[] {
  return [...counts].map(([raw, rows]) => {
    const match = matchCountry(raw);
    const decision = Object.hasOwn(draft.countries, raw) ? draft.countries[raw] : undefined;
    if (decision !== undefined) return { raw, rows, match, code: decision, decided: true };
    if (match.kind === 'matched') return { raw, rows, match, code: match.code, decided: true };
    return { raw, rows, match, code: null, decided: false };
  });
}

/** The mapping applied: its check and, by indicator, the values every view reads. */
export function applyMapping(draft: MappingDraft, rows: readonly Record<string, unknown>[], context: MappingContext): AppliedMapping {
  const long = toLongValues(draft, rows);
  const { layout } = draft;
  const counts = new Map<string, number>();
  if (layout.kind === 'countries-as-columns') for (const column of layout.countryColumns) counts.set(column, rows.length);
  else if ('column' in layout.country) for (const row of rows) counts.set(row.country == null ? '' : String(row.country), (counts.get(row.country == null ? '' : String(row.country)) ?? 0) + 1);
  else counts.set(layout.country.fixed, rows.length);
  const decided = countryValues(draft, counts).sort((a, b) => a.raw.localeCompare(b.raw));
  const codeOf = new Map(decided.map((c) => [c.raw, c]));

  const problems: MappingProblem[] = [];
  const undecided = decided.filter((c) => !c.decided);
  if (undecided.length > 0) problems.push({ code: 'countries-undecided', count: undecided.length, examples: examples(undecided.map((c) => c.raw)) });

  const periodOptions = { financialYearStart: layout.period.financialYearStart };
  const periodCache = new Map<string, ReturnType<typeof parsePeriod>>();
  const unreadable = new Map<string, number>();
  const values = new Map<string, StoredValue[]>(draft.indicators.map((i) => [mappedIndicatorId(draft.table, i.column), []]));
  const seen = new Map<string, number>();
  let duplicate: { key: string; country: string; period: string; indicator: string } | undefined;
  let duplicates = 0;

  for (const v of long) {
    const country = codeOf.get(v.country);
    if (!country?.decided || country.code === null) continue;
    let period = periodCache.get(v.period);
    if (!periodCache.has(v.period)) periodCache.set(v.period, (period = parsePeriod(v.period, layout.period.kind, periodOptions)));
    if (!period) {
      unreadable.set(v.period, (unreadable.get(v.period) ?? 0) + 1);
      continue;
    }
    const indicator = draft.indicators[v.indicator]!;
    const id = mappedIndicatorId(draft.table, indicator.column);
    const key = `${id}|${country.code}|${period.label}`;
    const times = (seen.get(key) ?? 0) + 1;
    seen.set(key, times);
    if (times > 1) {
      duplicates++;
      duplicate ??= { key, country: country.code, period: period.label, indicator: indicator.name || id };
      continue;
    }
    values.get(id)!.push(storedValue(country.code, period, v.value, indicator.kind, context));
  }

  if (unreadable.size > 0) {
    const column = layout.kind === 'periods-as-columns' ? layout.period.columns.join(', ') : layout.period.column;
    const count = [...unreadable.values()].reduce((a, b) => a + b, 0);
    problems.push({ code: 'periods-unreadable', column, kind: layout.period.kind, count, examples: examples([...unreadable.keys()]) });
  }
  if (duplicate) problems.push({ code: 'duplicates', count: duplicates, country: duplicate.country, period: duplicate.period, indicator: duplicate.indicator });
  const mappedCount = [...values.values()].reduce((n, list) => n + list.length, 0);
  if (mappedCount === 0 && undecided.length === 0 && unreadable.size === 0) problems.push({ code: 'nothing-mapped' });

  for (const list of values.values()) list.sort((a, b) => a.country.localeCompare(b.country) || a.period_start - b.period_start);
  const all = [...values.values()].flat();
  const starts = [...new Map(all.map((v) => [v.period, v.period_start])).entries()].sort((a, b) => a[1] - b[1]);
  return {
    values,
    check: {
      countryValues: decided,
      periods: { count: starts.length, first: starts[0]?.[0] ?? null, last: starts.at(-1)?.[0] ?? null },
      indicators: draft.indicators.map((i) => {
        const id = mappedIndicatorId(draft.table, i.column);
        const own = values.get(id) ?? [];
        return { id, name: i.name, values: own.filter((v) => v.value !== null).length, countries: new Set(own.filter((v) => v.value !== null).map((v) => v.country)).size };
      }),
      problems,
    },
  };
}

/** "“AFE”, “ARB”, “CEB” and 12 more", for a message. */
function examples(values: string[]): string {
  const shown = values.slice(0, 5).map((v) => `“${v}”`);
  return values.length > 5 ? `${shown.join(', ')} … (+${values.length - 5})` : shown.join(', ');
}

function storedValue(country: string, period: { label: string; start: string; end: string }, value: number | null, kind: ValueKind, context: MappingContext): StoredValue {
  return {
    country,
    period: period.label,
    period_start: epochDay(period.start),
    period_end: epochDay(period.end),
    value,
    lower: null,
    upper: null,
    status: statusOf(kind),
    synthetic: kind === 'synthetic',
    source: context.source,
    note: null,
    qualifier: null,
    programme: null,
  };
}

/** The data_status a kind of value is stored with (modelled values are published modelled estimates). */
function statusOf(kind: ValueKind): string {
  return kind === 'modelled' ? 'published' : kind;
}

/** A mapped indicator as the interface describes every indicator. */
export function mappedIndicatorDescription(table: string, indicator: MappedIndicator, values: readonly StoredValue[]): IndicatorDescription {
  const withValue = values.filter((v) => v.value !== null);
  const ordered = [...withValue].sort((a, b) => a.period_start - b.period_start);
  const periodsByCountry: Record<string, string[]> = {};
  for (const v of ordered) {
    const own = (periodsByCountry[v.country] ??= []);
    if (!own.includes(v.period)) own.push(v.period);
  }
  return {
    id: mappedIndicatorId(table, indicator.column),
    name: indicator.name,
    names: {},
    definition: indicator.definition,
    unit: indicator.unit,
    measureKind: indicator.kind === 'modelled' ? 'modelled' : indicator.kind === 'target' ? 'target' : 'actual',
    comparabilityLevel: indicator.comparability,
    caveat: null,
    denominator: null,
    countriesWithData: [...new Set(withValue.map((v) => v.country))].sort(),
    periods: [...new Set(ordered.map((v) => v.period))],
    periodsByCountry,
    scope: 'national',
    mapped: { table, column: indicator.column ?? null },
  };
}
