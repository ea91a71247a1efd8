import path from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../src/shared/catalogue.ts';
import { catalogueOf, plainForResearchers, shownSentence, writePackage } from '../support/hostile.ts';
import { tempDir } from '../support/temp.ts';

/**
 * Item 9 of the hostile-input issue: reserved names and odd CSV. Each package is refused (or
 * opened, where it is valid) with a sentence a researcher can act on, naming file, line and
 * field where there is one, in every language: never DuckDB's own "Invalid Input Error",
 * "Binder Error" or "Catalog Error", never raw bytes, never a message of thousands of
 * characters, never this machine's absolute path.
 */

let root: string;
const LANGUAGES = ['en-GB', 'en-US', 'de', 'el'];
const two = { fields: [{ name: 'id', type: 'integer' }, { name: 'name', type: 'string' }] };

interface Case {
  name: string;
  descriptor: Record<string, unknown>;
  files: Record<string, string | Buffer>;
  /** Opens, or is refused with this code (and at this place, where given). */
  expect: { open: true } | { code: string; file?: string; row?: number; field?: string };
}

const csv = (resource: Record<string, unknown> = {}, schema: object = two) => ({ resources: [{ name: 't', path: 't.csv', schema, ...resource }] });

const cases: Case[] = [
  ...['main', 'information_schema', 'temp', 'pg_catalog', 'system', 'memory'].map(
    (name): Case => ({ name: `reserved-${name}`, descriptor: { name, ...csv() }, files: { 't.csv': 'id,name\n1,a\n' }, expect: { code: 'name-reserved', file: 'datapackage.json' } }),
  ),
  // Upper case is no Frictionless name at all.
  ...['MAIN', 'Temp'].map((name): Case => ({ name: `reserved-${name}`, descriptor: { name, ...csv() }, files: { 't.csv': 'id,name\n1,a\n' }, expect: { code: 'descriptor-invalid', file: 'datapackage.json' } })),
  { name: 'duplicate-field', descriptor: csv({}, { fields: [{ name: 'id', type: 'integer' }, { name: 'id', type: 'string' }] }), files: { 't.csv': 'id,id\n1,a\n' }, expect: { code: 'duplicate-field' } },
  // Declined, not refused: the dialect is valid Frictionless but no CSV Sprig can read; the resource's line says why.
  { name: 'delimiter-is-quote', descriptor: csv({ dialect: { delimiter: '"', quoteChar: '"' } }), files: { 't.csv': 'id"name\n1"a\n' }, expect: { code: 'nothing-to-open' } },
  { name: 'delimiter-is-newline', descriptor: csv({ dialect: { delimiter: '\n' } }), files: { 't.csv': 'id\nname\n1\na\n' }, expect: { code: 'nothing-to-open' } },
  { name: 'unterminated-quote', descriptor: csv(), files: { 't.csv': 'id,name\n1,a\n2,"b\n3,c\n' }, expect: { code: 'csv-syntax', file: 't.csv', row: 3 } },
  { name: 'ragged-more', descriptor: csv(), files: { 't.csv': 'id,name\n1,a\n2,b,extra\n' }, expect: { code: 'extra-cell', file: 't.csv', row: 3 } },
  { name: 'ragged-fewer', descriptor: csv(), files: { 't.csv': 'id,name\n1,a\n2\n' }, expect: { code: 'missing-cell', file: 't.csv', row: 3 } },
  { name: 'field-3mb', descriptor: csv(), files: { 't.csv': `id,name\n1,a\n2,${'x'.repeat(3 * 1024 * 1024)}\n` }, expect: { code: 'line-too-long', file: 't.csv', row: 3 } },
  { name: 'field-1mb-valid', descriptor: csv(), files: { 't.csv': `id,name\n1,${'x'.repeat(1024 * 1024)}\n` }, expect: { open: true } },
  { name: 'utf16-bom-undeclared', descriptor: csv(), files: { 't.csv': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id,name\n1,a\n', 'utf16le')]) }, expect: { code: 'encoding-invalid', file: 't.csv', row: 1 } },
  { name: 'utf16-no-bom-undeclared', descriptor: csv(), files: { 't.csv': Buffer.from('id,name\n1,a\n', 'utf16le') }, expect: { code: 'binary-file', file: 't.csv' } },
  { name: 'utf16-declared', descriptor: csv({ encoding: 'utf-16' }), files: { 't.csv': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id,name\n1,ä\n', 'utf16le')]) }, expect: { open: true } },
  { name: 'greek-undeclared', descriptor: csv(), files: { 't.csv': iconv.encode('id,name\n1,Ελλάδα\n', 'iso-8859-7') }, expect: { code: 'encoding-invalid', file: 't.csv', row: 2 } },
  { name: 'windows-1252-undeclared', descriptor: csv(), files: { 't.csv': iconv.encode('id,name\n1,a\n2,Café – “x”\n', 'windows-1252') }, expect: { code: 'encoding-invalid', file: 't.csv', row: 3 } },
  { name: 'greek-declared', descriptor: csv({ encoding: 'iso-8859-7' }), files: { 't.csv': iconv.encode('id,name\n1,Ελλάδα\n', 'iso-8859-7') }, expect: { open: true } },
  { name: 'binary-in-cell', descriptor: csv(), files: { 't.csv': Buffer.concat([Buffer.from('id,name\n1,a\n2,'), Buffer.from([0x00, 0x01, 0xfe, 0x1b]), Buffer.from('\n')]) }, expect: { code: 'binary-file', file: 't.csv' } },
  { name: 'control-chars-in-cell', descriptor: csv({}, { fields: [{ name: 'id', type: 'integer' }] }), files: { 't.csv': 'id\n1\n\u001b[31mred\n' }, expect: { code: 'type', file: 't.csv', row: 3, field: 'id' } },
  { name: 'long-bad-value', descriptor: csv({}, { fields: [{ name: 'id', type: 'integer' }] }), files: { 't.csv': `id\n1\n${'9'.repeat(5000)}x\n` }, expect: { code: 'type', file: 't.csv', row: 3, field: 'id' } },
  { name: 'field-named-like-sql', descriptor: csv({}, { fields: [{ name: 'select', type: 'integer' }, { name: '"; DROP TABLE x; --', type: 'string' }] }), files: { 't.csv': 'select,"""; DROP TABLE x; --"\n1,a\n' }, expect: { open: true } },
  { name: 'resource-named-main', descriptor: { resources: [{ name: 'main', path: 't.csv', schema: two }] }, files: { 't.csv': 'id,name\n1,a\n' }, expect: { open: true } },
];

const results = new Map<string, Catalogue>();

beforeAll(async () => {
  root = await tempDir('sprig-odd-');
  for (const c of cases) {
    const dir = await writePackage(path.join(root, c.name), { name: c.name, ...c.descriptor }, c.files);
    results.set(c.name, await catalogueOf(dir));
  }
}, 300_000);

describe('reserved and odd names, odd CSV', () => {
  for (const c of cases) {
    it(`${c.name}: ${'open' in c.expect ? 'opens' : c.expect.code}`, () => {
      const catalogue = results.get(c.name)!;
      if ('open' in c.expect) {
        expect(catalogue.refused).toEqual([]);
        expect(catalogue.datasets).toHaveLength(1);
        return;
      }
      expect(catalogue.datasets).toEqual([]);
      expect(catalogue.refused).toHaveLength(1);
      const refused = catalogue.refused[0]!;
      const { code, ...place } = c.expect;
      expect(refused).toMatchObject({ code, ...place });
      for (const lng of LANGUAGES) {
        const sentence = shownSentence(refused, lng);
        expect(plainForResearchers(sentence, [root]), `${lng}: ${sentence}`).toEqual([]);
      }
      for (const skipped of refused.resources ?? []) {
        expect(skipped.code).toBe('dialect-unsupported');
        for (const lng of LANGUAGES) expect(plainForResearchers(shownSentence({ ...refused, ...skipped, resources: [] }, lng), [root])).toEqual([]);
      }
      // The English reason (command line, logs) is as plain.
      expect(plainForResearchers(refused.reason, [root]), refused.reason).toEqual([]);
      expect(refused.shown).not.toContain(root);
    });
  }
});
