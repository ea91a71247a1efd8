import { readdir, readFile, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { listSheets, sheetToCsv, WorkbookError, type WorkbookKind } from '../../src/engine/import/workbook.ts';
import { csvCell, isDateFormat, numberText, serialToIso } from '../../src/engine/import/workbook-csv.ts';
import { repoRoot, tempDir } from '../support/temp.ts';

/**
 * The workbook side of the import (issue 11, item 5): real fixture files
 * (scripts/fixtures/make-workbooks.ts), read by the real exceljs and @e965/xlsx, each
 * sheet's CSV compared byte for byte.
 */

const FIXTURES = path.join(repoRoot, 'test', 'fixtures', 'import');
const fixture = (name: string) => path.join(FIXTURES, name);
const SHEET = 'Στοιχεία 2023';

/** greek-ministry.* as CSV: line n is sheet row n; row 6 is empty in the sheet. */
const MINISTRY_CSV = [
  'Στοιχεία κοινωνικής συνταγογράφησης 2023 — Υπουργείο Υγείας,,,,,',
  'Χώρα,Ημερομηνία,Ημερομηνία (κείμενο),Παραπομπές,Συμμετέχοντες,Ποσοστό (%)',
  'Ελλάδα,2023-01-31,31.01.2023,1250,980,78.4',
  'Γερμανία,2023-02-28,28.02.2023,3400,2550,75',
  'Ηνωμένο Βασίλειο,2023-03-31,31.03.2023,5120,4096,80',
  '',
  '"Κορέα, Δημοκρατία της",2023-04-28,28.04.2023,2000,1500,75',
  'Κύπρος,2023-05-31,31.05.2023,0,0,#DIV/0!',
  'Σύνολο,,,11770,9126,77.5',
].map((line) => `${line}\n`).join('');

const TITLE = { row: 1, text: 'Στοιχεία κοινωνικής συνταγογράφησης 2023 — Υπουργείο Υγείας' };

/** Where the CSVs go (checked for leftovers), and where inputs made by the tests go. */
let out: string;
let inputs: string;
beforeAll(async () => {
  out = await tempDir('sprig-workbook-');
  inputs = await tempDir('sprig-workbook-inputs-');
});

let n = 0;
const outFile = () => path.join(out, `sheet-${++n}.csv`);

async function expectWorkbookError(promise: Promise<unknown>, code: WorkbookError['code']): Promise<WorkbookError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkbookError);
  expect((error as WorkbookError).code).toBe(code);
  return error as WorkbookError;
}

/** Every file in the output folder but the finished CSVs: temporary files left behind. */
async function leftovers(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => !/^sheet-\d+\.csv$/.test(name));
}

describe('the Greek ministry workbook', () => {
  const formats: { file: string; kind: WorkbookKind; formulas: number }[] = [
    { file: 'greek-ministry.xlsx', kind: 'xlsx', formulas: 8 },
    // @e965/xlsx writes cached values to XLS but no formulas (see the generator).
    { file: 'greek-ministry.xls', kind: 'xls', formulas: 0 },
    { file: 'greek-ministry.ods', kind: 'ods', formulas: 8 },
  ];

  for (const { file, kind, formulas } of formats) {
    it(`${file}: lists its Greek-named sheet with its size`, async () => {
      expect(await listSheets(fixture(file), kind)).toEqual([{ name: SHEET, rowCount: 9, columnCount: 6 }]);
    });

    it(`${file}: becomes the expected CSV, Greek byte for byte, with its counts`, async () => {
      const target = outFile();
      const progress: number[] = [];
      const result = await sheetToCsv(fixture(file), kind, SHEET, target, { onProgress: (rows) => progress.push(rows) });
      const bytes = await readFile(target);
      expect(bytes.equals(Buffer.from(MINISTRY_CSV, 'utf8'))).toBe(true);
      expect(bytes.toString('utf8')).toBe(MINISTRY_CSV);
      expect(result).toEqual({
        rowsWritten: 9,
        columns: 6,
        formulas,
        mergedTitleRows: [TITLE],
        datesAsIso: 5,
        errors: 1,
        formulasWithoutValue: 0,
        blankRows: 1,
      });
      expect(progress.at(-1)).toBe(9);
      expect(await leftovers(out)).toEqual([]);
    });
  }

  it('line n of the CSV is row n of the sheet: the empty row 6 is line 6', async () => {
    const target = outFile();
    await sheetToCsv(fixture('greek-ministry.xlsx'), 'xlsx', SHEET, target);
    const lines = (await readFile(target, 'utf8')).split('\n');
    expect(lines[2 - 1]).toMatch(/^Χώρα,/);
    expect(lines[6 - 1]).toBe('');
    expect(lines[7 - 1]).toMatch(/^"Κορέα, Δημοκρατία της"/);
    expect(lines[9 - 1]).toMatch(/^Σύνολο,/);
  });

  it('finds the sheet by its name in either Unicode form (composed or decomposed accents)', async () => {
    const target = outFile();
    const decomposed = SHEET.normalize('NFD');
    expect(decomposed).not.toBe(SHEET);
    expect((await sheetToCsv(fixture('greek-ministry.xlsx'), 'xlsx', decomposed, target)).rowsWritten).toBe(9);
  });

  it('an unknown sheet name is sheet-not-found, naming the sheets there are', async () => {
    for (const [file, kind] of [
      ['greek-ministry.xlsx', 'xlsx'],
      ['greek-ministry.xls', 'xls'],
      ['greek-ministry.ods', 'ods'],
    ] as const) {
      const error = await expectWorkbookError(sheetToCsv(fixture(file), kind, 'Φύλλο1', outFile()), 'sheet-not-found');
      expect(error.values).toEqual({ sheet: 'Φύλλο1', sheets: SHEET, count: 1 });
    }
    expect(await leftovers(out)).toEqual([]);
  });
});

