import { isLanguage, matchLanguage, pickLanguage, PSEUDO_LANGUAGE, type LanguageCode } from '../../../shared/i18n/languages.ts';

/** Where the reader's choice of language is remembered, in both hosts (browser and desktop). */
export const LANGUAGE_STORAGE_KEY = 'sprig.language';

export interface LanguageHints {
  /** The page's query string: `?lang=de` opens in German once, `?lang=pseudo` in the pseudo-locale. */
  search: string;
  /** The language the reader chose last time, if any. */
  remembered: string | null;
  /** The browser's (or the operating system's, in the desktop app) preferred languages. */
  preferred: readonly string[];
}

/**
 * The language to open in: one asked for in the address (for presenters and tests, not
 * remembered), else the reader's last choice, else the first of their system's languages
 * that Sprig speaks, else British English.
 */
export function chooseLanguage({ search, remembered, preferred }: LanguageHints): LanguageCode | typeof PSEUDO_LANGUAGE {
  const asked = new URLSearchParams(search).get('lang');
  if (asked) {
    if (asked === 'pseudo' || asked === PSEUDO_LANGUAGE) return PSEUDO_LANGUAGE;
    const match = isLanguage(asked) ? asked : matchLanguage(asked);
    if (match) return match;
  }
  if (isLanguage(remembered)) return remembered;
  return pickLanguage(preferred);
}

/** Reads the remembered choice; storage may be unavailable (private windows, tests). */
export function rememberedLanguage(storage: Pick<Storage, 'getItem'> | undefined): string | null {
  try {
    return storage?.getItem(LANGUAGE_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

/** Remembers a shipped language; the pseudo-locale is never remembered. */
export function rememberLanguage(storage: Pick<Storage, 'setItem'> | undefined, language: string): void {
  if (!isLanguage(language)) return;
  try {
    storage?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Storage full or refused: the choice lasts for this session only.
  }
}
