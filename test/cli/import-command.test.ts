import { readFile } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { germanWideCsv, GERMAN_TEXT, textFile } from '../support/import-files.ts';
import { runSprig } from '../support/sprig-cli.ts';
import { repoRoot, tempDir } from '../support/temp.ts';

/** `sprig import` as a user runs it: the counts, the rejected lines, exit 2 for a choice it cannot make alone. */
let dir: string;
let store: string;

beforeAll(async () => {
  dir = await tempDir('sprig-import-cli-');
  store = path.join(dir, 'store');
});

describe('sprig import', () => {
  it('exits 2 naming the encoding and --encoding when the file is not UTF-8; with --encoding it imports', async () => {
    const file = await germanWideCsv(dir);
    const asked = await runSprig(['import', file, '--store', store]);
    expect(asked.code).toBe(2);
    expect(asked.stderr).toContain('is not UTF-8');
    expect(asked.stderr).toContain('--encoding');
    expect(asked.stderr).toContain('windows-1252');
    expect(asked.stdout).toBe('');

    const done = await runSprig(['import', file, '--store', store, '--encoding', 'windows-1252']);
    expect(done.stderr).toBe('');
    expect(done.stdout).toContain('Rows read: 6. Imported: 6. Rejected: 0.');
    expect(done.stdout).toContain(`Package written: uberweisungen (${path.join(store, 'imports', 'uberweisungen')}), 6 rows.`);
    expect(done.code).toBe(0);
  });

  it('exits 2 before replacing an import of the same name, showing what would change; --replace replaces it', async () => {
    const file = await textFile(dir, 'überweisungen.csv', iconv.encode(GERMAN_TEXT.replace('12,5', '99,5'), 'windows-1252'));
    const recipe = path.join(store, 'imports', 'uberweisungen', 'sprig-import.json');
    const asked = await runSprig(['import', file, '--store', store, '--recipe', recipe]);
    expect(asked.code).toBe(2);
    expect(asked.stdout).toContain('rows 6 → 6: 1 added, 1 removed, 1 changed');
    expect(asked.stderr).toContain('--replace');
    const replaced = await runSprig(['import', file, '--store', store, '--recipe', recipe, '--replace']);
    expect(replaced.code).toBe(0);
    expect(await readFile(path.join(store, 'imports', 'uberweisungen', 'data.csv'), 'utf8')).toContain('99.5');
  });

  it('exits 2 naming the sheet and --sheet for a workbook of several sheets', async () => {
    const run = await runSprig(['import', path.join(repoRoot, 'test', 'fixtures', 'import', 'two-sheets.xlsx'), '--store', store]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--sheet');
    expect(run.stderr).toContain('Χρόνοι');
  });

  it('exits 1 listing each rejected row with its line, in German too', async () => {
    const file = await textFile(dir, 'ragged.csv', 'a,b\n1,2\n3,4,5\n6,x\n');
    const run = await runSprig(['import', file, '--store', store, '--json'], { LANG: 'de_DE.UTF-8' });
    expect(run.code).toBe(1);
    const status = JSON.parse(run.stdout);
    expect(status.counts).toEqual({ read: 3, imported: 2, rejected: 1, rowsWritten: 2 });
    expect(status.rejects).toEqual([{ line: 3, column: null, reason: 'extra-cells', value: '3,4,5' }]);
    expect(run.stderr).toContain('Paket geschrieben, 1 von 3 Zeilen fehlen darin');
  });

  it('an empty file is a plain message and exit 1; no file is a usage error', async () => {
    const run = await runSprig(['import', await textFile(dir, 'empty.csv', ''), '--store', store]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('empty.csv is empty: there is nothing to import.\n');
    expect((await runSprig(['import', '--store', store])).code).toBe(2);
  });
});
