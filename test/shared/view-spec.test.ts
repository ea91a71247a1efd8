import { describe, expect, it } from 'vitest';
import { migrateViewSpec, VIEW_SPEC_VERSION, ViewSpecVersionError, viewSpecInputSchema } from '../../src/shared/view-spec.ts';

const trend = { version: 1, view: 'trend', dataset: 'sprig-demo', indicator: 'link_worker_fte_nwrs' };

describe('view specs', () => {
  it('accepts a trend view, with or without a country selection', () => {
    expect(viewSpecInputSchema.parse(trend)).toEqual(trend);
    expect(viewSpecInputSchema.parse({ ...trend, countries: ['GB-ENG', 'US'] }).countries).toEqual(['GB-ENG', 'US']);
  });

  it('accepts a breakdown view naming a table and a column', () => {
    const spec = { version: 1, view: 'breakdown', dataset: 'sprig-demo', table: 'referral', by: 'age_band' };
    expect(viewSpecInputSchema.parse(spec)).toEqual(spec);
  });

  it.each([
    ['an unknown view', { ...trend, view: 'pie' }],
    ['an extra property', { ...trend, sql: 'SELECT 1' }],
    ['an identifier that is not a plain name', { ...trend, indicator: 'x" OR 1=1 --' }],
    ['a country that is not a code', { ...trend, countries: ['england'] }],
    ['no version', { view: 'trend', dataset: 'sprig-demo', indicator: 'x' }],
  ])('refuses %s', (_label, spec) => {
    expect(viewSpecInputSchema.safeParse(spec).success).toBe(false);
  });

  it('refuses a spec saved by a newer Sprig and says so', () => {
    expect(() => migrateViewSpec({ ...trend, version: VIEW_SPEC_VERSION + 1 })).toThrow(ViewSpecVersionError);
    const parsed = viewSpecInputSchema.safeParse({ ...trend, version: VIEW_SPEC_VERSION + 1 });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/newer version of Sprig/);
  });

  it('leaves a current spec as it is', () => {
    expect(migrateViewSpec(trend)).toEqual(trend);
  });
});
