import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromIPC } from 'apache-arrow';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import type { Catalogue, RefusedPackage } from '../../src/shared/catalogue.ts';
import { tempDir } from '../support/temp.ts';

/**
 * How Sprig reads what a descriptor declares, one feature per small package, all in one
 * data folder: types and their formats, the CSV dialect, encodings, compression, blank
 * rows, v2 descriptors. Values are never changed silently: a value that does not fit is
 * refused with its line, and the first problem in file order is the one reported.
 */

type Files = Record<string, string | Buffer>;
const packages: Record<string, { descriptor: object; files: Files }> = {};

function add(name: string, resource: object | object[], files: Files, extra: object = {}): void {
  packages[name] = { descriptor: { name, ...extra, resources: Array.isArray(resource) ? resource : [resource] }, files };
}

const field = (name: string, type = 'string', more: object = {}) => ({ name, type, ...more });
const csv = (name: string, fields: object[], more: object = {}) => ({ name: 'data', path: `${name}.csv`, schema: { fields }, ...more });

// ---- types
add('int-fraction', csv('t', [field('n', 'integer')]), { 't.csv': 'n\n1\n2.5\n' });
add('int-spaces', csv('t', [field('n', 'integer')]), { 't.csv': 'n\n1\n 7\n' });
add('int-fine', csv('t', [field('n', 'integer')]), { 't.csv': 'n\n-3\n+4\n007\n' });
add('bool-yes', csv('t', [field('b', 'boolean')]), { 't.csv': 'b\ntrue\nyes\n' });
add('bool-t', csv('t', [field('b', 'boolean')]), { 't.csv': 'b\nFALSE\nt\n' });
add('bool-own', csv('t', [field('b', 'boolean', { trueValues: ['ja'], falseValues: ['nein'] })]), { 't.csv': 'b\nja\nnein\n' });
add('decimal-comma', csv('t', [field('x', 'number', { decimalChar: ',', groupChar: '.' })], { dialect: { delimiter: ';' } }), { 't.csv': 'x\n1.234,5\n-0,25\n' });
add('decimal-comma-dot', csv('t', [field('x', 'number', { decimalChar: ',' })], { dialect: { delimiter: ';' } }), { 't.csv': 'x\n1,5\n1.5\n' });
add('bare-number', csv('t', [field('x', 'number', { bareNumber: false }), field('n', 'integer', { bareNumber: false })]), { 't.csv': 'x,n\n€95.50,95%\n' });
add('not-bare', csv('t', [field('x', 'number')]), { 't.csv': 'x\n95%\n' });
add('date-format', csv('t', [field('d', 'date', { format: '%d/%m/%Y' })]), { 't.csv': 'd\n31/12/2023\n' });
add('date-format-wrong', csv('t', [field('d', 'date', { format: '%d/%m/%Y' })]), { 't.csv': 'd\n31/12/2023\n2023-12-31\n' });
add('date-default-loose', csv('t', [field('d', 'date')]), { 't.csv': 'd\n2023-1-5\n' });
add('date-impossible', csv('t', [field('d', 'date')]), { 't.csv': 'd\n2023-02-30\n' });
const datetimeKey = { schema: { fields: [field('id', 'integer'), field('t', 'datetime')], primaryKey: 't' } };
add('datetime-offset', csv('t', [], datetimeKey), { 't.csv': 'id,t\n1,2020-01-01T15:00:00Z\n2,2020-01-01T15:00:00+03:00\n' });
add('datetime-same-instant', csv('t', [], datetimeKey), { 't.csv': 'id,t\n1,2020-01-01T15:00:00Z\n2,2020-01-01T15:00:00+03:00\n3,2020-01-01T10:00:00-05:00\n' });
add('time-offset', csv('t', [field('t', 'time')]), { 't.csv': 't\n10:00:00-05:00\n10:00:00\n' });
add('year', csv('t', [field('y', 'year')]), { 't.csv': 'y\n1960\n19600\n' });
add('missing-none', csv('t', [field('s'), field('n', 'integer')], { schema: { fields: [field('s'), field('n', 'integer')], missingValues: [] } }), { 't.csv': 's,n\n,1\n' });
add('constraint-format', csv('t', [field('d', 'date', { format: '%d/%m/%Y', constraints: { minimum: '01/01/2020' } })]), { 't.csv': 'd\n02/01/2020\n31/12/2019\n' });
// ---- dialect
add('quote-char', csv('t', [field('a'), field('b')], { dialect: { quoteChar: "'" } }), { 't.csv': "a,b\n'x, y',z\n" });
add('no-header', csv('t', [field('a'), field('b', 'integer')], { dialect: { header: false } }), { 't.csv': 'x,1\ny,2\n' });
add('escape-char', csv('t', [field('a')], { dialect: { doubleQuote: false, escapeChar: '\\' } }), { 't.csv': 'a\n"say \\"hi\\""\n' });
add('quoted-header', csv('t', [field('the "best" one'), field('b')]), { 't.csv': '"the ""best"" one",b\n1,2\n' });
add('comment-char', csv('t', [field('a')], { dialect: { commentChar: '#' } }), { 't.csv': 'a\n# note\n1\n' });
// ---- rows
add('blank-middle', csv('t', [field('a'), field('b')]), { 't.csv': 'a,b\n1,2\n\n3,4\n' });
add('blank-last', csv('t', [field('a'), field('b')]), { 't.csv': 'a,b\n1,2\n3,4\n\n' });
add('blank-in-quotes', csv('t', [field('a'), field('b')]), { 't.csv': 'a,b\n"one\n\ntwo",2\n' });
add('blank-after-error', csv('t', [field('a'), field('b', 'integer')]), { 't.csv': 'a,b\nx,1\ny,oops\n\nz,3\n' });
add('blank-before-error', csv('t', [field('a'), field('b', 'integer')]), { 't.csv': 'a,b\nx,1\n\ny,oops\n' });
add('extra-cell', csv('t', [field('a'), field('b')]), { 't.csv': 'a,b\n1,2\n3,4,5\n' });
add('enum-before-type', csv('t', [field('a', 'string', { constraints: { enum: ['x'] } }), field('b', 'integer')]), { 't.csv': 'a,b\nx,1\ny,2\nx,3\nx,no\n' });
// ---- encodings and compression
add('windows-1252', csv('t', [field('s')], { encoding: 'windows-1252' }), { 't.csv': iconv.encode('s\n€ 5\n', 'windows-1252') });
add('utf-16', csv('t', [field('s')], { encoding: 'utf-16' }), { 't.csv': iconv.encode('s\nΕλλάδα\n', 'utf-16', { addBOM: true }) });
add('bad-utf8', csv('t', [field('s')]), { 't.csv': Buffer.concat([Buffer.from('s\nok\n'), Buffer.from([0x66, 0xff, 0x0a])]) });
add('unknown-encoding', csv('t', [field('s')], { encoding: 'x-klingon' }), { 't.csv': 's\nx\n' });
add('gzip-undeclared', csv('t', [field('s')]), { 't.csv': gzipSync(Buffer.from('s\nsecret\n')) });
add('gzip-declared', { name: 'data', path: 't.csv.gz', schema: { fields: [field('s')] } }, { 't.csv.gz': gzipSync(Buffer.from('s\nunzipped\n')) });
// ---- descriptors
add('multipart-headerless', { name: 'data', path: ['a.csv', 'b.csv'], schema: { fields: [field('id', 'integer')] } }, { 'a.csv': 'id\n1\n', 'b.csv': '2\n3\n' });
add('multipart-error', { name: 'data', path: ['a.csv', 'b.csv'], schema: { fields: [field('id', 'integer')] } }, { 'a.csv': 'id\n1\n2\n', 'b.csv': 'id\n3\nfour\n' });
add('v2', csv('t', [field('n', 'integer', { categories: [1, 2] }), field('s')], { schema: { fields: [field('n', 'integer', { categories: [1, 2] }), field('s')], missingValues: [{ value: 'NA', label: 'not asked' }] } }), { 't.csv': 'n,s\n1,NA\n2,x\n' }, {
  $schema: 'https://datapackage.org/profiles/2.0/datapackage.json',
});
add('partner-country', [
  { name: 'country', path: 'country.csv', schema: { fields: [field('code'), field('population', 'integer')] } },
  { name: 'source', path: 'source.csv', schema: { fields: [field('url')] } },
], { 'country.csv': 'code,population\nDE,84000000\n', 'source.csv': 'url\nhttps://example.org\n' });

