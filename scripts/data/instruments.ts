import { clamp, type Random } from './random.ts';

/**
 * The outcome instruments programmes really use, with their ranges and directions, and
 * how the synthetic scores are drawn: baselines below the population norm, modest mean
 * gains with a wide spread. Different instruments are never pooled.
 */

export interface Instrument {
  id: string;
  name: string;
  min: number;
  max: number;
  higherIsBetter: boolean;
  /** Decimals the score is written with. */
  decimals: number;
  note: string;
  /** Baseline on the instrument's own (raw) scale: mean and SD. */
  baseline: readonly [number, number];
  /** Mean and SD of the change from baseline, per follow-up timepoint, for someone who started an activity. */
  change: Readonly<Record<FollowUp, readonly [number, number]>>;
  /** Raw integer scores converted to the reported score (SWEMWBS's metric scores). */
  toScore?: (raw: number) => number;
  rawMin?: number;
  rawMax?: number;
}

export type FollowUp = 'w8_12' | 'm6' | 'm12';
export const FOLLOW_UPS: readonly FollowUp[] = ['w8_12', 'm6', 'm12'];

/** SWEMWBS raw score (7–35) → metric score, the published Rasch conversion table. */
const SWEMWBS_METRIC = [
  7.0, 9.51, 11.25, 12.4, 13.33, 14.08, 14.75, 15.32, 15.84, 16.36, 16.88, 17.43, 17.98, 18.59, 19.25, 19.98, 20.73, 21.54, 22.35, 23.21,
  24.11, 25.03, 26.02, 27.03, 28.13, 29.31, 30.7, 32.55, 35.0,
];

const ons4 = (item: string, label: string, baseline: number, change: number, higherIsBetter: boolean): Instrument => ({
  id: `ons4_${item}`,
  name: `ONS4: ${label}`,
  min: 0,
  max: 10,
  higherIsBetter,
  decimals: 0,
  note: 'One of the four ONS personal well-being items, 0–10; the items are never summed. UK means 2022/23: life satisfaction 7.45, worthwhile 7.73, happy 7.39, anxious 3.23',
  baseline: [baseline, 2.4],
  change: { w8_12: [change, 2.2], m6: [change * 0.9, 2.3], m12: [change * 0.8, 2.4] },
});

export const instruments: Instrument[] = [
  {
    id: 'swemwbs', name: 'SWEMWBS (short Warwick-Edinburgh Mental Wellbeing Scale), metric score', min: 7, max: 35, higherIsBetter: true, decimals: 2,
    note: 'Metric score from the raw score (7–35) by the published conversion table; England norm about 23.5; a change of 1–3 points is meaningful for one person',
    baseline: [21, 4.5], change: { w8_12: [2.2, 4], m6: [2, 4.3], m12: [1.8, 4.5] },
    toScore: (raw) => SWEMWBS_METRIC[raw - 7]!, rawMin: 7, rawMax: 35,
  },
  {
    id: 'wemwbs', name: 'WEMWBS (Warwick-Edinburgh Mental Wellbeing Scale)', min: 14, max: 70, higherIsBetter: true, decimals: 0,
    note: '14 items, 14–70; measurement error about 3 points',
    baseline: [39, 9], change: { w8_12: [4.5, 8], m6: [3.5, 8.5], m12: [3, 9] },
  },
  ons4('life_satisfaction', 'life satisfaction', 5.2, 0.9, true),
  ons4('worthwhile', 'things done in life are worthwhile', 5.8, 0.7, true),
  ons4('happiness', 'happiness yesterday', 5.1, 0.8, true),
  ons4('anxiety', 'anxiety yesterday', 5.4, -0.9, false),
  {
    id: 'ucla3', name: 'UCLA 3-item loneliness scale', min: 3, max: 9, higherIsBetter: false, decimals: 0,
    note: 'Three items scored 1–3, 3–9; lower is better',
    baseline: [6.9, 1.5], change: { w8_12: [-0.7, 1.5], m6: [-0.6, 1.6], m12: [-0.5, 1.7] },
  },
  {
    id: 'eq5d5l_index', name: 'EQ-5D-5L index value (England value set)', min: -0.285, max: 1, higherIsBetter: true, decimals: 3,
    note: 'Health-related quality of life; about −0.28 to 1 on the England value set',
    baseline: [0.64, 0.24], change: { w8_12: [0.03, 0.15], m6: [0.03, 0.16], m12: [0.02, 0.17] },
  },
  {
    id: 'k10', name: 'Kessler Psychological Distress Scale (K10)', min: 10, max: 50, higherIsBetter: false, decimals: 0,
    note: 'Ten items, 10–50; lower is better; widely used in Australian evaluations',
    baseline: [27, 7], change: { w8_12: [-3.5, 6], m6: [-4, 6.5], m12: [-3.5, 7] },
  },
  {
    id: 'whoqol_bref_psychological', name: 'WHOQOL-BREF, psychological domain (0–100)', min: 0, max: 100, higherIsBetter: true, decimals: 0,
    note: 'Transformed domain score, 0–100; widely used in Australian evaluations',
    baseline: [48, 16], change: { w8_12: [4, 13], m6: [5, 14], m12: [4, 15] },
  },
];

const byId = new Map(instruments.map((i) => [i.id, i]));

export function instrument(id: string): Instrument {
  const found = byId.get(id);
  if (!found) throw new Error(`no instrument ${id}`);
  return found;
}

/**
 * A person's scores: a baseline, then each follow-up as baseline + change. People who did
 * not start an activity get 40% of the mean change: regression to the mean and other help.
 * `latent` (a standard normal per person) links the instruments one person completes.
 */
export function drawScores(random: Random, inst: Instrument, latent: number, connected: boolean, followUps: readonly FollowUp[]): { baseline: number; followUps: Map<FollowUp, number> } {
  const [mean, sd] = inst.baseline;
  const direction = inst.higherIsBetter ? 1 : -1;
  const raw = mean + sd * (0.6 * latent * direction + 0.8 * random.normal(0, 1));
  const baseline = settle(inst, raw);
  const scores = new Map<FollowUp, number>();
  for (const timepoint of followUps) {
    const [changeMean, changeSd] = inst.change[timepoint];
    scores.set(timepoint, settle(inst, baseline.raw + random.normal(changeMean * (connected ? 1 : 0.4), changeSd)).score);
  }
  return { baseline: baseline.score, followUps: scores };
}

/** Rounds a draw onto the instrument's scale and range. */
function settle(inst: Instrument, value: number): { raw: number; score: number } {
  if (inst.toScore) {
    const raw = clamp(Math.round(value), inst.rawMin!, inst.rawMax!);
    return { raw, score: inst.toScore(raw) };
  }
  const scale = [1, 10, 100, 1000][inst.decimals]!;
  const score = clamp(Math.round(value * scale) / scale, inst.min, inst.max);
  return { raw: score, score };
}
