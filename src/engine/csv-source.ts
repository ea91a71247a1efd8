import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Transform, type TransformCallback, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import iconv from 'iconv-lite';
import { binaryKind, findBlankRecord, firstRecordEnd, headBytes, NulByte, RecordScanner, type CsvDialect } from './csv-text.ts';
import type { InsideFile } from './package-files.ts';
import type { TextEncoding } from './package-descriptor.ts';
import { PackageRefusal } from './package-refusal.ts';
import { inflatedLimit, inflatedTooLarge, type LoadLimits } from './load-limits.ts';
import { ZipFault } from './zip-archive.ts';
import { ZipUnsupported, zipSingleEntry } from './zip-entry.ts';

/**
 * The CSV text DuckDB reads for a resource. Most files are read where they are: UTF-8 (with
 * or without a byte-order mark) and ISO-8859-1 DuckDB reads itself, in one pass. A file
 * that is compressed (gzip, zip), in another encoding (ISO-8859-7, Windows-1252, UTF-16…),
 * or in several parts (v1's `path` array) is first written as one UTF-8 file in Sprig's own
 * temporary folder: the user's files are only ever read. Both ways, Node also finds the
 * header's labels and the first blank line, which DuckDB would skip without a word.
 */

/** One file of a resource, and where its rows start in the text DuckDB reads. */
export interface Part {
  /** The file as the descriptor names it. */
  file: string;
  /** The record (DuckDB's line number, header = 1) of the part's first row in the text DuckDB reads. */
  start: number;
  /** That row's line in the part's own file. */
  firstLine: number;
}

export interface CsvText {
  /** The real path DuckDB reads (the user's file, or Sprig's UTF-8 copy). */
  file: string;
  /** What DuckDB is told the text is in. */
  encoding: 'utf-8' | 'latin-1';
  /** The header's labels (null when the dialect says there is no header). */
  labels: string[] | null;
  parts: Part[];
  /** The first blank record of the text DuckDB reads, or null. */
  blank: () => Promise<number | null>;
}

/** Sprig's temporary files for one load, removed when it ends. */
export class TempFiles {
  private dir: string | null = null;
  private readonly under: string | undefined;
  constructor(under: string | undefined) {
    this.under = under;
  }

  async file(suffix: string): Promise<string> {
    if (this.dir === null) {
      if (this.under) {
        await mkdir(this.under, { recursive: true });
        this.dir = await mkdtemp(path.join(this.under, 'load-'));
      } else {
        this.dir = await mkdtemp(path.join(os.tmpdir(), 'sprig-load-'));
      }
    }
    return path.join(this.dir, `${randomUUID()}${suffix}`);
  }

  async removeAll(): Promise<void> {
    if (this.dir !== null) await rm(this.dir, { recursive: true, force: true });
    this.dir = null;
  }
}

/** What stops a resource's text being written out: its limits, and its package's time (see src/engine/load-limits.ts). */
export interface TextLimits {
  limits: LoadLimits;
  clock: { check(): void };
}

/** How Sprig reads a CSV resource's files: see `CsvText`. */
export async function csvText(
  files: InsideFile[],
  resource: string,
  reading: { dialect: CsvDialect; encoding: TextEncoding; compression: 'gz' | 'zip' | null },
  temp: TempFiles,
  bounds?: TextLimits,
): Promise<CsvText> {
  const { dialect, encoding, compression } = reading;
  const only = files[0]!;
  if (files.length === 1 && compression === null && encoding.kind !== 'transcode') {
    // The header is almost always in the first 64 kB; a longer one is read up to 1 MB.
    let head = await headBytes(only.handle, 1 << 16);
    refuseBinary(head, only.path, resource);
    // UTF-16's byte-order mark in a file declared (or taken by default) as UTF-8: its header would read as "?i?d?".
    if (encoding.kind === 'utf-8' && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) {
      throw new PackageRefusal(`resource "${resource}": ${only.path}: line 1: the text is UTF-16, not UTF-8; declare "encoding": "utf-16" in the descriptor`, {
        resource,
        file: only.path,
        row: 1,
        unit: 'line',
        code: 'encoding-invalid',
        values: { encoding: 'UTF-8' },
      });
    }
    const decode = (bytes: Buffer) => (encoding.kind === 'latin-1' ? bytes.toString('latin1') : bytes.toString('utf8'));
    let first = dialect.header ? firstRecordEnd(decode(head), dialect, false) : null;
    if (dialect.header && first === null) {
      head = await headBytes(only.handle);
      first = firstRecordEnd(decode(head), dialect);
    }
    return {
      file: only.real,
      encoding: encoding.kind,
      labels: first?.cells ?? null,
      parts: [{ file: only.path, start: dialect.header ? 2 : 1, firstLine: dialect.header ? 2 : 1 }],
      blank: () =>
        findBlankRecord(only.handle, dialect).catch((error: unknown) => {
          if (!(error instanceof NulByte)) throw error;
          throw nulRefusal(resource, only.path, error.record);
        }),
    };
  }
  return rewrite(files, resource, reading, temp, bounds);
}

