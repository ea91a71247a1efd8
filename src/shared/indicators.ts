import type { IndicatorDescription } from './catalogue.ts';
import { isCurrencyCode } from './format.ts';
import type { ValueKind } from './view-answer.ts';

/**
 * What an indicator's values are, decided once from its definition: whether they are rates,
 * whether they add up, whether they may be divided by population or ranked, and what kind
 * of value each row is. The engine, the controls and the charts all ask here.
 */

type UnitOf = Pick<IndicatorDescription, 'unit' | 'denominator'>;

/**
 * Whether an indicator is already a rate or a share (it names a denominator, or its unit
 * is a percentage or a "per …" rate). Such values are never divided by population again.
 */
export function isRate(indicator: UnitOf): boolean {
  return Boolean(indicator.denominator) || /%|\bper\b|\/\s*\d/i.test(indicator.unit);
}

/** An amount of money: the unit is an ISO 4217 currency code (GBP, EUR). */
export function isMoney(indicator: Pick<IndicatorDescription, 'unit'>): boolean {
  return isCurrencyCode(indicator.unit);
}

/** A mean, score, index or other average: never added up, never divided by population. */
export function isAverage(indicator: Pick<IndicatorDescription, 'unit'>): boolean {
  return /\b(mean|median|average|score|index)\b/i.test(indicator.unit);
}

/**
 * Whether values for the UK's nations may be added up to a value for the United Kingdom:
 * counts (people, staff, referrals) and amounts add up; rates, shares and means do not.
 */
export function addsUp(indicator: UnitOf): boolean {
  return !isRate(indicator) && !isAverage(indicator);
}

/** Where an indicator's values come from: national figures, programmes' own, or both. */
export type IndicatorScope = 'national' | 'programme' | 'mixed';

/**
 * Whether "per 100,000 population" means something for this indicator: a count of people
 * or staff (not a rate, a mean, a score or a budget) for a whole country (not one
 * programme's figure), in a country the package has a population for.
 */
export function per100kApplies(
  indicator: UnitOf & Pick<IndicatorDescription, 'scope' | 'countriesWithData'>,
  populationCountries: readonly string[],
): boolean {
  if (!addsUp(indicator) || isMoney(indicator) || indicator.scope === 'programme') return false;
  return indicator.countriesWithData.some((code) => populationCountries.includes(code));
}

/**
 * Whether countries may be ranked against each other on this indicator. Where counting
 * units, denominators or programme models differ, Sprig shows the caveat and refuses to rank.
 */
export function canRank(indicator: Pick<IndicatorDescription, 'comparabilityLevel'>): boolean {
  return indicator.comparabilityLevel === 'comparable' || indicator.comparabilityLevel === 'with_caveats';
}

/**
 * Whether a map may colour countries by this indicator: national figures (not a programme's
 * or a pilot's) that compare across countries at least with caveats. A programme's value
 * painted over a whole country would claim it for the country.
 */
export function mapApplies(indicator: Pick<IndicatorDescription, 'comparabilityLevel' | 'scope'>): boolean {
  return canRank(indicator) && indicator.scope === 'national';
}

/** What kind of value a row is (its mark and legend entry), from its status and the indicator's measure. */
export function valueKind(row: { status: string | null; synthetic: boolean }, indicator: Pick<IndicatorDescription, 'measureKind'>): ValueKind {
  if (row.synthetic || row.status === 'synthetic') return 'synthetic';
  if (row.status === 'target' || indicator.measureKind === 'target') return 'target';
  if (row.status === 'provisional') return 'provisional';
  if (indicator.measureKind === 'modelled') return 'modelled';
  return 'published';
}
