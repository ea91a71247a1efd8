import { codelists, codesOf } from './codelists.ts';
import { cohortShapes } from './cohorts.ts';
import { bool, decimal, integer } from './csv.ts';
import { COHORT_CONNECTED } from './indicators.ts';
import { FOLLOW_UPS, instrument, type FollowUp } from './instruments.ts';
import { period, thousands, type IndicatorValue } from './published.ts';
import { cohortCountries, GENERATOR_SOURCE } from './reference.ts';
import type { ReferralFacts, Row } from './synthetic.ts';

/**
 * Aggregates computed from the synthetic rows as they stream past: the cohort outcome
 * summaries partners share when they cannot share rows, and the share of each country's
 * referrals connected to an activity per year. Cells under SMALL_CELL people are
 * suppressed, as they would be before any real export.
 */

export const SMALL_CELL = 10;
/** Two-sided 95%. */
const Z = 1.959963984540054;

interface Moments {
  n: number;
  sumBaseline: number;
  sumSqBaseline: number;
  sumFollowUp: number;
  sumSqFollowUp: number;
  sumChange: number;
  sumSqChange: number;
}

const STRATA = codesOf('stratum_variable');

export class CohortSummaries {
  private readonly outcomes = new Map<string, Moments>();
  private readonly connected = new Map<string, { n: number; connected: number }>();

  add(facts: ReferralFacts): void {
    const yearKey = `${facts.country}|${facts.year}`;
    const year = this.connected.get(yearKey) ?? { n: 0, connected: 0 };
    year.n++;
    if (facts.connected) year.connected++;
    this.connected.set(yearKey, year);

    const strata: [string, string | null][] = [
      ['all', 'all'],
      ['sex', facts.sex],
      ['age_band', facts.ageBand],
      ['deprivation_quintile', facts.quintile === null ? null : String(facts.quintile)],
    ];
    for (const score of facts.scores) {
      for (const [timepoint, followUp] of score.followUps) {
        for (const [variable, value] of strata) {
          if (value === null) continue;
          const key = [facts.programme, score.instrument, timepoint, variable, value].join('|');
          addPair(this.outcomes, key, score.baseline, followUp);
        }
      }
    }
  }

  /** One row per programme × instrument × follow-up × stratum, in a fixed order. */
  outcomeRows(): Row[] {
    const rows: Row[] = [];
    const values: Record<string, string[]> = {
      all: ['all'],
      sex: codesOf('sex'),
      age_band: codesOf('age_band'),
      deprivation_quintile: ['1', '2', '3', '4', '5'],
    };
    for (const shape of cohortShapes) {
      for (const inst of codelists.instrument) {
        for (const timepoint of FOLLOW_UPS) {
          for (const variable of STRATA) {
            for (const value of values[variable]!) {
              const moments = this.outcomes.get([shape.programme, inst.code, timepoint, variable, value].join('|'));
              if (moments) rows.push(summaryRow(shape.country, shape.programme, inst.code, timepoint, variable, value, moments));
            }
          }
        }
      }
    }
    return rows;
  }

  /** The synthetic indicator the first screen charts: % of a year's referrals who started an activity. */
  connectedValues(): IndicatorValue[] {
    const rows: IndicatorValue[] = [];
    for (const country of cohortCountries) {
      const years = [...this.connected.keys()]
        .filter((k) => k.startsWith(`${country}|`))
        .map((k) => Number(k.split('|')[1]))
        .sort((a, b) => a - b);
      for (const year of years) rows.push(connectedValue(country, year, this.connected.get(`${country}|${year}`)!));
    }
    return rows;
  }
}

function addPair(map: Map<string, Moments>, key: string, baseline: number, followUp: number): void {
  let m = map.get(key);
  if (!m) {
    m = { n: 0, sumBaseline: 0, sumSqBaseline: 0, sumFollowUp: 0, sumSqFollowUp: 0, sumChange: 0, sumSqChange: 0 };
    map.set(key, m);
  }
  const change = followUp - baseline;
  m.n++;
  m.sumBaseline += baseline;
  m.sumSqBaseline += baseline * baseline;
  m.sumFollowUp += followUp;
  m.sumSqFollowUp += followUp * followUp;
  m.sumChange += change;
  m.sumSqChange += change * change;
}

