import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import {
  columnNumber,
  dateToIso,
  isDateFormat,
  numberText,
  parseRange,
  serialToIso,
  unescapeOoxml,
  WorkbookError,
  type MergedRange,
  type SheetCell,
  type SheetRow,
} from './workbook-csv.ts';
import { corrupt, partHead, partStream, partText, readZipDirectory, rezip, type ZipPart } from './workbook-zip.ts';

/**
 * XLSX through exceljs' streaming reader, so a large sheet is never held in memory. Sprig
 * reads the zip's directory itself first: it finds the sheet by name (workbook.xml and its
 * relationships), scans the sheet's XML once for what arrives too late in it for a
 * streaming writer (merged ranges, stored after the rows; the last column with a value,
 * so every line has the same cell count) and for the few cached formula results exceljs
 * cannot type (errors, booleans), and checks its CRC (and that of every part it reads itself). Then exceljs gets a zip
 * stream of only the parts it needs, styles and shared strings before the sheet, so it
 * never buffers a sheet to a temporary file and always knows which numbers are dates.
 */

export interface XlsxSheet {
  name: string;
  hidden: boolean;
  part: ZipPart;
}

export interface XlsxBook {
  handle: FileHandle;
  file: string;
  sheets: XlsxSheet[];
  workbookXml: string;
  relsXml: string;
  styles?: ZipPart;
  sharedStrings?: ZipPart;
  date1904: boolean;
}

export function decodeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, entity: string) => {
    const e = entity.toLowerCase();
    if (e === 'amp') return '&';
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const code = e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) found.set(m[1]!, decodeXml(m[2] ?? m[3] ?? ''));
  return found;
}

/** Elements named `local` in any namespace prefix, as their attribute maps. */
function elements(xml: string, local: string): Map<string, string>[] {
  const re = new RegExp(`<(?:[\\w.-]+:)?${local}\\s([^>]*?)/?>`, 'g');
  return [...xml.matchAll(re)].map((m) => attributes(m[1]!));
}

function relationships(xml: string, base: string): Map<string, { target: string; type: string }> {
  const rels = new Map<string, { target: string; type: string }>();
  for (const rel of elements(xml, 'Relationship')) {
    const id = rel.get('Id');
    const target = rel.get('Target');
    if (!id || !target || rel.get('TargetMode') === 'External') continue;
    const resolved = target.startsWith('/') ? target.slice(1) : path.posix.normalize(path.posix.join(base, target));
    rels.set(id, { target: resolved.toLowerCase(), type: rel.get('Type') ?? '' });
  }
  return rels;
}

export async function openXlsx(handle: FileHandle, file: string): Promise<XlsxBook> {
  const parts = await readZipDirectory(handle, file);
  // The workbook part is named by the package relationships (normally xl/workbook.xml).
  let workbookName = 'xl/workbook.xml';
  const rootRels = parts.get('_rels/.rels');
  if (rootRels) {
    for (const rel of relationships(await partText(handle, rootRels, file), '')) {
      if (/\/officeDocument$/.test(rel[1].type)) workbookName = rel[1].target;
    }
  }
  if (workbookName.endsWith('.bin') || parts.has('xl/workbook.bin')) {
    throw corrupt(file, 'it is an XLSB (binary) workbook, which Sprig does not read; save it as XLSX');
  }
  const workbookPart = parts.get(workbookName);
  if (!workbookPart) throw corrupt(file, 'it has no workbook part (is it an XLSX file?)');
  const workbookXml = await partText(handle, workbookPart, file);
  const base = path.posix.dirname(workbookName);
  const relsName = `${base}/_rels/${path.posix.basename(workbookName)}.rels`;
  const relsPart = parts.get(relsName);
  const relsXml = relsPart ? await partText(handle, relsPart, file) : '<Relationships/>';
  const rels = relationships(relsXml, base);
  const byType = (suffix: string) => [...rels.values()].find((r) => r.type.endsWith(suffix));
  const stylesRel = byType('/styles');
  const sharedRel = byType('/sharedStrings');

  const sheets: XlsxSheet[] = [];
  for (const sheet of elements(workbookXml, 'sheet')) {
    const name = sheet.get('name');
    const rid = [...sheet].find(([key]) => /(^|:)id$/.test(key) && key !== 'sheetId')?.[1];
    const rel = rid === undefined ? undefined : rels.get(rid);
    // Chart sheets and dialog sheets hold no cells: not offered.
    if (!name || !rel || !/\/worksheet$/.test(rel.type)) continue;
    const part = parts.get(rel.target);
    if (!part) throw corrupt(file, `the sheet "${name}" has no part in the archive`);
    const state = sheet.get('state');
    sheets.push({ name, hidden: state === 'hidden' || state === 'veryHidden', part });
  }
  const workbookPr = elements(workbookXml, 'workbookPr')[0];
  const date1904 = ['1', 'true'].includes(workbookPr?.get('date1904') ?? '');
  return {
    handle,
    file,
    sheets,
    workbookXml,
    relsXml,
    styles: stylesRel && parts.get(stylesRel.target),
    sharedStrings: sharedRel && parts.get(sharedRel.target),
    date1904,
  };
}

