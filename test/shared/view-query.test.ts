import { describe, expect, it } from 'vitest';
import { indicatorValuesQuery, personCountQuery } from '../../src/shared/sql/view-query.ts';
import { parseViewSpec, type PersonViewSpec, type ViewSpecInput } from '../../src/shared/view-spec.ts';

const hostile = "x' OR 1=1; DROP TABLE referral; --";
const target = { schema: 'sprig-demo' };
const columns = { qualifier: true, programme: true };
const specs: ViewSpecInput[] = [
  { version: 2, view: 'breakdown', dataset: 'sprig-demo', dimension: 'sex', filters: { category: { dimension: 'primary_need', value: hostile } } },
  { version: 2, view: 'pathway', dataset: 'sprig-demo', filters: { category: { dimension: 'sex', value: hostile } } },
  { version: 2, view: 'outcome', dataset: 'sprig-demo', instrument: 'swemwbs', followUp: 'w8_12', filters: { category: { dimension: 'sex', value: hostile } } },
];

describe('SQL built from view specs', () => {
  it.each(specs.map((s) => [s.view, s]))('%s: every value the user chose travels as a parameter, never in the text', (_view, spec) => {
    const query = personCountQuery(parseViewSpec(spec) as PersonViewSpec, target);
    expect(query.sql).not.toContain('1=1');
    expect(Object.values(query.params).flat()).toContain(hostile);
  });

  it('an indicator is read by parameter, from the package schema quoted as an identifier', () => {
    const query = indicatorValuesQuery({ indicator: 'fte' }, target, columns);
    expect(query.params).toEqual({ indicator: 'fte' });
    expect(query.sql).toContain('"sprig-demo"."country_year_indicator"');
  });

  it('counts every country: which countries a view shows is decided after disclosure control, never in SQL', () => {
    const query = personCountQuery(parseViewSpec({ version: 2, view: 'breakdown', dataset: 'sprig-demo', dimension: 'sex', countries: ['US', 'GR'] }) as PersonViewSpec, target);
    expect(query.sql).not.toMatch(/countries/);
    expect(query.params).toEqual({});
  });

  it('"not recorded" is filtered as missing, not as a value', () => {
    const query = personCountQuery(
      parseViewSpec({ version: 2, view: 'pathway', dataset: 'sprig-demo', filters: { category: { dimension: 'deprivation_quintile', value: null } } }) as PersonViewSpec,
      target,
    );
    expect(query.sql).toContain('CAST(r.deprivation_quintile AS VARCHAR) IS NULL');
  });
});
