import * as XLSX from '@e965/xlsx';
import { isDateFormat, numberText, serialToIso, type MergedRange, type SheetCell, type SheetRow } from './workbook-csv.ts';

/**
 * XLS (BIFF) and ODS through @e965/xlsx, a maintained fork of SheetJS (the `xlsx` package
 * on npm carries unfixed CVEs). It parses the whole workbook in memory, so the caller
 * checks the file's size first.
 */

const ERRORS: Record<number, string> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
};

export function readBook(bytes: Buffer, namesOnly = false): XLSX.WorkBook {
  return XLSX.read(bytes, {
    type: 'buffer',
    dense: true,
    cellFormula: true,
    cellNF: true,
    cellDates: false,
    cellHTML: false,
    cellStyles: false,
    sheetStubs: false,
    bookSheets: namesOnly,
    WTF: false,
  });
}

export function sheetSize(sheet: XLSX.WorkSheet | undefined): { rowCount: number; columnCount: number } {
  const ref = sheet?.['!ref'];
  if (!ref) return { rowCount: 0, columnCount: 0 };
  const range = XLSX.utils.decode_range(ref);
  const data = (sheet as { '!data'?: unknown[][] })['!data'];
  if (Array.isArray(data) && !data.some((row) => Array.isArray(row) && row.some((c) => c !== undefined && c !== null))) return { rowCount: 0, columnCount: 0 };
  return { rowCount: range.e.r + 1, columnCount: range.e.c + 1 };
}

function cellOf(cell: XLSX.CellObject, date1904: boolean): SheetCell | undefined {
  const formula = typeof cell.f === 'string' && cell.f.length > 0;
  switch (cell.t) {
    case 's':
      return { text: String(cell.v ?? ''), kind: 'value', formula };
    case 'n': {
      const v = cell.v as number;
      if (typeof v !== 'number' || Number.isNaN(v)) return formula ? { text: '', kind: 'value', formula, noCachedValue: true } : undefined;
      const format = typeof cell.z === 'string' ? cell.z : undefined;
      if (isDateFormat(format)) return { text: serialToIso(v, format, date1904), kind: 'date', formula };
      return { text: numberText(v), kind: 'value', formula };
    }
    case 'b':
      return { text: cell.v ? 'TRUE' : 'FALSE', kind: 'value', formula };
    case 'e':
      return { text: cell.w ?? ERRORS[cell.v as number] ?? '#ERROR', kind: 'error', formula };
    case 'd': {
      const v = cell.v;
      const date = v instanceof Date ? v : new Date(String(v));
      if (Number.isNaN(date.getTime())) return { text: String(v), kind: 'value', formula };
      const format = typeof cell.z === 'string' ? cell.z : undefined;
      return { text: serialToIso(date.getTime() / 86_400_000 + 25569, format, false), kind: 'date', formula };
    }
    case 'z':
    default:
      return formula ? { text: '', kind: 'value', formula, noCachedValue: true } : undefined;
  }
}

export function sheetRows(book: XLSX.WorkBook, name: string): { merges: MergedRange[]; width: number; rows: SheetRow[] } {
  const sheet = book.Sheets[name];
  const merges: MergedRange[] = (sheet?.['!merges'] ?? []).map((m) => ({ r1: m.s.r + 1, c1: m.s.c + 1, r2: m.e.r + 1, c2: m.e.c + 1 }));
  const data = ((sheet as { '!data'?: (XLSX.CellObject | undefined)[][] } | undefined)?.['!data'] ?? []) as (XLSX.CellObject | undefined)[][];
  const date1904 = Boolean(book.Workbook?.WBProps?.date1904);
  const rows: SheetRow[] = [];
  let width = 0;
  for (let r = 0; r < data.length; r++) {
    const source = data[r];
    if (!source) continue;
    const cells: (SheetCell | undefined)[] = [];
    for (let c = 0; c < source.length; c++) {
      const cell = source[c];
      if (!cell) continue;
      const converted = cellOf(cell, date1904);
      if (converted) {
        cells[c] = converted;
        if (converted.text !== '' && c + 1 > width) width = c + 1;
      }
    }
    rows.push({ row: r + 1, cells });
  }
  return { merges, width, rows };
}
