import { describe, expect, it } from 'vitest';
import { viewQuery } from '../../src/shared/sql/view-query.ts';
import { parseViewSpec, type ViewSpecInput } from '../../src/shared/view-spec.ts';

const hostile = "x' OR 1=1; DROP TABLE referral; --";
const target = { schema: 'sprig-demo' };
const specs: ViewSpecInput[] = [
  { version: 2, view: 'trend', dataset: 'sprig-demo', indicator: 'fte', indexBase: hostile, transform: 'indexed', filters: { category: { dimension: 'sex', value: hostile } } },
  { version: 2, view: 'slope', dataset: 'sprig-demo', indicator: 'fte', from: hostile, to: hostile },
  { version: 2, view: 'breakdown', dataset: 'sprig-demo', dimension: 'sex', filters: { category: { dimension: 'primary_need', value: hostile } } },
  { version: 2, view: 'pathway', dataset: 'sprig-demo', filters: { category: { dimension: 'sex', value: hostile } } },
];

describe('SQL built from view specs', () => {
  it.each(specs.map((s) => [s.view, s]))('%s: every value the user chose travels as a parameter, never in the text', (_view, spec) => {
    const query = viewQuery(parseViewSpec(spec), target);
    expect(query.sql).not.toContain('1=1');
    expect(Object.values(query.params).flat()).toContain(hostile);
  });

  it('quotes the package schema as an identifier', () => {
    const query = viewQuery(parseViewSpec({ version: 2, view: 'trend', dataset: 'sprig-demo', indicator: 'fte' }), target);
    expect(query.sql).toContain('"sprig-demo"."country_year_indicator"');
  });

  it('filters countries through one list parameter', () => {
    const query = viewQuery(parseViewSpec({ version: 2, view: 'latest', dataset: 'sprig-demo', indicator: 'fte', countries: ['US', 'GR'] }), target);
    expect(query.params.countries).toEqual(['US', 'GR']);
    expect(query.sql).toContain('list_contains($countries');
  });
});
