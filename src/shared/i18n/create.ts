import i18next, { type i18n, type Resource } from 'i18next';
import { isLanguage, LANGUAGES, matchLanguage, PSEUDO_LANGUAGE, SOURCE_LANGUAGE } from './languages.ts';
import { pseudoTree } from './pseudo.ts';
import { namespaces, resources } from './resources.ts';

let pseudoResources: Resource[string] | undefined;

/** The pseudo-locale's strings, generated from British English once, on first use. */
function pseudo(): Resource[string] {
  pseudoResources ??= Object.fromEntries(Object.entries(resources[SOURCE_LANGUAGE]).map(([ns, tree]) => [ns, pseudoTree(tree)]));
  return pseudoResources;
}

/**
 * A ready i18next instance over Sprig's bundled resources (no network, no back-end).
 * `language` may be any tag (`de-AT`, `el_GR.UTF-8`): it becomes the shipped language that
 * serves it, or British English. The pseudo-locale is available when asked for by its code.
 */
export function createI18n(language: string = SOURCE_LANGUAGE, defaultNS: string = 'common'): i18n {
  const instance = i18next.createInstance();
  const lng = language === PSEUDO_LANGUAGE || isLanguage(language) ? language : (matchLanguage(language) ?? SOURCE_LANGUAGE);
  void instance.init({
    lng,
    fallbackLng: SOURCE_LANGUAGE,
    supportedLngs: [...LANGUAGES.map((l) => l.code), PSEUDO_LANGUAGE],
    load: 'currentOnly',
    ns: namespaces,
    defaultNS,
    resources: { ...resources, [PSEUDO_LANGUAGE]: pseudo() },
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