describe('a workbook with two sheets', () => {
  it('lists both, in order', async () => {
    expect(await listSheets(fixture('two-sheets.xlsx'), 'xlsx')).toEqual([
      { name: SHEET, rowCount: 9, columnCount: 6 },
      { name: 'Χρόνοι', rowCount: 9, columnCount: 2 },
    ]);
  });

  it('converts the second: date-times, times, booleans, 15 digits, quotes, line breaks and spaces', async () => {
    const target = outFile();
    const result = await sheetToCsv(fixture('two-sheets.xlsx'), 'xlsx', 'Χρόνοι', target);
    expect(await readFile(target, 'utf8')).toBe(
      [
        'Περιγραφή,Τιμή',
        'ημερομηνία και ώρα,2023-12-31T23:59:30',
        'ώρα μόνο,08:15:00',
        'αληθές,TRUE',
        '"0,1 + 0,2",0.3',
        'εισαγωγικά,"Το ""Κέντρο"", Αθήνα"',
        'αλλαγή γραμμής,"γραμμή 1\nγραμμή 2"',
        'κενά,"  με κενά  "',
        'μεγάλος αριθμός,1234567890123',
        '',
      ].join('\n'),
    );
    expect(result).toMatchObject({ rowsWritten: 9, columns: 2, formulas: 1, mergedTitleRows: [], datesAsIso: 2, errors: 0, blankRows: 0 });
  });

  it('converts the first exactly as the one-sheet workbook', async () => {
    const target = outFile();
    await sheetToCsv(fixture('two-sheets.xlsx'), 'xlsx', SHEET, target);
    expect(await readFile(target, 'utf8')).toBe(MINISTRY_CSV);
  });
});