let catalogue: Catalogue;
let engine: Engine;
let root: string;
let store: string;

beforeAll(async () => {
  root = await tempDir();
  for (const [name, { descriptor, files }] of Object.entries(packages)) {
    const dir = path.join(root, name);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'datapackage.json'), JSON.stringify(descriptor));
    for (const [file, content] of Object.entries(files)) await writeFile(path.join(dir, file), content);
  }
  // A package without a name (v1 allows it) and a Parquet file whose integers are text.
  const unnamed = path.join(root, 'unnamed-folder');
  await mkdir(unnamed);
  await writeFile(path.join(unnamed, 'datapackage.json'), JSON.stringify({ resources: [csv('t', [field('a')])] }));
  await writeFile(path.join(unnamed, 't.csv'), 'a\n1\n');
  for (const [name, select] of [
    ['parquet-text', `SELECT * FROM (VALUES ('1'), ('2')) AS t(n)`],
    ['parquet-float', `SELECT * FROM (VALUES (1.0::DOUBLE), (2.5::DOUBLE)) AS t(n)`],
  ] as const) {
    const dir = path.join(root, name);
    await mkdir(dir);
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(`COPY (${select}) TO '${path.join(dir, 't.parquet')}' (FORMAT parquet)`);
    connection.closeSync();
    instance.closeSync();
    await writeFile(path.join(dir, 'datapackage.json'), JSON.stringify({ name, resources: [{ name: 'data', path: 't.parquet', schema: { fields: [field('n', 'integer')] } }] }));
  }
  store = await tempDir();
  engine = await Engine.open({ storeDir: store, bundledDataDirs: [], extraDataDirs: [root] });
  catalogue = await engine.listDatasets();
});
afterAll(() => engine?.close());

