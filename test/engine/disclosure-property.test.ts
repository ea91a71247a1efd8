import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import { parseViewSpec, type BreakdownDimension, type PersonViewSpec, type ViewSpecInput } from '../../src/shared/view-spec.ts';
import { randomPersonSpecs } from '../support/random-specs.ts';
import { bundledData, demoPackage, tempDir } from '../support/temp.ts';

/**
 * No suppressed count can be worked out from what is shown beside it. For hundreds of random
 * person-level views, an attacker is given everything the interface can show for the same
 * people: the view with the UK as nations and as one, every country, and the linked view
 * beside it (the pathway beside a breakdown or outcome, the main needs beside the pathway),
 * counts, shares and all. The attacker also knows every true zero (the strongest case), and
 * that a breakdown by a referral's column and the pathway count the same people.
 *
 * Everything they know becomes linear equations over the true counts (read here from the
 * package's CSV files by a plain DuckDB, not by the engine); a count is worked out when the
 * equations determine it, found by exact elimination modulo a prime (independent of the
 * engine's own floating-point check). No count of 1 to threshold − 1 may be determined, and
 * no shown count may be one.
 */
const SEED = 8_2026;
const COUNT = 500;

let engine: Engine;
let raw: DuckDBConnection;
beforeAll(async () => {
  engine = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [bundledData] });
  raw = await (await DuckDBInstance.create(':memory:')).connect();
  for (const table of ['referral', 'referral_activity', 'outcome_measurement']) {
    await raw.run(`CREATE TABLE ${table} AS SELECT * FROM read_csv('${path.join(demoPackage, `${table}.csv`)}')`);
  }
});
afterAll(() => engine.close());

const activityColumns: Partial<Record<BreakdownDimension, string>> = { activity_category: 'a.category', glam: 'a.is_glam' };
const column = (d: BreakdownDimension) => activityColumns[d] ?? `r.${d}`;

/** The people a spec counts, as plain SQL written here. */
function where(spec: PersonViewSpec): string {
  const parts = ['r.country_code IS NOT NULL'];
  if (spec.filters.from) parts.push(`r.referral_date >= DATE '${spec.filters.from}'`);
  if (spec.filters.to) parts.push(`r.referral_date <= DATE '${spec.filters.to}'`);
  const category = spec.filters.category;
  if (category) {
    const c = `CAST(${column(category.dimension)} AS VARCHAR)`;
    parts.push(category.value === null ? `${c} IS NULL` : `${c} = '${category.value.replaceAll("'", "''")}'`);
  }
  return parts.join(' AND ');
}
function joins(spec: PersonViewSpec, byActivity: boolean): string {
  const filterOnActivity = spec.filters.category && activityColumns[spec.filters.category.dimension];
  return byActivity || filterOnActivity ? 'JOIN referral_activity a USING (referral_id)' : '';
}