/** A NUL byte past the first bytes (a sparse or binary file behind a text header): refused at its line, never read as text. */
export function nulRefusal(resource: string, file: string, line: number): PackageRefusal {
  return new PackageRefusal(`resource "${resource}": ${file}: line ${line}: the file holds binary bytes (NUL), not the CSV text its descriptor describes`, {
    resource,
    file,
    row: line,
    unit: 'line',
    code: 'binary-file',
    values: { kind: 'binary' },
  });
}

/** A CSV resource's files whose first bytes say they are compressed or binary are not its text: refused, never read as text. */
function refuseBinary(head: Buffer, file: string, resource: string): void {
  const kind = binaryKind(head);
  if (kind === null) return;
  throw new PackageRefusal(`resource "${resource}": ${file} is a binary file (${kind}), not the CSV text its descriptor describes`, {
    resource,
    file,
    code: 'binary-file',
    values: { kind },
  });
}

/** Writes the resource as one UTF-8 file in Sprig's temporary folder; see `CsvText`. */
async function rewrite(
  files: InsideFile[],
  resource: string,
  reading: { dialect: CsvDialect; encoding: TextEncoding; compression: 'gz' | 'zip' | null },
  temp: TempFiles,
  bounds: TextLimits | undefined,
): Promise<CsvText> {
  const { dialect, encoding, compression } = reading;
  const target = await temp.file('.csv');
  const out = createWriteStream(target);
  const whole = new RecordScanner(dialect);
  const parts: Part[] = [];
  let labels: string[] | null = null;
  let next = dialect.header ? 2 : 1;
  try {
    for (const [index, file] of files.entries()) {
      const head = await headBytes(file.handle, 16);
      if (compression === null) {
        if (!(encoding.kind === 'transcode' && /^utf-?(16|32)/.test(encoding.name))) refuseBinary(head, file.path, resource);
      } else {
        const kind = binaryKind(head);
        if (kind !== (compression === 'gz' ? 'gzip' : 'zip')) {
          throw new PackageRefusal(`resource "${resource}": ${file.path} is not ${compression === 'gz' ? 'gzip' : 'zip'}-compressed as its descriptor says`, {
            resource,
            file: file.path,
            code: 'compressed-invalid',
            values: { compression },
          });
        }
      }
      const own = new RecordScanner(dialect);
      const skipHeader = index > 0 && dialect.header ? new RepeatedHeader(dialect, labels) : null;
      const stages: (NodeJS.ReadableStream | Transform)[] = [];
      if (compression === 'zip') {
        try {
          stages.push(...(await zipSingleEntry(file.handle)));
        } catch (error) {
          if (!(error instanceof ZipUnsupported)) throw error;
          throw new PackageRefusal(`resource "${resource}": ${file.path} is a zip archive Sprig cannot read: ${error.message}`, {
            resource,
            file: file.path,
            code: 'compression-unsupported',
            values: { compression: 'zip' },
          });
        }
      } else {
        stages.push(file.handle.createReadStream({ start: 0, autoClose: false }));
        if (compression === 'gz') stages.push(createGunzip());
      }
      const charset = encoding.kind === 'transcode' ? encoding.name : encoding.kind === 'latin-1' ? 'latin1' : 'utf8';
      const checked = encoding.kind === 'latin-1' ? null : encoding.kind === 'transcode' ? encoding.name : 'utf-8';
      const decoder = new Decode(charset, dialect, file.path, resource, checked);
      stages.push(decoder);
      if (skipHeader) stages.push(skipHeader);
      const limit = bounds ? inflatedLimit(bounds.limits, (await file.handle.stat()).size) : Infinity;
      stages.push(new Count([own, whole], () => {
        bounds?.clock.check();
        if (own.bytes > limit) throw inflatedTooLarge(resource, file.path, limit);
      }));
      try {
        await pipeline([...stages, new Appender(out)] as unknown as readonly NodeJS.ReadWriteStream[]);
      } catch (error) {
        if (error instanceof PackageRefusal) throw error;
        if (!isDecompressionError(error)) throw error;
        throw new PackageRefusal(`resource "${resource}": ${file.path} cannot be decompressed (${compression ?? 'none'}): it is damaged`, {
          resource,
          file: file.path,
          code: 'compressed-invalid',
          values: { compression: compression ?? '' },
        });
      }
      // A part that does not end with a line break must not run into the next.
      if (!own.endsWithBreak() && own.bytes > 0) {
        const newline = Buffer.from('\n');
        own.push(newline);
        whole.push(newline);
        await write(out, newline);
      }
      own.finish();
      if (index === 0) {
        labels = dialect.header ? decoder.firstCells : null;
        parts.push({ file: file.path, start: next, firstLine: next });
        next += own.records - (dialect.header ? 1 : 0);
      } else {
        const skipped = skipHeader?.skipped === true;
        parts.push({ file: file.path, start: next, firstLine: skipped ? 2 : 1 });
        next += own.records;
      }
    }
  } finally {
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
  whole.finish();
  const blank = whole.firstBlank;
  return { file: target, encoding: 'utf-8', labels, parts, blank: async () => blank };
}

/** zlib's errors (Z_DATA_ERROR, Z_BUF_ERROR, an unexpected end) and a zip entry that fails its check. */
function isDecompressionError(error: unknown): boolean {
  if (error instanceof ZipFault) return true;
  const code = String((error as NodeJS.ErrnoException).code ?? '');
  return code.startsWith('Z_') || /unexpected end/i.test((error as Error).message);
}

function write(out: NodeJS.WritableStream, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => out.write(chunk, (error) => (error ? reject(error) : resolve())));
}

