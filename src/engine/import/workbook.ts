import { open, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { WorkbookError, writeSheetCsv, type ConvertOptions, type SheetConversion } from './workbook-csv.ts';
import { readBook, sheetRows, sheetSize } from './workbook-sheetjs.ts';
import { openXlsx, xlsxSheetRows, xlsxSheetSize, type XlsxBook } from './workbook-xlsx.ts';

/**
 * Excel and OpenDocument workbooks for the import: the sheets a workbook has, and one sheet
 * as UTF-8 CSV whose line n is the sheet's row n. XLSX streams through exceljs (a sheet of
 * any length in little memory); XLS and ODS go through @e965/xlsx, which reads the whole
 * file, so those are refused above `SHEETJS_LIMIT_BYTES`. Password-protected workbooks are
 * recognised before any parser sees them.
 */

export { WorkbookError, type SheetConversion } from './workbook-csv.ts';

export type WorkbookKind = 'xlsx' | 'xls' | 'ods';

export interface SheetInfo {
  name: string;
  /** The last row of the sheet (from its recorded dimensions for XLSX); null when the file does not say. */
  rowCount: number | null;
  columnCount: number | null;
  /** A sheet hidden in the workbook: listed, but not the one to offer first. */
  hidden?: boolean;
}

/** XLS and ODS are parsed whole in memory: refused (`workbook-too-large`) above this size. */
export const SHEETJS_LIMIT_BYTES = 100 * 1024 * 1024;

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_MAGIC = Buffer.from('PK\x03\x04', 'latin1');

export async function listSheets(file: string, kind: WorkbookKind, signal?: AbortSignal): Promise<SheetInfo[]> {
  signal?.throwIfAborted();
  let sheets: SheetInfo[];
  if (kind === 'xlsx') {
    sheets = await withXlsx(file, async (book) => {
      const found: SheetInfo[] = [];
      for (const sheet of book.sheets) {
        signal?.throwIfAborted();
        found.push({ name: sheet.name, ...(await xlsxSheetSize(book, sheet)), ...(sheet.hidden ? { hidden: true } : {}) });
      }
      return found;
    });
  } else {
    const book = await readWithSheetjs(file, kind);
    sheets = book.SheetNames.map((name) => {
      const hidden = (book.Workbook?.Sheets ?? []).find((s) => s.name === name)?.Hidden;
      return { name, ...sheetSize(book.Sheets[name]), ...(hidden ? { hidden: true } : {}) };
    });
  }
  signal?.throwIfAborted();
  if (sheets.length === 0) throw new WorkbookError('workbook-empty', { file: path.basename(file) }, 'The workbook has no sheets.');
  if (sheets.every((s) => s.rowCount === 0)) throw new WorkbookError('workbook-empty', { file: path.basename(file) }, 'Every sheet of the workbook is empty.');
  return sheets;
}

/**
 * Writes the sheet as UTF-8 CSV (RFC 4180 quoting, comma, "\n"), streaming: dates as ISO
 * yyyy-mm-dd (date-times yyyy-mm-ddTHH:MM:SS), formulas as their cached values, merged
 * cells' value only in the top-left cell, numbers to Excel's 15 significant digits, errors
 * as their text. Row n of the CSV is row n of the sheet (1-based): blank rows are empty
 * lines, trailing blank rows are left out, and every other line has `columns` cells. The
 * CSV is written beside `outFile` and renamed into place; on an error or an abort nothing
 * is left behind.
 */
export async function sheetToCsv(file: string, kind: WorkbookKind, sheet: string, outFile: string, options: ConvertOptions = {}): Promise<SheetConversion> {
  const { signal } = options;
  signal?.throwIfAborted();
  if (kind === 'xlsx') {
    return withXlsx(file, async (book) => {
      const found = findSheet(book.sheets.map((s) => s.name), sheet);
      const target = book.sheets.find((s) => s.name === found)!;
      const { rows, merges, width } = await xlsxSheetRows(book, target, signal);
      return writeSheetCsv(rows, { merges, width, sheet: found }, outFile, options);
    });
  }
  const book = await readWithSheetjs(file, kind);
  const found = findSheet(book.SheetNames, sheet);
  signal?.throwIfAborted();
  const { rows, merges, width } = sheetRows(book, found);
  return writeSheetCsv(rows, { merges, width, sheet: found }, outFile, options);
}

/** The sheet by its exact name, else by its name in Unicode's composed form (NFC). */
function findSheet(names: string[], wanted: string): string {
  const exact = names.find((n) => n === wanted) ?? names.find((n) => n.normalize('NFC') === wanted.normalize('NFC'));
  if (exact !== undefined) return exact;
  throw new WorkbookError(
    'sheet-not-found',
    { sheet: wanted, sheets: names.join(', '), count: names.length },
    `The workbook has no sheet named "${wanted}"; its sheets are ${names.map((n) => `"${n}"`).join(', ')}.`,
  );
}

async function withXlsx<T>(file: string, use: (book: XlsxBook) => Promise<T>): Promise<T> {
  const handle = await open(file, 'r');
  try {
    const magic = await head(handle, 8);
    if (magic.equals(CFB_MAGIC)) {
      await refuseEncrypted(handle, file);
      throw new WorkbookError('workbook-corrupt', { file: path.basename(file), reason: 'an OLE compound file, not an XLSX' }, 'The file is an OLE compound file (an .xls?), not an XLSX workbook.');
    }
    if (!magic.subarray(0, 4).equals(ZIP_MAGIC)) {
      throw new WorkbookError('workbook-corrupt', { file: path.basename(file), reason: 'not a zip archive' }, 'The file is not an XLSX workbook (no zip archive).');
    }
    return await use(await openXlsx(handle, path.basename(file)));
  } finally {
    await handle.close();
  }
}

async function readWithSheetjs(file: string, kind: 'xls' | 'ods') {
  const { size } = await stat(file);
  if (size > SHEETJS_LIMIT_BYTES) {
    throw new WorkbookError(
      'workbook-too-large',
      { file: path.basename(file), size, limit: SHEETJS_LIMIT_BYTES },
      `The workbook is ${Math.round(size / 1024 / 1024)} MB; Sprig reads ${kind.toUpperCase()} files up to ${SHEETJS_LIMIT_BYTES / 1024 / 1024} MB (save it as XLSX or CSV).`,
    );
  }
  const handle = await open(file, 'r');
  let bytes: Buffer;
  try {
    const magic = await head(handle, 8);
    if (magic.equals(CFB_MAGIC)) await refuseEncrypted(handle, file);
    const isBiff = magic.length >= 4 && magic[1] === 0x08 && [0x00, 0x02, 0x04, 0x08].includes(magic[0]!) ;
    const expected = kind === 'xls' ? magic.equals(CFB_MAGIC) || isBiff : magic.subarray(0, 4).equals(ZIP_MAGIC);
    if (!expected) {
      throw new WorkbookError('workbook-corrupt', { file: path.basename(file), reason: `not an ${kind.toUpperCase()} file` }, `The file is not an ${kind.toUpperCase()} workbook.`);
    }
    bytes = await handle.readFile();
  } finally {
    await handle.close();
  }
  try {
    return readBook(bytes);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/password|encrypt/i.test(message)) {
      throw new WorkbookError('workbook-encrypted', { file: path.basename(file) }, 'The workbook is protected by a password; save it without one, or as CSV.', { cause: error });
    }
    throw new WorkbookError('workbook-corrupt', { file: path.basename(file), reason: message }, `The workbook cannot be read: ${message}.`, { cause: error });
  }
}

