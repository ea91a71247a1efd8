import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { rowsToArrowIPC } from '../../src/engine/arrow.ts';
import { reasonRows } from '../../src/shared/charts/trend-rows.ts';
import { breakdownRows, indicatorRows, outcomeRows, pathwayRows } from '../../src/shared/charts/view-rows.ts';
import {
  breakdownAnswerColumns,
  indicatorAnswerColumns,
  outcomeAnswerColumns,
  pathwayAnswerColumns,
  type IndicatorAnswerRow,
} from '../../src/shared/view-answer.ts';

/** Rows as the engine sends them: encoded with the declared columns (src/shared/view-answer.ts), then read back. */
const roundTrip = <Row,>(rows: Row[], columns: Parameters<typeof rowsToArrowIPC<Row>>[1]) => tableFromIPC(rowsToArrowIPC(rows, columns));

const indicatorRow = (extra: Partial<IndicatorAnswerRow>): IndicatorAnswerRow => ({
  country: 'GB-ENG', period: '2023', period_start: Date.UTC(2023, 0, 1), period_end: Date.UTC(2023, 11, 31), value: null, lower: null, upper: null,
  status: 'published', kind: null, synthetic: false, source: null, note: null, qualifier: null, programme: null, combined: null,
  population_type: null, population_period: null, population_source: null, base_period: null, reason: null, ...extra,
});

describe('rows from the engine’s Arrow tables', () => {
  it('reads indicator rows with their kind, qualifier, population and reasons; a row with no period only gives a reason', () => {
    const table = roundTrip(
      [
        indicatorRow({ value: 4.81, status: 'derived_from_published', kind: 'published', source: 'bu_2025', population_type: 'resident', population_period: 'mid-2023', population_source: 'ons_mye_2023' }),
        indicatorRow({ country: 'US', period: '2020–2023', period_start: Date.UTC(2020, 0, 1), period_end: Date.UTC(2023, 11, 31), value: 1940, kind: 'published', qualifier: 'more_than', programme: 'us_culturerx' }),
        indicatorRow({ country: 'DE', status: 'not_available', reason: 'not_available' }),
        indicatorRow({ country: 'GR', period: null, period_start: null, period_end: null, status: null, reason: 'out_of_range' }),
      ],
      indicatorAnswerColumns,
    );
    const rows = indicatorRows(table);
    expect(rows.map((r) => r.country)).toEqual(['GB-ENG', 'US', 'DE']);
    expect(rows[0]).toMatchObject({ value: 4.81, kind: 'published', population: { type: 'resident', period: 'mid-2023', source: 'ons_mye_2023' }, start: new Date(Date.UTC(2023, 0, 1)) });
    expect(rows[1]).toMatchObject({ qualifier: 'more_than', programme: 'us_culturerx', end: new Date(Date.UTC(2023, 11, 31)) });
    expect(rows[2]).toMatchObject({ value: null, reason: 'not_available' });
    expect(reasonRows(table)).toEqual([{ country: 'GR', reason: 'out_of_range' }]);
  });

  it('keeps suppressed breakdown cells null and flagged with the reason, and "not recorded" as null', () => {
    const rows = breakdownRows(
      roundTrip(
        [
          { country: 'GR', covers: null, category: '1', n: 14, suppressed: false, suppression: null, share: 0.35 },
          { country: 'GR', covers: null, category: '2', n: null, suppressed: true, suppression: 'complementary', share: null },
          { country: 'GR', covers: null, category: null, n: 30, suppressed: false, suppression: null, share: 0.65 },
        ],
        breakdownAnswerColumns,
      ),
    );
    expect(rows).toEqual([
      { country: 'GR', covers: null, category: '1', n: 14, suppressed: false, suppression: null, share: 0.35 },
      { country: 'GR', covers: null, category: '2', n: null, suppressed: true, suppression: 'complementary', share: null },
      { country: 'GR', covers: null, category: null, n: 30, suppressed: false, suppression: null, share: 0.65 },
    ]);
  });

  it('reads pathway stages with their step, and the UK as one with the nations it covers', () => {
    const rows = pathwayRows(roundTrip([{ country: 'GB', covers: 'GB-ENG', step: 3, stage: 'completed', n: 90, suppressed: false, suppression: null, share: 0.3 }], pathwayAnswerColumns));
    expect(rows).toEqual([{ country: 'GB', covers: 'GB-ENG', step: 3, stage: 'completed', n: 90, suppressed: false, suppression: null, share: 0.3 }]);
  });

  it('reads outcome series with quantiles and the change’s interval', () => {
    const rows = outcomeRows(
      roundTrip(
        [{ country: 'GB-ENG', covers: null, series: 'change', n: 820, suppressed: false, suppression: null, mean: 1.8, lower: 1.5, upper: 2.1, p10: -2.1, p25: 0.1, p50: 1.7, p75: 3.4, p90: 5.6 }],
        outcomeAnswerColumns,
      ),
    );
    expect(rows[0]).toEqual({ country: 'GB-ENG', covers: null, series: 'change', n: 820, suppressed: false, suppression: null, mean: 1.8, lower: 1.5, upper: 2.1, p10: -2.1, p25: 0.1, p50: 1.7, p75: 3.4, p90: 5.6 });
  });
});
