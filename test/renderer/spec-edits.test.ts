import { describe, expect, it } from 'vitest';
import type { DatasetDescription, IndicatorDescription } from '../../src/shared/catalogue.ts';
import { slopeEnds, withIndicator } from '../../src/renderer/features/explorer/spec-edits.ts';

const indicator = (extra: Partial<IndicatorDescription>): IndicatorDescription => ({
  id: 'x', name: 'X', names: {}, definition: '', unit: 'people', measureKind: 'actual', comparabilityLevel: 'with_caveats', caveat: null, denominator: null,
  countriesWithData: [], periods: [], periodsByCountry: {}, scope: 'national', ...extra,
});

describe('what a control change makes of the spec', () => {
  it('a slope compares the latest two periods every shown country has, not the first and last of any', () => {
    const cohorts = indicator({
      periods: ['2017', '2018', '2019', '2023', '2024', '2025'],
      periodsByCountry: { 'GB-ENG': ['2019', '2023', '2024'], US: ['2018', '2023', '2024'], GR: ['2023', '2024', '2025'], DE: ['2017', '2018'] },
    });
    expect(slopeEnds(cohorts, ['GB-ENG', 'US', 'GR'])).toEqual({ from: '2023', to: '2024' });
    // No pair shared by all: the latest two shared by the most.
    expect(slopeEnds(cohorts, ['GB-ENG', 'US', 'GR', 'DE'])).toEqual({ from: '2023', to: '2024' });
    expect(slopeEnds(cohorts, ['DE'])).toEqual({ from: '2017', to: '2018' });
    // England's two values of 2017 and 2023, with other countries only "no national data".
    expect(slopeEnds(indicator({ periods: ['2017', '2023'], periodsByCountry: { 'GB-ENG': ['2017', '2023'] } }), ['GB-ENG', 'US'])).toEqual({ from: '2017', to: '2023' });
  });

  it('another indicator drops a transform or a view that does not apply to it', () => {
    const description = { populationCountries: ['GB-ENG'], countries: [] } as unknown as DatasetDescription;
    const mean = indicator({ id: 'ons4', unit: 'mean score (0–10)', countriesWithData: ['GB'] });
    const kiosk = indicator({ id: 'kiosk', unit: 'consultations', scope: 'programme', comparabilityLevel: 'not_comparable', countriesWithData: ['DE'] });
    const map = { version: 2, dataset: 'd', view: 'map', indicator: 'fte', transform: 'per100k' } as const;
    expect(withIndicator(map, mean, description)).toMatchObject({ view: 'map', indicator: 'ons4', transform: 'absolute' });
    expect(withIndicator(map, kiosk, description)).toMatchObject({ view: 'latest', indicator: 'kiosk', transform: 'absolute' });
  });
});
