import type { FileHandle } from 'node:fs/promises';
import { Readable, type TransformCallback } from 'node:stream';
import { crc32, createInflateRaw } from 'node:zlib';
import { CheckedEntry, END_OF_DIRECTORY, entryDataOffset, LOCAL_HEADER, readZipDirectory as readArchiveDirectory, ZipFault, type ZipEntry } from '../zip-archive.ts';
import { WorkbookError } from './workbook-csv.ts';

/**
 * The zip container of an XLSX (and ODS) workbook, read from its central directory: which
 * parts it has, each part's bytes as a stream, and each part's raw compressed record, so a
 * stream of just the parts a reader needs can be handed to exceljs in the order it needs
 * them. A file whose directory is missing (truncated) or damaged is `workbook-corrupt`.
 */

/** An entry of the workbook's zip archive (src/engine/zip-archive.ts reads them). */
export type ZipPart = ZipEntry;

export const corrupt = (file: string, reason: string, cause?: unknown) =>
  new WorkbookError('workbook-corrupt', { file, reason }, `The workbook cannot be read: ${reason}.`, cause === undefined ? undefined : { cause });

/** A fault of the zip archive, in the workbook's terms. */
function asWorkbookError(error: unknown, file: string): unknown {
  if (!(error instanceof ZipFault)) return error;
  if (error.kind === 'zip64') return new WorkbookError('workbook-too-large', { file }, 'The workbook is a zip64 archive (over 4 GB), which Sprig does not read.');
  if (error.kind === 'not-zip') return corrupt(file, 'the zip archive has no directory (the file is truncated or not a workbook)', error);
  return corrupt(file, error.message, error);
}

/** The workbook's parts by lower-cased name (part names are case-insensitive in OOXML). */
export async function readZipDirectory(handle: FileHandle, file: string): Promise<Map<string, ZipPart>> {
  let entries: ZipEntry[];
  try {
    entries = await readArchiveDirectory(handle);
  } catch (error) {
    throw asWorkbookError(error, file);
  }
  const parts = new Map<string, ZipPart>();
  for (const entry of entries) {
    if (entry.flags & 1) throw new WorkbookError('workbook-encrypted', { file }, 'The workbook is encrypted (its zip entries are).');
    parts.set(entry.name.toLowerCase(), entry);
  }
  return parts;
}

/** Where a part's compressed bytes start (after its local header). */
async function dataOffset(handle: FileHandle, part: ZipPart, file: string): Promise<number> {
  try {
    return await entryDataOffset(handle, part);
  } catch (error) {
    throw asWorkbookError(error, file);
  }
}

/** The part's compressed bytes as they are stored. */
export async function rawPartStream(handle: FileHandle, part: ZipPart, file: string): Promise<Readable> {
  const start = await dataOffset(handle, part, file);
  return Readable.from(readRange(handle, start, part.compressedSize), { objectMode: false });
}

/**
 * Bytes of the file, in chunks, through the handle the caller opened and will close (a
 * stream from `handle.createReadStream` closes the handle when it is destroyed early).
 */
async function* readRange(handle: FileHandle, start: number, length: number): AsyncGenerator<Buffer> {
  const chunkSize = 256 * 1024;
  for (let done = 0; done < length; ) {
    const buffer = Buffer.allocUnsafe(Math.min(chunkSize, length - done));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, start + done);
    if (bytesRead === 0) throw new Error('unexpected end of file');
    done += bytesRead;
    yield bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
  }
}

/** The part's bytes, inflated, checked against its CRC-32 and size when the stream ends. */
export async function partStream(handle: FileHandle, part: ZipPart, file: string): Promise<Readable> {
  if (part.method !== 0 && part.method !== 8) throw corrupt(file, `the part ${part.name} uses zip method ${part.method}`);
  const raw = await rawPartStream(handle, part, file);
  const check = new PartCheck(part, file);
  const onError = (error: Error) => check.destroy(error instanceof WorkbookError ? error : corrupt(file, `the part ${part.name} is damaged`, error));
  raw.on('error', onError);
  if (part.method === 0) {
    check.on('close', () => raw.destroy());
    return raw.pipe(check);
  }
  const inflate = createInflateRaw();
  inflate.on('error', onError);
  // A reader that stops early (an abort) stops the whole chain.
  check.on('close', () => {
    raw.destroy();
    inflate.destroy();
  });
  return raw.pipe(inflate).pipe(check);
}

