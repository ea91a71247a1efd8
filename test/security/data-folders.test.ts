import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { folderRefusal, scanDataFolder } from '../../src/engine/data-folders.ts';
import { Engine } from '../../src/engine/engine.ts';
import { AppError } from '../../src/shared/errors.ts';
import { tempDir } from '../support/temp.ts';

/**
 * Item 4 of the hostile-input issue: `addDataFolder` takes only folders of data packages.
 * System folders, the home folder itself and Sprig's own store are refused (and never
 * remembered), scans stop at their limits and say so, and two adds at once both count.
 */

let root: string;
let store: string;
let engine: Engine;

async function pkg(dir: string, name: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'datapackage.json'), JSON.stringify({ name, resources: [{ name: 't', path: 't.csv', schema: { fields: [{ name: 'id', type: 'integer' }] } }] }));
  await writeFile(path.join(dir, 't.csv'), 'id\n1\n');
  return dir;
}

async function refusedCode(folder: string): Promise<{ code: string; context: unknown } | null> {
  try {
    await engine.addDataFolder({ path: folder });
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return { code: (error as AppError).code, context: (error as AppError).detail.context };
  }
}

beforeAll(async () => {
  root = await tempDir('sprig-folders-');
  store = await tempDir('sprig-folders-store-');
  engine = await Engine.open({ storeDir: store, bundledDataDirs: [], prepare: false });
});

afterAll(() => engine?.close());

describe('folders that are not data folders are refused and never remembered', () => {
  const system = ['/', '/proc', '/proc/self', '/sys', '/dev', '/etc', '/usr', '/var', '/home', '/tmp'];
  for (const folder of system) {
    it(`refuses ${folder}`, async () => {
      expect(await refusedCode(folder)).toEqual({ code: 'invalid-request', context: 'system-folder' });
    });
  }

  it('refuses a link to / as /', async () => {
    const link = path.join(root, 'link-to-root');
    await symlink('/', link);
    expect(await refusedCode(link)).toEqual({ code: 'invalid-request', context: 'system-folder' });
  });

  it('refuses the home folder itself, but not a folder inside it', async () => {
    // The machine's own home may be /root (a system folder); a home like a researcher's:
    const home = path.join(root, 'home-of-ann');
    await mkdir(path.join(home, 'data'), { recursive: true });
    expect(await folderRefusal(home, { storeDir: store, home })).toBe('home-folder');
    expect(await folderRefusal(path.join(home, 'data'), { storeDir: store, home })).toBeNull();
    expect(await folderRefusal(os.homedir(), { storeDir: store })).not.toBeNull();
  });

  it('refuses the store, a folder inside it and a folder that holds it', async () => {
    await pkg(path.join(store, 'planted'), 'planted');
    expect(await refusedCode(store)).toEqual({ code: 'invalid-request', context: 'store-folder' });
    expect(await refusedCode(path.join(store, 'planted'))).toEqual({ code: 'invalid-request', context: 'store-folder' });
    expect(await refusedCode(path.dirname(store) === '/tmp' ? store : path.dirname(store))).not.toBeNull();
    expect(await folderRefusal(path.dirname(store), { storeDir: store, home: '/nowhere' })).not.toBeNull();
  });

  it('knows the Windows and macOS system folders by path', async () => {
    const win = { storeDir: 'C:\\Users\\ann\\AppData\\Roaming\\Sprig', home: 'C:\\Users\\ann', platform: 'win32' as const };
    expect(await folderRefusal('C:\\', win)).toBe('system-folder');
    expect(await folderRefusal('C:\\Windows\\System32', win)).toBe('system-folder');
    expect(await folderRefusal('C:\\Program Files', win)).toBe('system-folder');
    expect(await folderRefusal('C:\\Users', win)).toBe('system-folder');
    expect(await folderRefusal('C:\\Users\\ann', win)).toBe('home-folder');
    expect(await folderRefusal('C:\\Users\\ann\\AppData\\Roaming', win)).toBe('store-folder');
    expect(await folderRefusal('C:\\Users\\ann\\Documents\\data', win)).toBeNull();
    const mac = { storeDir: '/Users/ann/Library/Application Support/Sprig', home: '/Users/ann', platform: 'darwin' as const };
    expect(await folderRefusal('/System/Library', mac)).toBe('system-folder');
    expect(await folderRefusal('/Users', mac)).toBe('system-folder');
    expect(await folderRefusal('/Users/ann', mac)).toBe('home-folder');
    expect(await folderRefusal('/Users/ann/Documents/data', mac)).toBeNull();
  });

  it('remembers none of them', async () => {
    const settings = await readFile(path.join(store, 'settings.json'), 'utf8').catch(() => '{"dataFolders":[]}');
    expect((JSON.parse(settings) as { dataFolders: string[] }).dataFolders).toEqual([]);
    expect((await engine.listDatasets()).folders).toEqual([]);
  });

  it('skips a system folder an older settings file remembered, and says so', async () => {
    const oldStore = await tempDir('sprig-old-store-');
    await writeFile(path.join(oldStore, 'settings.json'), JSON.stringify({ dataFolders: ['/proc'] }));
    const old = await Engine.open({ storeDir: oldStore, bundledDataDirs: [], prepare: false });
    try {
      const catalogue = await old.listDatasets();
      expect(catalogue.refused).toMatchObject([{ code: 'folder-refused', values: { kind: 'system-folder' } }]);
      // It can be removed.
      expect((await old.removeDataFolder({ path: '/proc' })).folders).toEqual([]);
    } finally {
      await old.close();
    }
  });
});

