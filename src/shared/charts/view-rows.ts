import type { Table } from 'apache-arrow';
import type { OutcomeAnswerRow, SuppressionKind } from '../view-answer.ts';
import { trendRows, type TrendRow } from './trend-rows.ts';

/**
 * Typed rows from the Arrow tables the engine answers views with. The columns are those
 * of src/shared/sql/indicator-query.ts (every indicator view) and person-query.ts
 * (breakdown, pathway, outcome). Suppressed cells arrive with `n` (and shares, means,
 * quantiles) null and `suppressed` true; they stay null here, never zero.
 */

/** Trend, latest, slope, small-multiple and map views: TrendRow with the transform's provenance. */
export function indicatorRows(table: Table): TrendRow[] {
  return trendRows(table);
}

/** What every person-level row says besides its count. */
export interface PersonRow {
  country: string;
  n: number | null;
  suppressed: boolean;
  /** Why it is suppressed: a small count, or hidden so that another cannot be worked out. */
  suppression?: SuppressionKind | null;
  /** The United Kingdom as one: which nations (and UK-wide rows) it counts, codes separated by `,`. */
  covers?: string | null;
}

function personFields(r: Record<string, unknown>): PersonRow {
  const suppression = r.suppression === 'primary' || r.suppression === 'complementary' ? r.suppression : null;
  return { country: String(r.country), n: numberOrNull(r.n), suppressed: r.suppressed === true, suppression, covers: textOrNull(r.covers) };
}

export interface BreakdownRow extends PersonRow {
  /** The category's code; null for people whose value was not recorded. */
  category: string | null;
  /** Of the country's whole total, 0–1. */
  share: number | null;
}

export function breakdownRows(table: Table): BreakdownRow[] {
  return tableRecords(table).map((r) => ({
    ...personFields(r),
    category: textOrNull(r.category),
    share: numberOrNull(r.share),
  }));
}

/** The referral pathway's stages, in order. */
export const PATHWAY_STAGES = ['referred', 'contacted', 'connected', 'completed'] as const;
export type PathwayStage = (typeof PATHWAY_STAGES)[number];

export interface PathwayRow extends PersonRow {
  /** 0 (referred) to 3 (completed). */
  step: number;
  stage: string;
  /** Of the country's referrals, 0–1. */
  share: number | null;
}

export function pathwayRows(table: Table): PathwayRow[] {
  return tableRecords(table).map((r) => ({
    ...personFields(r),
    step: Number(r.step),
    stage: String(r.stage),
    share: numberOrNull(r.share),
  }));
}

export type OutcomeSeries = 'baseline' | 'follow_up' | 'change';

/** People with a score at both timepoints (`n`), their means and quantiles; `lower` and `upper` are the change's 95% interval. */
export type OutcomeRow = PersonRow & Omit<OutcomeAnswerRow, keyof PersonRow>;

export function outcomeRows(table: Table): OutcomeRow[] {
  return tableRecords(table).map((r) => ({
    ...personFields(r),
    series: String(r.series) as OutcomeSeries,
    mean: numberOrNull(r.mean),
    lower: numberOrNull(r.lower),
    upper: numberOrNull(r.upper),
    p10: numberOrNull(r.p10),
    p25: numberOrNull(r.p25),
    p50: numberOrNull(r.p50),
    p75: numberOrNull(r.p75),
    p90: numberOrNull(r.p90),
  }));
}

function tableRecords(table: Table): Record<string, unknown>[] {
  return table.toArray().map((row) => (row === null ? {} : (row.toJSON() as Record<string, unknown>)));
}

function numberOrNull(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

function textOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}
