/**
 * Statistical disclosure control: the one place where Sprig decides which counts of people
 * may be shown. Every person-level answer (breakdowns, pathway stages, outcome groups, the
 * table, the CSV, and every figure made from them) passes through `protect` in the engine
 * before it leaves; nothing downstream suppresses or un-suppresses anything.
 *
 * The rule:
 *
 * 1. **Primary suppression.** A count of 1 to `threshold − 1` people is never shown (a zero
 *    names nobody and is shown). Hidden counts (groups a view never shows, such as "people
 *    contacted but not connected") are protected by the same rule.
 * 2. **Complementary (secondary) suppression.** A view shows counts together with the totals
 *    they add up to (a country's referrals, the United Kingdom as the sum of its nations,
 *    the pathway's stages as sums of the groups of people who reached them). Where a
 *    suppressed count could be worked out from what is shown — by subtraction from a total,
 *    or by any combination of the view's sums — further counts are suppressed, the smallest
 *    first, until none can. The same holds for a small group that is the difference of two
 *    shown totals, and for the sum of the suppressed counts of one total: if that sum is
 *    itself below the threshold, another count is suppressed.
 * 3. **Totals published elsewhere stay shown** (`fixed`): a country's referrals appear in the
 *    pathway beside every breakdown and can be worked out from any shown share, so they are
 *    treated as known and are never the count chosen to protect another.
 * 4. **A group too small to show shows none of its parts**, zeros included (`hideWholeGroups`):
 *    "0 male" beside a suppressed total of 5 would say that all five are female.
 * 5. The same table is protected whatever part of it a view shows: every country, the UK's
 *    nations and the UK as one, so choosing fewer countries or switching how the UK appears
 *    never reveals a different pattern.
 *
 * "Worked out" is decided exactly: the shown counts and the sums the view implies form a
 * system of linear equations, and a suppressed count is exposed when it is determined by that
 * system (its unit vector lies in the row space of the equations over the unknown counts).
 */

/** Why a count is not shown. */
export type Suppression = 'primary' | 'complementary';

export interface DisclosureCell {
  id: string;
  value: number;
  /** Never shown by any view (a group only implied by the shown sums). */
  hidden?: boolean;
  /** Published elsewhere, so always known: never suppressed to protect another count. */
  fixed?: boolean;
}

/** `total` is the sum of `parts`. */
export interface DisclosureSum {
  total: string;
  parts: readonly string[];
}

/** A count is sensitive when it counts some people, but fewer than the threshold. */
export function isSmall(value: number, threshold: number): boolean {
  return value > 0 && value < threshold;
}

/**
 * Which shown cells must be suppressed, and why. Hidden cells are never in the answer
 * (they are never shown), but they are protected too.
 */
export function protect(cells: readonly DisclosureCell[], sums: readonly DisclosureSum[], threshold: number): Map<string, Suppression> {
  const byId = new Map(cells.map((c) => [c.id, c]));
  for (const sum of sums) {
    for (const id of [sum.total, ...sum.parts]) if (!byId.has(id)) throw new Error(`disclosure: no cell ${id}`);
  }
  const suppressed = new Map<string, Suppression>();
  for (const cell of cells) if (!cell.hidden && isSmall(cell.value, threshold)) suppressed.set(cell.id, 'primary');
  const unknown = (id: string) => byId.get(id)!.hidden === true || suppressed.has(id);

  // Each pass finds one exposure and suppresses at least one more count; suppressions only grow, so it ends.
  for (;;) {
    const exposure = findExposure(cells, sums, threshold, unknown);
    if (!exposure) return suppressed;
    const complement = chooseComplement(exposure.within, byId, unknown) ?? chooseComplement(reachable(exposure.within, sums, unknown), byId, unknown);
    if (complement) {
      suppressed.set(complement, 'complementary');
      continue;
    }
    // Every other count the exposure depends on is published elsewhere: fail closed and hide
    // them here too rather than let one be worked out.
    const rest = reachable(exposure.within, sums, unknown).filter((id) => !unknown(id));
    if (rest.length === 0) throw new Error('disclosure: a count is exposed by the structure of the table itself');
    for (const id of rest) suppressed.set(id, 'complementary');
  }
}

/**
 * Every count in the sums linked to these through unknown counts: where a value worked out
 * through a chain of sums can be hidden again.
 */
function reachable(start: readonly string[], sums: readonly DisclosureSum[], unknown: (id: string) => boolean): string[] {
  const seen = new Set(start);
  const queue = start.filter(unknown);
  const used = new Set<DisclosureSum>();
  while (queue.length > 0) {
    const id = queue.pop()!;
    for (const sum of sums) {
      if (used.has(sum) || (sum.total !== id && !sum.parts.includes(id))) continue;
      used.add(sum);
      for (const other of [sum.total, ...sum.parts]) {
        if (seen.has(other)) continue;
        seen.add(other);
        if (unknown(other)) queue.push(other);
      }
    }
  }
  return [...seen];
}

/**
 * A group too small to show as a whole (its total suppressed) shows none of its parts
 * either, zeros included: "0 male" beside a hidden total of 5 would say all five are female.
 */
