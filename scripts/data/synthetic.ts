import { codelists } from './codelists.ts';
import { cohortShapes, DATA_CUT, medicalSources, type CohortShape } from './cohorts.ts';
import { bool, decimal, integer, type Cell } from './csv.ts';
import { drawScores, FOLLOW_UPS, instrument, type FollowUp } from './instruments.ts';
import { clamp, type Random } from './random.ts';

/**
 * Synthetic person-level rows: referrals and, for each, the activities prescribed, the
 * outcome scores and the service use. Generated programme by programme in date order
 * and streamed to the writers, so 10 million referrals need no more memory than 20,000.
 */

export type Row = Record<string, Cell>;

export interface RowSink {
  write(row: Row): void;
}

export interface SyntheticSinks {
  referral: RowSink;
  activity: RowSink;
  outcome: RowSink;
  serviceUse: RowSink;
}

/** What the summaries need to know about one referral. */
export interface ReferralFacts {
  country: string;
  programme: string;
  year: number;
  connected: boolean;
  sex: string;
  ageBand: string;
  quintile: number | null;
  scores: { instrument: string; baseline: number; followUps: Map<FollowUp, number> }[];
}

const DAY_MS = 86_400_000;

function toDay(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

function fromDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Splits `total` referrals between programmes by their parts per thousand (largest remainder, ties by order). */
export function allocate(total: number, shapes: readonly CohortShape[] = cohortShapes): number[] {
  const exact = shapes.map((s) => (total * s.perMille) / 1000);
  const counts = exact.map(Math.floor);
  const order = exact.map((e, i) => ({ i, rest: e - Math.floor(e) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  let left = total - counts.reduce((a, b) => a + b, 0);
  for (const { i } of order) {
    if (left-- <= 0) break;
    counts[i]!++;
  }
  return counts;
}

export function generateCohorts(random: Random, total: number, sinks: SyntheticSinks, onReferral: (facts: ReferralFacts) => void): void {
  const counts = allocate(total);
  const ids = { referral: 0, activity: 0 };
  cohortShapes.forEach((shape, i) => {
    const days = referralDays(random, shape, counts[i]!);
    const groups = new Map<string, number>();
    for (const day of days) {
      ids.referral++;
      const facts = generateReferral(random, shape, ids, day, groups, sinks);
      onReferral(facts);
    }
  });
}

/** Referral dates for one programme, sorted so identifiers rise with time as in real registers. */
function referralDays(random: Random, shape: CohortShape, count: number): Int32Array {
  const first = toDay(shape.firstDay);
  const span = toDay(shape.lastDay) - first + 1;
  const days = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    // sqrt of a uniform gives a density rising linearly: a programme that keeps growing.
    const u = shape.growing ? Math.sqrt(random.next()) : random.next();
    days[i] = first + Math.floor(u * span);
  }
  return days.sort();
}

function generateReferral(
  random: Random,
  shape: CohortShape,
  ids: { referral: number; activity: number },
  day: number,
  groups: Map<string, number>,
  sinks: SyntheticSinks,
): ReferralFacts {
  const id = ids.referral;
  const date = fromDay(day);
  const year = Number(date.slice(0, 4));
  const site = shape.sites[random.int(0, shape.sites.length - 1)]!;
  const ageBand = random.pick(shape.ageBands);
  const sex = random.chance(shape.otherSex) ? 'other' : random.chance(shape.female / (1 - shape.otherSex)) ? 'female' : 'male';
  const ethnicMinority = shape.ethnicMinority === null ? null : random.chance(shape.ethnicMinority);
  const quintile = shape.deprivation ? 1 + pickIndex(random, shape.deprivation) : null;
  const source = random.pick(shape.sources);
  const route = source === 'self' ? 'self' : medicalSources.has(source) ? 'medical' : 'non_medical';
  const need = random.pick(shape.needs);
  const path = pathway(random, shape, year);
  const discharge = dischargeReason(random, shape, day, path);

  sinks.referral.write({
    referral_id: integer(id),
    country_code: shape.country,
    programme_id: shape.programme,
    site_id: site,
    referral_date: date,
    age_band: ageBand,
    sex,
    ethnic_minority: ethnicMinority === null ? null : bool(ethnicMinority),
    deprivation_quintile: quintile === null ? null : integer(quintile),
    referral_source: source,
    referral_route: route,
    primary_need: need,
    offered: bool(path.offered),
    declined: bool(path.declined),
    contacted: bool(path.contacted),
    connected: bool(path.connected),
    discharge_reason: discharge,
    is_synthetic: 'true',
  });

  writeActivities(random, shape, ids, id, day, path, groups, sinks.activity);
  const scores = writeOutcomes(random, shape, id, path, sinks.outcome);
  // Only some sites share linked records, as in real evaluations.
  if (shape.serviceUse && path.contacted && random.chance(shape.serviceUse)) writeServiceUse(random, id, day, path.connected, sinks.serviceUse);
  return { country: shape.country, programme: shape.programme, year, connected: path.connected, sex, ageBand, quintile, scores };
}

/** The index (0-based) chosen with probability proportional to its weight. */
function pickIndex(random: Random, weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let target = random.next() * total;
  for (let i = 0; i < weights.length; i++) {
    target -= weights[i]!;
    if (target < 0) return i;
  }
  return weights.length - 1;
}

interface Pathway {
  offered: boolean;
  declined: boolean;
  contacted: boolean;
  connected: boolean;
}

/** Offered → declined or not → reached the link worker → started an activity. */
function pathway(random: Random, shape: CohortShape, year: number): Pathway {
  const p = shape.pathway;
  const offered = random.chance(p.offered);
  if (!offered) return { offered, declined: false, contacted: false, connected: false };
  const declined = random.chance(p.declined);
  const contacted = random.chance(declined ? p.contactedBeforeDeclining : p.contacted);
  const years = year - Number(shape.firstDay.slice(0, 4));
  const connected = contacted && !declined && random.chance(clamp(p.connected + p.connectedPerYear * years, 0, 1));
  return { offered, declined, contacted, connected };
}

const CUT_DAY = toDay(DATA_CUT);

function dischargeReason(random: Random, shape: CohortShape, day: number, path: Pathway): string | null {
  if (!path.offered) return 'not_eligible';
  if (path.declined) return 'declined';
  if (!path.contacted) return 'no_contact';
  // Recent referrals may still be open when the records stop.
  if (CUT_DAY - day < 120 && random.chance(0.6)) return null;
  if (path.connected) return random.pick({ completed: 62, referred_onward: 14, disengaged: 18, moved_or_died: 6 });
  return random.pick({ completed: 12, referred_onward: 38, disengaged: 44, moved_or_died: 6 });
}

const subcategories = new Map<string, string[]>();
for (const sub of codelists.activity_subcategory) {
  subcategories.set(sub.parent!, [...(subcategories.get(sub.parent!) ?? []), sub.code]);
}

const sectorWeights: Record<string, Record<string, number>> = {
  culture_heritage: { public: 70, voluntary: 20, private: 10 },
  advice: { voluntary: 80, public: 20 },
  physical_activity: { private: 40, public: 30, voluntary: 30 },
  other: { voluntary: 70, public: 20, private: 10 },
};

/** One prescribed activity for most people who talked to the link worker, sometimes two. */
function writeActivities(
  random: Random,
  shape: CohortShape,
  ids: { activity: number },
  referral: number,
  day: number,
  path: Pathway,
  groups: Map<string, number>,
  sink: RowSink,
): void {
  if (!path.contacted || path.declined) return;
  if (!path.connected && !random.chance(0.5)) return;
  const count = random.chance(0.2) ? 2 : 1;
  for (let n = 0; n < count; n++) {
    const category = random.pick(shape.categories);
    const options = subcategories.get(category)!;
    const subcategory = options[random.int(0, options.length - 1)]!;
    const sector = random.pick(sectorWeights[category] ?? sectorWeights.other!);
    const mode = random.pick({ in_person: 85, online: 8, hybrid: 7 });
    const offered = typeof shape.sessions === 'number' ? shape.sessions : random.int(shape.sessions[0], shape.sessions[1]);
    const started = path.connected && (n === 0 || random.chance(0.6));
    const attended = started ? Math.max(1, random.binomial(offered, clamp(random.normal(0.72, 0.18), 0.1, 1))) : 0;
    ids.activity++;
    sink.write({
      activity_id: integer(ids.activity),
      referral_id: integer(referral),
      category,
      subcategory,
      is_glam: bool(category === 'culture_heritage'),
      provider_sector: sector,
      mode,
      group_code: shape.groupSize ? cycleGroup(day, shape.groupSize, groups) : null,
      sessions_offered: integer(offered),
      started: bool(started),
      sessions_attended: integer(attended),
      is_synthetic: 'true',
    });
  }
}

/** Greek arts cycles start each quarter; people join the next cycle in groups of about `size`. */
function cycleGroup(day: number, size: number, groups: Map<string, number>): string {
  const date = fromDay(day);
  let year = Number(date.slice(0, 4));
  let quarter = Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 2;
  if (quarter === 5) {
    quarter = 1;
    year++;
  }
  const cycle = `${year}Q${quarter}`;
  const seat = groups.get(cycle) ?? 0;
  groups.set(cycle, seat + 1);
  return `GR-${cycle}-G${String(Math.floor(seat / size) + 1).padStart(2, '0')}`;
}

/** Questionnaires at baseline and follow-ups, with loss to follow-up at each step. */
function writeOutcomes(random: Random, shape: CohortShape, referral: number, path: Pathway, sink: RowSink): ReferralFacts['scores'] {
  if (!path.contacted || path.declined || shape.instruments.length === 0 || !random.chance(shape.baselineShare)) return [];
  const reached = new Set<FollowUp>();
  // Retention from one follow-up to the next; people who started an activity stay in touch more.
  const keep = path.connected ? [0.7, 0.72, 0.65] : [0.45, 0.6, 0.55];
  let still = true;
  FOLLOW_UPS.forEach((timepoint, i) => {
    still = still && random.chance(keep[i]!);
    if (still) reached.add(timepoint);
  });
  const latent = random.normal(0, 1);
  const scores: ReferralFacts['scores'] = [];
  for (const plan of shape.instruments) {
    if (!random.chance(plan.share)) continue;
    const inst = instrument(plan.instrument);
    const followUps = plan.followUps.filter((t) => reached.has(t));
    const drawn = drawScores(random, inst, latent, path.connected, followUps);
    const row = (timepoint: string, score: number) =>
      sink.write({
        referral_id: integer(referral),
        instrument: inst.id,
        timepoint,
        score: decimal(score, inst.decimals),
        is_synthetic: 'true',
      });
    row('baseline', drawn.baseline);
    for (const [timepoint, score] of drawn.followUps) row(timepoint, score);
    scores.push({ instrument: inst.id, baseline: drawn.baseline, followUps: drawn.followUps });
  }
  return scores;
}

/** GP consultations and emergency attendances in the year before and, where a full year has passed, the year after. */
function writeServiceUse(random: Random, referral: number, day: number, connected: boolean, sink: RowSink): void {
  const gpRate = clamp(random.normal(8, 4), 0.5, 30);
  const aeRate = clamp(random.normal(0.6, 0.5), 0.05, 4);
  const afterKnown = day + 365 <= CUT_DAY;
  const measures: [string, number, number, number][] = [
    ['gp', gpRate, 48, connected ? 0.85 : 0.95],
    ['ae', aeRate, 12, connected ? 0.8 : 0.95],
  ];
  for (const [measure, rate, trials, after] of measures) {
    const count = (r: number) => integer(random.binomial(trials, clamp(r / trials, 0, 1)));
    sink.write({ referral_id: integer(referral), measure, time_window: 'pre_12m', count: count(rate), is_synthetic: 'true' });
    if (afterKnown) sink.write({ referral_id: integer(referral), measure, time_window: 'post_12m', count: count(rate * after), is_synthetic: 'true' });
  }
}
