// @vitest-environment jsdom
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import { Catalogue } from '../../src/renderer/features/catalogue/Catalogue.tsx';
import type { Catalogue as CatalogueData } from '../../src/shared/catalogue.ts';
import { mountWithEngine } from '../support/mount.tsx';
import { tempDir } from '../support/temp.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/**
 * The catalogue says why a package did not open in the reader's language, from the
 * refusal's code and values: never the engine's English sentence, never a validator's words.
 */

let engine: Engine;
let catalogue: CatalogueData;

async function write(dir: string, descriptor: object, files: Record<string, string>): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'datapackage.json'), JSON.stringify(descriptor));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
}

beforeAll(async () => {
  const folder = await tempDir();
  const fields = [{ name: 'id', type: 'integer' }, { name: 'name' }];
  await write(path.join(folder, 'broken'), { name: 'broken', resources: [{ name: 'people', path: 'people.csv', schema: { fields } }] }, { 'people.csv': 'id,name\n1,a\n2.5,b\n' });
  await write(path.join(folder, 'remote'), { name: 'remote', resources: [{ name: 'web', path: 'https://example.invalid/x.csv', schema: { fields } }] }, {});
  await write(
    path.join(folder, 'partial'),
    { name: 'partial', resources: [{ name: 'people', path: 'people.csv', schema: { fields } }, { name: 'sheet', path: 'sheet.xlsx', schema: { fields } }] },
    { 'people.csv': 'id,name\n1,a\n' },
  );
  engine = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [], extraDataDirs: [folder] });
  catalogue = await engine.listDatasets();
});
afterAll(() => engine.close());

function render(language: string): Promise<{ container: HTMLElement; unmount: () => void }> {
  return mountWithEngine(engine, () => <Catalogue catalogue={catalogue} selected={null} onSelect={() => undefined} onMap={() => undefined} onChanged={() => undefined} />, language);
}

describe('the catalogue’s refused and declined packages', () => {
  it('says in British English where the package breaks its descriptor, and why others were not read', async () => {
    const { container, unmount } = await render('en-GB');
    try {
      const refused = container.querySelector('[data-code="type"]');
      expect(refused?.textContent).toContain('Package “broken”');
      expect(refused?.textContent).toContain('people.csv, line 3, field “id”: "2.5" is not a valid integer.');
      const declined = container.querySelector('.declined');
      expect(declined?.textContent).toContain('Packages Sprig does not read');
      expect(declined?.textContent).toContain('“web”: it is on the network (https://example.invalid/x.csv); Sprig works offline');
      expect(container.textContent).toContain('Not opened from this package:');
      expect(container.textContent).toContain('“sheet”: it is a spreadsheet (xlsx)');
    } finally {
      unmount();
    }
  });

  it('says the same in German and in Greek, not in the engine’s English', async () => {
    for (const [language, expected] of [
      ['de', 'people.csv, Zeile 3, Feld „id“: "2.5" ist kein gültiger Wert vom Typ ganze Zahl.'],
      ['el', 'people.csv, γραμμή 3, πεδίο «id»: το "2.5" δεν είναι έγκυρη τιμή τύπου ακέραιος.'],
    ] as const) {
      const { container, unmount } = await render(language);
      try {
        expect(container.querySelector('[data-code="type"]')?.textContent).toContain(expected);
        expect(container.textContent).not.toContain('is not a valid');
        expect(container.textContent).not.toContain('on the network');
      } finally {
        unmount();
      }
    }
  });
});
