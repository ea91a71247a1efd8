/**
 * How the United Kingdom appears: as its nations (England, Wales, Scotland) or as one.
 * One place decides which country codes a view offers and shows, so the country picker,
 * the engine and the charts never disagree.
 */

export type UkMode = 'separate' | 'combined';
export const UK = 'GB';

/** A UK nation's code: GB-ENG, GB-WLS, GB-SCT, GB-NIR. */
export function isUkNation(code: string): boolean {
  return code.startsWith('GB-');
}

/** The country a code is shown as: a nation is the United Kingdom when the UK is shown as one. */
export function shownAs(code: string, mode: UkMode): string {
  return mode === 'combined' && isUkNation(code) ? UK : code;
}

/**
 * The countries a view offers, from the package's own list: with the UK as three nations,
 * every country but the UK as a whole (unless the package has no nations: a partner's table
 * of countries has only the UK); as one, the UK instead of its nations.
 */
export function offeredCountries(codes: readonly string[], mode: UkMode): string[] {
  const nations = codes.some(isUkNation);
  const offered = codes.filter((code) => (mode === 'combined' ? !isUkNation(code) : code !== UK || !nations));
  if (mode === 'combined' && !offered.includes(UK) && codes.some(isUkNation)) offered.push(UK);
  return offered;
}

/**
 * Whether a row of this country (as shown) belongs to the countries the view asks for
 * (`undefined`: every country). UK-wide figures shown beside the nations belong to any
 * selection that includes a nation.
 */
export function isAsked(shown: string, asked: readonly string[] | undefined, mode: UkMode): boolean {
  if (!asked) return true;
  if (asked.includes(shown)) return true;
  return mode === 'separate' && shown === UK && asked.some(isUkNation);
}
