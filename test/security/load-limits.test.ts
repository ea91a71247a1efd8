import { open as openFile, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import type { RefusedPackage } from '../../src/shared/catalogue.ts';
import { catalogueOf, plainForResearchers, shownSentence, writePackage } from '../support/hostile.ts';
import { tempDir } from '../support/temp.ts';

/**
 * Item 7 of the hostile-input issue: a package past Sprig's limits (bytes on disk and
 * unpacked, rows, fields, descriptor size, time) is refused by name, in every language,
 * and a load killed half-way leaves no temporary files that a later start keeps.
 */

let root: string;
const one = { fields: [{ name: 'id', type: 'string' }] };
const LANGUAGES = ['en-GB', 'en-US', 'de', 'el'];

async function refusalOf(name: string, descriptor: object, files: Record<string, string | Uint8Array>, options = {}): Promise<RefusedPackage> {
  const dir = await writePackage(path.join(root, name), { name, ...descriptor }, files);
  const catalogue = await catalogueOf(dir, options);
  expect(catalogue.datasets).toEqual([]);
  expect(catalogue.refused).toHaveLength(1);
  const refused = catalogue.refused[0]!;
  for (const lng of LANGUAGES) expect(plainForResearchers(shownSentence(refused, lng), [root])).toEqual([]);
  return refused;
}

beforeAll(async () => {
  root = await tempDir('sprig-limits-');
});

describe('limits on what one package may make Sprig read', () => {
  it('stops a gzip bomb (2 MB unpacking to 2 GB) at its limit, by name', async () => {
    // One member of 16 MB of "1\n" lines, repeated: gzip reads concatenated members as one stream.
    const member = gzipSync(Buffer.from('1\n'.repeat(8 * 1024 * 1024)), { level: 9 });
    const copies = Math.ceil((2 * 1024 ** 3) / (16 * 1024 * 1024));
    const bomb = Buffer.concat([gzipSync('id\n'), ...Array.from({ length: copies }, () => member)]);
    expect(bomb.length).toBeLessThan(3 * 1024 * 1024);
    const refused = await refusalOf('gzip-bomb', { resources: [{ name: 'bomb', path: 'bomb.csv.gz', compression: 'gz', schema: one }] }, { 'bomb.csv.gz': bomb });
    expect(refused).toMatchObject({ code: 'inflated-too-large', file: 'bomb.csv.gz', resource: 'bomb' });
  });

  it('refuses a 2 GB sparse file of NUL bytes, and one with a header before them', async () => {
    const dir = await writePackage(path.join(root, 'sparse'), { name: 'sparse', resources: [{ name: 'nul', path: 'nul.csv', schema: one }] });
    const handle = await openFile(path.join(dir, 'nul.csv'), 'w');
    await handle.truncate(2 * 1024 ** 3);
    await handle.close();
    const catalogue = await catalogueOf(dir);
    expect(catalogue.refused[0]).toMatchObject({ code: 'binary-file', file: 'nul.csv' });

    const headed = await writePackage(path.join(root, 'sparse-headed'), { name: 'sparse_headed', resources: [{ name: 'nul', path: 'nul.csv', schema: one }] }, { 'nul.csv': `id\n${'abc\n'.repeat(4000)}` });
    const h2 = await openFile(path.join(headed, 'nul.csv'), 'r+');
    await h2.truncate(2 * 1024 ** 3);
    await h2.close();
    const second = await catalogueOf(headed);
    expect(second.datasets).toEqual([]);
    expect(second.refused[0]!.code).not.toBe('other');
    for (const lng of LANGUAGES) expect(plainForResearchers(shownSentence(second.refused[0]!, lng), [root])).toEqual([]);
  });

  it('refuses a file larger than the limit without reading it', async () => {
    const refused = await refusalOf('big-file', { resources: [{ name: 'big', path: 'big.csv', schema: one }] }, { 'big.csv': `id\n${'x\n'.repeat(1000)}` }, { loadLimits: { fileBytes: 1000 } });
    expect(refused).toMatchObject({ code: 'file-too-large', file: 'big.csv', values: { size: '2 kB', limit: '1 kB' } });
  });

  it('refuses a 50 MB descriptor before reading it, and never sends a long description with every listDatasets', async () => {
    const dir = path.join(root, 'huge-descriptor');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'datapackage.json'), JSON.stringify({ name: 'huge', description: 'x'.repeat(50 * 1024 * 1024), resources: [{ name: 't', path: 't.csv', schema: one }] }));
    await writeFile(path.join(dir, 't.csv'), 'id\na\n');
    const catalogue = await catalogueOf(dir);
    expect(catalogue.refused[0]).toMatchObject({ code: 'descriptor-too-large', file: 'datapackage.json' });
    expect(JSON.stringify(catalogue).length).toBeLessThan(5000);

    const wordy = await writePackage(path.join(root, 'wordy'), { name: 'wordy', description: 'y'.repeat(1024 * 1024), resources: [{ name: 't', path: 't.csv', schema: one }] }, { 't.csv': 'id\na\n' });
    const opened = await catalogueOf(wordy);
    expect(opened.datasets.map((d) => d.name)).toEqual(['wordy']);
    expect(JSON.stringify(opened).length).toBeLessThan(10_000);
  });

  it('refuses a table with more rows than the limit', async () => {
    const refused = await refusalOf('many-rows', { resources: [{ name: 'rows', path: 'rows.csv', schema: one }] }, { 'rows.csv': `id\n${'r\n'.repeat(20)}` }, { loadLimits: { rows: 10 } });
    expect(refused).toMatchObject({ code: 'too-many-rows', resource: 'rows', values: { count: 20, limit: 10 } });
  });

  it('refuses 100,000 columns by the field limit, before reading the file', async () => {
    const fields = Array.from({ length: 100_000 }, (_, i) => ({ name: `c${i}`, type: 'string' }));
    const header = fields.map((f) => f.name).join(',');
    const refused = await refusalOf('wide', { resources: [{ name: 'wide', path: 'wide.csv', schema: { fields } }] }, { 'wide.csv': `${header}\n${header}\n` });
    expect(refused).toMatchObject({ code: 'too-many-fields', resource: 'wide', values: { count: 100_000, limit: 4096 } });
  });

  it('stops a package past its time to load, by name', async () => {
    const refused = await refusalOf('slow', { resources: [{ name: 'slow', path: 'slow.csv', schema: one }] }, { 'slow.csv': `id\n${'r\n'.repeat(100)}` }, { loadLimits: { loadMs: 0 } });
    expect(refused).toMatchObject({ code: 'load-too-long' });
  });
});

