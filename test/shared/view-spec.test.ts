import { describe, expect, it } from 'vitest';
import { migrateViewSpec, parseViewSpec, VIEW_SPEC_VERSION, ViewSpecVersionError, viewSpecInputSchema } from '../../src/shared/view-spec.ts';

const trend = { version: VIEW_SPEC_VERSION, view: 'trend', dataset: 'sprig-demo', indicator: 'link_worker_fte_nwrs' };

describe('view specs', () => {
  it('fills in the defaults a hand-written spec leaves out', () => {
    expect(parseViewSpec(trend)).toEqual({ ...trend, transform: 'absolute', interval: '95', logScale: false, ukNations: 'separate', filters: {} });
  });

  it('accepts every view with its own options', () => {
    const base = { version: VIEW_SPEC_VERSION, dataset: 'sprig-demo' };
    const specs = [
      { ...base, view: 'latest', indicator: 'x', transform: 'per100k', interval: '90' },
      { ...base, view: 'slope', indicator: 'x', from: '2019', to: '2023' },
      { ...base, view: 'small-multiples', indicator: 'x', sharedY: false, logScale: true },
      { ...base, view: 'map', indicator: 'x', ukNations: 'combined' },
      { ...base, view: 'trend', indicator: 'x', transform: 'indexed', indexBase: '2019', highlight: 'GB-ENG', countries: ['GB-ENG', 'US'] },
      { ...base, view: 'breakdown', dimension: 'deprivation_quintile', measure: 'share', suppressBelow: 5 },
      { ...base, view: 'pathway', filters: { from: '2022-01-01', to: '2023-12-31', category: { dimension: 'primary_need', value: 'mental_health' } } },
      { ...base, view: 'outcome', instrument: 'swemwbs', followUp: 'weeks_8_12' },
    ];
    for (const spec of specs) expect(viewSpecInputSchema.safeParse(spec).success, JSON.stringify(spec)).toBe(true);
  });

  it.each([
    ['an unknown view', { ...trend, view: 'pie' }],
    ['an extra property', { ...trend, sql: 'SELECT 1' }],
    ['an identifier that is not a plain name', { ...trend, indicator: 'x" OR 1=1 --' }],
    ['a country that is not a code', { ...trend, countries: ['england'] }],
    ['no version', { view: 'trend', dataset: 'sprig-demo', indicator: 'x' }],
    ['an unknown transform', { ...trend, transform: 'log' }],
    ['a breakdown by an arbitrary column', { version: VIEW_SPEC_VERSION, view: 'breakdown', dataset: 'd', dimension: 'referral_id' }],
    ['a negative suppression threshold', { version: VIEW_SPEC_VERSION, view: 'pathway', dataset: 'd', suppressBelow: -1 }],
    ['a filter date that is not a date', { ...trend, filters: { from: 'last year' } }],
  ])('refuses %s', (_label, spec) => {
    expect(viewSpecInputSchema.safeParse(spec).success).toBe(false);
  });

  it('refuses a spec saved by a newer Sprig and says so', () => {
    expect(() => migrateViewSpec({ ...trend, version: VIEW_SPEC_VERSION + 1 })).toThrow(ViewSpecVersionError);
    const parsed = viewSpecInputSchema.safeParse({ ...trend, version: VIEW_SPEC_VERSION + 1 });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/newer version of Sprig/);
  });

  describe('migrations from version 1', () => {
    it('opens a version 1 trend view unchanged but for its version and defaults', () => {
      const v1 = { version: 1, view: 'trend', dataset: 'sprig-demo', indicator: 'link_worker_fte_nwrs', countries: ['GB-ENG'] };
      expect(parseViewSpec(v1)).toMatchObject({ ...v1, version: VIEW_SPEC_VERSION, transform: 'absolute' });
    });

    it('turns a version 1 breakdown of a referral column into a dimension', () => {
      const v1 = { version: 1, view: 'breakdown', dataset: 'sprig-demo', table: 'referral', by: 'primary_need' };
      expect(parseViewSpec(v1)).toMatchObject({ version: VIEW_SPEC_VERSION, view: 'breakdown', dimension: 'primary_need' });
    });

    it('turns a version 1 breakdown of activity categories into the activity dimension', () => {
      const v1 = { version: 1, view: 'breakdown', dataset: 'sprig-demo', table: 'referral_activity', by: 'category' };
      expect(parseViewSpec(v1)).toMatchObject({ dimension: 'activity_category' });
    });

    it('refuses a version 1 breakdown of a column v2 does not count, rather than guessing', () => {
      expect(viewSpecInputSchema.safeParse({ version: 1, view: 'breakdown', dataset: 'd', table: 'referral', by: 'site_id' }).success).toBe(false);
    });
  });
});
