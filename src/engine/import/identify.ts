import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { SourceKind } from '../../shared/import/recipe.ts';
import { importRefused } from './import-errors.ts';

/**
 * What a file is, from its bytes, never its name: a zip holding `xl/` is an XLSX workbook, a
 * zip whose `mimetype` says so is an ODS spreadsheet, an OLE compound file (D0 CF 11 E0) an
 * XLS workbook, `PAR1` at both ends Parquet, `[` then `{` JSON records, and anything else
 * that is text (no NUL byte, or UTF-16 with its byte-order mark) CSV/TSV/plain text. Bytes
 * that are none of these (a picture named .csv) are refused as 'binary-file'.
 */
export interface Identified {
  kind: SourceKind;
  size: number;
  /** The first bytes (up to 1 MB), for the encoding and the preview. */
  head: Buffer;
}

const HEAD = 1 << 20;

export async function identifyFile(file: string): Promise<Identified> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    // Said in the reader's words, never as the system's error code (ENOENT).
    const code = (error as NodeJS.ErrnoException).code;
    const context = code === 'ENOENT' || code === 'ENOTDIR' ? 'file-missing' : code === 'EISDIR' ? 'not-a-file' : 'file-unreadable';
    throw importRefused(context, `cannot open ${file}: ${(error as Error).message}`, { file: path.basename(file) });
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw importRefused('not-a-file', `${file} is not a file`, { file: path.basename(file) });
    if (info.size === 0) throw importRefused('empty-file', `${file} is empty`, { file: path.basename(file) });
    const buffer = Buffer.alloc(Math.min(HEAD, info.size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytesRead);
    const kind = await kindOf(handle, head, info.size);
    if (kind === null) throw importRefused('binary-file', `${file} is neither text nor a format Sprig reads`, { file: path.basename(file) });
    if (kind === 'csv' && isBlank(head) && info.size <= HEAD) throw importRefused('empty-file', `${file} holds only blank lines`, { file: path.basename(file) });
    return { kind, size: info.size, head };
  } finally {
    await handle.close();
  }
}

function startsWith(head: Uint8Array, bytes: number[]): boolean {
  return bytes.every((b, i) => head[i] === b);
}

async function kindOf(handle: FileHandle, head: Buffer, size: number): Promise<SourceKind | null> {
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return zipKind(handle, head, size);
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'xls';
  if (startsWith(head, [0x50, 0x41, 0x52, 0x31])) return 'parquet';
  const utf16 = startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff]);
  if (!utf16 && head.subarray(0, 64 * 1024).includes(0)) return null;
  if (!utf16 && looksLikeJsonRecords(head)) return 'json';
  if (!utf16 && controlShare(head) > 0.05) return null;
  return 'csv';
}

/**
 * JSON: `[` (after a byte-order mark and white space) starts an array, and no CSV's first
 * cell does that; `{` too. Whether it is an array of records DuckDB's reader then says.
 */
function looksLikeJsonRecords(head: Buffer): boolean {
  let text = head.subarray(0, 4096).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return /^\s*(\[\s*[[{\]\d"-]|\{\s*")/.test(text);
}

/** Bytes below 0x20 other than tab, line breaks and form feed: text has almost none. */
function controlShare(head: Uint8Array): number {
  const sample = head.subarray(0, 64 * 1024);
  let controls = 0;
  for (const b of sample) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a) controls++;
  return sample.length === 0 ? 0 : controls / sample.length;
}

function isBlank(head: Uint8Array): boolean {
  let i = startsWith(head, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  for (; i < head.length; i++) {
    const b = head[i]!;
    if (b !== 0x0a && b !== 0x0d && b !== 0x20 && b !== 0x09) return false;
  }
  return true;
}

/**
 * A zip's kind from its entries: ODS stores `mimetype` first, uncompressed, saying
 * application/vnd.oasis.opendocument.spreadsheet; XLSX has entries under `xl/`. Names are
 * read from the central directory at the end of the file (the whole file is never read).
 */
async function zipKind(handle: FileHandle, head: Buffer, size: number): Promise<SourceKind | null> {
  const ODS = 'application/vnd.oasis.opendocument.spreadsheet';
  if (head.subarray(30, 38).toString('latin1') === 'mimetype' && head.subarray(38, 38 + ODS.length + 10).toString('latin1').startsWith(ODS)) return 'ods';
  const names = await zipEntryNames(handle, size);
  // A zip cut short has no central directory: its first entries' own headers still say what it was.
  if (names.length === 0) names.push(...localEntryNames(head));
  if (names.some((n) => n.startsWith('xl/'))) return 'xlsx';
  if (names.includes('mimetype') && names.includes('content.xml')) return 'ods';
  // Any other zip (a zipped CSV, a Word document): not something Sprig imports.
  return null;
}

/** Names in the local file headers at the start of a zip (for one without its central directory). */
function localEntryNames(head: Buffer): string[] {
  const names: string[] = [];
  let at = 0;
  while (at + 30 <= head.length && head.readUInt32LE(at) === 0x04034b50 && names.length < 50) {
    const compressed = head.readUInt32LE(at + 18);
    const nameLength = head.readUInt16LE(at + 26);
    const extra = head.readUInt16LE(at + 28);
    names.push(head.subarray(at + 30, at + 30 + nameLength).toString('utf8'));
    // With a data descriptor the size is not in the header: stop there.
    if ((head.readUInt16LE(at + 6) & 0x08) !== 0) break;
    at += 30 + nameLength + extra + compressed;
  }
  return names;
}

async function zipEntryNames(handle: FileHandle, size: number): Promise<string[]> {
  const tailLength = Math.min(size, 65_557);
  const tail = Buffer.alloc(tailLength);
  await handle.read(tail, 0, tailLength, size - tailLength);
  const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd === -1 || eocd + 22 > tail.length) return [];
  const entries = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (cdOffset + cdSize > size || cdSize > 64 << 20) return [];
  const cd = Buffer.alloc(cdSize);
  await handle.read(cd, 0, cdSize, cdOffset);
  const names: string[] = [];
  let at = 0;
  for (let i = 0; i < entries && at + 46 <= cd.length; i++) {
    if (cd.readUInt32LE(at) !== 0x02014b50) break;
    const nameLength = cd.readUInt16LE(at + 28);
    const extra = cd.readUInt16LE(at + 30);
    const comment = cd.readUInt16LE(at + 32);
    names.push(cd.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
    at += 46 + nameLength + extra + comment;
  }
  return names;
}
