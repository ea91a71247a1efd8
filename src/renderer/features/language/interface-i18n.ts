import type { i18n } from 'i18next';
import { createI18n } from '../../../shared/i18n/create.ts';
import { chooseLanguage, rememberedLanguage } from './choose-language.ts';

/**
 * The interface's i18next instance, in the language chosen from the address, the reader's
 * last choice or the system's languages; `<html lang>` follows every change of language.
 */
export function createInterfaceI18n(): i18n {
  const storage = safeLocalStorage();
  const language = chooseLanguage({
    search: window.location.search,
    remembered: rememberedLanguage(storage),
    preferred: navigator.languages?.length ? navigator.languages : [navigator.language],
  });
  const instance = createI18n(language);
  const setDocumentLanguage = (lng: string) => {
    document.documentElement.lang = lng;
    document.title = instance.t('app.name');
  };
  setDocumentLanguage(instance.language);
  instance.on('languageChanged', setDocumentLanguage);
  return instance;
}

/** `localStorage`, or undefined where the page may not use it. */
export function safeLocalStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
