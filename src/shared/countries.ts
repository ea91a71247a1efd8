/**
 * One colour per country everywhere in Sprig, whatever else is selected. Drawn from the
 * Okabe–Ito palette (distinguishable with the common colour-vision deficiencies), with
 * England and the UK sharing a hue because they never appear as two series of one view.
 */
export const countryColours: Readonly<Record<string, string>> = {
  GB: '#0072B2',
  'GB-ENG': '#0072B2',
  'GB-SCT': '#56B4E9',
  'GB-WLS': '#882255',
  US: '#D55E00',
  AU: '#E69F00',
  DE: '#000000',
  GR: '#009E73',
};

/** Colours for countries outside the usual set, in a stable order by code. */
const spareColours = ['#CC79A7', '#999933', '#44AA99', '#AA4499', '#661100', '#6699CC'];

/** The order countries are listed and drawn in: the five of the study first. */
export const countryOrder = ['GB-ENG', 'GB', 'GB-WLS', 'GB-SCT', 'US', 'AU', 'DE', 'GR'];

export function countryColour(code: string): string {
  const fixed = countryColours[code];
  if (fixed) return fixed;
  let hash = 0;
  for (const char of code) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return spareColours[hash % spareColours.length] ?? '#777777';
}

export function sortCountries(codes: Iterable<string>): string[] {
  const rank = (code: string) => {
    const i = countryOrder.indexOf(code);
    return i === -1 ? countryOrder.length : i;
  };
  return [...new Set(codes)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
