import type { IndicatorDescription } from './catalogue.ts';

/**
 * Whether an indicator is already a rate or a share (it names a denominator, or its unit
 * is a percentage or a "per …" rate). Such values are never divided by population again.
 */
export function isRate(indicator: Pick<IndicatorDescription, 'unit' | 'denominator'>): boolean {
  return Boolean(indicator.denominator) || /%|\bper\b|\/\s*\d/i.test(indicator.unit);
}

/**
 * Whether countries may be ranked against each other on this indicator. Where counting
 * units, denominators or programme models differ, Sprig shows the caveat and refuses to rank.
 */
export function canRank(indicator: Pick<IndicatorDescription, 'comparabilityLevel'>): boolean {
  return indicator.comparabilityLevel === 'comparable' || indicator.comparabilityLevel === 'with_caveats';
}
