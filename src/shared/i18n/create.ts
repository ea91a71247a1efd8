import i18next, { type i18n } from 'i18next';
import { namespaces, resources, SOURCE_LANGUAGE } from './resources.ts';

/** A ready i18next instance over Sprig's bundled resources (no network, no back-end). */
export function createI18n(language: string = SOURCE_LANGUAGE, defaultNS: string = 'common'): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: SOURCE_LANGUAGE,
    supportedLngs: Object.keys(resources),
    ns: namespaces,
    defaultNS,
    resources,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