async function head(handle: FileHandle, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, 0);
  return buffer.subarray(0, bytesRead);
}

/**
 * A password-protected OOXML workbook is an OLE compound file holding the streams
 * `EncryptionInfo` and `EncryptedPackage` ([MS-OFFCRYPTO] 2.3.4). Directory entries sit at
 * multiples of 128 bytes and begin with their UTF-16LE name, so the names are looked for
 * there, reading the file in chunks (it may be large) without parsing it.
 */
async function refuseEncrypted(handle: FileHandle, file: string): Promise<void> {
  const names = ['EncryptionInfo', 'EncryptedPackage'].map((n) => Buffer.from(n, 'utf16le'));
  const chunkSize = 1024 * 1024;
  const buffer = Buffer.alloc(chunkSize);
  for (let position = 0; ; position += chunkSize) {
    const { bytesRead } = await handle.read(buffer, 0, chunkSize, position);
    if (bytesRead === 0) return;
    const chunk = buffer.subarray(0, bytesRead);
    for (const name of names) {
      for (let at = chunk.indexOf(name); at !== -1; at = chunk.indexOf(name, at + 1)) {
        // The name fills the entry's name field: 64 bytes, zero-padded, its length in bytes at 64.
        if ((position + at) % 128 === 0 && at + 66 <= bytesRead && chunk.readUInt16LE(at + 64) === name.length + 2) {
          throw new WorkbookError('workbook-encrypted', { file: path.basename(file) }, 'The workbook is protected by a password; save it without one, or as CSV.');
        }
      }
    }
    if (bytesRead < chunkSize) return;
  }
}