const rows = async (sql: string) => tableFromIPC(await engine.run({ sql, params: {} })).toArray().map((r) => r.toJSON() as Record<string, unknown>);
const id = (name: string) => `"${name.replaceAll('"', '""')}"`;
const values = async (pkg: string, column: string, table = 'data') => (await rows(`SELECT ${id(column)}::VARCHAR AS v FROM ${id(pkg)}.${id(table)}`)).map((r) => r.v);
const refusal = (name: string): RefusedPackage => {
  const found = catalogue.refused.find((r) => path.basename(r.path) === name);
  if (!found) throw new Error(`${name} was not refused: ${JSON.stringify(catalogue.datasets.find((d) => d.name === name))}`);
  return found;
};
const opens = (name: string) => expect(catalogue.datasets.map((d) => d.name), JSON.stringify(catalogue.refused.find((r) => path.basename(r.path) === name))).toContain(name);

describe('types are read as the specification says, never rounded or guessed', () => {
  it('refuses 2.5 in an integer field instead of loading 3', () => {
    expect(refusal('int-fraction')).toMatchObject({ code: 'type', file: 't.csv', row: 3, field: 'n', values: expect.objectContaining({ value: '"2.5"', type: 'integer' }) });
  });

  it('refuses an integer with spaces round it, and reads signs and leading zeros', async () => {
    expect(refusal('int-spaces')).toMatchObject({ code: 'type', row: 3 });
    opens('int-fine');
    expect(await values('int-fine', 'n')).toEqual(['-3', '4', '7']);
  });

  it('reads only the default true and false words, or the field’s own', async () => {
    expect(refusal('bool-yes')).toMatchObject({ code: 'type', row: 3, values: expect.objectContaining({ value: '"yes"' }) });
    expect(refusal('bool-t')).toMatchObject({ code: 'type', row: 3 });
    expect(await values('bool-own', 'b')).toEqual(['true', 'false']);
  });

  it('reads the declared decimal and group characters, and nothing else as a separator', async () => {
    expect(await values('decimal-comma', 'x')).toEqual(['1234.5', '-0.25']);
    expect(refusal('decimal-comma-dot')).toMatchObject({ code: 'type', row: 3 });
  });

  it('lets text surround a number only when bareNumber is false', async () => {
    expect(await rows(`SELECT x, n::INTEGER AS n FROM "bare-number".data`)).toEqual([{ x: 95.5, n: 95 }]);
    expect(refusal('not-bare')).toMatchObject({ code: 'type', row: 2, values: expect.objectContaining({ value: '"95%"' }) });
  });

  it('reads dates in their declared format, and refuses dates that are not', async () => {
    expect(await values('date-format', 'd')).toEqual(['2023-12-31']);
    expect(refusal('date-format-wrong')).toMatchObject({ code: 'type', row: 3, values: expect.objectContaining({ type: 'date', format: '%d/%m/%Y' }) });
    expect(refusal('date-default-loose')).toMatchObject({ code: 'type', row: 2 });
    expect(refusal('date-impossible')).toMatchObject({ code: 'type', row: 2 });
  });

  it('keeps the instant of a datetime with an offset (stored in UTC), so keys do not clash falsely', async () => {
    expect(await values('datetime-offset', 't')).toEqual(['2020-01-01 15:00:00', '2020-01-01 12:00:00']);
    // 15:00Z and 10:00-05:00 are one instant: the primary key does repeat, on line 4.
    expect(refusal('datetime-same-instant')).toMatchObject({ code: 'primaryKey', row: 4, field: 't', values: expect.objectContaining({ first: 2 }) });
  });

  it('reads a time with an offset as its UTC time', async () => {
    expect(await values('time-offset', 't')).toEqual(['15:00:00', '10:00:00']);
  });

  it('reads a year of four digits', () => {
    expect(refusal('year')).toMatchObject({ code: 'type', row: 3, values: expect.objectContaining({ type: 'year' }) });
  });

  it('keeps an empty string when the schema declares no missing values', async () => {
    expect(await rows(`SELECT s, n::INTEGER AS n FROM "missing-none".data`)).toEqual([{ s: '', n: 1 }]);
  });

  it('reads a constraint’s value in the field’s own format', () => {
    expect(refusal('constraint-format')).toMatchObject({ code: 'minimum', row: 3, field: 'd' });
  });
});

