import { sortCountries } from './countries.ts';
import { hideWholeGroups, protect, type DisclosureCell, type DisclosureSum, type Suppression } from './disclosure.ts';
import { isAsked, isUkNation, UK } from './uk.ts';
import type { BreakdownAnswerRow, OutcomeAnswerRow, PathwayAnswerRow } from './view-answer.ts';
import type { BreakdownViewSpec, OutcomeViewSpec, PathwayViewSpec } from './view-spec.ts';

/**
 * From raw counts of people to what a person-level view shows: the whole table (every
 * country, every UK nation and the UK as one) is protected by src/shared/disclosure.ts,
 * and only then is the part the view asks for picked out, so the suppression pattern never
 * depends on which countries are chosen or how the UK is shown. The raw counts come from
 * src/shared/sql/person-query.ts or, faster, from the compact tables
 * (src/engine/compact-query.ts); both answer the same `Raw…` rows.
 */

/** The United Kingdom as one in raw counts: a key no country code can take. */
export const UK_SUM = 'GB+';

/** Whether a raw country is part of the United Kingdom (a nation, or a UK-wide row). */
export function inUk(code: string): boolean {
  return code === UK || isUkNation(code);
}

export interface RawBreakdownCount {
  country: string;
  category: string | null;
  n: number;
}

export interface RawPathwayCount {
  country: string;
  /** Whether the group reached each stage after "referred", in the order of `pathwayStages`. */
  stages: boolean[];
  n: number;
}

/** One outcome series of a country (or UK_SUM for the United Kingdom as one), before disclosure control. */
export type RawOutcomeSeries = Omit<OutcomeAnswerRow, 'n' | 'suppressed' | 'suppression' | 'covers'> & { n: number };

/** Cells and sums for `protect`, built up view by view. */
class Table {
  readonly cells: DisclosureCell[] = [];
  readonly sums: DisclosureSum[] = [];
  private readonly ids = new Set<string>();

  cell(id: string, value: number, options: { hidden?: boolean; fixed?: boolean } = {}): string {
    if (!this.ids.has(id)) {
      this.ids.add(id);
      this.cells.push({ id, value, ...options });
    }
    return id;
  }

  sum(total: string, parts: string[]): void {
    this.sums.push({ total, parts });
  }
}

/** The countries of the raw counts, and the UK's members among them (the UK as one adds these up). */
function countriesOf(raw: readonly { country: string }[]): { countries: string[]; uk: string[] } {
  const countries = sortCountries(raw.map((r) => r.country).filter((c) => c !== UK_SUM));
  return { countries, uk: countries.filter(inUk) };
}

/** The countries a view shows: each country, or the UK as one in place of its members; then those asked for. */
function shownCountries(spec: BreakdownViewSpec | PathwayViewSpec | OutcomeViewSpec, countries: string[], uk: string[]): { key: string; code: string; covers: string | null }[] {
  const keys =
    spec.ukNations === 'combined' && uk.length > 0
      ? [...countries.filter((c) => !inUk(c)), UK_SUM]
      : countries;
  return sortCountries(keys.map((k) => (k === UK_SUM ? UK : k)))
    .filter((code) => isAsked(code, spec.countries, spec.ukNations))
    .map((code) => (code === UK && spec.ukNations === 'combined' && uk.length > 0 ? { key: UK_SUM, code, covers: uk.join(',') } : { key: code, code, covers: null }));
}

const NOT_RECORDED = '\u0000';
const keyOf = (category: string | null) => category ?? NOT_RECORDED;

/**
 * Referrals (or activities) by one dimension. Every category the package defines
 * (`domain`) is a cell, zero where nobody has it, for each country that records the
 * dimension at all; people without a value are a category of their own ("not recorded").
 */
export function breakdownAnswer(spec: BreakdownViewSpec, raw: readonly RawBreakdownCount[], domain: readonly string[]): BreakdownAnswerRow[] {
  const { countries, uk } = countriesOf(raw);
  const counts = new Map<string, Map<string, number>>();
  for (const r of raw) {
    const own = counts.get(r.country) ?? new Map<string, number>();
    own.set(keyOf(r.category), (own.get(keyOf(r.category)) ?? 0) + r.n);
    counts.set(r.country, own);
  }
  const observed = new Set(raw.map((r) => keyOf(r.category)));
  const categories = [...new Set([...domain, ...[...observed].filter((c) => c !== NOT_RECORDED)])];
  const all = observed.has(NOT_RECORDED) ? [...categories, NOT_RECORDED] : categories;
  if (uk.length > 0) counts.set(UK_SUM, sumMaps(uk.map((c) => counts.get(c)!)));

  const table = new Table();
  for (const [country, own] of counts) {
    const parts = all.map((k) => table.cell(`${country}|${k}`, own.get(k) ?? 0));
    // A country's total is shown beside every breakdown (the pathway's "referred") and follows from any share.
    const total = table.cell(`${country}|*`, [...own.values()].reduce((a, b) => a + b, 0), { fixed: true });
    table.sum(total, parts);
  }
  for (const k of all) if (uk.length > 0) table.sum(`${UK_SUM}|${k}`, uk.map((c) => `${c}|${k}`));
  const suppressed = hideWholeGroups(protect(table.cells, table.sums, spec.suppressBelow), counts.keys(), (country) => `${country}|*`, (country) => all.map((k) => `${country}|${k}`));

  return shownCountries(spec, countries, uk).flatMap(({ key, code, covers }) => {
    const own = counts.get(key)!;
    const total = [...own.values()].reduce((a, b) => a + b, 0);
    const recorded = [...own.keys()].some((k) => k !== NOT_RECORDED);
    // A country that records nothing of this dimension shows only its "not recorded" people, not a row of zeros.
    const shown = all.filter((k) => (k === NOT_RECORDED ? own.has(k) : recorded));
    return shown.map((k): BreakdownAnswerRow => {
      const n = own.get(k) ?? 0;
      const how = suppressed.get(`${key}|${k}`) ?? null;
      return {
        country: code,
        covers,
        category: k === NOT_RECORDED ? null : k,
        ...counted(n, how),
        share: how || total === 0 ? null : n / total,
      };
    });
  });
}