describe('scanning a data folder', () => {
  it('stops after its limit of entries and says so', async () => {
    const wide = path.join(root, 'wide');
    for (let i = 0; i < 30; i++) await mkdir(path.join(wide, `d${String(i).padStart(2, '0')}`), { recursive: true });
    await pkg(path.join(wide, 'd29'), 'late');
    const scan = await scanDataFolder(wide, { maxEntries: 10 });
    expect(scan.cut).toEqual({ reason: 'entries', limit: 10 });
    expect(scan.folders).toEqual([]);
    expect((await scanDataFolder(wide)).folders).toEqual([path.join(wide, 'd29')]);
  });

  it('stops after its time and says so', async () => {
    const scan = await scanDataFolder(path.join(root, 'wide'), { timeMs: -1 });
    expect(scan.cut).toEqual({ reason: 'time', limit: 0 });
  });

  it('looks one level deep', async () => {
    await pkg(path.join(root, 'deep', 'a', 'b'), 'too-deep');
    await pkg(path.join(root, 'deep', 'c'), 'near');
    expect((await scanDataFolder(path.join(root, 'deep'))).folders).toEqual([path.join(root, 'deep', 'c')]);
  });
});

describe('concurrent changes of folders', () => {
  it('keeps every folder of adds fired at once', async () => {
    const folders = await Promise.all(['one', 'two', 'three', 'four'].map((name) => pkg(path.join(root, 'many', name), `pkg-${name}`)));
    const answers = await Promise.allSettled(folders.map((folder) => engine.addDataFolder({ path: folder })));
    expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    const catalogue = await engine.listDatasets();
    expect([...catalogue.folders].sort()).toEqual([...folders].sort());
    expect(catalogue.datasets.map((d) => d.name).sort()).toEqual(['pkg-four', 'pkg-one', 'pkg-three', 'pkg-two']);
    const saved = JSON.parse(await readFile(path.join(store, 'settings.json'), 'utf8')) as { dataFolders: string[] };
    expect([...saved.dataFolders].sort()).toEqual([...folders].sort());
    // And removing two at once, beside a refused add, removes both.
    const [, , bad] = await Promise.allSettled([engine.removeDataFolder({ path: folders[0]! }), engine.removeDataFolder({ path: folders[1]! }), engine.addDataFolder({ path: '/etc' })]);
    expect(bad.status).toBe('rejected');
    expect([...(await engine.listDatasets()).folders].sort()).toEqual([folders[2]!, folders[3]!].sort());
  });
});
