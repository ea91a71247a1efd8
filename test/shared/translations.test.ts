import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { menuTemplate } from '../../src/main/menu.ts';
import { chooseLanguage } from '../../src/renderer/features/language/choose-language.ts';
import { createI18n } from '../../src/shared/i18n/create.ts';
import { languageFromEnvironment, LANGUAGES, matchLanguage, pickLanguage, PSEUDO_LANGUAGE, SOURCE_LANGUAGE } from '../../src/shared/i18n/languages.ts';
import { pseudoLocalise } from '../../src/shared/i18n/pseudo.ts';
import { namespaces, resources } from '../../src/shared/i18n/resources.ts';
import { unitKey } from '../../src/shared/i18n/units.ts';
import { repoRoot } from '../support/temp.ts';

type Tree = { [key: string]: string | Tree };
type Strings = Map<string, string>;

const PLURAL = /_(zero|one|two|few|many|other)$/;
const localesDir = path.join(repoRoot, 'src', 'shared', 'i18n', 'locales');

function flatten(tree: Tree, prefix = '', into: Strings = new Map()): Strings {
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') into.set(`${prefix}${k}`, v);
    else flatten(v, `${prefix}${k}.`, into);
  }
  return into;
}

const codes = LANGUAGES.map((l) => l.code);
const strings = (lng: string, ns: string): Strings =>
  flatten(((resources as unknown as Record<string, Record<string, Tree>>)[lng]?.[ns] ?? {}) as Tree);
const baseKeys = (s: Strings) => new Set([...s.keys()].map((k) => k.replace(PLURAL, '')));
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([^}\s,]+)[^}]*\}\}|\$t\(([^)]*)\)/g)].map((m) => m[1] ?? m[2]).sort();

/**
 * Words agreed to stay as in British English: the product's name, units and codes, and
 * words German writes the same way. Anything else identical to English is untranslated.
 */
/** File formats and print units figures are exported in, written alike in every language. */
const FILE_WORDS = ['PNG', 'TIFF', 'LZW', 'RGB', 'mm', 'dpi'];

const AGREED_WORDS: Record<string, string[]> = {
  // German writes these as English does: Version, Definition, Status, Median, Port, Text; Link Worker
  // and England are the terms German practitioners use (docs/glossary.md).
  de: ['Sprig', 'Version', 'Definition', 'Status', 'Median', 'Port', 'Link', 'Worker', 'England', 'Text', 'SQL', 'SELECT', 'NULL', 'GLAM', 'CSV', 'JSON', 'npm', 'run', 'build', 'sprig', 'demo', 'country', ...FILE_WORDS],
  el: ['Sprig', 'SQL', 'SELECT', 'NULL', 'GLAM', 'CSV', 'JSON', 'Ctrl', 'Enter', 'Mac', 'npm', 'run', 'build', 'sprig', 'demo', 'country', ...FILE_WORDS],
};

/** British spellings an American reader should not meet; en-US must override every string that has one. */
const BRITISH_SPELLINGS = /(licence|programme|centre\b|colour|favour|behaviour|organis(e|ation|ing)|recognis|analys(e|ing)|catalogue|cancell(ed|ing)|modell(ed|ing)|labell(ed|ing)|\bgrey\b|metre\b|fulfil\b|enrol\b|neighbour)/i;

