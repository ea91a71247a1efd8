import { UK_NATIONS } from '../format.ts';
import { alpha3ByAlpha2, areaCodes, codeExceptions, KOSOVO, mappableCountryCodes, ukNationCodes } from './country-codes.ts';

/**
 * Which country a value in a partner's country column stands for: an ISO 3166-1 alpha-2 or
 * alpha-3 code, a Eurostat code (EL, UK), a UK nation's code (GB-ENG), or a name in English,
 * German or Greek ("Deutschland", "Ελλάδα", "Vereinigtes Königreich"), with or without
 * accents, in any case. Names come from `Intl.DisplayNames` over the codes in
 * country-codes.ts, plus the few other ways publishers write them (below).
 *
 * The matcher never guesses between two countries: a value that could be either is
 * `ambiguous`, and one it does not know is `unmatched`; both are listed for the user to
 * decide, never dropped.
 */
export type CountryMatch =
  | { kind: 'matched'; code: string; by: 'code' | 'name' }
  | { kind: 'ambiguous'; candidates: string[] }
  | { kind: 'unmatched' };

const LANGUAGES = ['en', 'de', 'el'] as const;

/**
 * Names publishers use that `Intl` does not give (the World Bank's "Korea, Rep.", older
 * names, the long official forms), in the three languages. Each is a whole name, matched
 * after the same normalisation as Intl's.
 */
const OTHER_NAMES: Readonly<Record<string, readonly string[]>> = {
  GB: ['Great Britain', 'Britain', 'United Kingdom of Great Britain and Northern Ireland', 'Großbritannien', 'Μεγάλη Βρετανία', 'Βρετανία'],
  US: ['USA', 'United States of America', 'Vereinigte Staaten von Amerika', 'Ηνωμένες Πολιτείες Αμερικής'],
  DE: ['Federal Republic of Germany', 'Bundesrepublik Deutschland', 'Ομοσπονδιακή Δημοκρατία της Γερμανίας'],
  GR: ['Hellenic Republic', 'Hellas', 'Ελλάς', 'Ελληνική Δημοκρατία'],
  AU: ['Commonwealth of Australia'],
  BS: ['Bahamas, The'],
  GM: ['Gambia, The'],
  // "Congo", "Korea" and "Virgin Islands" alone could be either: listed under both, they match neither.
  CD: ['Congo, Dem. Rep.', 'Democratic Republic of the Congo', 'DR Congo', 'Congo'],
  CG: ['Congo, Rep.', 'Republic of the Congo', 'Congo'],
  EG: ['Egypt, Arab Rep.'],
  IR: ['Iran, Islamic Rep.'],
  KP: ["Korea, Dem. People's Rep.", "Democratic People's Republic of Korea", 'Korea'],
  KR: ['Korea, Rep.', 'Republic of Korea', 'Korea'],
  FM: ['Micronesia, Fed. Sts.'],
  SO: ['Somalia, Fed. Rep.'],
  VE: ['Venezuela, RB'],
  YE: ['Yemen, Rep.'],
  KG: ['Kyrgyz Republic'],
  LA: ['Lao PDR', "Lao People's Democratic Republic"],
  SK: ['Slovak Republic'],
  RU: ['Russian Federation'],
  SY: ['Syrian Arab Republic'],
  VN: ['Viet Nam'],
  CZ: ['Czech Republic', 'Tschechische Republik', 'Τσεχική Δημοκρατία'],
  TR: ['Turkey'],
  CV: ['Cabo Verde'],
  CI: ['Ivory Coast'],
  TL: ['East Timor'],
  MM: ['Burma'],
  SZ: ['Swaziland'],
  // Not "Macedonia" alone: in Greek data that is a region of Greece.
  MK: ['Republic of North Macedonia'],
  MD: ['Republic of Moldova'],
  TZ: ['United Republic of Tanzania'],
  PS: ['West Bank and Gaza', 'State of Palestine', 'Palestine'],
  VA: ['Holy See'],
  VI: ['Virgin Islands (U.S.)', 'Virgin Islands'],
  VG: ['Virgin Islands'],
  VC: ['St. Vincent and the Grenadines'],
  MO: ['Macau'],
  AE: ['UAE'],
  '001': ['World', 'Welt', 'Κόσμος'],
  EZ: ['Euro area', 'Euroraum', 'Ζώνη του ευρώ'],
};