/** The part's size and CRC-32 checked (src/engine/zip-archive.ts), a mismatch said in the workbook's terms. */
class PartCheck extends CheckedEntry {
  private readonly file: string;
  constructor(part: ZipPart, file: string) {
    super(part);
    this.file = file;
  }
  override _transform(chunk: Buffer, encoding: BufferEncoding, callback: TransformCallback): void {
    super._transform(chunk, encoding, (error, data) => (error ? callback(asWorkbookError(error, this.file) as Error) : callback(null, data)));
  }
  override _flush(callback: TransformCallback): void {
    super._flush((error) => callback(error ? (asWorkbookError(error, this.file) as Error) : null));
  }
}

/** A small part's whole text (workbook.xml, relationships). */
export async function partText(handle: FileHandle, part: ZipPart, file: string, limit = 64 * 1024 * 1024): Promise<string> {
  if (part.size > limit) throw corrupt(file, `the part ${part.name} is implausibly large`);
  const chunks: Buffer[] = [];
  for await (const chunk of await partStream(handle, part, file)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The first `bytes` (or a little more) of a part's text, without inflating the rest. */
export async function partHead(handle: FileHandle, part: ZipPart, file: string, bytes: number): Promise<string> {
  if (part.method !== 0 && part.method !== 8) throw corrupt(file, `the part ${part.name} uses zip method ${part.method}`);
  const raw = await rawPartStream(handle, part, file);
  const source = part.method === 8 ? raw.pipe(createInflateRaw()) : raw;
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of source) {
      chunks.push(chunk as Buffer);
      length += (chunk as Buffer).length;
      if (length >= bytes) break;
    }
  } catch (error) {
    throw corrupt(file, `the part ${part.name} is damaged`, error);
  } finally {
    raw.destroy();
    source.destroy();
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A zip archive, as a stream, of the given parts under new names, each copied as stored
 * (no recompression), with sizes in the local headers (no data descriptors) and an empty
 * end record: what a sequential zip reader such as exceljs' needs, in the order it needs.
 */
export function rezip(handle: FileHandle, entries: { name: string; part?: ZipPart; content?: string }[], file: string): Readable {
  async function* generate(): AsyncGenerator<Buffer> {
    for (const { name, part, content } of entries) {
      const nameBytes = Buffer.from(name, 'utf8');
      const header = Buffer.alloc(30);
      header.writeUInt32LE(LOCAL_HEADER, 0);
      header.writeUInt16LE(20, 4);
      header.writeUInt16LE(0x0800, 6); // names in UTF-8
      if (part) {
        header.writeUInt16LE(part.method, 8);
        header.writeUInt32LE(part.crc >>> 0, 14);
        header.writeUInt32LE(part.compressedSize, 18);
        header.writeUInt32LE(part.size, 22);
        header.writeUInt16LE(nameBytes.length, 26);
        yield Buffer.concat([header, nameBytes]);
        for await (const chunk of await rawPartStream(handle, part, file)) yield chunk as Buffer;
      } else {
        const bytes = Buffer.from(content ?? '', 'utf8');
        header.writeUInt16LE(0, 8);
        header.writeUInt32LE(crc32(bytes) >>> 0, 14);
        header.writeUInt32LE(bytes.length, 18);
        header.writeUInt32LE(bytes.length, 22);
        header.writeUInt16LE(nameBytes.length, 26);
        yield Buffer.concat([header, nameBytes, bytes]);
      }
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END_OF_DIRECTORY, 0);
    yield end;
  }
  return Readable.from(generate(), { objectMode: false });
}