describe('temporary files', () => {
  it('removes at start what a killed Sprig left in tmp/, not what a running one uses, and its own at close', async () => {
    const store = await tempDir('sprig-tmp-store-');
    const tmp = path.join(store, 'tmp');
    // A killed process (no such pid), the flat layout of earlier versions, and one still running (this very process).
    await mkdir(path.join(tmp, 'p999999999-1'), { recursive: true });
    await writeFile(path.join(tmp, 'p999999999-1', 'duckdb_temp_storage-0.tmp'), Buffer.alloc(1024));
    await writeFile(path.join(tmp, 'duckdb_temp_storage-4.tmp'), Buffer.alloc(1024));
    await mkdir(path.join(tmp, 'load-abc123'), { recursive: true });
    await mkdir(path.join(tmp, `p${process.pid}-999`), { recursive: true });
    // A half-written settings file of a killed process.
    await writeFile(path.join(store, '.settings.json.999999999.0123456789ab.tmp'), '{"dataFol');
    const engine = await Engine.open({ storeDir: store, bundledDataDirs: [], prepare: false });
    const during = await readdir(tmp);
    expect(during).toContain(`p${process.pid}-999`);
    expect(during).not.toContain('p999999999-1');
    expect(during).not.toContain('duckdb_temp_storage-4.tmp');
    expect(during).not.toContain('load-abc123');
    expect(await readdir(store)).not.toContain('.settings.json.999999999.0123456789ab.tmp');
    const own = during.filter((n) => n.startsWith(`p${process.pid}-`) && n !== `p${process.pid}-999`);
    expect(own).toHaveLength(1);
    await engine.close();
    expect(await readdir(tmp)).toEqual([`p${process.pid}-999`]);
    expect((await stat(path.join(tmp, `p${process.pid}-999`))).isDirectory()).toBe(true);
  });
});
