import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * What both workbook readers (exceljs for XLSX, @e965/xlsx for XLS and ODS) hand on, and
 * the one CSV writer they share, so the rules for the CSV are written once: UTF-8, comma,
 * "\n" line endings, a cell quoted when it holds a comma, a quote, a line break or
 * leading/trailing white space; line n is sheet row n.
 */

export type WorkbookErrorCode = 'workbook-corrupt' | 'workbook-encrypted' | 'workbook-empty' | 'sheet-not-found' | 'workbook-too-large';

/** A workbook Sprig cannot convert, with a stable code for the message and the values it names. */
export class WorkbookError extends Error {
  code: WorkbookErrorCode;
  values: Record<string, string | number>;
  constructor(code: WorkbookErrorCode, values: Record<string, string | number>, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WorkbookError';
    this.code = code;
    this.values = values;
  }
}

/** One cell as the CSV shows it, with what it was (for the counts). */
export interface SheetCell {
  text: string;
  kind: 'value' | 'date' | 'error';
  formula: boolean;
  /** A formula whose file holds no cached value: written empty. */
  noCachedValue?: boolean;
}

/** One row of the sheet: `cells[0]` is column A; rows may be missing (blank) but come in order. */
export interface SheetRow {
  row: number;
  cells: (SheetCell | undefined)[];
}

/** A merged range, 1-based and inclusive. */
export interface MergedRange {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

export interface SheetConversion {
  /** Lines written: the sheet row of the last row with a value (blank rows in between count). */
  rowsWritten: number;
  /** Cells per line: the last column holding a value anywhere in the sheet. */
  columns: number;
  /** Formula cells, written as their cached values. */
  formulas: number;
  /** Merged ranges above the header that span columns and hold one text: titles, not data. */
  mergedTitleRows: { row: number; text: string }[];
  /** Cells typed as dates (or date-times, or times) written as ISO 8601. */
  datesAsIso: number;
  /** Cells holding an error value (`#DIV/0!`), written as the error's text. */
  errors?: number;
  /** Formulas with no cached value in the file (never calculated): written empty. */
  formulasWithoutValue?: number;
  /** Blank lines among `rowsWritten` (blank sheet rows kept so line numbers match). */
  blankRows?: number;
}

export interface ConvertOptions {
  signal?: AbortSignal;
  onProgress?: (rowsDone: number) => void;
}

export function csvCell(text: string): string {
  return /[",\n\r]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Excel keeps 15 significant digits: 0.1 + 0.2 is shown and written as 0.3. */
export function numberText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const rounded = Number(value.toPrecision(15));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/**
 * A date number format: anything with y, m, d, h or s outside quoted text and brackets
 * (`[Red]`, `[$-409]`; elapsed-time brackets `[h]` count). The rule exceljs and SheetJS
 * use, written here once for both.
 */
export function isDateFormat(format: string | undefined): boolean {
  if (!format || format === 'General' || format === '@') return false;
  return /[ymdhs]/i.test(bareFormat(format));
}

/** The format without quoted text, escaped characters and brackets (elapsed-time brackets kept as an hour). */
function bareFormat(format: string): string {
  return format
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(h+|m+|s+)\]/gi, 'h')
    .replace(/\[[^\]]*\]/g, '');
}

function formatHasTime(format: string | undefined): boolean {
  return format ? /[hs]/i.test(bareFormat(format)) : false;
}

