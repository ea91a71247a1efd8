import { breakdownQuery } from '../../src/shared/sql/view-query.ts';
import type { BreakdownViewSpec } from '../../src/shared/view-spec.ts';
import { compareViewWithRaw, type BenchContext } from './compare-view.ts';
import { REFERRAL_TABLE } from './synthetic-referrals.ts';

/**
 * One thing to measure. Each scenario prints its own labelled line(s); to add one, write
 * a function here and list it in `scenarios`.
 */
export interface Scenario {
  name: string;
  run(ctx: BenchContext): Promise<void>;
}

/** Breakdown of all referrals by primary need, every country: the typical grouped count. */
async function breakdownByNeed(ctx: BenchContext): Promise<void> {
  const spec: BreakdownViewSpec = { version: 1, view: 'breakdown', dataset: ctx.dataset, table: REFERRAL_TABLE, by: 'primary_need' };
  // The SQL the engine itself runs for this spec, aimed at the schema it loaded the package into.
  const query = breakdownQuery(spec, { schema: ctx.dataset });
  const { line, result } = await compareViewWithRaw(ctx, `breakdown ${ctx.sizeLabel}`, spec, query);

  // Both sides agree; check they agree on the right thing: every generated row counted once.
  const n = result.columns[result.names.indexOf('n')] ?? [];
  const total = n.reduce<number>((sum, value) => sum + Number(value), 0);
  if (total !== ctx.rows) throw new Error(`breakdown ${ctx.sizeLabel}: counts total ${total}, expected ${ctx.rows}`);
  console.error(`  breakdown by primary_need: ${n.length} groups, ${total.toLocaleString('en-GB')} referrals counted on both sides`);
  console.log(line);
}

export const scenarios: Scenario[] = [{ name: 'breakdown', run: breakdownByNeed }];
