import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import { catalogueOf, plainForResearchers, shownSentence, writePackage } from '../support/hostile.ts';
import { tempDir } from '../support/temp.ts';

/**
 * Item 8 of the hostile-input issue: a resource's declared `hash` and `bytes` are checked on
 * load (a Parquet file with bytes changed no longer opens with wrong values), and a file that
 * changed since Sprig last opened it is noted on the package's card.
 */

let root: string;
const schema = { fields: [{ name: 'id', type: 'integer' }, { name: 'value', type: 'number' }] };
const CSV = 'id,value\n1,2.5\n2,3.5\n';
const digest = (algorithm: string, text: string | Buffer) => createHash(algorithm).update(text).digest('hex');

beforeAll(async () => {
  root = await tempDir('sprig-integrity-');
});

async function outcome(name: string, resource: object, files: Record<string, string | Buffer>) {
  const dir = await writePackage(path.join(root, name), { name, resources: [{ name: 't', path: 't.csv', schema, ...resource }] }, files);
  return catalogueOf(dir);
}

describe('declared hash and bytes', () => {
  const cases: [string, object, 'open' | 'bytes-mismatch' | 'hash-mismatch'][] = [
    ['sha256-right', { hash: `sha256:${digest('sha256', CSV)}`, bytes: CSV.length }, 'open'],
    ['md5-bare-right', { hash: digest('md5', CSV), bytes: CSV.length }, 'open'],
    ['md5-prefixed-right', { hash: `md5:${digest('md5', CSV)}` }, 'open'],
    ['sha1-right', { hash: `sha1:${digest('sha1', CSV)}` }, 'open'],
    ['sha512-upper-right', { hash: `SHA512:${digest('sha512', CSV).toUpperCase()}` }, 'open'],
    ['bytes-wrong', { bytes: CSV.length + 1 }, 'bytes-mismatch'],
    ['sha256-wrong', { hash: `sha256:${digest('sha256', 'something else')}` }, 'hash-mismatch'],
    ['md5-bare-wrong', { hash: digest('md5', 'x') }, 'hash-mismatch'],
    ['sha1-wrong', { hash: `sha1:${digest('sha1', 'x')}` }, 'hash-mismatch'],
  ];
  for (const [name, resource, expected] of cases) {
    it(`${name}: ${expected}`, async () => {
      const catalogue = await outcome(name, resource, { 't.csv': CSV });
      if (expected === 'open') {
        expect(catalogue.refused).toEqual([]);
        expect(catalogue.datasets.map((d) => d.name)).toEqual([name]);
        return;
      }
      expect(catalogue.datasets).toEqual([]);
      const refused = catalogue.refused[0]!;
      expect(refused).toMatchObject({ code: expected, file: 't.csv', resource: 't' });
      for (const lng of ['en-GB', 'en-US', 'de', 'el']) expect(plainForResearchers(shownSentence(refused, lng), [root])).toEqual([]);
    });
  }

  it('refuses a Parquet file with bytes changed, where its hash is declared', async () => {
    const dir = path.join(root, 'parquet-changed');
    const file = path.join(dir, 't.parquet');
    await writePackage(dir, { name: 'parquet_changed', resources: [] });
    const db = await DuckDBInstance.create(':memory:');
    const connection = await db.connect();
    await connection.run(`COPY (SELECT i::BIGINT AS id, i * 1.5 AS value FROM range(1000) t(i)) TO '${file}' (FORMAT parquet, COMPRESSION uncompressed)`);
    connection.closeSync();
    db.closeSync();
    const good = await readFile(file);
    const descriptor = { name: 'parquet_changed', resources: [{ name: 't', path: 't.parquet', format: 'parquet', hash: `sha256:${digest('sha256', good)}`, bytes: good.length, schema }] };
    await writePackage(dir, descriptor);
    expect((await catalogueOf(dir)).datasets.map((d) => d.name)).toEqual(['parquet_changed']);
    // One byte in the middle of the values, the length unchanged.
    const bad = Buffer.from(good);
    const at = Math.floor(bad.length / 2);
    bad[at] = bad[at]! ^ 0x01;
    await writeFile(file, bad);
    const catalogue = await catalogueOf(dir);
    expect(catalogue.datasets).toEqual([]);
    expect(catalogue.refused[0]).toMatchObject({ code: 'hash-mismatch', file: 't.parquet', values: { algorithm: 'SHA-256' } });
  });
});

describe('a file changed since it was last opened', () => {
  it('is noted on the card once, for the run after the change', async () => {
    const store = await tempDir('sprig-integrity-store-');
    const dir = await writePackage(path.join(root, 'changing'), { name: 'changing', resources: [{ name: 't', path: 't.csv', schema }] }, { 't.csv': CSV });
    const summary = async () => {
      const engine = await Engine.open({ storeDir: store, bundledDataDirs: [], extraDataDirs: [dir], prepare: false });
      try {
        return (await engine.listDatasets()).datasets[0]!;
      } finally {
        await engine.close();
      }
    };
    expect((await summary()).changedFiles).toBeUndefined();
    expect((await summary()).changedFiles).toBeUndefined();
    await writeFile(path.join(dir, 't.csv'), `${CSV}3,4.5\n`);
    expect((await summary()).changedFiles).toEqual(['t.csv']);
    // Recorded now: the next start has nothing new to say.
    expect((await summary()).changedFiles).toBeUndefined();
    const recorded = JSON.parse(await readFile(path.join(store, 'sources.json'), 'utf8')) as { folders: Record<string, Record<string, { sha256: string }>> };
    expect(recorded.folders[dir]!['t.csv']!.sha256).toBe(digest('sha256', `${CSV}3,4.5\n`));
  });
});
