import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/temp.ts';

async function sources(folder: string): Promise<{ file: string; text: string }[]> {
  const dir = path.join(repoRoot, folder);
  const names = (await readdir(dir)).filter((name) => name.endsWith('.ts'));
  return Promise.all(names.map(async (name) => ({ file: `${folder}/${name}`, text: await readFile(path.join(dir, name), 'utf8') })));
}

const importsOf = (text: string) => [...text.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);

describe('the desktop shell’s boundaries', () => {
  it('writes no IPC channel name outside src/shared/ipc-channels.ts', async () => {
    for (const { file, text } of [...(await sources('src/main')), ...(await sources('src/preload'))]) {
      expect(text, file).not.toMatch(/['"`]sprig:/);
    }
  });

  it('keeps Electron out of the engine process and the pure modules', async () => {
    const usesElectron = new Set(['index.ts', 'window.ts', 'ipc.ts', 'add-data-folder.ts', 'choose-import-file.ts']);
    for (const { file, text } of await sources('src/main')) {
      if (usesElectron.has(path.basename(file))) continue;
      const runtimeImports = importsOf(text.replace(/^import type .*$/gm, ''));
      expect(runtimeImports, file).not.toContain('electron');
    }
  });

  it('lets the sandboxed preload import only electron and Sprig’s own shared code', async () => {
    for (const { file, text } of await sources('src/preload')) {
      for (const source of importsOf(text)) {
        expect(source === 'electron' || source?.startsWith('../shared/'), `${file}: ${source}`).toBe(true);
      }
    }
  });
});
