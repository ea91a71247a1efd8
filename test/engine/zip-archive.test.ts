import { open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { zip } from '../../src/engine/figures/zip.ts';
import { partText, readZipDirectory as readWorkbookParts } from '../../src/engine/import/workbook-zip.ts';
import { WorkbookError } from '../../src/engine/import/workbook-csv.ts';
import { ZipFault } from '../../src/engine/zip-archive.ts';
import { ZipUnsupported, zipSingleEntry } from '../../src/engine/zip-entry.ts';
import { tempDir } from '../support/temp.ts';

/**
 * Sprig's one zip reader (src/engine/zip-archive.ts) as its two callers see it: a resource
 * compressed with `zip` (one file, checked against its CRC-32) and a workbook's parts. The
 * archives are written by Sprig's own deterministic zip writer (the figure bundle's).
 */

const text = 'country,value\nGreece,1\nGermany,2\n'.repeat(200);

async function archive(name: string, bytes: Uint8Array): Promise<string> {
  const file = path.join(await tempDir(), name);
  await writeFile(file, bytes);
  return file;
}

async function readSingle(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const chunks: Buffer[] = [];
    const stages = await zipSingleEntry(handle);
    await pipeline([...stages, new Writable({ write: (c: Buffer, _e, done) => (chunks.push(c), done()) })]);
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    await handle.close();
  }
}

describe('a resource compressed with zip', () => {
  it('streams the one file out, checked', async () => {
    expect(await readSingle(await archive('one.zip', zip([{ name: 'data.csv', data: Buffer.from(text) }])))).toBe(text);
  });

  it('refuses an archive of two files, and one that is truncated, in words', async () => {
    const two = await archive('two.zip', zip([{ name: 'a.csv', data: Buffer.from(text) }, { name: 'b.csv', data: Buffer.from(text) }]));
    await expect(readSingle(two)).rejects.toThrow(new ZipUnsupported('it holds 2 files, not one'));
    const whole = zip([{ name: 'data.csv', data: Buffer.from(text) }]);
    await expect(readSingle(await archive('cut.zip', whole.subarray(0, whole.length - 30)))).rejects.toThrow(new ZipUnsupported('it is not a zip archive Sprig can read'));
  });

  it('fails on a changed byte (CRC-32), as a zip fault the loader recognises', async () => {
    const bytes = Buffer.from(zip([{ name: 'data.csv', data: Buffer.from(text) }]));
    // A byte inside the deflated data, after the 30-byte local header and the name.
    const at = 30 + 'data.csv'.length + 10;
    bytes[at] = bytes[at]! ^ 0xff;
    const error = await readSingle(await archive('changed.zip', bytes)).then(() => null, (e: unknown) => e);
    // Either inflating fails (zlib's Z_ code) or the inflated bytes fail the check (a ZipFault): never a silent read.
    expect(error instanceof ZipFault || String((error as NodeJS.ErrnoException).code).startsWith('Z_')).toBe(true);
  });
});

describe('a workbook’s zip', () => {
  it('reads a part, and says a truncated archive or a changed part in the workbook’s terms', async () => {
    const stored = zip([{ name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') }]);
    const file = await archive('book.xlsx', stored);
    const handle = await open(file, 'r');
    try {
      const parts = await readWorkbookParts(handle, file);
      expect(await partText(handle, parts.get('xl/workbook.xml')!, file)).toBe('<workbook/>');
    } finally {
      await handle.close();
    }
    const cut = await archive('cut.xlsx', stored.subarray(0, stored.length - 30));
    const cutHandle = await open(cut, 'r');
    await expect(readWorkbookParts(cutHandle, cut)).rejects.toMatchObject({ code: 'workbook-corrupt' });
    await cutHandle.close();
    // '<workbook/>' is stored (too short to deflate): change one of its bytes so only the CRC-32 can tell.
    const changed = Buffer.from(stored);
    changed[30 + 'xl/workbook.xml'.length] = 'X'.charCodeAt(0);
    const changedFile = await archive('changed.xlsx', changed);
    const changedHandle = await open(changedFile, 'r');
    try {
      const parts = await readWorkbookParts(changedHandle, changedFile);
      const error = await partText(changedHandle, parts.get('xl/workbook.xml')!, changedFile).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(WorkbookError);
      expect(error).toMatchObject({ code: 'workbook-corrupt' });
    } finally {
      await changedHandle.close();
    }
  });
});
