import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import { catalogueOf, plainForResearchers, shownSentence, writePackage } from '../support/hostile.ts';
import { tempDir } from '../support/temp.ts';

/**
 * Item 1 of the hostile-input issue (done by the package-conformance work in
 * src/engine/package-files.ts; kept here so it stays done): symbolic links out of a package
 * and glob characters in its paths read nothing they should not. A marker in every file
 * Sprig must not read never appears in anything it answers.
 */

const MARKER = `SPRIG-OUTSIDE-${process.pid}`;
const one = { fields: [{ name: 'id', type: 'string' }] };
let root: string;

async function rowsOf(folder: string): Promise<{ ids: string[]; catalogue: string }> {
  const engine = await Engine.open({ storeDir: await tempDir('sprig-store-'), bundledDataDirs: [], extraDataDirs: [folder], prepare: false });
  try {
    const catalogue = await engine.listDatasets();
    const ids: string[] = [];
    for (const dataset of catalogue.datasets) {
      const table = await engine.run({ sql: `SELECT id FROM "${dataset.name}".t ORDER BY id`, params: {} });
      ids.push(...tableFromIPC(table).toArray().map((r) => String((r.toJSON() as { id: unknown }).id)));
    }
    return { ids, catalogue: JSON.stringify(catalogue) };
  } finally {
    await engine.close();
  }
}

beforeAll(async () => {
  root = await tempDir('sprig-paths-');
});

describe('links out of the package', () => {
  it('a datapackage.json that is a link to /etc/passwd: refused, and nothing of the file in the refusal', async () => {
    const dir = path.join(root, 'descriptor-passwd');
    await mkdir(dir, { recursive: true });
    await symlink('/etc/passwd', path.join(dir, 'datapackage.json'));
    const catalogue = await catalogueOf(dir);
    expect(catalogue.refused).toMatchObject([{ code: 'descriptor-outside' }]);
    const firstLine = (await readFile('/etc/passwd', 'utf8')).split('\n')[0]!;
    const text = JSON.stringify(catalogue);
    expect(text).not.toContain(firstLine);
    expect(text).not.toContain('root:');
    expect(text).not.toContain('/etc/passwd');
    for (const lng of ['en-GB', 'en-US', 'de', 'el']) expect(plainForResearchers(shownSentence(catalogue.refused[0]!, lng), [root])).toEqual([]);
  });

  for (const target of ['/etc/passwd', '/proc/self/environ', '/dev/zero']) {
    it(`a resource that is a link to ${target}: refused without reading it`, async () => {
      const dir = await writePackage(path.join(root, `link-${path.basename(target)}`), { name: `link-${path.basename(target)}`, resources: [{ name: 't', path: 't.csv', schema: one }] });
      await symlink(target, path.join(dir, 't.csv'));
      const catalogue = await catalogueOf(dir);
      expect(catalogue.datasets).toEqual([]);
      expect(catalogue.refused).toMatchObject([{ code: 'link-outside', file: 't.csv' }]);
      expect(JSON.stringify(catalogue)).not.toContain(target);
      expect(JSON.stringify(catalogue)).not.toContain('root:');
    });
  }

  it('a resource reached through a link to a folder outside: refused', async () => {
    const outside = await tempDir('sprig-outside-');
    await writeFile(path.join(outside, 't.csv'), `id\n${MARKER}\n`);
    const dir = await writePackage(path.join(root, 'link-folder'), { name: 'link-folder', resources: [{ name: 't', path: 'sub/t.csv', schema: one }] });
    await symlink(outside, path.join(dir, 'sub'));
    const { ids, catalogue } = await rowsOf(dir);
    expect(ids).toEqual([]);
    expect(catalogue).toContain('link-outside');
    expect(catalogue).not.toContain(MARKER);
  });
});

describe('glob characters in paths', () => {
  for (const name of ['data*', 'pkg?', 'set[ab]']) {
    it(`a package folder named ${name} opens its own file, never its siblings'`, async () => {
      const parent = path.join(root, `glob-${name.replace(/[^a-z]/g, '')}`);
      const dir = await writePackage(path.join(parent, name), { name: 'globbed', resources: [{ name: 't', path: 't.csv', schema: one }] }, { 't.csv': 'id\nown\n' });
      // Siblings a pattern would match, each with a descriptor and data of its own.
      for (const sibling of ['data-evil', 'dataX', 'pkgX', 'seta', 'setb']) {
        await writePackage(path.join(parent, sibling), { name: 'evil', resources: [{ name: 't', path: 't.csv', schema: one }] }, { 't.csv': `id\n${MARKER}\n` });
      }
      // Opened as the folder itself, and as a package inside an added folder.
      const alone = await rowsOf(dir);
      expect(alone.ids).toEqual(['own']);
      expect(alone.catalogue).not.toContain(MARKER);
      const engine = await Engine.open({ storeDir: await tempDir('sprig-store-'), bundledDataDirs: [], prepare: false });
      try {
        // A folder named with pattern characters, added: only what it holds.
        const catalogue = await engine.addDataFolder({ path: dir });
        expect(catalogue.datasets.map((d) => d.name)).toEqual(['globbed']);
        const table = tableFromIPC(await engine.run({ sql: 'SELECT id FROM globbed.t', params: {} }));
        expect(table.toArray().map((r) => String((r.toJSON() as { id: unknown }).id))).toEqual(['own']);
      } finally {
        await engine.close();
      }
    });
  }

  it('a resource path "*.csv" reads no CSV of the folder; a file literally named "*.csv" is read alone', async () => {
    const dir = await writePackage(path.join(root, 'star'), { name: 'star', resources: [{ name: 't', path: '*.csv', schema: one }] }, { 'a.csv': `id\n${MARKER}\n`, 'b.csv': `id\n${MARKER}\n` });
    const missing = await rowsOf(dir);
    expect(missing.ids).toEqual([]);
    expect(missing.catalogue).toContain('file-missing');
    expect(missing.catalogue).not.toContain(MARKER);
    await writeFile(path.join(dir, '*.csv'), 'id\nliteral\n');
    const literal = await rowsOf(dir);
    expect(literal.ids).toEqual(['literal']);
    expect(literal.catalogue).not.toContain(MARKER);
  });

  it('a file named with a bracket class reads that file alone, not the file the class matches', async () => {
    const dir = await writePackage(path.join(root, 'parquet-glob'), { name: 'parquet_glob', resources: [{ name: 't', path: '[x].csv', schema: one }] }, { '[x].csv': 'id\nbracketed\n', 'x.csv': `id\n${MARKER}\n` });
    const { ids, catalogue } = await rowsOf(dir);
    expect(ids).toEqual(['bracketed']);
    expect(catalogue).not.toContain(MARKER);
  });
});
