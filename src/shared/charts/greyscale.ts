/**
 * Greyscale-safe figures: in grey, the United States' and Greece's colours are nearly the
 * same, so each country also gets its own line pattern (and every line a direct label).
 * One pattern per country everywhere, as with colours; long dashes, so they are not read
 * as the short dots and dashes that mark modelled, provisional and synthetic values.
 */
const COUNTRY_DASHES: Readonly<Record<string, string | null>> = {
  'GB-ENG': null,
  GB: null,
  'GB-WLS': '12,3,3,3',
  'GB-SCT': '12,3,3,3,3,3',
  US: '10,4',
  AU: '16,4,4,4',
  DE: '20,5',
  GR: '6,2,6,8',
};

const SPARE_DASHES = ['14,2,2,2,2,2', '18,3', '8,2,2,2,8,6'];

export function countryDash(code: string): string | null {
  if (code in COUNTRY_DASHES) return COUNTRY_DASHES[code] ?? null;
  let hash = 0;
  for (const char of code) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return SPARE_DASHES[hash % SPARE_DASHES.length]!;
}
