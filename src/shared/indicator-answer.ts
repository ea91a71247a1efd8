import type { IndicatorDescription } from './catalogue.ts';
import { sortCountries } from './countries.ts';
import { addsUp, valueKind } from './indicators.ts';
import { isAsked, isUkNation, shownAs, UK } from './uk.ts';
import type { IndicatorAnswerRow, MissingReason } from './view-answer.ts';
import type { IndicatorViewSpec } from './view-spec.ts';

/**
 * From an indicator's stored values to what a view shows: the UK as nations or as one, the
 * countries and period range asked for, the transform, and the reduction each view makes
 * (every period, the latest, two periods). Pure, so it is tested without a database; the
 * engine reads the values with src/shared/sql/indicator-query.ts and hands them here.
 *
 * Nothing vanishes silently: a country asked for that has values but none this view can
 * show keeps one row with no value and the true reason (`MissingReason`).
 */

/** One stored value, as src/shared/sql/indicator-query.ts reads it. */
export interface StoredValue {
  country: string;
  period: string;
  /** Epoch milliseconds. */
  period_start: number;
  period_end: number | null;
  value: number | null;
  lower: number | null;
  upper: number | null;
  status: string;
  synthetic: boolean;
  source: string | null;
  note: string | null;
  qualifier: string | null;
  programme: string | null;
}

/** One population, a denominator for per 100,000. */
export interface StoredPopulation {
  country: string;
  population_type: string;
  reference_year: number;
  period_label: string;
  value: number;
  source: string | null;
}

export interface IndicatorContext {
  indicator: Pick<IndicatorDescription, 'unit' | 'denominator' | 'measureKind'>;
  /** The UK's nations the package knows (from its country list), in order. */
  nations: readonly string[];
}

/** z-scores: stored bounds are 95% intervals; a 90% interval is the same spread scaled. */
const Z95 = 1.959964;
const Z90 = 1.644854;

type Row = IndicatorAnswerRow;

export function indicatorAnswer(spec: IndicatorViewSpec, stored: readonly StoredValue[], populations: readonly StoredPopulation[], ctx: IndicatorContext): Row[] {
  const rows = ukRows(spec, stored, ctx).filter((r) => isAsked(shownAs(r.country, spec.ukNations), spec.countries, spec.ukNations));
  const byCountry = Map.groupBy(rows, (r) => r.country);
  const out: Row[] = [];
  for (const country of sortCountries(byCountry.keys())) {
    const own = byCountry.get(country)!.sort((a, b) => (a.period_start ?? 0) - (b.period_start ?? 0));
    const inRange = own.filter((r) => overlaps(r, spec.filters));
    if (inRange.length === 0) {
      out.push(placeholder(country, own.some((r) => r.value !== null) ? 'out_of_range' : reasonOf(own[0]!)));
      continue;
    }
    out.push(...reduce(spec, country, transform(spec, country, inRange, own, populations)));
  }
  return out;
}

/** A stored value as an answer row, before any transform. */
function answerRow(v: StoredValue, ctx: IndicatorContext, country = v.country): Row {
  const row: Row = {
    country,
    period: v.period,
    period_start: v.period_start,
    period_end: v.period_end,
    value: v.value,
    lower: v.lower,
    upper: v.upper,
    status: v.status,
    kind: null,
    synthetic: v.synthetic,
    source: v.source,
    note: v.note,
    qualifier: v.qualifier,
    programme: v.programme,
    combined: null,
    population_type: null,
    population_period: null,
    population_source: null,
    base_period: null,
    reason: null,
  };
  if (row.value === null) row.reason = v.status === 'not_available' ? 'not_available' : 'no_value';
  else row.kind = valueKind(row, ctx.indicator);
  return row;
}

/**
 * The UK as the view shows it.
 * - Nations separately: each nation's values; a UK-wide figure (stored for GB) is shown as
 *   the United Kingdom when the indicator has no values of the nations' own.
 * - As one: a UK-wide figure when there is one. Otherwise, for a count that adds up, the sum
 *   of the nations for each period in which every nation has a value; every other value of
 *   a nation stays what it is (England's values are England's, labelled so), never dropped
 *   and never passed off as the UK's.
 */
function ukRows(spec: IndicatorViewSpec, stored: readonly StoredValue[], ctx: IndicatorContext): Row[] {
  const ukWide = stored.filter((v) => v.country === UK);
  const nations = stored.filter((v) => isUkNation(v.country));
  const others = stored.filter((v) => v.country !== UK && !isUkNation(v.country)).map((v) => answerRow(v, ctx));
  if (spec.ukNations === 'separate') {
    const uk = nations.length === 0 ? ukWide : [];
    return [...others, ...nations.map((v) => answerRow(v, ctx)), ...uk.map((v) => answerRow(v, ctx))];
  }
  if (ukWide.length > 0) return [...others, ...ukWide.map((v) => answerRow(v, ctx))];
  const summed: Row[] = [];
  const left: StoredValue[] = [];
  const periods = Map.groupBy(nations, (v) => `${v.period_start}|${v.period_end}`);
  for (const values of periods.values()) {
    const withValue = values.filter((v) => v.value !== null);
    const everyNation = ctx.nations.length > 0 && ctx.nations.every((code) => withValue.filter((v) => v.country === code).length === 1);
    if (addsUp(ctx.indicator) && everyNation && withValue.length === ctx.nations.length) summed.push(sumOfNations(withValue, ctx));
    else left.push(...values);
  }
  return [...others, ...summed, ...left.map((v) => answerRow(v, ctx))];
}