/**
 * The referral pathway: how many people reached each stage. The stages are sums of the
 * groups of people by which stages they reached (hidden, but protected: a small group such
 * as "referred but never contacted" must not follow from two shown stages).
 */
export function pathwayAnswer(spec: PathwayViewSpec, raw: readonly RawPathwayCount[], stages: readonly string[]): PathwayAnswerRow[] {
  const { countries, uk } = countriesOf(raw);
  const later = stages.length - 1;
  const masks = 1 << later;
  const groups = new Map<string, number[]>();
  for (const r of raw) {
    const own = groups.get(r.country) ?? new Array<number>(masks).fill(0);
    const mask = r.stages.slice(0, later).reduce((m, reached, i) => (reached ? m | (1 << i) : m), 0);
    own[mask]! += r.n;
    groups.set(r.country, own);
  }
  if (uk.length > 0) groups.set(UK_SUM, new Array<number>(masks).fill(0).map((_, m) => uk.reduce((s, c) => s + groups.get(c)![m]!, 0)));

  const table = new Table();
  const stageCount = (own: number[], step: number) => own.reduce((s, n, m) => (step === 0 || m & (1 << (step - 1)) ? s + n : s), 0);
  for (const [country, own] of groups) {
    // A group of nobody is known to be nobody; any other group is never shown.
    const parts = own.map((n, m) => table.cell(`${country}|g${m}`, n, n === 0 ? { fixed: true } : { hidden: true }));
    stages.forEach((_, step) => {
      const stage = table.cell(`${country}|s${step}`, stageCount(own, step), step === 0 ? { fixed: true } : {});
      table.sum(stage, parts.filter((_, m) => step === 0 || m & (1 << (step - 1))));
    });
  }
  if (uk.length > 0) for (let m = 0; m < masks; m++) table.sum(`${UK_SUM}|g${m}`, uk.map((c) => `${c}|g${m}`));
  const suppressed = hideWholeGroups(protect(table.cells, table.sums, spec.suppressBelow), groups.keys(), (country) => `${country}|s0`, (country) => stages.map((_, step) => `${country}|s${step}`));

  return shownCountries(spec, countries, uk).flatMap(({ key, code, covers }) => {
    const own = groups.get(key)!;
    const referred = stageCount(own, 0);
    const referredHidden = suppressed.has(`${key}|s0`);
    return stages.map((stage, step): PathwayAnswerRow => {
      const n = stageCount(own, step);
      const how = suppressed.get(`${key}|s${step}`) ?? null;
      return { country: code, covers, step, stage, ...counted(n, how), share: how || referredHidden || referred === 0 ? null : n / referred };
    });
  });
}

/**
 * Outcome change on one instrument, per country: a series is shown only when it counts
 * enough people, and the UK as one (the sum of its members' people) is protected with them.
 */
export function outcomeAnswer(spec: OutcomeViewSpec, raw: readonly RawOutcomeSeries[]): OutcomeAnswerRow[] {
  const { countries, uk } = countriesOf(raw);
  const people = new Map<string, number>();
  for (const r of raw) people.set(r.country, r.n);
  const table = new Table();
  for (const [country, n] of people) table.cell(country, n);
  if (uk.length > 0 && people.has(UK_SUM)) table.sum(UK_SUM, uk);
  const suppressed = protect(table.cells, table.sums, spec.suppressBelow);
  const order = ['baseline', 'follow_up', 'change'];

  return shownCountries(spec, countries, uk).flatMap(({ key, code, covers }) => {
    const how = suppressed.get(key) ?? null;
    return raw
      .filter((r) => r.country === key)
      .sort((a, b) => order.indexOf(a.series) - order.indexOf(b.series))
      .map((r): OutcomeAnswerRow => {
        const stat = (v: number | null) => (how ? null : v);
        return {
          country: code,
          covers,
          series: r.series,
          ...counted(r.n, how),
          mean: stat(r.mean),
          lower: stat(r.lower),
          upper: stat(r.upper),
          p10: stat(r.p10),
          p25: stat(r.p25),
          p50: stat(r.p50),
          p75: stat(r.p75),
          p90: stat(r.p90),
        };
      });
  });
}

function counted(n: number, how: Suppression | null): { n: number | null; suppressed: boolean; suppression: Suppression | null } {
  return { n: how ? null : n, suppressed: how !== null, suppression: how };
}

function sumMaps(maps: Map<string, number>[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of maps) for (const [k, v] of m) out.set(k, (out.get(k) ?? 0) + v);
  return out;
}
