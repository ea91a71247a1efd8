/**
 * The languages Sprig speaks, how a language is chosen from the reader's preferences, and
 * the locale `Intl` formats with. Pure: the renderer passes `navigator.languages`, Electron
 * main `app.getPreferredSystemLanguages()`, the command line its `LANG`.
 */

/** British English is the source; every other language has the same keys. */
export const SOURCE_LANGUAGE = 'en-GB';

/**
 * A generated pseudo-locale (accented, about 35% longer, bracketed) that shows text that
 * bypasses i18next or is cut off. Never chosen from preferences; only asked for by name.
 */
export const PSEUDO_LANGUAGE = 'en-XA';

export interface Language {
  /** The i18next language code, also a BCP 47 tag for `Intl` and `<html lang>`. */
  code: string;
  /** The language's name in itself, as a reader looks for it in a list. */
  name: string;
}

/** Shipped languages, in the order the language control lists them. */
export const LANGUAGES: readonly Language[] = [
  { code: 'en-GB', name: 'English (UK)' },
  { code: 'en-US', name: 'English (US)' },
  { code: 'de', name: 'Deutsch' },
  { code: 'el', name: 'Ελληνικά' },
];

export const PSEUDO: Language = { code: PSEUDO_LANGUAGE, name: '[Ƥśéûðöļöçåļé]' };

export type LanguageCode = 'en-GB' | 'en-US' | 'de' | 'el';

export function isLanguage(code: string | null | undefined): code is LanguageCode {
  return LANGUAGES.some((l) => l.code === code);
}

/** English variants that read and date like American English; every other English reads British. */
const AMERICAN_ENGLISH = new Set(['US', 'PR', 'PH', 'UM', 'VI', 'AS', 'GU', 'MP']);

/**
 * The shipped language for one BCP 47 tag or POSIX locale, or null when Sprig does not
 * speak it: `de-AT` → German, `el_GR.UTF-8` → Greek, `en-AU` → British English (Australian
 * spelling is British), `en-US` → American English, `fr-FR` → null.
 */
export function matchLanguage(tag: string): LanguageCode | null {
  const clean = tag.trim().replace(/[.@].*$/, '').replace(/_/g, '-');
  if (!clean || clean === 'C' || clean === 'POSIX') return null;
  const [language, ...rest] = clean.split('-');
  const lang = language?.toLowerCase();
  const region = rest.find((part) => /^([A-Za-z]{2}|\d{3})$/.test(part))?.toUpperCase();
  if (lang === 'de') return 'de';
  if (lang === 'el') return 'el';
  if (lang === 'en') return region && AMERICAN_ENGLISH.has(region) ? 'en-US' : 'en-GB';
  return null;
}

/**
 * The first of the reader's preferred languages that Sprig speaks, in their order of
 * preference; British English when none is.
 */
export function pickLanguage(preferences: readonly string[] | undefined | null): LanguageCode {
  for (const tag of preferences ?? []) {
    const match = matchLanguage(tag);
    if (match) return match;
  }
  return SOURCE_LANGUAGE;
}

/** The command line's language, from the POSIX variables in their order of precedence. */
export function languageFromEnvironment(env: Record<string, string | undefined>): LanguageCode {
  const list = [env.LC_ALL, env.LC_MESSAGES, env.LANG].filter((v): v is string => !!v);
  // LANGUAGE is a colon-separated list of preferences (GNU gettext), honoured unless LC_ALL is C.
  const languageList = env.LANGUAGE && env.LC_ALL !== 'C' ? env.LANGUAGE.split(':') : [];
  return pickLanguage([...languageList, ...list]);
}

/**
 * The locale `Intl` formats with for an interface language. The pseudo-locale formats like
 * British English, so numbers and dates in it stay readable and testable.
 */
export function formatLocale(language: string): string {
  if (language === PSEUDO_LANGUAGE) return SOURCE_LANGUAGE;
  return language;
}