describe('translations', () => {
  it('registers every namespace file of every language, and every language has every namespace', () => {
    const onDisk = readdirSync(path.join(localesDir, SOURCE_LANGUAGE)).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
    expect([...namespaces].sort()).toEqual(onDisk.sort());
    for (const lng of codes) {
      for (const ns of onDisk) {
        expect(existsSync(path.join(localesDir, lng, `${ns}.json`)), `${lng}/${ns}.json`).toBe(true);
        expect(Object.keys((resources as unknown as Record<string, object>)[lng] ?? {}), `${lng} registers ${ns}`).toContain(ns);
      }
    }
    expect(readdirSync(localesDir).sort()).toEqual([...codes].sort());
  });

  it('no language lacks a key another has (plural forms folded to the key i18next looks up)', () => {
    const problems: string[] = [];
    for (const ns of namespaces) {
      const all = new Set(codes.flatMap((lng) => [...baseKeys(strings(lng, ns))]));
      for (const lng of codes) {
        const have = baseKeys(strings(lng, ns));
        for (const key of all) if (!have.has(key)) problems.push(`${lng} ${ns}:${key} is missing`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('every plural has the forms its language’s plural rules need, and no others', () => {
    const problems: string[] = [];
    for (const lng of codes) {
      const categories = new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
      for (const ns of namespaces) {
        const keys = [...strings(lng, ns).keys()];
        const plurals = new Set(keys.filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')));
        for (const base of plurals) {
          const forms = keys.filter((k) => k.replace(PLURAL, '') === base && PLURAL.test(k)).map((k) => PLURAL.exec(k)![1]);
          if ([...forms].sort().join() !== [...categories].sort().join()) problems.push(`${lng} ${ns}:${base} has ${forms.join('/')}, needs ${categories.join('/')}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('no value is empty', () => {
    const empty = codes.flatMap((lng) =>
      namespaces.flatMap((ns) => [...strings(lng, ns)].filter(([, v]) => v.trim() === '').map(([k]) => `${lng} ${ns}:${k}`)),
    );
    expect(empty).toEqual([]);
  });

  it('every translation keeps the interpolations and nesting of British English', () => {
    const problems: string[] = [];
    for (const ns of namespaces) {
      const source = strings(SOURCE_LANGUAGE, ns);
      for (const lng of codes) {
        for (const [key, value] of strings(lng, ns)) {
          const english = source.get(key) ?? source.get(`${key.replace(PLURAL, '')}_other`);
          if (english !== undefined && placeholders(english).join() !== placeholders(value).join()) {
            problems.push(`${lng} ${ns}:${key} has {{${placeholders(value).join(', ')}}}, English {{${placeholders(english).join(', ')}}}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('German and Greek leave nothing in English, apart from agreed words', () => {
    const problems: string[] = [];
    for (const lng of ['de', 'el']) {
      const agreed = new Set(AGREED_WORDS[lng]);
      for (const ns of namespaces) {
        const source = strings(SOURCE_LANGUAGE, ns);
        for (const [key, value] of strings(lng, ns)) {
          if (value !== source.get(key)) continue;
          const words = value
            .replace(/\{\{[^}]*\}\}|\$t\([^)]*\)/g, ' ')
            .replace(/--[a-z]+|\/[\p{L}/]+|\S+\.json/gu, ' ')
            .match(/\p{L}+/gu) ?? [];
          const untranslated = words.filter((w) => !agreed.has(w));
          if (untranslated.length > 0) problems.push(`${lng} ${ns}:${key} is still English (“${value}”)`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('American English overrides every British spelling', () => {
    const problems: string[] = [];
    for (const ns of namespaces) {
      for (const [key, value] of strings('en-US', ns)) {
        const visible = value.replace(/\{\{[^}]*\}\}/g, '');
        if (BRITISH_SPELLINGS.test(visible)) problems.push(`en-US ${ns}:${key}: “${value}”`);
      }
    }
    expect(problems).toEqual([]);
    expect(createI18n('en-US').t('catalogue.licence', { licence: 'CC BY 4.0' })).toBe('License: CC BY 4.0');
    expect(createI18n('en-GB').t('catalogue.licence', { licence: 'CC BY 4.0' })).toBe('Licence: CC BY 4.0');
  });

  it('counts through each language’s plural rules', () => {
    const cases: [string, number, string][] = [
      ['en-GB', 1, '1 table'],
      ['en-GB', 2, '2 tables'],
      ['en-US', 0, '0 tables'],
      ['de', 1, '1 Tabelle'],
      ['de', 0, '0 Tabellen'],
      ['de', 12, '12 Tabellen'],
      ['el', 1, '1 πίνακας'],
      ['el', 0, '0 πίνακες'],
      ['el', 5, '5 πίνακες'],
    ];
    for (const [lng, count, expected] of cases) expect(createI18n(lng).t('catalogue.tables', { count }), `${lng} ${count}`).toBe(expected);
    expect(createI18n('de').t('compare.missingPeriods', { country: 'Deutschland', count: 1, reason: 'x' })).toBe('Deutschland: 1 Zeitraum ohne Wert (x)');
    expect(createI18n('el').t('compare.missingPeriods', { country: 'Ελλάδα', count: 3, reason: 'x' })).toBe('Ελλάδα: 3 περίοδοι χωρίς τιμή (x)');
  });

  it('has a translated unit for every unit the demo package uses', async () => {
    const { readFile } = await import('node:fs/promises');
    const csv = await readFile(path.join(repoRoot, 'data', 'sprig-demo', 'indicator.csv'), 'utf8');
    const header = csv.split('\n')[0]!.split(',');
    const column = header.indexOf('unit');
    const rows = csv.trim().split('\n').slice(1);
    // Units are single cells without commas except "per 100,000 …", which is quoted.
    const units = new Set(
      rows.map((line) => [...line.matchAll(/"((?:[^"]|"")*)"|([^,]*)/g)].filter((m) => m.index === 0 || line[m.index - 1] === ',').map((m) => m[1] ?? m[2] ?? '')[column] ?? ''),
    );
    const known = new Set(strings(SOURCE_LANGUAGE, 'common').keys());
    const untranslated = [...units].filter((u) => u && u !== '%' && !/^[A-Z]{3}$/.test(u) && !known.has(`units.${unitKey(u)}`));
    expect(untranslated).toEqual([]);
  });
});

describe('the pseudo-locale', () => {
  it('accents every letter, brackets each string and makes it about a third longer', () => {
    const text = 'Opening the data packages…';
    const pseudo = pseudoLocalise(text);
    expect(pseudo).toMatch(/^\[.*\]$/);
    expect(pseudo).not.toMatch(/[A-Za-z]/);
    expect(pseudo.length).toBeGreaterThanOrEqual(Math.floor(text.length * 1.35));
  });

  it('keeps interpolations and line breaks, so i18next and layouts still work', () => {
    expect(pseudoLocalise('{{country}}: {{count}} periods')).toMatch(/^\[\{\{country\}\}: \{\{count\}\} [^A-Za-z]+\]$/);
    const t = createI18n(PSEUDO_LANGUAGE).t;
    expect(t('catalogue.tables', { count: 1 })).toMatch(/^\[1 [^A-Za-z]+\]$/);
    expect(t('catalogue.tables', { count: 3 })).toMatch(/^\[3 [^A-Za-z]+\]$/);
  });

  it('covers every key of every namespace, generated from British English', () => {
    const i18n = createI18n(PSEUDO_LANGUAGE);
    for (const ns of namespaces) {
      for (const key of strings(SOURCE_LANGUAGE, ns).keys()) {
        const value = i18n.getResource(PSEUDO_LANGUAGE, ns, key) as string | undefined;
        expect(value, `${ns}:${key}`).toMatch(/^\[[^]*\]\n?$/);
        expect(value?.replace(/\{\{[^}]*\}\}|--[a-z]+/g, '') ?? '', `${ns}:${key}`).not.toMatch(/[A-Za-z]/);
      }
    }
  });
});

describe('choosing a language', () => {
  it('matches the reader’s languages to the ones Sprig speaks', () => {
    expect(matchLanguage('de-AT')).toBe('de');
    expect(matchLanguage('de_DE.UTF-8')).toBe('de');
    expect(matchLanguage('el-GR')).toBe('el');
    expect(matchLanguage('en-US')).toBe('en-US');
    expect(matchLanguage('en-AU')).toBe('en-GB');
    expect(matchLanguage('en')).toBe('en-GB');
    expect(matchLanguage('fr-FR')).toBeNull();
    expect(pickLanguage(['fr-FR', 'el-GR', 'en-GB'])).toBe('el');
    expect(pickLanguage(['ja'])).toBe('en-GB');
    expect(pickLanguage([])).toBe('en-GB');
  });

  it('reads the command line’s language from the POSIX variables', () => {
    expect(languageFromEnvironment({ LANG: 'de_DE.UTF-8' })).toBe('de');
    expect(languageFromEnvironment({ LANG: 'en_GB.UTF-8', LC_ALL: 'el_GR.UTF-8' })).toBe('el');
    expect(languageFromEnvironment({ LANG: 'C' })).toBe('en-GB');
  });

  it('opens in the language the address asks for, else the remembered one, else the system’s', () => {
    expect(chooseLanguage({ search: '?lang=pseudo', remembered: 'de', preferred: ['el'] })).toBe(PSEUDO_LANGUAGE);
    expect(chooseLanguage({ search: '?lang=el-GR', remembered: 'de', preferred: [] })).toBe('el');
    expect(chooseLanguage({ search: '', remembered: 'de', preferred: ['el'] })).toBe('de');
    expect(chooseLanguage({ search: '', remembered: 'xx', preferred: ['el-GR', 'de'] })).toBe('el');
    expect(chooseLanguage({ search: '?lang=xx', remembered: null, preferred: ['en-US'] })).toBe('en-US');
  });

  it('turns any system language into a shipped one when creating i18next', () => {
    expect(createI18n('de-CH').language).toBe('de');
    expect(createI18n('fr').language).toBe('en-GB');
  });

  it('builds the desktop menu in the chosen language', () => {
    const i18n = createI18n('de', 'menu');
    const template = menuTemplate(
      { t: (key) => i18n.t(`menu:${key}`), isPackaged: true, platform: 'linux', appName: 'Sprig' },
      { addDataFolder: () => {}, importFile: () => {}, showAbout: () => {} },
    );
    expect(template.map((item) => item.label)).toEqual(['Datei', 'Bearbeiten', 'Ansicht', 'Hilfe']);
  });
});

describe('the no-literal-text lint rule', () => {
  const eslint = new ESLint({ cwd: repoRoot });
  const lint = async (code: string) => {
    const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, 'src/renderer/features/fixture.tsx') });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'sprig/no-literal-text').map((m) => m.message);
  };

  it('fails on JSX text and visible attributes that bypass i18next', async () => {
    const messages = await lint(`
      export function Bad() {
        return (
          <div title="Hover text">
            Hello world
            <input placeholder="Type here" aria-label="Search" />
            <img alt="Chart" />
          </div>
        );
      }
    `);
    expect(messages).toHaveLength(5);
  });

  it('passes text that comes through t() and punctuation without letters', async () => {
    const messages = await lint(`
      import { useTranslation } from 'react-i18next';
      export function Good() {
        const { t } = useTranslation();
        return <p title={t('app.name')}>{t('app.tagline')} · {t('app.retry')} (1 – 2)</p>;
      }
    `);
    expect(messages).toEqual([]);
  });
});