describe('workbooks that cannot be imported end in a typed error and leave nothing behind', () => {
  it('an empty workbook is workbook-empty, listed or converted', async () => {
    await expectWorkbookError(listSheets(fixture('empty.xlsx'), 'xlsx'), 'workbook-empty');
    const error = await expectWorkbookError(sheetToCsv(fixture('empty.xlsx'), 'xlsx', 'Φύλλο1', outFile()), 'workbook-empty');
    expect(error.values).toEqual({ sheet: 'Φύλλο1' });
    expect(await leftovers(out)).toEqual([]);
  });

  it('a truncated XLSX is workbook-corrupt', async () => {
    await expectWorkbookError(listSheets(fixture('truncated.xlsx'), 'xlsx'), 'workbook-corrupt');
    await expectWorkbookError(sheetToCsv(fixture('truncated.xlsx'), 'xlsx', SHEET, outFile()), 'workbook-corrupt');
    expect(await leftovers(out)).toEqual([]);
  });

  it('an XLSX whose sheet is damaged inside the zip is workbook-corrupt (inflate or CRC), and no CSV is left', async () => {
    const bytes = await readFile(fixture('greek-ministry.xlsx'));
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    const at = bytes.indexOf(name); // the local header's name; the compressed data follows
    expect(at).toBeGreaterThan(0);
    for (let i = 40; i < 60; i++) bytes[at + name.length + i]! ^= 0x5a;
    const damaged = path.join(inputs, 'damaged.xlsx');
    await writeFile(damaged, bytes);
    const target = outFile();
    await expectWorkbookError(sheetToCsv(damaged, 'xlsx', SHEET, target), 'workbook-corrupt');
    await expect(readFile(target)).rejects.toThrow();
  });

  it('a password-protected XLSX (Agile encryption in an OLE container) is workbook-encrypted, whatever kind it is taken for', async () => {
    await expectWorkbookError(listSheets(fixture('encrypted.xlsx'), 'xlsx'), 'workbook-encrypted');
    await expectWorkbookError(sheetToCsv(fixture('encrypted.xlsx'), 'xlsx', SHEET, outFile()), 'workbook-encrypted');
    // An OLE file is what identification calls an XLS: still encrypted, not corrupt.
    await expectWorkbookError(listSheets(fixture('encrypted.xlsx'), 'xls'), 'workbook-encrypted');
    await expectWorkbookError(sheetToCsv(fixture('encrypted.xlsx'), 'xls', SHEET, outFile()), 'workbook-encrypted');
    expect(await leftovers(out)).toEqual([]);
  });

  it('an ODS whose manifest declares its content encrypted is workbook-encrypted', async () => {
    // Made from the fixture: content.xml replaced by noise and declared encrypted, as
    // LibreOffice's "Save with password" declares it (the noise stands in for the cipher text).
    const zip = XLSX.CFB.read(await readFile(fixture('greek-ministry.ods')), { type: 'buffer' });
    const entry = (name: string) => zip.FileIndex[zip.FullPaths.findIndex((p: string) => p.endsWith(`/${name}`))]!;
    const manifest = entry('META-INF/manifest.xml');
    const declared = Buffer.from(manifest.content as Uint8Array)
      .toString('utf8')
      .replace(
        /(<manifest:file-entry manifest:full-path="content.xml"[^>]*?)\/>/,
        '$1><manifest:encryption-data manifest:checksum-type="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0#sha256-1k" manifest:checksum="AAAA"><manifest:algorithm manifest:algorithm-name="http://www.w3.org/2001/04/xmlenc#aes256-cbc" manifest:initialisation-vector="AAAA"/><manifest:key-derivation manifest:key-derivation-name="PBKDF2" manifest:key-size="32" manifest:iteration-count="100000" manifest:salt="AAAA"/></manifest:encryption-data></manifest:file-entry>',
      );
    expect(declared).toContain('encryption-data');
    manifest.content = Buffer.from(declared, 'utf8');
    entry('content.xml').content = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    const file = path.join(inputs, 'encrypted.ods');
    await writeFile(file, XLSX.CFB.write(zip, { type: 'buffer', fileType: 'zip' }) as Buffer);
    await expectWorkbookError(listSheets(file, 'ods'), 'workbook-encrypted');
    await expectWorkbookError(sheetToCsv(file, 'ods', SHEET, outFile()), 'workbook-encrypted');
    expect(await leftovers(out)).toEqual([]);
  });

  it('a sheet whose XML elements carry a namespace prefix (<x:row>) is workbook-corrupt with the reason, not an empty sheet', async () => {
    const zip = XLSX.CFB.read(await readFile(fixture('greek-ministry.xlsx')), { type: 'buffer' });
    const sheet = zip.FileIndex[zip.FullPaths.findIndex((p: string) => p.endsWith('/xl/worksheets/sheet1.xml'))]!;
    const xml = Buffer.from(sheet.content as Uint8Array).toString('utf8');
    const prefixed = xml
      .replace(/<(\/?)(?![?!])([A-Za-z][\w.-]*)(?=[\s/>])/g, (whole, slash: string, name: string) => (name.includes(':') ? whole : `<${slash}x:${name}`))
      .replace('<x:worksheet ', '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ');
    expect(prefixed).toContain('<x:row ');
    sheet.content = Buffer.from(prefixed, 'utf8');
    const file = path.join(inputs, 'prefixed.xlsx');
    await writeFile(file, XLSX.CFB.write(zip, { type: 'buffer', fileType: 'zip' }) as Buffer);
    const error = await expectWorkbookError(sheetToCsv(file, 'xlsx', SHEET, outFile()), 'workbook-corrupt');
    expect(error.values.reason).toMatch(/namespace prefixes/);
    expect(await leftovers(out)).toEqual([]);
  });

  it('a file of another kind is workbook-corrupt, not a crash or an empty sheet', async () => {
    const text = path.join(inputs, 'not-a-workbook.txt');
    await writeFile(text, 'Χώρα;Τιμή\nΕλλάδα;1\n');
    for (const kind of ['xlsx', 'xls', 'ods'] as const) await expectWorkbookError(listSheets(text, kind), 'workbook-corrupt');
    // An XLS taken for an XLSX.
    await expectWorkbookError(listSheets(fixture('greek-ministry.xls'), 'xlsx'), 'workbook-corrupt');
    // An XLSB: a zip like an XLSX, its parts binary.
    const xlsb = path.join(inputs, 'binary.xlsb');
    await writeFile(xlsb, XLSX.write(XLSX.read(await readFile(fixture('greek-ministry.ods')), { type: 'buffer' }), { type: 'buffer', bookType: 'xlsb' }) as Buffer);
    const error = await expectWorkbookError(listSheets(xlsb, 'xlsx'), 'workbook-corrupt');
    expect(error.values.reason).toMatch(/XLSB/);
  });

  it('an XLS or ODS over 100 MB is workbook-too-large before it is read', async () => {
    const big = path.join(inputs, 'big.xls');
    await writeFile(big, '');
    await truncate(big, 101 * 1024 * 1024); // sparse: no disk used
    const error = await expectWorkbookError(listSheets(big, 'xls'), 'workbook-too-large');
    expect(error.values).toMatchObject({ size: 101 * 1024 * 1024, limit: 100 * 1024 * 1024 });
    await expectWorkbookError(sheetToCsv(big, 'ods', 'x', outFile()), 'workbook-too-large');
  });
});

