import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import type { ImportStatus } from '../../src/shared/import/answers.ts';
import type { ImportRecipePartial } from '../../src/shared/import/recipe.ts';
import { repoRoot, tempDir } from '../support/temp.ts';

/**
 * Workbooks through the import pipeline: the sheet is written as UTF-8 CSV by the workbook
 * reader (src/engine/import/workbook.ts, its fixtures from scripts/fixtures/make-workbooks.ts)
 * and then sniffed, loaded and reconciled as any CSV, the merged title row skipped and shown,
 * formulas read as their cached values and said so.
 */
const fixtures = path.join(repoRoot, 'test', 'fixtures', 'import');
let store: string;
let engine: Engine;

beforeAll(async () => {
  store = await tempDir('sprig-import-excel-');
  engine = await Engine.open({ storeDir: store, bundledDataDirs: [], prepare: false });
});
afterAll(() => engine.close());

async function runImport(file: string, recipe: ImportRecipePartial): Promise<ImportStatus> {
  return engine.importFinished((await engine.startImport({ file, recipe })).importId);
}

const EXPECTED_CSV = [
  'Χώρα,Ημερομηνία,Ημερομηνία (κείμενο),Παραπομπές,Συμμετέχοντες,Ποσοστό (%)',
  'Ελλάδα,2023-01-31,2023-01-31,1250,980,78.4',
  'Γερμανία,2023-02-28,2023-02-28,3400,2550,75',
  'Ηνωμένο Βασίλειο,2023-03-31,2023-03-31,5120,4096,80',
  '"Κορέα, Δημοκρατία της",2023-04-28,2023-04-28,2000,1500,75',
  'Κύπρος,2023-05-31,2023-05-31,0,0,"#DIV/0!"',
  'Σύνολο,,,11770,9126,77.5',
].join('\n');

describe.each(['xlsx', 'xls', 'ods'])('a Greek ministry’s workbook as .%s', (extension) => {
  const file = path.join(fixtures, `greek-ministry.${extension}`);

  it('shows its Greek sheet, the merged title row skipped, the header on row 2, both date columns as dates', async () => {
    const inspection = await engine.inspectImport({ file });
    expect(inspection.kind).toBe(extension);
    expect(inspection.sheets?.map((s) => s.name)).toEqual(['Στοιχεία 2023']);
    expect(inspection.sniff?.headerRow).toBe(2);
    expect(inspection.sniff?.skippedLines).toEqual([{ line: 1, text: 'Στοιχεία κοινωνικής συνταγογράφησης 2023 — Υπουργείο Υγείας,,,,,' }]);
    expect(inspection.problems).toContainEqual({ code: 'merged-title-row', values: { row: 1, text: 'Στοιχεία κοινωνικής συνταγογράφησης 2023 — Υπουργείο Υγείας' } });
    expect(inspection.columns.map((c) => [c.name, c.type, c.dateFormat])).toEqual([
      ['Χώρα', 'string', null],
      ['Ημερομηνία', 'date', '%Y-%m-%d'],
      ['Ημερομηνία (κείμενο)', 'date', '%d.%m.%Y'],
      ['Παραπομπές', 'integer', null],
      ['Συμμετέχοντες', 'integer', null],
      ['Ποσοστό (%)', 'string', null],
    ]);
    // Greek country names matched; the totals row and the ambiguous Korea listed, never dropped.
    expect(inspection.shape.countryColumn).toBe('Χώρα');
    expect(inspection.shape.countries.filter((c) => c.status !== 'matched').map((c) => c.value)).toEqual(['Κορέα, Δημοκρατία της', 'Σύνολο']);
  });

  it('imports every row, Greek text byte-exact, dates as ISO', async () => {
    const status = await runImport(file, { name: `greek-${extension}` });
    expect(status.state).toBe('done');
    expect(status.counts).toEqual({ read: 6, imported: 6, rejected: 0, rowsWritten: 6 });
    expect((await readFile(path.join(status.package!.path, 'data.csv'), 'utf8')).trim()).toBe(EXPECTED_CSV);
  });

  it('a column forced to numbers rejects the "#DIV/0!" row with its sheet row', async () => {
    const status = await runImport(file, { name: `greek-${extension}-rate`, columns: { 'Ποσοστό (%)': { type: 'number' } } });
    expect(status.counts).toMatchObject({ read: 6, imported: 5, rejected: 1 });
    expect(status.rejects).toEqual([{ line: 8, column: 'Ποσοστό (%)', reason: 'type', value: '#DIV/0!', expected: 'number' }]);
  });
});

describe('workbooks that cannot be imported as they are', () => {
  it('formulas are read as their cached values and counted', async () => {
    const inspection = await engine.inspectImport({ file: path.join(fixtures, 'greek-ministry.xlsx') });
    expect(inspection.problems).toContainEqual({ code: 'formulas-as-values', values: { count: 8 } });
  });

  it('two sheets and none chosen: the choice is asked for, naming --sheet; chosen, it imports', async () => {
    const file = path.join(fixtures, 'two-sheets.xlsx');
    const inspection = await engine.inspectImport({ file });
    expect(inspection.choices).toEqual([{ kind: 'sheet', options: ['Στοιχεία 2023', 'Χρόνοι'] }]);
    await expect(engine.startImport({ file })).rejects.toMatchObject({ code: 'import-choice-needed', detail: { context: 'sheet', flag: '--sheet' } });
    const status = await runImport(file, { sheet: 'Στοιχεία 2023', name: 'two-sheets' });
    expect(status.counts).toMatchObject({ read: 6, imported: 6, rejected: 0 });
    await expect(engine.inspectImport({ file, recipe: { sheet: 'Λείπει' } })).rejects.toMatchObject({ code: 'import-refused', detail: { context: 'sheet-not-found', sheet: 'Λείπει' } });
  });

  it('an import cancelled while its sheet is being written leaves nothing, and one waiting to replace keeps the old import when dropped', async () => {
    const file = path.join(fixtures, 'greek-ministry.xlsx');
    const started = await engine.startImport({ file, recipe: { name: 'greek-cancelled' } });
    expect(started.state).toBe('running');
    expect((await engine.cancelImport({ importId: started.importId })).state).toBe('cancelled');
    expect((await engine.listImports()).map((i) => i.name)).not.toContain('greek-cancelled');

    const again = await runImport(file, { name: 'greek-xlsx' });
    expect(again.state).toBe('needs-replace');
    expect(again.diff).toMatchObject({ rowsBefore: 6, rowsAfter: 6, added: 0, removed: 0, changed: 0 });
    expect(again.diff!.sourceBefore).toBe(again.diff!.sourceAfter);
    expect((await engine.cancelImport({ importId: again.importId })).state).toBe('cancelled');
    expect((await engine.listImports()).find((i) => i.name === 'greek-xlsx')?.counts.read).toBe(6);
  });

  it('password-protected, cut short, empty: each a typed refusal', async () => {
    await expect(engine.inspectImport({ file: path.join(fixtures, 'encrypted.xlsx') })).rejects.toMatchObject({ code: 'import-refused', detail: { context: 'workbook-encrypted', file: 'encrypted.xlsx' } });
    await expect(engine.inspectImport({ file: path.join(fixtures, 'truncated.xlsx') })).rejects.toMatchObject({ code: 'import-refused', detail: { context: 'workbook-corrupt' } });
    await expect(engine.inspectImport({ file: path.join(fixtures, 'empty.xlsx') })).rejects.toMatchObject({ code: 'import-refused', detail: { context: 'workbook-empty' } });
  });
});