/** A sheet's size from its `<dimension>` (read from the first bytes of its XML only); 0 × 0 when its sheet data is empty. */
export async function xlsxSheetSize(book: XlsxBook, sheet: XlsxSheet): Promise<{ rowCount: number | null; columnCount: number | null }> {
  const head = await partHead(book.handle, sheet.part, book.file, 256 * 1024);
  if (/<(?:[\w.-]+:)?sheetData\s*\/>|<(?:[\w.-]+:)?sheetData>\s*<\/(?:[\w.-]+:)?sheetData>/.test(head)) return { rowCount: 0, columnCount: 0 };
  const ref = elements(head, 'dimension')[0]?.get('ref');
  const range = ref ? parseRange(ref) : null;
  return range ? { rowCount: range.r2, columnCount: range.c2 } : { rowCount: null, columnCount: null };
}

type Override = { kind: 'error' | 'bool' | 'isodate'; text: string };

interface SheetScan {
  merges: MergedRange[];
  /** The last column with a value in any row; null when some cell has no address. */
  width: number | null;
  overrides: Map<string, Override>;
}

const CELL = /<c\s([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
const MERGE = /<mergeCell\b[^>]*?\bref="([^"]+)"/g;

/** One pass over the sheet's XML (inflated, CRC checked), as Latin-1 text: its markup is ASCII. */
async function scanSheet(book: XlsxBook, sheet: XlsxSheet, signal?: AbortSignal): Promise<SheetScan> {
  const merges: MergedRange[] = [];
  const overrides = new Map<string, Override>();
  let width = 0;
  let unaddressed = false;
  let carry = '';
  const stream = await partStream(book.handle, sheet.part, book.file);
  try {
    let first = true;
    for await (const chunk of stream) {
      if (signal?.aborted) signal.throwIfAborted();
      const text = carry + (chunk as Buffer).toString('latin1');
      if (first) {
        first = false;
        // Some producers (the Open XML SDK, on request) prefix every element (<x:row>): exceljs
        // reads none of them, which would look like an empty sheet.
        if (/<[\w.-]+:(?:worksheet|sheetData)\b/.test(text)) {
          throw corrupt(book.file, `the sheet "${sheet.name}" writes its XML with namespace prefixes (<x:row>), which Sprig's XLSX reader does not read; save it again from Excel or LibreOffice`);
        }
      }
      let end = 0;
      CELL.lastIndex = 0;
      for (let m = CELL.exec(text); m !== null; m = CELL.exec(text)) {
        end = CELL.lastIndex;
        const content = m[2];
        if (!content) continue;
        const attrs = m[1]!;
        const ref = /\br="\$?([A-Z]+)\$?(\d+)"/.exec(attrs);
        const hasValue = /<v[^>]*>[^<]/.test(content) || (content.includes('<is>') && /<t[^>]*>[^<]/.test(content));
        if (!ref) {
          if (hasValue) unaddressed = true;
          continue;
        }
        if (hasValue) {
          const col = columnNumber(ref[1]!);
          if (col > width) width = col;
        }
        const type = /\bt="(\w+)"/.exec(attrs)?.[1];
        if (type === 'e' || type === 'b' || type === 'd') {
          const formula = /<f[\s>/]/.test(content);
          if (type === 'd' || formula) {
            const v = /<v[^>]*>([^<]*)<\/v>/.exec(content)?.[1] ?? '';
            overrides.set(`${ref[1]}${ref[2]}`, { kind: type === 'e' ? 'error' : type === 'b' ? 'bool' : 'isodate', text: v });
          }
        }
      }
      const rest = text.slice(end);
      const cellStart = rest.lastIndexOf('<c ');
      const keepFrom = cellStart >= 0 ? cellStart : Math.max(0, rest.lastIndexOf('<'));
      const done = rest.slice(0, keepFrom);
      MERGE.lastIndex = 0;
      for (const m of done.matchAll(MERGE)) {
        const range = parseRange(m[1]!);
        if (range) merges.push(range);
      }
      carry = rest.slice(keepFrom);
    }
    for (const m of carry.matchAll(MERGE)) {
      const range = parseRange(m[1]!);
      if (range) merges.push(range);
    }
  } catch (error) {
    if (error instanceof WorkbookError || signal?.aborted) throw error;
    throw corrupt(book.file, `the sheet "${sheet.name}" is damaged`, error);
  } finally {
    stream.destroy();
  }
  return { merges, width: unaddressed ? null : width, overrides };
}

