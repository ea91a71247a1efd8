// @vitest-environment jsdom
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import { Catalogue } from '../../src/renderer/features/catalogue/Catalogue.tsx';
import type { Catalogue as CatalogueData } from '../../src/shared/catalogue.ts';
import { mountWithEngine } from '../support/mount.tsx';
import { tempDir } from '../support/temp.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/**
 * The catalogue card says, in the reader's language, which files changed since the package
 * was last opened (src/engine/source-integrity.ts), and a refused package's place is shown
 * from its data folder's name, never with the machine's whole path.
 */

let catalogue: CatalogueData;
let engine: Engine;
let folder: string;

beforeAll(async () => {
  folder = await tempDir('sprig-changed-');
  const store = await tempDir('sprig-changed-store-');
  const schema = { fields: [{ name: 'id', type: 'integer' }] };
  await mkdir(path.join(folder, 'ours'), { recursive: true });
  await writeFile(path.join(folder, 'ours', 'datapackage.json'), JSON.stringify({ name: 'ours', title: 'Ours', resources: [{ name: 't', path: 't.csv', schema }] }));
  await writeFile(path.join(folder, 'ours', 't.csv'), 'id\n1\n');
  await mkdir(path.join(folder, 'broken'), { recursive: true });
  await writeFile(path.join(folder, 'broken', 'datapackage.json'), JSON.stringify({ name: 'broken', resources: [{ name: 't', path: 't.csv', schema }] }));
  await writeFile(path.join(folder, 'broken', 't.csv'), 'id\nx\n');
  await (await Engine.open({ storeDir: store, bundledDataDirs: [], extraDataDirs: [folder], prepare: false })).close();
  await writeFile(path.join(folder, 'ours', 't.csv'), 'id\n1\n2\n');
  engine = await Engine.open({ storeDir: store, bundledDataDirs: [], extraDataDirs: [folder], prepare: false });
  catalogue = await engine.listDatasets();
  return () => engine.close();
});

async function textIn(language: string): Promise<{ note: string; place: string; all: string }> {
  const { container, unmount } = await mountWithEngine(engine, () => <Catalogue catalogue={catalogue} selected={null} onSelect={() => undefined} onMap={() => undefined} onChanged={() => undefined} />, language);
  const out = {
    note: container.querySelector('.changed-note')?.textContent ?? '',
    place: container.querySelector('.refused code')?.textContent ?? '',
    all: container.textContent ?? '',
  };
  unmount();
  return out;
}

describe('the catalogue card of a package whose files changed', () => {
  for (const [language, words] of [
    ['en-GB', 'Changed since you last opened it: t.csv'],
    ['en-US', 'Changed since you last opened it: t.csv'],
    ['de', 'hat sich geändert: t.csv'],
    ['el', 'Άλλαξε από την τελευταία φορά που το ανοίξατε: t.csv'],
  ] as const) {
    it(`says so in ${language}, and shows no path of this machine`, async () => {
      const { note, place, all } = await textIn(language);
      expect(note).toContain(words);
      expect(place).toBe(path.join(path.basename(folder), 'broken'));
      expect(all).not.toContain(folder);
    });
  }
});
