import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../src/shared/errors.ts';
import { createI18n } from '../../src/shared/i18n/create.ts';
import { resources } from '../../src/shared/i18n/resources.ts';
import { repoRoot } from '../support/temp.ts';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : flatten(v, `${prefix}${k}.`)));
}

/** Every key of every namespace, with plural suffixes folded to the base key i18next looks up. */
const known = new Set(
  Object.values(resources['en-GB']).flatMap((ns) => flatten(ns as Tree).flatMap((k) => [k, k.replace(/_(zero|one|two|few|many|other)$/, '')])),
);

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name)).map((e) => path.join(e.parentPath, e.name));
}

describe('interface strings', () => {
  it('every literal key the code asks i18next for exists in British English', async () => {
    const missing: string[] = [];
    for (const file of await sourceFiles(path.join(repoRoot, 'src'))) {
      const text = await readFile(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) {
        if (!known.has(match[1]!)) missing.push(`${path.relative(repoRoot, file)}: ${match[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every error code has a message', () => {
    const { t } = createI18n();
    for (const code of errorCodes) expect(known.has(`errors.${code}`), code).toBe(true);
    expect(t('errors.dataset-not-found', { dataset: 'x' })).toContain('“x”');
  });

  it('every data status has a label, and not_available reads "No national data"', () => {
    const { t } = createI18n();
    for (const status of ['published', 'published_secondary', 'derived_from_published', 'target', 'synthetic', 'not_available']) {
      expect(known.has(`status.${status}`), status).toBe(true);
    }
    expect(t('status.not_available')).toBe('No national data');
  });

  it('no value is empty', () => {
    const empty = Object.entries(resources['en-GB']).flatMap(([ns, tree]) =>
      flatten(tree as Tree).filter((k) => {
        const value = k.split('.').reduce<unknown>((node, part) => (node as Tree)[part], tree);
        return typeof value === 'string' && value.trim() === '';
      }).map((k) => `${ns}:${k}`),
    );
    expect(empty).toEqual([]);
  });

  it('counts use plural forms', () => {
    const { t } = createI18n();
    expect(t('catalogue.tables', { count: 1 })).toBe('1 table');
    expect(t('catalogue.tables', { count: 12 })).toBe('12 tables');
  });
});