export function hideWholeGroups(
  suppressed: Map<string, Suppression>,
  countries: Iterable<string>,
  total: (country: string) => string,
  parts: (country: string) => string[],
): Map<string, Suppression> {
  for (const country of countries) {
    if (!suppressed.has(total(country))) continue;
    for (const id of parts(country)) if (!suppressed.has(id)) suppressed.set(id, 'complementary');
  }
  return suppressed;
}

/** A sensitive value that the shown counts reveal, and the counts whose suppression could hide it. */
interface Exposure {
  /** Counts in the sums that reveal it: the candidates for complementary suppression. */
  within: string[];
}

function findExposure(
  cells: readonly DisclosureCell[],
  sums: readonly DisclosureSum[],
  threshold: number,
  unknown: (id: string) => boolean,
): Exposure | null {
  const value = new Map(cells.map((c) => [c.id, c.value]));
  const unknowns = cells.filter((c) => unknown(c.id)).map((c) => c.id);
  // 1. A single unknown count that the equations determine.
  for (const id of determined(unknowns, sums, unknown)) {
    if (!isSmall(value.get(id)!, threshold)) continue;
    const within = sums.filter((s) => s.total === id || s.parts.includes(id)).flatMap((s) => [s.total, ...s.parts]);
    return { within: [...new Set(within)] };
  }
  // 2. The unknown parts of one known total add up to a small number.
  for (const sum of sums) {
    if (unknown(sum.total)) continue;
    const hiddenParts = sum.parts.filter(unknown);
    if (hiddenParts.length < 2) continue;
    const rest = hiddenParts.reduce((acc, id) => acc + value.get(id)!, 0);
    if (isSmall(rest, threshold)) return { within: [...sum.parts] };
  }
  // 3. Two known totals, one summing a subset of the other's parts: the difference is a group.
  for (const outer of sums) {
    if (unknown(outer.total)) continue;
    for (const inner of sums) {
      if (inner === outer || unknown(inner.total) || inner.parts.length >= outer.parts.length) continue;
      if (!inner.parts.every((p) => outer.parts.includes(p))) continue;
      const group = outer.parts.filter((p) => !inner.parts.includes(p));
      const hiddenGroup = group.filter(unknown);
      if (hiddenGroup.length === 0) continue;
      const rest = hiddenGroup.reduce((acc, id) => acc + value.get(id)!, 0);
      if (isSmall(rest, threshold)) return { within: [outer.total, inner.total, ...group] };
    }
  }
  return null;
}

/** The smallest count that is shown, not published elsewhere, and not zero (zero when nothing else is left). */
function chooseComplement(within: readonly string[], byId: Map<string, DisclosureCell>, unknown: (id: string) => boolean): string | null {
  const candidates = within
    .map((id) => byId.get(id)!)
    .filter((c) => !c.hidden && !c.fixed && !unknown(c.id))
    .sort((a, b) => (a.value === 0 ? 1 : 0) - (b.value === 0 ? 1 : 0) || a.value - b.value || a.id.localeCompare(b.id));
  return candidates[0]?.id ?? null;
}

/**
 * The unknown counts that the sums determine, given every known count: an unknown is
 * determined when its unit vector lies in the row space of the equations restricted to the
 * unknowns. Gauss–Jordan elimination over small integer matrices; each reduced row that has
 * a single non-zero entry names a determined unknown.
 */
export function determined(unknowns: readonly string[], sums: readonly DisclosureSum[], isUnknown: (id: string) => boolean): string[] {
  const column = new Map(unknowns.map((id, i) => [id, i]));
  const rows: number[][] = [];
  for (const sum of sums) {
    const row = new Array<number>(unknowns.length).fill(0);
    let any = false;
    // total − Σ parts = 0; known counts move to the right-hand side, which does not matter here.
    if (isUnknown(sum.total)) {
      row[column.get(sum.total)!]! += 1;
      any = true;
    }
    for (const part of sum.parts) {
      if (!isUnknown(part)) continue;
      row[column.get(part)!]! -= 1;
      any = true;
    }
    if (any) rows.push(row);
  }
  const reduced = reducedRowEchelon(rows, unknowns.length);
  const found: string[] = [];
  for (const row of reduced) {
    const nonZero = row.flatMap((v, i) => (Math.abs(v) > 1e-9 ? [i] : []));
    if (nonZero.length === 1) found.push(unknowns[nonZero[0]!]!);
  }
  return found;
}

function reducedRowEchelon(input: number[][], width: number): number[][] {
  const rows = input.map((r) => [...r]);
  let lead = 0;
  for (let col = 0; col < width && lead < rows.length; col++) {
    let pivot = lead;
    while (pivot < rows.length && Math.abs(rows[pivot]![col]!) < 1e-9) pivot++;
    if (pivot === rows.length) continue;
    [rows[lead], rows[pivot]] = [rows[pivot]!, rows[lead]!];
    const p = rows[lead]![col]!;
    rows[lead] = rows[lead]!.map((v) => v / p);
    for (let r = 0; r < rows.length; r++) {
      if (r === lead) continue;
      const f = rows[r]![col]!;
      if (Math.abs(f) < 1e-9) continue;
      rows[r] = rows[r]!.map((v, i) => v - f * rows[lead]![i]!);
    }
    lead++;
  }
  return rows.slice(0, lead);
}
