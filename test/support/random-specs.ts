import { createRandom, type Random } from '../../scripts/data/random.ts';
import { breakdownDimensions, type BreakdownDimension, type ViewSpecInput } from '../../src/shared/view-spec.ts';

/**
 * Random person-level view specs over the demo package, from a recorded seed so that a
 * failure names a spec that can be run again. Each draws a view, its dimension or
 * instrument, countries, the UK's setting, a threshold and filters (period range, one
 * category, "not recorded") from what the demo data hold.
 */

/** Categories of each dimension in the demo data (null: not recorded). */
const categories: Record<BreakdownDimension, (string | null)[]> = {
  age_band: ['0-5', '6-17', '18-24', '25-34', '35-44', '45-54', '55-64', '65-74', '75+'],
  sex: ['female', 'male', 'other'],
  deprivation_quintile: ['1', '2', '3', '4', '5', null],
  referral_source: ['gp', 'self', 'psychiatrist', 'community_organisation', 'hospital'],
  referral_route: ['medical', 'non_medical', 'self'],
  primary_need: ['mental_health', 'loneliness', 'financial', 'bereavement', 'family_support'],
  activity_category: ['arts', 'culture_heritage', 'nature', 'advice', 'volunteering'],
  glam: ['true', 'false'],
};
const countries = ['GB-ENG', 'US', 'AU', 'DE', 'GR'];
const outcomes = [
  ['swemwbs', 'w8_12'],
  ['swemwbs', 'm6'],
  ['ucla3', 'm6'],
  ['wemwbs', 'w8_12'],
  ['k10', 'm6'],
  ['eq5d5l_index', 'w8_12'],
] as const;

function isoDate(random: Random, fromYear: number, toYear: number): string {
  const year = random.int(fromYear, toYear);
  const month = random.int(1, 12);
  const day = random.int(1, 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[random.int(0, items.length - 1)]!;
}

export function randomPersonSpecs(seed: number, count: number): ViewSpecInput[] {
  const random = createRandom(seed);
  const specs: ViewSpecInput[] = [];
  for (let i = 0; i < count; i++) {
    const ukNations = random.chance(0.4) ? 'combined' : 'separate';
    const pool = ukNations === 'combined' ? ['GB', ...countries.slice(1)] : countries;
    const chosen = random.chance(0.5) ? undefined : pool.filter(() => random.chance(0.5));
    const filters: Record<string, unknown> = {};
    if (random.chance(0.4)) {
      const a = isoDate(random, 2019, 2025);
      const b = isoDate(random, 2019, 2025);
      if (random.chance(0.8)) filters.from = a < b ? a : b;
      if (random.chance(0.8)) filters.to = a < b ? b : a;
    }
    const kind = random.int(0, 9);
    const view = kind < 6 ? 'breakdown' : kind < 8 ? 'pathway' : 'outcome';
    if (random.chance(0.35)) {
      const dimension = view === 'outcome' ? pick(random, breakdownDimensions.filter((d) => !d.startsWith('activity') && d !== 'glam')) : pick(random, breakdownDimensions);
      filters.category = { dimension, value: pick(random, categories[dimension]) };
    }
    const base = {
      version: 2 as const,
      dataset: 'sprig-demo',
      ukNations,
      ...(chosen ? { countries: chosen } : {}),
      suppressBelow: random.chance(0.5) ? 10 : random.int(10, 400),
      filters,
    } as const;
    if (view === 'breakdown') specs.push({ ...base, view, dimension: pick(random, breakdownDimensions) });
    else if (view === 'pathway') specs.push({ ...base, view });
    else {
      const [instrument, followUp] = pick(random, outcomes);
      specs.push({ ...base, view, instrument, followUp });
    }
  }
  return specs;
}
