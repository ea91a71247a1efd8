import type { FileHandle } from 'node:fs/promises';

/**
 * What Sprig reads of a CSV file itself, in Node: the header record (labels may be quoted
 * and hold the quote doubled, a delimiter or a line break) and where the first blank line
 * is. DuckDB reads the rest; it skips blank lines of a file with several columns without a
 * word, and a blank row is an error in Frictionless, so Node looks for them.
 */

/** A resolved CSV dialect (Frictionless CSV Dialect v1, defaults applied). */
export interface CsvDialect {
  delimiter: string;
  /** '' when cells are never quoted. */
  quoteChar: string;
  /** The character that escapes a quote inside a quoted cell: the quote itself when `doubleQuote`. '' for none. */
  escapeChar: string;
  header: boolean;
  skipInitialSpace: boolean;
  /** The dialect's `nullSequence`, a missing value in every column. */
  nullSequence?: string;
}

export const LF = 0x0a;
export const CR = 0x0d;

/**
 * The first record of `text` as cells, as DuckDB splits it: a cell that starts with the
 * quote runs to the closing quote (a doubled quote, or the escape character and a quote,
 * stands for a quote), and a record ends at "\r\n", "\n" or "\r" outside quotes. A leading
 * byte-order mark is not part of the first cell. Returns null for an empty text.
 */
export function firstRecord(text: string, dialect: CsvDialect): string[] | null {
  return firstRecordEnd(text, dialect, true)?.cells ?? null;
}

/**
 * The first record's cells and where the text after it starts. Unless `final`, null when
 * the text ends before the record does (more text may follow).
 */
export function firstRecordEnd(text: string, dialect: CsvDialect, final = true): { cells: string[]; end: number } | null {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (i >= text.length) return null;
  const { delimiter, quoteChar: q, escapeChar: e } = dialect;
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  let atStart = true;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (e !== '' && e !== q && ch === e && i + 1 < text.length) {
        cell += text[++i];
      } else if (ch === q) {
        if (e === q && i + 1 >= text.length && !final) return null;
        if (e === q && text[i + 1] === q) {
          cell += q;
          i++;
        } else {
          quoted = false;
        }
      } else {
        cell += ch;
      }
      continue;
    }
    if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && i + 1 >= text.length && !final) return null;
      cells.push(cell);
      return { cells, end: ch === '\r' && text[i + 1] === '\n' ? i + 2 : i + 1 };
    }
    if (text.startsWith(delimiter, i)) {
      cells.push(cell);
      cell = '';
      atStart = true;
      i += delimiter.length - 1;
      continue;
    }
    if (atStart && dialect.skipInitialSpace && ch === ' ') continue;
    if (atStart && q !== '' && ch === q) {
      quoted = true;
      atStart = false;
      continue;
    }
    atStart = false;
    cell += ch;
  }
  if (!final) return null;
  cells.push(cell);
  return { cells, end: text.length };
}

/**
 * Counts the records of a CSV byte stream (UTF-8 or Latin-1: every byte Sprig looks for is
 * ASCII, and no byte of a multi-byte UTF-8 character is) and notes the first blank one,
 * numbering records from 1 as DuckDB numbers its lines: a quoted cell with line breaks in it
 * is one record.
 */
export class RecordScanner {
  /** Records ended so far. */
  records = 0;
  /** The number of the first blank record (a line with nothing on it), if any. */
  firstBlank: number | null = null;
  /** Bytes seen. */
  bytes = 0;
  private last = -1;
  private readonly q: number;
  private readonly e: number;
  private readonly d: number;
  private quoted = false;
  private closedQuote = false;
  private escaped = false;
  private cellStart = true;
  private empty = true;
  private afterCR = false;

  constructor(dialect: CsvDialect) {
    this.q = dialect.quoteChar === '' ? -1 : dialect.quoteChar.charCodeAt(0);
    this.e = dialect.escapeChar === '' ? -1 : dialect.escapeChar.charCodeAt(0);
    this.d = dialect.delimiter.charCodeAt(0);
  }

  /** Whether the bytes so far end with a line break (outside quotes). */
  endsWithBreak(): boolean {
    return (this.last === LF || this.last === CR) && !this.quoted;
  }