/** Lower case, no accents or punctuation, one space between words: "Côte d’Ivoire" → "cote divoire". */
export function normaliseName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/ς/g, 'σ')
    .replace(/&/g, ' and ')
    .replace(/['’`´ʼ]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/\bst\b/g, 'saint')
    .trim();
}

/** German written without umlauts: "Österreich" as "Oesterreich". */
function umlautsSpelledOut(text: string): string {
  return text.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/Ä/g, 'Ae').replace(/Ö/g, 'Oe').replace(/Ü/g, 'Ue');
}

/** A name without its parenthesis: "Myanmar (Burma)" → "Myanmar". */
function withoutParenthesis(text: string): string {
  return text.replace(/\s*\([^)]*\)\s*/g, ' ').trim();
}

type NameIndex = Map<string, Set<string>>;

let index: NameIndex | undefined;

function addName(names: NameIndex, name: string | undefined, code: string): void {
  if (!name) return;
  for (const variant of new Set([name, umlautsSpelledOut(name), withoutParenthesis(name)])) {
    const key = normaliseName(variant);
    if (!key) continue;
    const codes = names.get(key) ?? new Set<string>();
    codes.add(code);
    names.set(key, codes);
  }
}

/** Every name of every mappable code, in the three languages, long and short, normalised. */
function nameIndex(): NameIndex {
  if (index) return index;
  const names: NameIndex = new Map();
  const codes = mappableCountryCodes();
  for (const language of LANGUAGES) {
    for (const style of ['long', 'short'] as const) {
      const display = new Intl.DisplayNames([language], { type: 'region', style, fallback: 'none' });
      for (const code of codes) if (!code.includes('-')) addName(names, display.of(code), code);
    }
    for (const code of ukNationCodes) addName(names, UK_NATIONS[code]?.[language], code);
  }
  for (const [code, others] of Object.entries(OTHER_NAMES)) for (const name of others) addName(names, name, code);
  index = names;
  return names;
}

const alpha2ByAlpha3 = new Map([...alpha3ByAlpha2].map(([two, three]) => [three, two]));
for (const [code, { alpha3 }] of Object.entries(areaCodes)) alpha2ByAlpha3.set(alpha3, code);

/** A code as publishers write it: ISO alpha-2 or alpha-3, Eurostat's, a UK nation's, in any case. */
function matchCode(text: string): string | undefined {
  const upper = text.toUpperCase();
  if (codeExceptions[upper]) return codeExceptions[upper];
  if (/^[A-Z]{2}$/.test(upper) && (alpha3ByAlpha2.has(upper) || upper === KOSOVO || upper === 'EU' || upper === 'EZ')) return upper;
  if (/^[A-Z]{3}$/.test(upper)) return alpha2ByAlpha3.get(upper);
  if ((ukNationCodes as readonly string[]).includes(upper)) return upper;
  if (upper === '001') return '001';
  return undefined;
}

/** The country a value names, or why it names none (see `CountryMatch`). */
export function matchCountry(value: string): CountryMatch {
  const text = value.trim();
  if (!text) return { kind: 'unmatched' };
  const code = matchCode(text);
  if (code) return { kind: 'matched', code, by: 'code' };
  const names = nameIndex();
  for (const candidate of [text, withoutParenthesis(text)]) {
    const codes = names.get(normaliseName(candidate));
    if (!codes) continue;
    if (codes.size === 1) return { kind: 'matched', code: [...codes][0]!, by: 'name' };
    return { kind: 'ambiguous', candidates: [...codes].sort() };
  }
  return { kind: 'unmatched' };
}

/**
 * A country named in a title ("US House Price Index", "Bevölkerung Deutschlands" does not
 * count: only whole names and the codes US, USA, UK stand out in prose), or undefined when
 * there is none or more than one.
 */
export function countryInText(text: string): string | undefined {
  const found = new Set<string>();
  for (const token of text.split(/[^A-Za-z]+/)) if (['US', 'USA', 'UK'].includes(token)) found.add(matchCode(token)!);
  const words = normaliseName(text).split(' ').filter(Boolean);
  const names = nameIndex();
  for (let length = 1; length <= 5; length++) {
    for (let start = 0; start + length <= words.length; start++) {
      const codes = names.get(words.slice(start, start + length).join(' '));
      if (codes?.size === 1) found.add([...codes][0]!);
    }
  }
  // "World" in a title says what the whole table covers only when nothing more precise does.
  if (found.size > 1) found.delete('001');
  return found.size === 1 ? [...found][0] : undefined;
}