describe('the CSV dialect is honoured', () => {
  it('reads the declared quote character', async () => {
    expect(await rows(`SELECT a, b FROM "quote-char".data`)).toEqual([{ a: 'x, y', b: 'z' }]);
  });

  it('reads a file without a header, from line 1', async () => {
    expect(await rows(`SELECT a, b::INTEGER AS b FROM "no-header".data`)).toEqual([{ a: 'x', b: 1 }, { a: 'y', b: 2 }]);
  });

  it('reads an escape character when quotes are not doubled', async () => {
    expect(await values('escape-char', 'a')).toEqual(['say "hi"']);
  });

  it('reads a quoted header label that holds a doubled quote', async () => {
    opens('quoted-header');
    expect(await values('quoted-header', 'the "best" one')).toEqual(['1']);
  });

  it('declines comment lines plainly rather than read them another way', () => {
    expect(refusal('comment-char')).toMatchObject({ outcome: 'declined', code: 'nothing-to-open' });
    expect(refusal('comment-char').resources?.[0]).toMatchObject({ code: 'dialect-unsupported', values: expect.objectContaining({ property: 'commentChar' }) });
  });
});

describe('rows: blank, short, long; the first problem in file order', () => {
  it('refuses a blank line, which DuckDB alone would skip', () => {
    expect(refusal('blank-middle')).toMatchObject({ code: 'blank-row', file: 't.csv', row: 3 });
    expect(refusal('blank-last')).toMatchObject({ code: 'blank-row', row: 4 });
  });

  it('does not take an empty line inside a quoted cell for a blank row', async () => {
    expect(await values('blank-in-quotes', 'a')).toEqual(['one\n\ntwo']);
  });

  it('reports whichever comes first: a bad value or a blank line', () => {
    expect(refusal('blank-after-error')).toMatchObject({ code: 'type', row: 3, field: 'b' });
    expect(refusal('blank-before-error')).toMatchObject({ code: 'blank-row', row: 3 });
  });

  it('refuses a row with more cells than fields', () => {
    expect(refusal('extra-cell')).toMatchObject({ code: 'extra-cell', row: 3 });
  });

  it('reports a rule broken on an earlier line before a type error on a later one', () => {
    expect(refusal('enum-before-type')).toMatchObject({ code: 'enum', row: 3, field: 'a' });
  });
});