function mean(sum: number, n: number): number {
  return sum / n;
}

function sd(sum: number, sumSq: number, n: number): number {
  const variance = (sumSq - (sum * sum) / n) / (n - 1);
  return Math.sqrt(Math.max(0, variance));
}

function summaryRow(country: string, programme: string, inst: string, timepoint: FollowUp, variable: string, value: string, m: Moments): Row {
  const decimals = Math.max(2, instrument(inst).decimals + 1);
  const suppressed = m.n < SMALL_CELL;
  const show = (x: number) => (suppressed ? null : decimal(x, decimals));
  const changeMean = mean(m.sumChange, m.n);
  const changeSd = sd(m.sumChange, m.sumSqChange, m.n);
  const half = suppressed ? 0 : tQuantile975(m.n - 1) * (changeSd / Math.sqrt(m.n));
  return {
    country_code: country,
    programme_id: programme,
    instrument: inst,
    timepoint,
    stratum_variable: variable,
    stratum_value: value,
    n: suppressed ? null : integer(m.n),
    baseline_mean: show(mean(m.sumBaseline, m.n)),
    baseline_sd: show(sd(m.sumBaseline, m.sumSqBaseline, m.n)),
    followup_mean: show(mean(m.sumFollowUp, m.n)),
    followup_sd: show(sd(m.sumFollowUp, m.sumSqFollowUp, m.n)),
    mean_change: show(changeMean),
    change_sd: show(changeSd),
    ci_lower: show(changeMean - half),
    ci_upper: show(changeMean + half),
    design: 'pre_post',
    suppressed: bool(suppressed),
    data_status: 'synthetic',
    is_synthetic: 'true',
    source_id: GENERATOR_SOURCE,
  };
}

/**
 * The 97.5th percentile of Student's t with `df` degrees of freedom, by the Cornish–Fisher
 * expansion (Abramowitz & Stegun 26.7.5): plain arithmetic, so the same on every machine,
 * and within 0.0005 of the exact value from 9 degrees of freedom up.
 */
export function tQuantile975(df: number): number {
  const z = Z;
  const z2 = z * z;
  const z3 = z2 * z;
  const z5 = z3 * z2;
  const z7 = z5 * z2;
  const z9 = z7 * z2;
  const g1 = (z3 + z) / 4;
  const g2 = (5 * z5 + 16 * z3 + 3 * z) / 96;
  const g3 = (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / 384;
  const g4 = (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / 92160;
  return z + g1 / df + g2 / (df * df) + g3 / (df * df * df) + g4 / (df * df * df * df);
}

function connectedValue(country: string, year: number, counts: { n: number; connected: number }): IndicatorValue {
  const base = {
    country,
    indicator: COHORT_CONNECTED,
    programme: null,
    period: period.calendarYear(year),
    qualifier: null,
    status: 'synthetic',
    synthetic: true,
    source: GENERATOR_SOURCE,
  };
  if (counts.n < SMALL_CELL) {
    return { ...base, value: null, lower: null, upper: null, note: `Synthetic programme cohort; suppressed: fewer than ${SMALL_CELL} referrals` };
  }
  const [lower, upper] = wilson(counts.connected, counts.n);
  return {
    ...base,
    value: round1((100 * counts.connected) / counts.n),
    lower: round1(100 * lower),
    upper: round1(100 * upper),
    note: `Synthetic programme cohort: ${thousands(counts.connected)} of ${thousands(counts.n)} referrals`,
  };
}

/** Wilson score interval for a proportion: sensible near 0% and 100%, unlike the plain one. */
function wilson(successes: number, n: number): [number, number] {
  const p = successes / n;
  const z2 = Z * Z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

function round1(x: number): number {
  return Number(x.toFixed(1));
}