/** The United Kingdom's value for one period: its nations' values added up. */
function sumOfNations(values: StoredValue[], ctx: IndicatorContext): Row {
  const first = values[0]!;
  const statuses = new Set(values.map((v) => v.status));
  const sources = [...new Set(values.map((v) => v.source).filter((s): s is string => s !== null))];
  const qualifiers = new Set(values.map((v) => v.qualifier).filter((q) => q !== null));
  const row = answerRow(
    {
      ...first,
      country: UK,
      value: values.reduce((sum, v) => sum + (v.value ?? 0), 0),
      // Intervals do not add up.
      lower: null,
      upper: null,
      status: statuses.size === 1 ? first.status : 'derived_from_published',
      synthetic: values.some((v) => v.synthetic),
      source: sources.length > 0 ? sources.join(';') : null,
      note: null,
      qualifier: qualifiers.size === 0 ? null : 'approximately',
      programme: null,
    },
    ctx,
  );
  row.combined = sortCountries(values.map((v) => v.country)).join(',');
  return row;
}

/** Whether a value's period overlaps the chosen range (a value over several years counts if any of it does). */
function overlaps(row: Row, filters: IndicatorViewSpec['filters']): boolean {
  const start = row.period_start ?? 0;
  const end = row.period_end ?? start;
  if (filters.from && end < Date.parse(`${filters.from}T00:00:00Z`)) return false;
  if (filters.to && start > Date.parse(`${filters.to}T00:00:00Z`)) return false;
  return true;
}

function reasonOf(row: Row): MissingReason {
  return row.reason ?? 'no_value';
}

function placeholder(country: string, reason: MissingReason, extra: Partial<Row> = {}): Row {
  return {
    country,
    period: null,
    period_start: null,
    period_end: null,
    value: null,
    lower: null,
    upper: null,
    status: null,
    kind: null,
    synthetic: false,
    source: null,
    note: null,
    qualifier: null,
    programme: null,
    combined: null,
    population_type: null,
    population_period: null,
    population_source: null,
    base_period: null,
    reason,
    ...extra,
  };
}

/** Without a value, a row keeps its reason; the transform never makes one up. */
function withoutValue(row: Row, reason: MissingReason): Row {
  return { ...row, value: null, lower: null, upper: null, kind: null, reason: row.reason ?? reason };
}

/** The transform (per 100,000 or indexed) and the interval asked for. */
function transform(spec: IndicatorViewSpec, country: string, rows: Row[], all: Row[], populations: readonly StoredPopulation[]): Row[] {
  const interval = (r: Row): Row => {
    if (spec.interval === 'none' || r.value === null || r.lower === null || r.upper === null) return { ...r, lower: null, upper: null };
    if (spec.interval === '95') return r;
    const scale = Z90 / Z95;
    return { ...r, lower: r.value + (r.lower - r.value) * scale, upper: r.value + (r.upper - r.value) * scale };
  };
  const scaled = (r: Row, factor: number): Row =>
    r.value === null ? r : { ...r, value: r.value * factor, lower: r.lower === null ? null : r.lower * factor, upper: r.upper === null ? null : r.upper * factor };

  if (spec.transform === 'per100k') {
    return rows.map((r) => {
      if (r.value === null) return interval(r);
      if (r.programme !== null) return withoutValue(r, 'not_applicable');
      const population = nearestPopulation(country, r, populations);
      if (!population) return withoutValue(r, 'no_population');
      return {
        ...scaled(interval(r), 100_000 / population.value),
        population_type: population.population_type,
        population_period: population.period_label,
        population_source: population.source,
      };
    });
  }
  if (spec.transform === 'indexed') {
    const usable = (r: Row) => r.value !== null && r.value !== 0;
    // A chosen base period may lie outside the range shown; by default, the first period shown.
    const base = spec.indexBase !== undefined ? all.find((r) => r.period === spec.indexBase && usable(r)) : rows.find(usable);
    if (!base) return rows.map((r) => withoutValue(r, 'no_base_value'));
    return rows.map((r) => ({ ...scaled(interval(r), 100 / base.value!), base_period: base.period }));
  }
  return rows.map(interval);
}

/** Resident counts before GP-registered lists, then the reference year nearest the value's period. */
function nearestPopulation(country: string, row: Row, populations: readonly StoredPopulation[]): StoredPopulation | undefined {
  const year = new Date(row.period_start ?? 0).getUTCFullYear();
  const cost = (p: StoredPopulation) => (p.population_type === 'resident' ? 0 : 1000) + Math.abs(p.reference_year - year);
  return populations.filter((p) => p.country === country && p.value > 0).sort((a, b) => cost(a) - cost(b))[0];
}

/** Which rows each view keeps: all of them over time, the latest, or the two periods compared. */
function reduce(spec: IndicatorViewSpec, country: string, rows: Row[]): Row[] {
  switch (spec.view) {
    case 'latest':
    case 'map': {
      const withValue = rows.filter((r) => r.value !== null);
      return [(withValue.length > 0 ? withValue : rows).at(-1)!];
    }
    case 'slope': {
      const ends = rows.filter((r) => r.period === spec.from || r.period === spec.to);
      if (ends.length > 0) return ends;
      return [placeholder(country, rows.some((r) => r.value !== null) ? 'not_at_periods' : reasonOf(rows[0]!))];
    }
    default:
      return rows;
  }
}
