import { describe, expect, it } from 'vitest';
import { protect } from '../../src/shared/disclosure.ts';
import { breakdownAnswer, pathwayAnswer } from '../../src/shared/person-answer.ts';
import { parseViewSpec, type BreakdownViewSpec, type PathwayViewSpec } from '../../src/shared/view-spec.ts';

const breakdown = (extra: object = {}) => parseViewSpec({ version: 2, dataset: 'd', view: 'breakdown', dimension: 'sex', ...extra }) as BreakdownViewSpec;
const pathway = (extra: object = {}) => parseViewSpec({ version: 2, dataset: 'd', view: 'pathway', ...extra }) as PathwayViewSpec;

describe('disclosure control (src/shared/disclosure.ts)', () => {
  it('Greece by sex: "other" (7) is suppressed, and the smallest other cell with it, so 1,500 − 962 − 531 cannot be done', () => {
    const rows = breakdownAnswer(breakdown(), [
      { country: 'GR', category: 'female', n: 962 },
      { country: 'GR', category: 'male', n: 531 },
      { country: 'GR', category: 'other', n: 7 },
    ], ['female', 'male', 'other']);
    expect(rows.map((r) => [r.category, r.n, r.suppression])).toEqual([
      ['female', 962, null],
      ['male', null, 'complementary'],
      ['other', null, 'primary'],
    ]);
    // The share of a shown cell gives the total (962 / 0.6413 = 1,500); the two hidden add up to 538, above the threshold.
    expect(rows[0]!.share).toBeCloseTo(962 / 1500, 12);
    expect(rows[1]!.share).toBeNull();
  });

  it('two small cells that add up to less than the threshold take a third with them', () => {
    const result = protect(
      [
        { id: 'a', value: 3 },
        { id: 'b', value: 4 },
        { id: 'c', value: 40 },
        { id: 'd', value: 900 },
        { id: 't', value: 947, fixed: true },
      ],
      [{ total: 't', parts: ['a', 'b', 'c', 'd'] }],
      10,
    );
    expect(Object.fromEntries(result)).toEqual({ a: 'primary', b: 'primary', c: 'complementary' });
  });

  it('a zero names nobody and is shown; a count published elsewhere is never the one hidden to protect another', () => {
    const result = protect(
      [
        { id: 'zero', value: 0 },
        { id: 'small', value: 5 },
        { id: 'big', value: 500 },
        { id: 'total', value: 505, fixed: true },
      ],
      [{ total: 'total', parts: ['zero', 'small', 'big'] }],
      10,
    );
    expect(Object.fromEntries(result)).toEqual({ small: 'primary', big: 'complementary' });
  });

  it('the UK as one is protected with its nations: a nation hidden in one setting is not the UK minus the others in the other', () => {
    const rows = (ukNations: 'separate' | 'combined') =>
      breakdownAnswer(breakdown({ ukNations }), [
        { country: 'GB-ENG', category: 'female', n: 400 },
        { country: 'GB-ENG', category: 'male', n: 300 },
        { country: 'GB-WLS', category: 'female', n: 6 },
        { country: 'GB-WLS', category: 'male', n: 90 },
        { country: 'GB-SCT', category: 'female', n: 80 },
        { country: 'GB-SCT', category: 'male', n: 70 },
      ], ['female', 'male']);
    const separate = rows('separate');
    const combined = rows('combined');
    const wales = separate.filter((r) => r.country === 'GB-WLS');
    expect(wales.every((r) => r.suppressed)).toBe(true);
    // UK female − England female − Scotland female would give Wales: one of them is hidden too.
    const female = (code: string, set: typeof separate) => set.find((r) => r.country === code && r.category === 'female')!.n;
    const known = [female('GB', combined), female('GB-ENG', separate), female('GB-SCT', separate)];
    expect(known.some((n) => n === null)).toBe(true);
    expect(combined.every((r) => r.covers === 'GB-ENG,GB-WLS,GB-SCT')).toBe(true);
  });

  it('the pathway hides a stage when two shown stages would give a small group by subtraction', () => {
    // 500 referred, 497 contacted: "3 never contacted" would follow from the two.
    const rows = pathwayAnswer(pathway(), [
      { country: 'DE', stages: [false, false, false], n: 3 },
      { country: 'DE', stages: [true, false, false], n: 197 },
      { country: 'DE', stages: [true, true, false], n: 150 },
      { country: 'DE', stages: [true, true, true], n: 150 },
    ], ['referred', 'contacted', 'connected', 'completed']);
    expect(rows.find((r) => r.stage === 'referred')).toMatchObject({ n: 500, suppressed: false });
    expect(rows.find((r) => r.stage === 'contacted')).toMatchObject({ n: null, suppression: 'complementary' });
  });

  it('a group too small to show shows none of its parts, zeros included', () => {
    const rows = breakdownAnswer(breakdown(), [{ country: 'GR', category: 'female', n: 5 }], ['female', 'male', 'other']);
    expect(rows.map((r) => [r.category, r.n, r.suppression])).toEqual([
      ['female', null, 'primary'],
      ['male', null, 'complementary'],
      ['other', null, 'complementary'],
    ]);
    const stages = pathwayAnswer(pathway(), [{ country: 'GR', stages: [true, false, false], n: 4 }], ['referred', 'contacted', 'connected', 'completed']);
    expect(stages.every((r) => r.suppressed && r.n === null)).toBe(true);
  });

  it('the same cells are hidden whichever countries are chosen', () => {
    const raw = [
      { country: 'GR', category: 'female', n: 962 },
      { country: 'GR', category: 'male', n: 531 },
      { country: 'GR', category: 'other', n: 7 },
      { country: 'DE', category: 'female', n: 1793 },
      { country: 'DE', category: 'male', n: 1181 },
      { country: 'DE', category: 'other', n: 26 },
    ];
    const all = breakdownAnswer(breakdown(), raw, []).filter((r) => r.country === 'GR');
    const one = breakdownAnswer(breakdown({ countries: ['GR'] }), raw, []);
    expect(one).toEqual(all);
    expect(breakdownAnswer(breakdown({ countries: [] }), raw, [])).toEqual([]);
  });
});
