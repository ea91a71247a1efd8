import type { DatasetDescription, IndicatorDescription } from '../../../shared/catalogue.ts';
import { countryOrder, sortCountries } from '../../../shared/countries.ts';
import { mapApplies, per100kApplies } from '../../../shared/indicators.ts';
import { offeredCountries } from '../../../shared/uk.ts';
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
  if (indicator) {
    const countries = defaultCountries(indicator);
    return { ...selection, ...(countries ? { countries } : {}), view: 'trend', indicator: indicator.id };
  }
  return { ...selection, view: 'pathway' };
}

/** Past this many, a first chart of every country is a tangle. */
const MANY_COUNTRIES = 12;

/**
 * The countries a first chart shows: all of them, unless there are many (a mapped World Bank
 * table has over two hundred); then the study's countries that have values, or else the
 * first few. The country picker offers the rest.
 */
export function defaultCountries(indicator: Pick<IndicatorDescription, 'countriesWithData'>): string[] | undefined {
  const withData = indicator.countriesWithData;
  if (withData.length <= MANY_COUNTRIES) return undefined;
  const study = sortCountries(withData).filter((code) => countryOrder.includes(code));
  return study.length > 0 ? study : sortCountries(withData).slice(0, 8);
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
    if (kind === 'slope') return { ...base, view: 'slope', ...slopeEnds(indicator, shownCountries(spec, description)) };
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

/**
 * Another indicator in the same view. A transform that does not apply to it falls back to
 * absolute, and a map of an indicator a map cannot show (a programme's figures, or ones that
 * do not compare) becomes the latest-period view.
 */
export function withIndicator(spec: ViewSpecInput, indicator: IndicatorDescription, description: DatasetDescription): ViewSpecInput {
  if (!('indicator' in spec)) return spec;
  const transform = spec.transform === 'per100k' && !per100kApplies(indicator, description.populationCountries) ? 'absolute' : spec.transform;
  const { indexBase: _dropped, ...rest } = spec;
  const view = rest.view === 'map' && !mapApplies(indicator) ? 'latest' : rest.view;
  const next = { ...rest, view, indicator: indicator.id, ...(transform ? { transform } : {}) } as ViewSpecInput;
  return next.view === 'slope' ? { ...next, ...slopeEnds(indicator, shownCountries(spec, description)) } : next;
}

/** The countries a view shows: its own list, or every country the package has, as the UK setting shows them. */
function shownCountries(spec: ViewSpecInput, description: DatasetDescription): string[] {
  return spec.countries ?? offeredCountries(description.countries.map((c) => c.code), spec.ukNations ?? 'separate');
}

/**
 * The two periods a slope compares by default: the latest two that every shown country with
 * values has; failing that, the latest two that the most of them share, so no country is
 * dropped for want of a value the others have.
 */
export function slopeEnds(indicator: IndicatorDescription, countries: readonly string[]): { from: string; to: string } {
  // A UK-wide figure is shown beside the nations; the nations' own values under the UK as one.
  const shown = (code: string) =>
    countries.includes(code) || (code === 'GB' && countries.some((c) => c.startsWith('GB-'))) || (code.startsWith('GB-') && countries.includes('GB'));
  const own = Object.entries(indicator.periodsByCountry).filter(([code]) => shown(code));
  const order = new Map(indicator.periods.map((p, i) => [p, i]));
  const coverage = new Map<string, number>();
  for (const [, periods] of own) for (const p of periods) coverage.set(p, (coverage.get(p) ?? 0) + 1);
  // Most countries first, then the latest.
  const ranked = [...coverage].sort((a, b) => b[1] - a[1] || (order.get(b[0]) ?? 0) - (order.get(a[0]) ?? 0)).map(([p]) => p);
  const best = coverage.size > 0 ? Math.max(...coverage.values()) : 0;
  const shared = ranked.filter((p) => coverage.get(p) === best);
  const pair = (shared.length >= 2 ? shared.slice(0, 2) : ranked.slice(0, 2)).sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  const first = pair[0] ?? indicator.periods.at(-2) ?? indicator.periods[0] ?? '';
  return { from: first, to: pair[1] ?? indicator.periods.at(-1) ?? first };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