describe('encodings and compression', () => {
  it('transcodes an encoding DuckDB cannot read (Windows-1252 is not Latin-1)', async () => {
    expect(await values('windows-1252', 's')).toEqual(['€ 5']);
    expect(await values('utf-16', 's')).toEqual(['Ελλάδα']);
  });

  it('leaves the user’s files as they were, and no copy behind in Sprig’s store', async () => {
    expect(await readFile(path.join(root, 'windows-1252', 't.csv'))).toEqual(packages['windows-1252']!.files['t.csv']);
    expect(await readFile(path.join(root, 'gzip-declared', 't.csv.gz'))).toEqual(packages['gzip-declared']!.files['t.csv.gz']);
    // Loads copy into the database's own folder in tmp/ (tmp/p<pid>-<n>/load-…), removed when each load ends.
    expect((await readdir(path.join(store, 'tmp'), { recursive: true })).filter((f) => path.basename(f).startsWith('load-'))).toEqual([]);
  });

  it('refuses bytes that are not UTF-8 with their line, without printing them', () => {
    const r = refusal('bad-utf8');
    expect(r).toMatchObject({ code: 'encoding-invalid', row: 3 });
    expect(r.reason).not.toMatch(/\uFFFD|\xff/);
  });

  it('declines an encoding Sprig cannot read, plainly', () => {
    expect(refusal('unknown-encoding').resources?.[0]).toMatchObject({ code: 'encoding-unsupported', values: expect.objectContaining({ encoding: 'x-klingon' }) });
  });

  it('never reads gzip bytes as text: undeclared, it is refused as a binary file; declared, it is read', async () => {
    const r = refusal('gzip-undeclared');
    expect(r).toMatchObject({ code: 'binary-file', values: expect.objectContaining({ kind: 'gzip' }) });
    expect([...r.reason].some((c) => c.charCodeAt(0) < 0x20 || c === '\uFFFD')).toBe(false);
    expect(await values('gzip-declared', 's')).toEqual(['unzipped']);
  });
});

describe('descriptors', () => {
  it('reads a resource in several files, with or without a header in the later ones', async () => {
    expect(await values('multipart-headerless', 'id')).toEqual(['1', '2', '3']);
  });

  it('names the part and its own line when a later part has a value that does not fit', () => {
    expect(refusal('multipart-error')).toMatchObject({ code: 'type', file: 'b.csv', row: 3 });
  });

  it('opens a v2 descriptor ($schema, categories, missing values as objects)', async () => {
    expect(await rows(`SELECT n::INTEGER AS n, s FROM v2.data`)).toEqual([{ n: 1, s: null }, { n: 2, s: 'x' }]);
  });

  it('opens a package without a name under its folder’s name', () => {
    opens('unnamed-folder');
  });

  it('opens a partner’s package with its own country and source tables as a plain package', () => {
    opens('partner-country');
  });

  it('takes a Parquet column of text as text to convert, and refuses a fraction in an integer field', async () => {
    expect(await values('parquet-text', 'n')).toEqual(['1', '2']);
    expect(refusal('parquet-float')).toMatchObject({ code: 'type', file: 't.parquet', row: 2, unit: 'row' });
  });
});
