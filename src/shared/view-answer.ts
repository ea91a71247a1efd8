/**
 * The rows every view answers with, declared once: the engine encodes them as Apache Arrow
 * with these columns and types (src/engine/arrow.ts), and the interface decodes them
 * (src/shared/charts/view-rows.ts). Tables and CSV exports show exactly these columns.
 */

export type ColumnType = 'text' | 'number' | 'boolean' | 'date';
export type AnswerColumns<Row> = readonly { name: keyof Row & string; type: ColumnType }[];

/**
 * Why an indicator view shows no value for a country or a period. Each is a true statement
 * about the data and the view, never a guess.
 */
export const missingReasons = [
  /** The data package has no row for this country and indicator. */
  'absent',
  /** The package says the country publishes no national figure (data_status not_available). */
  'not_available',
  /** A row exists but its value is blank. */
  'no_value',
  /** The country has values, but none in the chosen period range. */
  'out_of_range',
  /** Indexed: the country has no value at the base period. */
  'no_base_value',
  /** Per 100,000: the package has no population for this country. */
  'no_population',
  /** Per 100,000 does not apply to this value (a programme's figure, not a national one). */
  'not_applicable',
  /** Slope: the country has values, but not in either of the two periods compared. */
  'not_at_periods',
] as const;
export type MissingReason = (typeof missingReasons)[number];

/**
 * What kind of value a row is, each drawn with its own mark: published (including values
 * reported second-hand or derived from published figures), modelled estimates, provisional
 * figures, targets and plans, and synthetic values.
 */
export const valueKinds = ['published', 'modelled', 'provisional', 'target', 'synthetic'] as const;
export type ValueKind = (typeof valueKinds)[number];

/** One row of an indicator view (trend, latest, slope, small multiples, map). */
export interface IndicatorAnswerRow {
  /** The country as the view shows it (GB for the United Kingdom as one). */
  country: string;
  /** The period's label as published; null on a row that only says why a country has no value. */
  period: string | null;
  /** Epoch milliseconds (UTC midnight). */
  period_start: number | null;
  period_end: number | null;
  /** After the transform (per 100,000, indexed); null with a `reason`. */
  value: number | null;
  lower: number | null;
  upper: number | null;
  status: string | null;
  kind: ValueKind | null;
  synthetic: boolean;
  /** Source ids, separated by `;` when the value combines several. */
  source: string | null;
  note: string | null;
  /** `approximately` or `more_than`, as the package qualifies the value. */
  qualifier: string | null;
  /** The programme the value belongs to; null for national figures. */
  programme: string | null;
  /** The United Kingdom as one: the nations whose values were added up, separated by `,`. */
  combined: string | null;
  /** Per 100,000: the population divided by (type, period label, source id). */
  population_type: string | null;
  population_period: string | null;
  population_source: string | null;
  /** Indexed: the period that is 100. */
  base_period: string | null;
  reason: MissingReason | null;
}

export const indicatorAnswerColumns: AnswerColumns<IndicatorAnswerRow> = [
  { name: 'country', type: 'text' },
  { name: 'period', type: 'text' },
  { name: 'period_start', type: 'date' },
  { name: 'period_end', type: 'date' },
  { name: 'value', type: 'number' },
  { name: 'lower', type: 'number' },
  { name: 'upper', type: 'number' },
  { name: 'status', type: 'text' },
  { name: 'kind', type: 'text' },
  { name: 'synthetic', type: 'boolean' },
  { name: 'source', type: 'text' },
  { name: 'note', type: 'text' },
  { name: 'qualifier', type: 'text' },
  { name: 'programme', type: 'text' },
  { name: 'combined', type: 'text' },
  { name: 'population_type', type: 'text' },
  { name: 'population_period', type: 'text' },
  { name: 'population_source', type: 'text' },
  { name: 'base_period', type: 'text' },
  { name: 'reason', type: 'text' },
];

/** How a person-level count was protected (src/shared/disclosure.ts). */
export type SuppressionKind = 'primary' | 'complementary';

/** Columns every person-level row shares. */
interface PersonAnswerRow {
  /** The country as the view shows it (GB for the United Kingdom as one). */
  country: string;
  /** The United Kingdom as one: the nations (and UK-wide rows, `GB`) counted, separated by `,`. */
  covers: string | null;
  n: number | null;
  suppressed: boolean;
  suppression: SuppressionKind | null;
}

export interface BreakdownAnswerRow extends PersonAnswerRow {
  /** The category's code; null for people whose value was not recorded. */
  category: string | null;
  /** Of the country's total (referrals, or activities), 0–1; null when suppressed. */
  share: number | null;
}

export interface PathwayAnswerRow extends PersonAnswerRow {
  step: number;
  stage: string;
  /** Of the people referred, 0–1; null when suppressed. */
  share: number | null;
}

export interface OutcomeAnswerRow extends PersonAnswerRow {
  series: 'baseline' | 'follow_up' | 'change';
  mean: number | null;
  lower: number | null;
  upper: number | null;
  p10: number | null;
  p25: number | null;
  p50: number | null;
  p75: number | null;
  p90: number | null;
}

const countColumns = [
  { name: 'n', type: 'number' },
  { name: 'suppressed', type: 'boolean' },
  { name: 'suppression', type: 'text' },
] as const;
const coversColumn = { name: 'covers', type: 'text' } as const;

export const breakdownAnswerColumns: AnswerColumns<BreakdownAnswerRow> = [
  { name: 'country', type: 'text' },
  { name: 'category', type: 'text' },
  ...countColumns,
  { name: 'share', type: 'number' },
  coversColumn,
];

export const pathwayAnswerColumns: AnswerColumns<PathwayAnswerRow> = [
  { name: 'country', type: 'text' },
  { name: 'step', type: 'number' },
  { name: 'stage', type: 'text' },
  ...countColumns,
  { name: 'share', type: 'number' },
  coversColumn,
];

export const outcomeAnswerColumns: AnswerColumns<OutcomeAnswerRow> = [
  { name: 'country', type: 'text' },
  { name: 'series', type: 'text' },
  ...countColumns,
  ...(['mean', 'lower', 'upper', 'p10', 'p25', 'p50', 'p75', 'p90'] as const).map((name) => ({ name, type: 'number' as const })),
  coversColumn,
];
