import type { DatasetDescription } from '../../src/shared/catalogue.ts';
import { mapApplies, per100kApplies } from '../../src/shared/indicators.ts';
import type { ViewSpecInput } from '../../src/shared/view-spec.ts';

/**
 * Fifty control changes as someone exploring the data might make them, one after the
 * other: switching view, indicator, transform, interval; adding and removing countries;
 * the UK as one or three; breakdown dimension, small-cell threshold, period and category
 * filters; and going back (undo) to views seen before, so some answers repeat. Each step
 * is the previous spec with one control changed, or an earlier spec again.
 *
 * Indicators, periods and the instrument come from the package's description, so the
 * sequence follows the demo data as they change.
 */

type Spec = Record<string, unknown> & { view: string };
type Step = { change: string; next: (history: Spec[]) => Spec };

const ALL = ['GB-ENG', 'GB-SCT', 'GB-WLS', 'US', 'AU', 'DE', 'GR'];
const NO_WALES = ALL.filter((c) => c !== 'GB-WLS');

/** The previous spec with some controls changed (`undefined` removes a control). */
const edit = (change: string, patch: Record<string, unknown>): Step => ({
  change,
  next: (history) => {
    const spec: Spec = { ...history[history.length - 1]!, ...patch };
    for (const [key, value] of Object.entries(patch)) if (value === undefined) delete spec[key];
    return spec;
  },
});
/** Back to the spec of an earlier step, as undo would. */
const undo = (to: number): Step => ({ change: `undo to step ${to + 1}`, next: (history) => ({ ...history[to]! }) });

/** The only fields each kind of view takes: what the interface keeps when switching kind. */
const indicatorFields = ['indicator', 'transform', 'indexBase', 'interval', 'logScale'];
const personFields = ['suppressBelow', 'measure'];
const common = ['version', 'dataset', 'view', 'countries', 'ukNations', 'highlight', 'filters'];
function switchView(change: string, patch: Spec): Step {
  return {
    change,
    next: (history) => {
      const previous = history[history.length - 1]!;
      const person = ['breakdown', 'pathway', 'outcome'].includes(patch.view);
      const keep = [...common, ...(person ? personFields : indicatorFields)];
      const spec: Spec = { view: patch.view };
      for (const key of keep) if (previous[key] !== undefined) spec[key] = previous[key];
      Object.assign(spec, patch);
      for (const [key, value] of Object.entries(patch)) if (value === undefined) delete spec[key];
      return spec;
    },
  };
}

export interface SequenceStep {
  change: string;
  spec: ViewSpecInput;
}

export function explorerSequence(dataset: string, description: DatasetDescription): SequenceStep[] {
  const byValues = [...description.indicatorDetails].sort(
    (a, b) => b.countriesWithData.length - a.countriesWithData.length || b.periods.length - a.periods.length || a.id.localeCompare(b.id),
  );
  // A count (per 100,000 applies) with the longest series, and a second indicator of any kind.
  const divisible = byValues.filter((i) => per100kApplies(i, description.populationCountries));
  const countIndicator = divisible.find((i) => i.periods.length >= 3) ?? divisible[0];
  const other = byValues.find((i) => i.id !== countIndicator?.id);
  if (!countIndicator || !other) throw new Error(`${dataset} needs two indicators, one of them a count, for the explorer sequence`);
  const periods = countIndicator.periods;
  const first = periods[0]!;
  const last = periods[periods.length - 1]!;
  const middle = periods[Math.floor(periods.length / 2)]!;
  const instrument = description.instruments.find((i) => i.id === 'swemwbs' && i.followUps.length >= 2) ?? description.instruments.find((i) => i.followUps.length >= 2);
  if (!instrument) throw new Error(`${dataset} needs an instrument with two follow-ups for the explorer sequence`);
  const [followUp, laterFollowUp] = instrument.followUps as [string, string];

  const steps: Step[] = [
    { change: 'open the explorer: trend', next: () => ({ version: 2, dataset, view: 'trend', indicator: countIndicator.id }) },
    edit('pick countries', { countries: ALL }),
    edit('remove Wales', { countries: NO_WALES }),
    edit('per 100,000', { transform: 'per100k' }),
    edit('indexed', { transform: 'indexed' }),
    edit('index base period', { indexBase: middle }),
    edit('90% intervals', { interval: '90' }),
    edit('no intervals', { interval: 'none' }),
    switchView('latest', { view: 'latest' }),
    // A map only where a country's colour means something (src/shared/indicators.ts `mapApplies`).
    mapApplies(countIndicator) ? switchView('map', { view: 'map' }) : edit('interval back to 95%', { interval: '95' }),
    edit('UK as one', { ukNations: 'combined' }),
    switchView('slope', { view: 'slope', from: first, to: last }),
    switchView('small multiples, own axes', { view: 'small-multiples', sharedY: false }),
    edit('another indicator', { indicator: other.id, transform: 'absolute', indexBase: undefined }),
    edit('add Wales', { countries: ALL }),
    undo(9),
    switchView('breakdown by need', { view: 'breakdown', dimension: 'primary_need', ukNations: 'separate', countries: NO_WALES }),
    edit('by age', { dimension: 'age_band' }),
    edit('threshold 20', { suppressBelow: 20 }),
    edit('as shares', { measure: 'share' }),
    edit('by sex', { dimension: 'sex' }),
    edit('add Wales', { countries: ALL }),
    edit('UK as one', { ukNations: 'combined', countries: undefined }),
    edit('by activity', { dimension: 'activity_category' }),
    edit('by GLAM', { dimension: 'glam' }),
    edit('click arts, by sex', { dimension: 'sex', filters: { category: { dimension: 'activity_category', value: 'arts' } } }),
    edit('England by deprivation', { dimension: 'deprivation_quintile', ukNations: 'separate', countries: ['GB-ENG'], filters: {} }),
    edit('period range', { filters: { from: '2022-01-01', to: '2023-12-31' } }),
    switchView('pathway', { view: 'pathway', dimension: undefined }),
    edit('click loneliness', { filters: { from: '2022-01-01', to: '2023-12-31', category: { dimension: 'primary_need', value: 'loneliness' } } }),
    edit('clear filters', { filters: {} }),
    edit('UK as one', { ukNations: 'combined', countries: undefined }),
    switchView('outcome', { view: 'outcome', instrument: instrument.id, followUp }),
    edit('threshold 15', { suppressBelow: 15 }),
    edit('two countries', { countries: ['GB-ENG', 'GB-SCT'], ukNations: 'separate' }),
    edit('later follow-up', { followUp: laterFollowUp }),
    undo(28),
    undo(17),
    edit('by source', { dimension: 'referral_source' }),
    edit('by route', { dimension: 'referral_route' }),
    edit('since 2024', { filters: { from: '2024-01-01' } }),
    edit('clear filters', { filters: {} }),
    undo(0),
    edit('highlight England', { highlight: 'GB-ENG' }),
    edit('log scale', { logScale: true }),
    switchView('latest per 100,000', { view: 'latest', transform: 'per100k' }),
    edit('UK as one', { ukNations: 'combined' }),
    undo(20),
    edit('click female, by need', { dimension: 'primary_need', filters: { category: { dimension: 'sex', value: 'female' } } }),
    switchView('pathway, every country', { view: 'pathway', dimension: undefined, countries: undefined, filters: {} }),
  ];

  const history: Spec[] = [];
  return steps.map((step) => {
    const spec = step.next(history);
    history.push(spec);
    return { change: step.change, spec: spec as unknown as ViewSpecInput };
  });
}
