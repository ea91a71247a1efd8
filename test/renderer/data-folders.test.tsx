// @vitest-environment jsdom
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { act } from 'react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import { App } from '../../src/renderer/App.tsx';
import { mountWithEngine } from '../support/mount.tsx';
import { bundledData, tempDir } from '../support/temp.ts';

/** A small valid package in its own folder. */
async function visitsPackage(folder: string): Promise<void> {
  const dir = path.join(folder, 'visits');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'visits.csv'), 'site,visits\nLibrary,120\n');
  await writeFile(
    path.join(dir, 'datapackage.json'),
    JSON.stringify({ name: 'visits', resources: [{ name: 'visits', path: 'visits.csv', schema: { fields: [{ name: 'site', type: 'string' }, { name: 'visits', type: 'integer' }] } }] }),
  );
}

/** The catalogue's folders: adding says what a folder held, and a folder added can be removed. */
describe('data folders in the catalogue', () => {
  let engine: Engine;
  let container: HTMLElement;
  let unmount: () => void;
  let withPackage: string;
  let empty: string;

  beforeAll(async () => {
    withPackage = await tempDir();
    await visitsPackage(withPackage);
    empty = await tempDir();
    engine = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [bundledData] });
    ({ container, unmount } = await mountWithEngine(engine, (root) => <App root={root} />));
    await vi.waitFor(() => expect(container.dataset.appState).toBe('ready'), { timeout: 10_000 });
  });
  afterAll(() => {
    unmount();
    engine.close();
  });

  const add = async (folder: string) => {
    const input = container.querySelector<HTMLInputElement>('#add-folder-path')!;
    await act(async () => {
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      setter.call(input, folder);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => {
      container.querySelector<HTMLFormElement>('form.add-folder')!.requestSubmit();
    });
  };
  const status = () => container.querySelector('form.add-folder [role="status"]')?.textContent ?? '';
  const alert = () => container.querySelector('form.add-folder [role="alert"]')?.textContent ?? '';

  it('a folder with no data package says so, never "Folder added"', async () => {
    await add(empty);
    await vi.waitFor(() => expect(alert()).toBe(`There is no data package in ${empty}: Sprig looks for a datapackage.json in the folder and in the folders inside it.`), { timeout: 20_000 });
    expect(container.querySelector('.added-folders')).toBeNull();
  });

  it('a relative path is refused with a sentence that says why', async () => {
    await add('data');
    await vi.waitFor(() => expect(alert()).toMatch(/“data” is not a full path/), { timeout: 20_000 });
  });

  it('a folder with a package says how many it opened, and lists the folder with a Remove button', async () => {
    await add(withPackage);
    await vi.waitFor(() => expect(status()).toBe('Opened 1 data package from this folder.'), { timeout: 20_000 });
    expect([...container.querySelectorAll('.dataset-card h3')].map((h) => h.textContent)).toContain('visits');
    expect(container.querySelector('.added-folders code')?.textContent).toBe(withPackage);
  });

  it('removing the folder closes its package and forgets the folder', async () => {
    await act(async () => {
      container.querySelector<HTMLButtonElement>('.added-folders button')!.click();
    });
    await vi.waitFor(() => expect(container.querySelector('.added-folders')).toBeNull(), { timeout: 20_000 });
    expect([...container.querySelectorAll('.dataset-card h3')].map((h) => h.textContent)).not.toContain('visits');
    expect((await engine.listDatasets()).folders).toEqual([]);
  });
});
