import { useTranslation } from 'react-i18next';
import { LANGUAGES, PSEUDO, PSEUDO_LANGUAGE } from '../../../shared/i18n/languages.ts';
import { rememberLanguage } from './choose-language.ts';
import { safeLocalStorage } from './interface-i18n.ts';

/**
 * The language control in the header: each language by its own name, switched live (no
 * reload, nothing the reader chose is lost) and remembered for next time. The pseudo-locale
 * is listed in development builds, or while it is in use (`?lang=pseudo`).
 */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const current = i18n.language;
  const languages = import.meta.env.DEV || current === PSEUDO_LANGUAGE ? [...LANGUAGES, PSEUDO] : LANGUAGES;
  const change = (code: string) => {
    rememberLanguage(safeLocalStorage(), code);
    void i18n.changeLanguage(code);
  };
  return (
    <div className="language-switcher">
      <label htmlFor="language-select">{t('language.label')}</label>
      <select id="language-select" value={current} onChange={(e) => change(e.target.value)}>
        {languages.map((l) => (
          <option key={l.code} value={l.code} lang={l.code === PSEUDO_LANGUAGE ? undefined : l.code}>
            {l.code === PSEUDO_LANGUAGE ? t('language.pseudo') : l.name}
          </option>
        ))}
      </select>
    </div>
  );
}