  push(bytes: Uint8Array): void {
    this.bytes += bytes.length;
    if (bytes.length > 0) this.last = bytes[bytes.length - 1]!;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      if (this.afterCR) {
        this.afterCR = false;
        if (b === LF) continue;
      }
      if (this.quoted) {
        if (this.escaped) this.escaped = false;
        else if (b === this.e && this.e !== this.q) this.escaped = true;
        else if (b === this.q) {
          this.quoted = false;
          this.closedQuote = true;
        }
        continue;
      }
      if (this.closedQuote) {
        this.closedQuote = false;
        if (b === this.q && this.e === this.q) {
          this.quoted = true;
          continue;
        }
      }
      if (b === LF || b === CR) {
        if (this.empty && this.firstBlank === null) this.firstBlank = this.records + 1;
        this.records++;
        this.empty = true;
        this.cellStart = true;
        this.afterCR = b === CR;
        continue;
      }
      this.empty = false;
      if (b === this.d) {
        this.cellStart = true;
      } else if (this.cellStart && b === this.q) {
        this.quoted = true;
        this.cellStart = false;
      } else {
        this.cellStart = false;
      }
    }
  }

  /** Ends the stream: a last record without a line break counts too. */
  finish(): void {
    if (!this.empty || this.quoted) this.records++;
    this.empty = true;
  }
}

/**
 * The first blank record of a file, or null. One pass of byte searches finds the lines
 * that could be blank ("\n\n", "\r\r", "\n\r" and a file starting with a line break); only
 * when there is one (rare: a blank row, or a quoted cell with an empty line in it) does a
 * second pass count records to tell which, and its number.
 */
export async function findBlankRecord(handle: FileHandle, dialect: CsvDialect, start = 0): Promise<number | null> {
  const { blank, nul } = await mayHaveBlankLine(handle, start);
  if (nul !== null) {
    // A NUL byte is never CSV text (a sparse or binary file behind a text header): its record, counted as DuckDB counts.
    const scanner = new RecordScanner(dialect);
    let position = start;
    await eachChunk(handle, start, (chunk) => {
      const upTo = Math.min(chunk.length, nul - position);
      scanner.push(chunk.subarray(0, upTo));
      position += chunk.length;
      return position < nul;
    });
    throw new NulByte(scanner.records + 1);
  }
  if (!blank) return null;
  const scanner = new RecordScanner(dialect);
  await eachChunk(handle, start, (chunk) => {
    scanner.push(chunk);
    return scanner.firstBlank === null;
  });
  scanner.finish();
  return scanner.firstBlank;
}

/** Thrown by `findBlankRecord` where the text has a NUL byte, with its record. */
export class NulByte extends Error {
  readonly record: number;
  constructor(record: number) {
    super(`a NUL byte in record ${record}`);
    this.record = record;
  }
}

/** Whether a blank line may be there, and where the first NUL byte is (null: none), in one pass of byte searches. */
async function mayHaveBlankLine(handle: FileHandle, start: number): Promise<{ blank: boolean; nul: number | null }> {
  let found = false;
  let previous = -1;
  let first = true;
  let nul: number | null = null;
  let offset = start;
  await eachChunk(handle, start, (chunk) => {
    const zero = chunk.indexOf(0);
    if (zero !== -1) {
      nul = offset + zero;
      return false;
    }
    offset += chunk.length;
    let from = 0;
    if (first) {
      first = false;
      // A byte-order mark does not count as text on the first line.
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) from = 3;
      if (chunk[from] === LF || chunk[from] === CR) found = true;
    }
    if (!found && (previous === LF || previous === CR) && (chunk[0] === LF || chunk[0] === CR) && !(previous === CR && chunk[0] === LF)) found = true;
    if (!found) found = chunk.indexOf('\n\n', from) !== -1 || chunk.indexOf('\r\r', from) !== -1 || chunk.indexOf('\n\r', from) !== -1;
    previous = chunk.length > 0 ? chunk[chunk.length - 1]! : previous;
    // Past a possible blank line the search for NUL bytes goes on (the record scan finds which line is blank).
    return true;
  });
  return { blank: found, nul };
}

const CHUNK = 1 << 20;

/** Reads the file from `start` in 1 MB chunks until `each` answers false or the file ends. */
export async function eachChunk(handle: FileHandle, start: number, each: (chunk: Buffer) => boolean): Promise<void> {
  const buffer = Buffer.allocUnsafe(CHUNK);
  let position = start;
  for (;;) {
    const { bytesRead } = await handle.read(buffer, 0, CHUNK, position);
    if (bytesRead === 0) return;
    position += bytesRead;
    if (!each(buffer.subarray(0, bytesRead))) return;
  }
}

/** The first bytes of a file (for its header and to recognise compressed or binary files). */
export async function headBytes(handle: FileHandle, length = 1 << 20): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length);
  const { bytesRead } = await handle.read(buffer, 0, length, 0);
  return buffer.subarray(0, bytesRead);
}

/** What kind of binary file the first bytes say this is, or null for text. */
export function binaryKind(head: Uint8Array): 'gzip' | 'zip' | 'excel' | 'parquet' | 'binary' | null {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'zip';
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return 'excel';
  if (head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31) return 'parquet';
  // UTF-16 text starts with its byte-order mark; otherwise a NUL byte means binary.
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (!utf16 && head.subarray(0, 8192).includes(0)) return 'binary';
  return null;
}