describe('a larger sheet, streamed', () => {
  const ROWS = 20_500;
  let big: string;
  beforeAll(async () => {
    // Written with exceljs' streaming writer: every 1000th row left blank, and the data
    // starting at row 3 under a title in row 1.
    big = path.join(await tempDir('sprig-workbook-big-'), 'big.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: big, useSharedStrings: true, useStyles: true });
    const sheet = writer.addWorksheet('Δεδομένα');
    sheet.getRow(1).getCell(1).value = 'Τίτλος';
    sheet.getRow(1).commit();
    for (let r = 3; r <= ROWS; r++) {
      if (r % 1000 === 0) continue;
      const row = sheet.getRow(r);
      row.values = [`Χώρα ${r % 7}`, r, r / 4, new Date(Date.UTC(2020, 0, 1 + (r % 365)))];
      row.getCell(4).numFmt = 'dd/mm/yyyy';
      row.commit();
    }
    await sheet.commit();
    await writer.commit();
  }, 60_000);

  it('keeps line numbers equal to row numbers through blank rows', async () => {
    const target = outFile();
    const result = await sheetToCsv(big, 'xlsx', 'Δεδομένα', target);
    const lines = (await readFile(target, 'utf8')).split('\n');
    expect(result.rowsWritten).toBe(ROWS);
    expect(lines).toHaveLength(ROWS + 1); // the last line ends with "\n"
    expect(lines[0]).toBe('Τίτλος,,,');
    expect(lines[1]).toBe('');
    for (const r of [3, 999, 1001, 12_345, ROWS - 1]) {
      expect(lines[r - 1]!.split(',').slice(0, 3)).toEqual([`Χώρα ${r % 7}`, String(r), String(r / 4)]);
    }
    for (const r of [1000, 2000, 20_000]) expect(lines[r - 1]).toBe('');
    expect(lines[ROWS - 1]).toMatch(/^Χώρα /);
    expect(result.datesAsIso).toBe(ROWS - 2 - Math.floor(ROWS / 1000));
    expect(result.blankRows).toBe(1 + Math.floor(ROWS / 1000));
  });

  it('an abort in the middle stops it and leaves no file, temporary or final', async () => {
    const dir = await tempDir('sprig-workbook-abort-');
    const target = path.join(dir, 'out.csv');
    const controller = new AbortController();
    const seen: number[] = [];
    const run = sheetToCsv(big, 'xlsx', 'Δεδομένα', target, {
      signal: controller.signal,
      onProgress: (rows) => {
        seen.push(rows);
        controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen.length).toBe(1);
    expect(seen[0]).toBeLessThan(ROWS);
    expect(await readdir(dir)).toEqual([]);
  });

  it('an abort before it starts writes nothing', async () => {
    const dir = await tempDir('sprig-workbook-abort-');
    await expect(sheetToCsv(big, 'xlsx', 'Δεδομένα', path.join(dir, 'out.csv'), { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    await expect(listSheets(big, 'xlsx', AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('cached formula results of every type, a 1904 workbook and a hidden sheet', () => {
  let file: string;
  beforeAll(async () => {
    file = path.join(inputs, 'results-1904.xlsx');
    const book = new ExcelJS.Workbook();
    book.properties.date1904 = true;
    const hidden = book.addWorksheet('Κρυφό');
    hidden.state = 'hidden';
    hidden.getCell('A1').value = 'κρυφό';
    const sheet = book.addWorksheet('Αποτελέσματα');
    const formula = (value: ExcelJS.CellFormulaValue) => value;
    sheet.getCell('A1').value = new Date(Date.UTC(2023, 0, 31));
    sheet.getCell('B1').value = formula({ formula: 'A1+1', result: new Date(Date.UTC(2023, 1, 1)), date1904: true });
    sheet.getCell('C1').value = formula({ formula: 'A1>0', result: true, date1904: true });
    sheet.getCell('D1').value = formula({ formula: '"α"&"β"', result: 'αβ', date1904: true });
    sheet.getCell('E1').value = formula({ formula: 'NA()', result: { error: '#N/A' }, date1904: true });
    sheet.getCell('F1').value = formula({ formula: 'A1*2', date1904: true }); // never calculated: no cached value
    for (const cell of ['A1', 'B1']) sheet.getCell(cell).numFmt = 'dd.mm.yyyy';
    await book.xlsx.writeFile(file);
  });

  it('lists the hidden sheet as hidden', async () => {
    expect(await listSheets(file, 'xlsx')).toEqual([
      { name: 'Κρυφό', rowCount: 1, columnCount: 1, hidden: true },
      { name: 'Αποτελέσματα', rowCount: 1, columnCount: 6 },
    ]);
  });

  it('writes dates counted from 1904, booleans, text and errors as Excel shows them; a formula never calculated is empty and counted', async () => {
    const target = outFile();
    const result = await sheetToCsv(file, 'xlsx', 'Αποτελέσματα', target);
    expect(await readFile(target, 'utf8')).toBe('2023-01-31,2023-02-01,TRUE,αβ,#N/A\n');
    expect(result).toEqual({
      rowsWritten: 1,
      columns: 5,
      formulas: 5,
      mergedTitleRows: [],
      datesAsIso: 2,
      errors: 1,
      formulasWithoutValue: 1,
      blankRows: 0,
    });
  });
});

describe('the cell rules', () => {
  it('Excel serial days as ISO dates, date-times and times (1900 and 1904 systems)', () => {
    expect(serialToIso(1, 'd/m/yyyy')).toBe('1900-01-01');
    expect(serialToIso(59, 'd/m/yyyy')).toBe('1900-02-28');
    expect(serialToIso(61, 'd/m/yyyy')).toBe('1900-03-01');
    expect(serialToIso(45000, 'dd.mm.yyyy')).toBe('2023-03-15');
    expect(serialToIso(45000.5, 'dd.mm.yyyy')).toBe('2023-03-15T12:00:00');
    expect(serialToIso(45000, 'yyyy-mm-dd hh:mm')).toBe('2023-03-15T00:00:00');
    expect(serialToIso(0.25, 'hh:mm')).toBe('06:00:00');
    expect(serialToIso(45000 + 1 / 86400 / 3, 'd/m/yyyy')).toBe('2023-03-15'); // a third of a second rounds away
    expect(serialToIso(0, 'd/m/yyyy', true)).toBe('1904-01-01');
  });

  it('date formats, and formats that only look like them', () => {
    for (const f of ['dd.mm.yyyy', 'm/d/yy', 'yyyy-mm-dd hh:mm:ss', 'hh:mm', '[h]:mm:ss', '[$-408]d mmmm yyyy', 'mmm-yy']) expect(isDateFormat(f), f).toBe(true);
    for (const f of [undefined, 'General', '@', '0.00', '#,##0 "days"', '[Red]0.0%', '0.00E+00', '[$€-2] #,##0.00']) expect(isDateFormat(f), String(f)).toBe(false);
  });

  it('numbers to 15 significant digits, CSV quoting as RFC 4180 asks', () => {
    expect(numberText(0.1 + 0.2)).toBe('0.3');
    expect(numberText(-0)).toBe('0');
    expect(numberText(1234567890123)).toBe('1234567890123');
    expect(numberText(2.5e-7)).toBe('2.5e-7');
    expect(csvCell('Ελλάδα')).toBe('Ελλάδα');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvCell(' padded')).toBe('" padded"');
  });
});

describe('an XLSX from another producer', () => {
  it('written by @e965/xlsx (the sheet stored before the workbook part and the shared strings): the same CSV', async () => {
    const book = XLSX.read(await readFile(fixture('greek-ministry.ods')), { type: 'buffer', cellFormula: true, cellNF: true });
    for (const bookSST of [true, false]) {
      const file = path.join(inputs, `sheetjs-${bookSST}.xlsx`);
      await writeFile(file, XLSX.write(book, { type: 'buffer', bookType: 'xlsx', bookSST }) as Buffer);
      const order = XLSX.CFB.read(await readFile(file), { type: 'buffer' }).FullPaths.map((p: string) => p.replace(/^Root Entry\//, ''));
      expect(order.indexOf('xl/worksheets/sheet1.xml')).toBeLessThan(order.indexOf('xl/workbook.xml'));
      const target = outFile();
      const result = await sheetToCsv(file, 'xlsx', SHEET, target);
      expect(await readFile(target, 'utf8')).toBe(MINISTRY_CSV);
      expect(result).toMatchObject({ formulas: 8, datesAsIso: 5, errors: 1, mergedTitleRows: [TITLE] });
    }
  });
});

describe('shared formulas', () => {
  it('as Excel writes a column filled down (one formula text, the rest pointing at it): each cell counted with its cached value', async () => {
    const zip = XLSX.CFB.read(await readFile(fixture('greek-ministry.xlsx')), { type: 'buffer' });
    const sheet = zip.FileIndex[zip.FullPaths.findIndex((p: string) => p.endsWith('/xl/worksheets/sheet1.xml'))]!;
    const xml = Buffer.from(sheet.content as Uint8Array).toString('utf8');
    const shared = xml
      .replace('<f>ROUND(E3/D3*100,1)</f>', '<f t="shared" ref="F3:F5" si="0">ROUND(E3/D3*100,1)</f>')
      .replace('<f>ROUND(E4/D4*100,1)</f>', '<f t="shared" si="0"/>')
      .replace('<f>ROUND(E5/D5*100,1)</f>', '<f t="shared" si="0"></f>');
    expect(shared.match(/t="shared"/g)).toHaveLength(3);
    sheet.content = Buffer.from(shared, 'utf8');
    const file = path.join(inputs, 'shared-formulas.xlsx');
    await writeFile(file, XLSX.CFB.write(zip, { type: 'buffer', fileType: 'zip' }) as Buffer);
    const target = outFile();
    expect(await sheetToCsv(file, 'xlsx', SHEET, target)).toMatchObject({ formulas: 8, formulasWithoutValue: 0 });
    expect(await readFile(target, 'utf8')).toBe(MINISTRY_CSV);
  });
});

describe('merged ranges', () => {
  it('keep only the top-left value, even where the file stores values under the merge, and a merge down a whole column costs nothing', async () => {
    const sheet: XLSX.WorkSheet = {
      A1: { t: 's', v: 'Τίτλος' },
      B1: { t: 's', v: 'κρυφό' }, // under the title's merge
      A2: { t: 's', v: 'α' },
      B2: { t: 's', v: 'β' },
      C2: { t: 's', v: 'γ' },
      A3: { t: 'n', v: 1 },
      B3: { t: 'n', v: 2 },
      C3: { t: 's', v: 'όλη η στήλη' },
      A4: { t: 'n', v: 3 },
      B4: { t: 'n', v: 4 },
      C4: { t: 's', v: 'κρυφό' }, // under the column's merge
      '!ref': 'A1:C4',
      '!merges': [XLSX.utils.decode_range('A1:C1'), XLSX.utils.decode_range('C3:C1048576')],
    };
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'Συγχωνεύσεις');
    for (const kind of ['xlsx', 'xls', 'ods'] as const) {
      const file = path.join(inputs, `merges.${kind}`);
      // The XLSX and XLS writers store B1 and C4 under their merges; the ODS writer leaves them out.
      await writeFile(file, XLSX.write(book, { type: 'buffer', bookType: kind }) as Buffer);
      const target = outFile();
      const result = await sheetToCsv(file, kind, 'Συγχωνεύσεις', target);
      expect(await readFile(target, 'utf8'), kind).toBe('Τίτλος,,\nα,β,γ\n1,2,όλη η στήλη\n3,4,\n');
      expect(result.mergedTitleRows, kind).toEqual([{ row: 1, text: 'Τίτλος' }]);
    }
  });
});
