import type { DatasetDescription, IndicatorDescription } from '../../../shared/catalogue.ts';
import { isRate } from '../../../shared/indicators.ts';
import { indicatorViews, VIEW_SPEC_VERSION, type ViewKind, type ViewSpecInput } from '../../../shared/view-spec.ts';

/** What every view keeps when the user switches between them: the dataset, countries and filters. */
type Selection = Pick<ViewSpecInput, 'version' | 'dataset' | 'countries' | 'ukNations' | 'highlight' | 'filters'>;

export function isIndicatorKind(kind: ViewKind): boolean {
  return (indicatorViews as readonly string[]).includes(kind);
}

/** The indicator with values for the most countries: the comparison a new user should see first. */
export function defaultIndicator(indicators: IndicatorDescription[]): IndicatorDescription | undefined {
  return indicators.reduce<IndicatorDescription | undefined>(
    (best, i) => (!best || i.countriesWithData.length > best.countriesWithData.length ? i : best),
    undefined,
  );
}

export function defaultSpec(dataset: string, description: DatasetDescription): ViewSpecInput {
  const selection: Selection = { version: VIEW_SPEC_VERSION, dataset };
  const indicator = defaultIndicator(description.indicatorDetails);
  if (indicator) return { ...selection, view: 'trend', indicator: indicator.id };
  return { ...selection, view: 'pathway' };
}

function selectionOf(spec: ViewSpecInput): Selection {
  const { version, dataset, countries, ukNations, highlight, filters } = spec;
  return Object.fromEntries(Object.entries({ version, dataset, countries, ukNations, highlight, filters }).filter(([, v]) => v !== undefined)) as Selection;
}

/** The same selection shown as another kind of view, with that view's sensible defaults. */
export function switchView(spec: ViewSpecInput, kind: ViewKind, description: DatasetDescription): ViewSpecInput {
  const selection = selectionOf(spec);
  if (isIndicatorKind(kind)) {
    const current = 'indicator' in spec ? description.indicatorDetails.find((i) => i.id === spec.indicator) : undefined;
    const indicator = current ?? defaultIndicator(description.indicatorDetails);
    if (!indicator) return spec;
    const carried =
      'indicator' in spec ? { transform: spec.transform, indexBase: spec.indexBase, interval: spec.interval, logScale: spec.logScale } : {};
    const base = { ...selection, ...withoutUndefined(carried), indicator: indicator.id };
    if (kind === 'slope') return { ...base, view: 'slope', ...slopeEnds(indicator) };
    if (kind === 'small-multiples') return { ...base, view: 'small-multiples' };
    return { ...base, view: kind as 'trend' | 'latest' | 'map' };
  }
  const person = 'suppressBelow' in spec ? { suppressBelow: spec.suppressBelow, measure: spec.measure } : {};
  const base = { ...selection, ...withoutUndefined(person) };
  if (kind === 'breakdown') return { ...base, view: 'breakdown', dimension: 'dimension' in spec ? spec.dimension : 'primary_need' };
  if (kind === 'outcome') {
    const instrument = description.instruments.find((i) => i.id === 'swemwbs') ?? description.instruments[0];
    return { ...base, view: 'outcome', instrument: instrument?.id ?? 'swemwbs', followUp: instrument?.followUps[0] ?? 'w8_12' };
  }
  return { ...base, view: 'pathway' };
}

/** Another indicator in the same view; a transform that does not apply to it falls back to absolute. */
export function withIndicator(spec: ViewSpecInput, indicator: IndicatorDescription): ViewSpecInput {
  if (!('indicator' in spec)) return spec;
  const transform = spec.transform === 'per100k' && isRate(indicator) ? 'absolute' : spec.transform;
  const { indexBase: _dropped, ...rest } = spec;
  const next = { ...rest, indicator: indicator.id, ...(transform ? { transform } : {}) } as ViewSpecInput;
  return next.view === 'slope' ? { ...next, ...slopeEnds(indicator) } : next;
}

function slopeEnds(indicator: IndicatorDescription): { from: string; to: string } {
  const first = indicator.periods[0] ?? '';
  return { from: first, to: indicator.periods.at(-1) ?? first };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
