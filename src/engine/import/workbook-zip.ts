import type { FileHandle } from 'node:fs/promises';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { crc32, createInflateRaw } from 'node:zlib';
import { WorkbookError } from './workbook-csv.ts';

/**
 * The zip container of an XLSX (and ODS) workbook, read from its central directory: which
 * parts it has, each part's bytes as a stream, and each part's raw compressed record, so a
 * stream of just the parts a reader needs can be handed to exceljs in the order it needs
 * them. A file whose directory is missing (truncated) or damaged is `workbook-corrupt`.
 */

export interface ZipPart {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export const corrupt = (file: string, reason: string, cause?: unknown) =>
  new WorkbookError('workbook-corrupt', { file, reason }, `The workbook cannot be read: ${reason}.`, cause === undefined ? undefined : { cause });

export async function readZipDirectory(handle: FileHandle, file: string): Promise<Map<string, ZipPart>> {
  const { size } = await handle.stat();
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = Buffer.alloc(tailLength);
  await handle.read(tail, 0, tailLength, size - tailLength);
  let at = -1;
  for (let i = tailLength - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at === -1) throw corrupt(file, 'the zip archive has no directory (the file is truncated or not a workbook)');
  const count = tail.readUInt16LE(at + 10);
  const directorySize = tail.readUInt32LE(at + 12);
  const directoryOffset = tail.readUInt32LE(at + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff || directorySize === 0xffffffff) {
    throw new WorkbookError('workbook-too-large', { file }, 'The workbook is a zip64 archive (over 4 GB), which Sprig does not read.');
  }
  if (directoryOffset + directorySize > size) throw corrupt(file, 'the zip directory points past the end of the file');
  const directory = Buffer.alloc(directorySize);
  await handle.read(directory, 0, directorySize, directoryOffset);
  const parts = new Map<string, ZipPart>();
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > directory.length || directory.readUInt32LE(p) !== CENTRAL) throw corrupt(file, 'the zip directory is damaged');
    const nameLength = directory.readUInt16LE(p + 28);
    const extraLength = directory.readUInt16LE(p + 30);
    const commentLength = directory.readUInt16LE(p + 32);
    const name = directory.toString('utf8', p + 46, p + 46 + nameLength);
    const part: ZipPart = {
      name,
      method: directory.readUInt16LE(p + 10),
      crc: directory.readUInt32LE(p + 16),
      compressedSize: directory.readUInt32LE(p + 20),
      size: directory.readUInt32LE(p + 24),
      localOffset: directory.readUInt32LE(p + 42),
    };
    if (directory.readUInt16LE(p + 8) & 1) throw new WorkbookError('workbook-encrypted', { file }, 'The workbook is encrypted (its zip entries are).');
    if (part.localOffset + 30 + part.compressedSize > size) throw corrupt(file, `the part ${name} reaches past the end of the file`);
    // Part names are case-insensitive in OOXML.
    parts.set(name.toLowerCase(), part);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return parts;
}

/** Where a part's compressed bytes start (after its local header). */
async function dataOffset(handle: FileHandle, part: ZipPart, file: string): Promise<number> {
  const header = Buffer.alloc(30);
  await handle.read(header, 0, 30, part.localOffset);
  if (header.readUInt32LE(0) !== LOCAL) throw corrupt(file, `the part ${part.name} is damaged`);
  return part.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
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
  const check = new CrcCheck(part, file);
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

class CrcCheck extends Transform {
  private crc = 0;
  private length = 0;
  private readonly part: ZipPart;
  private readonly file: string;
  constructor(part: ZipPart, file: string) {
    super();
    this.part = part;
    this.file = file;
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.crc = crc32(chunk, this.crc);
    this.length += chunk.length;
    callback(null, chunk);
  }
  override _flush(callback: TransformCallback): void {
    if (this.length !== this.part.size || this.crc >>> 0 !== this.part.crc >>> 0) {
      callback(corrupt(this.file, `the part ${this.part.name} does not match its checksum`));
    } else callback();
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
      header.writeUInt32LE(LOCAL, 0);
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
    end.writeUInt32LE(EOCD, 0);
    yield end;
  }
  return Readable.from(generate(), { objectMode: false });
}