async function truth(sql: string): Promise<Record<string, unknown>[]> {
  return (await raw.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}

/** True counts, and what the attacker learns about them: sums (with signs) whose value is known. */
class Knowledge {
  readonly value = new Map<string, number>();
  readonly equations: Map<string, number>[] = [];
  variable(id: string, value: number): void {
    this.value.set(id, value);
  }
  /** Σ plus − Σ minus is known. */
  learn(plus: string[], minus: string[] = []): void {
    const row = new Map<string, number>();
    for (const id of plus) row.set(id, (row.get(id) ?? 0) + 1);
    for (const id of minus) row.set(id, (row.get(id) ?? 0) - 1);
    this.equations.push(row);
  }
}

const UK = (c: string) => c === 'GB' || c.startsWith('GB-');
const PRIME = 67_108_859;
const mod = (a: number) => ((a % PRIME) + PRIME) % PRIME;
function inverse(a: number): number {
  let [t, newT, r, newR] = [0, 1, PRIME, mod(a)];
  while (newR !== 0) {
    const q = Math.floor(r / newR);
    [t, newT] = [newT, t - q * newT];
    [r, newR] = [newR, r - q * newR];
  }
  return mod(t);
}
const mulmod = (a: number, b: number) => Number((BigInt(a) * BigInt(b)) % BigInt(PRIME));

async function answer(input: ViewSpecInput): Promise<Record<string, unknown>[]> {
  return tableFromIPC(await engine.runView({ spec: parseViewSpec(input) })).toArray().map((r) => r.toJSON() as Record<string, unknown>);
}

/** Everything shown for this spec's people, in both UK settings, with the linked view. */
async function shownFor(input: ViewSpecInput): Promise<{ spec: PersonViewSpec; answers: { view: ViewSpecInput; rows: Record<string, unknown>[] }[] }> {
  const { countries: _c, ukNations: _u, ...rest } = input as ViewSpecInput & { countries?: string[] };
  const spec = parseViewSpec(input) as PersonViewSpec;
  const linked: ViewSpecInput =
    spec.view === 'pathway'
      ? ({ ...rest, view: 'breakdown', dimension: 'primary_need' } as ViewSpecInput)
      : ({ version: 2, dataset: 'sprig-demo', view: 'pathway', filters: spec.filters, suppressBelow: spec.suppressBelow } as ViewSpecInput);
  const views = [rest as ViewSpecInput, linked].flatMap((v) => (['separate', 'combined'] as const).map((ukNations) => ({ ...v, ukNations }) as ViewSpecInput));
  return { spec, answers: await Promise.all(views.map(async (view) => ({ view, rows: await answer(view) }))) };
}

async function audit(input: ViewSpecInput): Promise<string[]> {
  const { spec, answers } = await shownFor(input);
  const k = spec.suppressBelow;
  const know = new Knowledge();
  const problems: string[] = [];

  // True counts: breakdown cells (for each dimension shown), pathway groups, outcome pairs.
  const cells = new Map<string, string[]>(); // country|dimension -> variable ids
  const groups = new Map<string, string[]>(); // country -> group ids by mask
  for (const { view } of answers) {
    const v = parseViewSpec(view) as PersonViewSpec;
    if (v.view === 'breakdown' && !cells.has(`*|${v.dimension}`)) {
      cells.set(`*|${v.dimension}`, []);
      const byActivity = Boolean(activityColumns[v.dimension]);
      for (const r of await truth(`SELECT r.country_code AS c, CAST(${column(v.dimension)} AS VARCHAR) AS j, count(*)::DOUBLE AS n FROM referral r ${joins(spec, byActivity)} WHERE ${where(spec)} GROUP BY ALL`)) {
        const id = `b:${v.dimension}:${String(r.c)}:${String(r.j)}`;
        know.variable(id, Number(r.n));
        const key = `${String(r.c)}|${v.dimension}`;
        cells.set(key, [...(cells.get(key) ?? []), id]);
      }
    }
    if (v.view === 'pathway' && groups.size === 0) {
      for (const r of await truth(
        `SELECT r.country_code AS c, coalesce(r.contacted, false)::INT + 2 * coalesce(r.connected, false)::INT + 4 * coalesce(r.discharge_reason = 'completed', false)::INT AS m, count(*)::DOUBLE AS n FROM referral r ${joins(spec, false)} WHERE ${where(spec)} GROUP BY ALL`,
      )) {
        const id = `g:${String(r.c)}:${Number(r.m)}`;
        know.variable(id, Number(r.n));
        groups.set(String(r.c), [...(groups.get(String(r.c)) ?? []), id]);
      }
    }
  }
  if (spec.view === 'outcome') {
    for (const r of await truth(
      `SELECT r.country_code AS c, count(*)::DOUBLE AS n FROM referral r ${joins(spec, false)}
       JOIN outcome_measurement b ON b.referral_id = r.referral_id AND b.instrument = '${spec.instrument}' AND b.timepoint = 'baseline'
       JOIN outcome_measurement f ON f.referral_id = r.referral_id AND f.instrument = '${spec.instrument}' AND f.timepoint = '${spec.followUp}'
       WHERE ${where(spec)} GROUP BY ALL`,
    )) {
      know.variable(`o:${String(r.c)}`, Number(r.n));
    }
  }
  // Ids: b:dimension:country:category, g:country:mask, o:country.
  const countries = [...new Set([...know.value.keys()].map((id) => id.split(':')[id.startsWith('b:') ? 2 : 1]!))];
  const members = (shown: string, combined: boolean) => (combined && shown === 'GB' ? countries.filter(UK) : [shown]);
  const mask = (stage: number) => (m: number) => stage === 0 || (m & (1 << (stage - 1))) !== 0;

  for (const { view, rows } of answers) {
    const v = parseViewSpec(view) as PersonViewSpec;
    const combined = v.ukNations === 'combined';
    for (const row of rows) {
      const n = row.n as number | null;
      if (n !== null && n > 0 && n < k) problems.push(`${JSON.stringify(view)}: shows a count of ${n} for ${String(row.country)}`);
      const who = members(String(row.country), combined);
      let terms: string[];
      let total: string[] = [];
      if (v.view === 'breakdown') {
        const j = row.category === null ? 'null' : String(row.category);
        terms = who.map((c) => `b:${v.dimension}:${c}:${j}`).filter((id) => know.value.has(id));
        total = who.flatMap((c) => cells.get(`${c}|${v.dimension}`) ?? []);
      } else if (v.view === 'pathway') {
        const ids = who.flatMap((c) => (groups.get(c) ?? []));
        terms = ids.filter((id) => mask(Number(row.step))(Number(id.split(':')[2])));
        total = ids;
      } else {
        terms = who.map((c) => `o:${c}`).filter((id) => know.value.has(id));
      }
      if (n !== null) know.learn(terms);
      if (row.share !== null && row.share !== undefined && Number(row.share) > 0) know.learn(total);
    }
  }
  // A breakdown by a referral's own column counts the pathway's people.
  for (const [key, ids] of cells) {
    const [country, dimension] = key.split('|') as [string, BreakdownDimension];
    if (country === '*' || activityColumns[dimension] || !groups.has(country)) continue;
    know.learn(ids, groups.get(country)!);
  }

  // Unknowns: every non-zero count (the attacker knows the zeros, which drop out of every sum).
  const unknowns = [...know.value].filter(([, v]) => v !== 0).map(([id]) => id);
  for (const id of determined(unknowns, know.equations)) {
    const value = know.value.get(id)!;
    if (value > 0 && value < k) problems.push(`${JSON.stringify(input)}: ${id} = ${value} can be worked out`);
  }
  return problems;
}

/**
 * The unknowns the known sums fix, by Gauss–Jordan elimination modulo a prime (exact): a
 * reduced row with a single non-zero entry fixes that unknown.
 */
function determined(ids: string[], equations: Map<string, number>[]): Set<string> {
  const col = new Map(ids.map((id, i) => [id, i]));
  const rows = equations.map((eq) => {
    const row = new Array<number>(ids.length).fill(0);
    for (const [id, coef] of eq) if (col.has(id)) row[col.get(id)!] = mod(row[col.get(id)!]! + coef);
    return row;
  });
  let lead = 0;
  for (let c = 0; c < ids.length && lead < rows.length; c++) {
    const pivot = rows.findIndex((r, i) => i >= lead && r[c] !== 0);
    if (pivot === -1) continue;
    [rows[lead], rows[pivot]] = [rows[pivot]!, rows[lead]!];
    const inv = inverse(rows[lead]![c]!);
    rows[lead] = rows[lead]!.map((v) => mulmod(v, inv));
    for (let r = 0; r < rows.length; r++) {
      if (r === lead || rows[r]![c] === 0) continue;
      const f = rows[r]![c]!;
      rows[r] = rows[r]!.map((v, i) => mod(v - mulmod(f, rows[lead]![i]!)));
    }
    lead++;
  }
  const found = new Set<string>();
  for (const row of rows.slice(0, lead)) {
    const nz = row.flatMap((v, i) => (v !== 0 ? [i] : []));
    if (nz.length === 1) found.add(ids[nz[0]!]!);
  }
  return found;
}

describe('disclosure control', () => {
  it('the auditor itself finds a count left to subtraction (Greece, by sex, with the pathway beside it)', () => {
    // referred 1,500 = female 962 + male 531 + other 7: with only "other" hidden, it is worked out.
    const unknown = new Map([['other', 1]]);
    expect(determined(['other'], [unknown]).has('other')).toBe(true);
    // With "male" hidden too, only their sum (538) is known: neither is.
    expect(determined(['other', 'male'], [new Map([['other', 1], ['male', 1]])]).size).toBe(0);
  });

  it(`no suppressed count can be worked out in ${COUNT} random person-level views (seed ${SEED})`, async () => {
    const problems: string[] = [];
    let suppressed = 0;
    for (const input of randomPersonSpecs(SEED, COUNT)) {
      const found = await audit(input);
      problems.push(...found);
      suppressed += (await answer({ ...input, countries: undefined } as ViewSpecInput)).filter((r) => r.suppressed).length;
    }
    expect(problems.slice(0, 20), problems.join('\n')).toEqual([]);
    // The views must have had something to protect, or this proves nothing.
    expect(suppressed).toBeGreaterThan(COUNT);
  }, 600_000);
});