function formatHasDate(format: string | undefined): boolean {
  if (!format) return true;
  const bare = bareFormat(format);
  // "m" alone is a month only where no hour or second sits beside it.
  return /[yd]/i.test(bare) || (/m/i.test(bare) && !/[hs]/i.test(bare));
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * An Excel serial day number as ISO 8601: yyyy-mm-dd, yyyy-mm-ddTHH:MM:SS when it has a
 * time of day (or its format shows one), HH:MM:SS for a time alone. Serials count from
 * 1899-12-30 (1904-01-01 in 1904 workbooks); serials before 1 March 1900 take Excel's
 * phantom 29 February 1900 into account. Rounded to the second.
 */
export function serialToIso(serial: number, format: string | undefined, date1904 = false): string {
  let days = serial + (date1904 ? 1462 : 0);
  if (!date1904 && days < 61 && days >= 1) days += 1; // 1900-01-01 is serial 1, 1900-03-01 serial 61
  const ms = Math.round((days - 25569) * 86_400) * 1000;
  const date = new Date(ms);
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  if (!formatHasDate(format) && serial < 1 && serial >= 0) return time;
  const year = date.getUTCFullYear();
  const day = `${year < 0 ? '-' : ''}${pad(Math.abs(year), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const hasTime = formatHasTime(format) || ms % 86_400_000 !== 0;
  return hasTime ? `${day}T${time}` : day;
}

/** A JavaScript Date that stands for a wall-clock date and time in UTC (as both readers make them). */
export function dateToIso(date: Date, format: string | undefined): string {
  const ms = Math.round(date.getTime() / 1000) * 1000;
  // Back to the serial so both readers share one rule (the 1900 leap-year bug included).
  return serialToIso(ms / 86_400_000 + 25569, format);
}

/** Excel's `_xHHHH_` escapes in strings (a carriage return is stored as `_x000D_`). */
export function unescapeOoxml(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

const FLUSH_BYTES = 16 * 1024;
const PROGRESS_ROWS = 5000;

/**
 * Writes `rows` as CSV to a temporary file beside `outFile` and renames it into place;
 * on an error or an abort the temporary file is removed and nothing is left behind.
 * Merged cells keep their value in the top-left cell only; a row with no value is an
 * empty line; trailing blank rows are not written; non-blank lines have `width` cells.
 */
export async function writeSheetCsv(
  rows: AsyncIterable<SheetRow> | Iterable<SheetRow>,
  layout: { merges: MergedRange[]; width: number; sheet: string },
  outFile: string,
  options: ConvertOptions = {},
): Promise<SheetConversion> {
  const { signal, onProgress } = options;
  signal?.throwIfAborted();
  const temp = path.join(path.dirname(outFile), `.${path.basename(outFile)}.${process.pid}-${randomBytes(6).toString('hex')}.partial`);
  const handle = await open(temp, 'wx');
  let closed = false;
  try {
    const merged = new MergeSweep(layout.merges);
    const titleMerges = new Map<string, MergedRange>();
    for (const m of layout.merges) if (m.c2 > m.c1) titleMerges.set(`${m.r1}:${m.c1}`, m);

    const counts = { formulas: 0, datesAsIso: 0, errors: 0, formulasWithoutValue: 0, blankRows: 0 };
    const mergedTitleRows: { row: number; text: string }[] = [];
    let headerSeen = false;
    let width = layout.width;
    let written = 0; // lines written, including blank ones
    let buffer = '';
    const flush = async () => {
      if (buffer.length === 0) return;
      const bytes = Buffer.from(buffer, 'utf8');
      buffer = '';
      let offset = 0;
      while (offset < bytes.length) offset += (await handle.write(bytes, offset)).bytesWritten;
    };

    let lastProgress = 0;
    for await (const { row, cells } of rows) {
      if (signal?.aborted) signal.throwIfAborted();
      const hiddenCols = merged.hiddenIn(row);
      let last = 0;
      let filled = 0;
      let only: SheetCell | undefined;
      let onlyCol = 0;
      for (let i = 0; i < cells.length; i++) {
        const cell = cells[i];
        if (cell === undefined) continue;
        if (hiddenCols.length > 0 && isHidden(hiddenCols, i + 1)) {
          cells[i] = undefined;
          continue;
        }
        if (cell.formula) {
          counts.formulas++;
          if (cell.noCachedValue) counts.formulasWithoutValue++;
        }
        if (cell.text === '') {
          cells[i] = undefined;
          continue;
        }
        if (cell.kind === 'date') counts.datesAsIso++;
        else if (cell.kind === 'error') counts.errors++;
        last = i + 1;
        filled++;
        only = cell;
        onlyCol = i + 1;
      }
      if (!(row > written)) throw new WorkbookError('workbook-corrupt', { sheet: layout.sheet, row }, `Row ${row} of "${layout.sheet}" comes after row ${written}.`);
      // A blank row is written (as an empty line) only once a row with a value follows it.
      if (filled === 0) continue;
      if (!headerSeen) {
        if (filled >= 2) headerSeen = true;
        else if (only && titleMerges.has(`${row}:${onlyCol}`)) mergedTitleRows.push({ row, text: only.text });
      }
      if (last > width) width = last;
      const blank = row - 1 - written;
      if (blank > 0) {
        buffer += '\n'.repeat(blank);
        counts.blankRows += blank;
      }
      let line = '';
      for (let i = 0; i < width; i++) {
        if (i > 0) line += ',';
        const cell = cells[i];
        if (cell !== undefined) line += csvCell(cell.text);
      }
      buffer += `${line}\n`;
      written = row;
      if (buffer.length >= FLUSH_BYTES) await flush();
      if (onProgress && row - lastProgress >= PROGRESS_ROWS) {
        lastProgress = row;
        onProgress(row);
      }
    }
    if (written === 0) throw new WorkbookError('workbook-empty', { sheet: layout.sheet }, `The sheet "${layout.sheet}" has no values.`);
    signal?.throwIfAborted();
    await flush();
    await handle.sync();
    await handle.close();
    closed = true;
    await rename(temp, outFile);
    onProgress?.(written);
    return {
      rowsWritten: written,
      columns: width,
      formulas: counts.formulas,
      mergedTitleRows,
      datesAsIso: counts.datesAsIso,
      errors: counts.errors,
      formulasWithoutValue: counts.formulasWithoutValue,
      blankRows: counts.blankRows,
    };
  } catch (error) {
    if (!closed) await handle.close().catch(() => {});
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * The column ranges, row by row, that merged ranges cover but whose value is not theirs
 * (all of a merge but its top-left cell). Rows are asked for in increasing order, so the
 * merges are swept once: a merge over a whole column costs no more than a small one.
 */
class MergeSweep {
  private readonly pending: MergedRange[];
  private next = 0;
  private active: MergedRange[] = [];
  constructor(merges: MergedRange[]) {
    this.pending = [...merges].sort((a, b) => a.r1 - b.r1);
  }
  hiddenIn(row: number): [number, number][] {
    while (this.next < this.pending.length && this.pending[this.next]!.r1 <= row) this.active.push(this.pending[this.next++]!);
    if (this.active.length === 0) return [];
    this.active = this.active.filter((m) => m.r2 >= row);
    const ranges: [number, number][] = [];
    for (const m of this.active) {
      const from = row === m.r1 ? m.c1 + 1 : m.c1;
      if (from <= m.c2) ranges.push([from, m.c2]);
    }
    return ranges;
  }
}

function isHidden(ranges: [number, number][], col: number): boolean {
  for (const [from, to] of ranges) if (col >= from && col <= to) return true;
  return false;
}

/** "A1:F3" (or "A1") as 1-based rows and columns; null when it is not a cell range. */
export function parseRange(ref: string): MergedRange | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(ref.trim());
  if (!m) return null;
  const c1 = columnNumber(m[1]!);
  const r1 = Number(m[2]);
  const c2 = m[3] ? columnNumber(m[3]) : c1;
  const r2 = m[4] ? Number(m[4]) : r1;
  return { r1: Math.min(r1, r2), c1: Math.min(c1, c2), r2: Math.max(r1, r2), c2: Math.max(c1, c2) };
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