/** Writes into the shared output without ending it (the next part follows). */
class Appender extends Writable {
  private readonly out: NodeJS.WritableStream;
  constructor(out: NodeJS.WritableStream) {
    super();
    this.out = out;
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.out.write(chunk, (error) => callback(error ?? null));
  }
}

/**
 * Bytes in the given encoding to UTF-8, without a byte-order mark. A byte sequence the
 * encoding does not define (decoded as U+FFFD) is refused with its line: never read as
 * something else. The first record's cells are kept (the header's labels).
 */
class Decode extends Transform {
  private readonly decoder: ReturnType<typeof iconv.getDecoder>;
  private readonly lines: RecordScanner;
  private head = '';
  firstCells: string[] | null = null;
  private readonly dialect: CsvDialect;
  private readonly file: string;
  private readonly resource: string;
  /** The encoding's name for messages; null when every byte is a character (ISO-8859-1). */
  private readonly checked: string | null;

  constructor(charset: string, dialect: CsvDialect, file: string, resource: string, checked: string | null) {
    super();
    this.decoder = iconv.getDecoder(charset, { stripBOM: true });
    this.lines = new RecordScanner(dialect);
    this.dialect = dialect;
    this.file = file;
    this.resource = resource;
    this.checked = checked;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.emit_(this.decoder.write(chunk), callback);
  }

  override _flush(callback: TransformCallback): void {
    this.emit_(this.decoder.end() ?? '', callback, true);
  }

  private emit_(text: string, callback: TransformCallback, last = false): void {
    if (this.firstCells === null && this.head.length < 1 << 20) {
      this.head += text;
      const first = firstRecordEnd(this.head, this.dialect, last);
      if (first) this.firstCells = first.cells;
    }
    const nul = text.indexOf('\u0000');
    if (nul !== -1) {
      this.lines.push(Buffer.from(text.slice(0, nul), 'utf8'));
      callback(nulRefusal(this.resource, this.file, this.lines.records + 1));
      return;
    }
    const bad = this.checked === null ? -1 : text.indexOf('\ufffd');
    if (bad !== -1) {
      // The line is the record the bad character is in.
      this.lines.push(Buffer.from(text.slice(0, bad), 'utf8'));
      const line = this.lines.records + 1;
      callback(
        new PackageRefusal(`resource "${this.resource}": ${this.file}: line ${line}: the text is not valid ${this.checked}`, {
          resource: this.resource,
          file: this.file,
          row: line,
          unit: 'line',
          code: 'encoding-invalid',
          values: { encoding: this.checked ?? '' },
        }),
      );
      return;
    }
    const bytes = Buffer.from(text, 'utf8');
    this.lines.push(bytes);
    callback(null, bytes);
  }
}

/** Drops a later part's first record when it repeats the first part's header. */
class RepeatedHeader extends Transform {
  private pending = '';
  private decided = false;
  skipped = false;
  private readonly dialect: CsvDialect;
  private readonly labels: string[] | null;

  constructor(dialect: CsvDialect, labels: string[] | null) {
    super();
    this.dialect = dialect;
    this.labels = labels;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.decided) return callback(null, chunk);
    this.pending += chunk.toString('utf8');
    const first = firstRecordEnd(this.pending, this.dialect, false);
    if (first === null && this.pending.length < 1 << 20) return callback();
    this.decide(first, callback);
  }

  override _flush(callback: TransformCallback): void {
    if (this.decided) return callback();
    this.decide(firstRecordEnd(this.pending, this.dialect, true), callback);
  }

  private decide(first: { cells: string[]; end: number } | null, callback: TransformCallback): void {
    this.decided = true;
    const same = first !== null && this.labels !== null && first.cells.length === this.labels.length && first.cells.every((c, i) => c.trim() === this.labels![i]!.trim());
    this.skipped = same;
    const rest = same ? this.pending.slice(first!.end) : this.pending;
    this.pending = '';
    callback(null, Buffer.from(rest, 'utf8'));
  }
}

/** Feeds what passes through to record scanners. */
class Count extends Transform {
  private readonly scanners: RecordScanner[];
  /** Throws to stop: a limit passed (src/engine/load-limits.ts). */
  private readonly check: () => void;
  constructor(scanners: RecordScanner[], check: () => void = () => {}) {
    super();
    this.scanners = scanners;
    this.check = check;
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    for (const s of this.scanners) s.push(chunk);
    try {
      this.check();
    } catch (error) {
      callback(error as Error);
      return;
    }
    callback(null, chunk);
  }
}