type ExcelValue = ExcelJS.CellValue | undefined;

function cellOf(value: ExcelValue, numFmt: string | undefined, address: string, scan: SheetScan, date1904: boolean): SheetCell | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return { text: unescapeOoxml(value), kind: 'value', formula: false };
  if (typeof value === 'number') {
    const override = scan.overrides.get(address);
    if (override?.kind === 'isodate') return { text: isoText(override.text), kind: 'date', formula: false };
    return { text: numberText(value), kind: 'value', formula: false };
  }
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE', kind: 'value', formula: false };
  if (value instanceof Date) return { text: dateToIso(value, numFmt), kind: 'date', formula: false };
  if ('richText' in value) return { text: unescapeOoxml(value.richText.map((r) => r.text ?? '').join('')), kind: 'value', formula: false };
  if ('error' in value) return { text: String(value.error), kind: 'error', formula: false };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    const override = scan.overrides.get(address);
    if (override) {
      const text = override.kind === 'bool' ? (override.text === '1' || override.text === 'true' ? 'TRUE' : 'FALSE') : override.kind === 'isodate' ? isoText(override.text) : override.text;
      return { text, kind: override.kind === 'error' ? 'error' : override.kind === 'isodate' ? 'date' : 'value', formula: true };
    }
    if (result === undefined || result === null || (typeof result === 'number' && Number.isNaN(result))) {
      return { text: '', kind: 'value', formula: true, noCachedValue: true };
    }
    if (typeof result === 'number') {
      if (isDateFormat(numFmt)) return { text: serialToIso(result, numFmt, date1904), kind: 'date', formula: true };
      return { text: numberText(result), kind: 'value', formula: true };
    }
    if (result instanceof Date) return { text: dateToIso(result, numFmt), kind: 'date', formula: true };
    if (typeof result === 'object' && 'error' in result) return { text: String((result as { error: unknown }).error), kind: 'error', formula: true };
    return { text: unescapeOoxml(String(result)), kind: 'value', formula: true };
  }
  if ('text' in value) return { text: String(value.text), kind: 'value', formula: false };
  return undefined;
}

/** An ISO date cell (`t="d"`) as stored, without a UTC marker or milliseconds; midnight alone as the date. */
function isoText(text: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2})?))?/.exec(text.trim());
  if (!m) return text;
  if (!m[2] || /^00:00(:00)?$/.test(m[2])) return m[1]!;
  return `${m[1]}T${m[2].length === 5 ? `${m[2]}:00` : m[2]}`;
}

/** The rows of one sheet, with its merged ranges and width (from one scan of its XML first). */
export async function xlsxSheetRows(
  book: XlsxBook,
  sheet: XlsxSheet,
  signal?: AbortSignal,
): Promise<{ merges: MergedRange[]; width: number; rows: AsyncIterable<SheetRow> }> {
  const scan = await scanSheet(book, sheet, signal);
  const input = rezip(
    book.handle,
    [
      { name: 'xl/_rels/workbook.xml.rels', content: book.relsXml },
      { name: 'xl/workbook.xml', content: book.workbookXml },
      ...(book.styles ? [{ name: 'xl/styles.xml', part: book.styles }] : []),
      book.sharedStrings ? { name: 'xl/sharedStrings.xml', part: book.sharedStrings } : { name: 'xl/sharedStrings.xml', content: '<sst/>' },
      { name: 'xl/worksheets/sheet1.xml', part: sheet.part },
    ],
    book.file,
  );
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  async function* rows(): AsyncGenerator<SheetRow> {
    let previous = 0;
    try {
      for await (const worksheet of reader) {
        for await (const row of worksheet) {
          const number = Number.isFinite(row.number) ? row.number : previous + 1;
          previous = number;
          const cells: (SheetCell | undefined)[] = [];
          row.eachCell({ includeEmpty: false }, (cell, col) => {
            cells[col - 1] = cellOf(cell.value, cell.numFmt, cell.address, scan, book.date1904);
          });
          yield { row: number, cells };
        }
      }
    } catch (error) {
      if (error instanceof WorkbookError || signal?.aborted) throw error;
      throw corrupt(book.file, `the sheet "${sheet.name}" is damaged`, error);
    } finally {
      input.destroy();
    }
  }
  return { merges: scan.merges, width: scan.width ?? 0, rows: rows() };
}
