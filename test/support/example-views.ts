import type { ViewKind, ViewSpecInput } from '../../src/shared/view-spec.ts';

/**
 * One view of each kind on the bundled demonstration data, as a co-author would export it:
 * the golden figures, the Export dialog's end-to-end walk and the benchmarks draw these.
 */
export const EXAMPLE_VIEWS: Record<ViewKind, ViewSpecInput> = {
  trend: { version: 2, dataset: 'sprig-demo', view: 'trend', indicator: 'cohort_connected_pct' },
  latest: { version: 2, dataset: 'sprig-demo', view: 'latest', indicator: 'cohort_connected_pct' },
  slope: { version: 2, dataset: 'sprig-demo', view: 'slope', indicator: 'cohort_connected_pct', from: '2023', to: '2024' },
  'small-multiples': { version: 2, dataset: 'sprig-demo', view: 'small-multiples', indicator: 'cohort_connected_pct' },
  map: { version: 2, dataset: 'sprig-demo', view: 'map', indicator: 'cohort_connected_pct' },
  breakdown: { version: 2, dataset: 'sprig-demo', view: 'breakdown', dimension: 'age_band' },
  pathway: { version: 2, dataset: 'sprig-demo', view: 'pathway' },
  outcome: { version: 2, dataset: 'sprig-demo', view: 'outcome', instrument: 'swemwbs', followUp: 'w8_12' },
};
