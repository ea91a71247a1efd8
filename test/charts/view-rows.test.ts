import { Bool, Float64, Int32, Table, Utf8, vectorFromArray, type DataType } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { breakdownRows, indicatorRows, outcomeRows, pathwayRows } from '../../src/shared/charts/view-rows.ts';

/** An Arrow table typed as the engine sends it (src/engine/arrow.ts): doubles, 32-bit integers, booleans, text. */
function table(columns: Record<string, [DataType, unknown[]]>): Table {
  return new Table(Object.fromEntries(Object.entries(columns).map(([name, [type, values]]) => [name, vectorFromArray(values, type)])));
}

const f64 = (...v: (number | null)[]): [DataType, unknown[]] => [new Float64(), v];
const text = (...v: (string | null)[]): [DataType, unknown[]] => [new Utf8(), v];
const bool = (...v: (boolean | null)[]): [DataType, unknown[]] => [new Bool(), v];

describe('rows from the engine’s Arrow tables', () => {
  it('reads indicator rows with the transform’s denominator and base period', () => {
    const rows = indicatorRows(
      table({
        country: text('GB-ENG', 'DE'),
        period: text('2023', '2023'),
        period_start: f64(Date.UTC(2023, 0, 1), Date.UTC(2023, 0, 1)),
        period_end: f64(Date.UTC(2023, 11, 31), Date.UTC(2023, 11, 31)),
        value: f64(2253.4, null),
        lower: f64(null, null),
        upper: f64(null, null),
        status: text('derived_from_published', 'not_available'),
        synthetic: bool(false, false),
        source: text('bu_2025', 'sprig_demo'),
        note: text(null, null),
        denominator: text('resident, mid-2023 (ons_mye_2023)', null),
        base_period: text(null, null),
      }),
    );
    expect(rows).toEqual([
      {
        country: 'GB-ENG', period: '2023', start: new Date(Date.UTC(2023, 0, 1)), value: 2253.4, lower: null, upper: null,
        status: 'derived_from_published', synthetic: false, source: 'bu_2025', note: null, denominator: 'resident, mid-2023 (ons_mye_2023)', base_period: null,
      },
      {
        country: 'DE', period: '2023', start: new Date(Date.UTC(2023, 0, 1)), value: null, lower: null, upper: null,
        status: 'not_available', synthetic: false, source: 'sprig_demo', note: null, denominator: null, base_period: null,
      },
    ]);
  });

  it('keeps suppressed breakdown cells null and flagged, never zero', () => {
    const rows = breakdownRows(table({ country: text('GR', 'GR'), category: text('1', '2'), n: f64(14, null), suppressed: bool(false, true), share: f64(0.35, null) }));
    expect(rows).toEqual([
      { country: 'GR', category: '1', n: 14, suppressed: false, share: 0.35 },
      { country: 'GR', category: '2', n: null, suppressed: true, share: null },
    ]);
  });

  it('reads pathway stages with their step', () => {
    const rows = pathwayRows(table({ country: text('US'), step: [new Int32(), [3]], stage: text('completed'), n: f64(90), suppressed: bool(false), share: f64(0.3) }));
    expect(rows).toEqual([{ country: 'US', step: 3, stage: 'completed', n: 90, suppressed: false, share: 0.3 }]);
  });

  it('reads outcome series with quantiles and the change’s interval', () => {
    const rows = outcomeRows(
      table({
        country: text('GB-ENG'), series: text('change'), n: f64(820), suppressed: bool(false), mean: f64(1.8), lower: f64(1.5), upper: f64(2.1),
        p10: f64(-2.1), p25: f64(0.1), p50: f64(1.7), p75: f64(3.4), p90: f64(5.6),
      }),
    );
    expect(rows[0]).toEqual({ country: 'GB-ENG', series: 'change', n: 820, suppressed: false, mean: 1.8, lower: 1.5, upper: 2.1, p10: -2.1, p25: 0.1, p50: 1.7, p75: 3.4, p90: 5.6 });
  });
});
