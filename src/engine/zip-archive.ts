import type { FileHandle } from 'node:fs/promises';
import { Transform, type TransformCallback } from 'node:stream';
import { crc32 } from 'node:zlib';

/**
 * The one reader of zip archives in Sprig: a Frictionless resource compressed with `zip`
 * (src/engine/zip-entry.ts) and an XLSX or ODS workbook (src/engine/import/workbook-zip.ts)
 * are both read here, from the archive's central directory, through a handle the caller
 * opened. Enough of the format for those and no more: stored or deflated entries, not
 * zip64. Faults are `ZipFault`s of a kind; each caller says them in its own terms.
 */

export type ZipFaultKind = 'not-zip' | 'zip64' | 'damaged';

export class ZipFault extends Error {
  readonly kind: ZipFaultKind;
  constructor(kind: ZipFaultKind, message: string) {
    super(message);
    this.kind = kind;
  }
}

export interface ZipEntry {
  name: string;
  /** General-purpose flags: bit 0 set means the entry is encrypted. */
  flags: number;
  /** 0 stored, 8 deflated; anything else Sprig does not read. */
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
export const LOCAL_HEADER = 0x04034b50;
export const END_OF_DIRECTORY = EOCD;

/** Every entry of the archive's central directory, in its order. */
export async function readZipDirectory(handle: FileHandle): Promise<ZipEntry[]> {
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
  if (at === -1) throw new ZipFault('not-zip', 'the zip archive has no directory');
  const count = tail.readUInt16LE(at + 10);
  const directorySize = tail.readUInt32LE(at + 12);
  const directoryOffset = tail.readUInt32LE(at + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff || directorySize === 0xffffffff) throw new ZipFault('zip64', 'it is a zip64 archive');
  if (directoryOffset + directorySize > size) throw new ZipFault('damaged', 'the zip directory points past the end of the file');
  const directory = Buffer.alloc(directorySize);
  await handle.read(directory, 0, directorySize, directoryOffset);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > directory.length || directory.readUInt32LE(p) !== CENTRAL) throw new ZipFault('damaged', 'the zip directory is damaged');
    const nameLength = directory.readUInt16LE(p + 28);
    const extraLength = directory.readUInt16LE(p + 30);
    const commentLength = directory.readUInt16LE(p + 32);
    const entry: ZipEntry = {
      name: directory.toString('utf8', p + 46, p + 46 + nameLength),
      flags: directory.readUInt16LE(p + 8),
      method: directory.readUInt16LE(p + 10),
      crc: directory.readUInt32LE(p + 16),
      compressedSize: directory.readUInt32LE(p + 20),
      size: directory.readUInt32LE(p + 24),
      localOffset: directory.readUInt32LE(p + 42),
    };
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff) throw new ZipFault('zip64', 'it is a zip64 archive');
    if (entry.localOffset + 30 + entry.compressedSize > size) throw new ZipFault('damaged', `the entry ${entry.name} reaches past the end of the file`);
    entries.push(entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Where an entry's stored bytes start (after its local header). */
export async function entryDataOffset(handle: FileHandle, entry: ZipEntry): Promise<number> {
  const header = Buffer.alloc(30);
  await handle.read(header, 0, 30, entry.localOffset);
  if (header.readUInt32LE(0) !== LOCAL_HEADER) throw new ZipFault('damaged', `the entry ${entry.name} is damaged`);
  return entry.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
}

/** Passes an entry's inflated bytes through and fails unless their size and CRC-32 are the directory's. */
export class CheckedEntry extends Transform {
  private crc = 0;
  private length = 0;
  private readonly entry: ZipEntry;
  constructor(entry: ZipEntry) {
    super();
    this.entry = entry;
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.crc = crc32(chunk, this.crc);
    this.length += chunk.length;
    if (this.length > this.entry.size) callback(new ZipFault('damaged', `the entry ${this.entry.name} is longer than its directory says`));
    else callback(null, chunk);
  }
  override _flush(callback: TransformCallback): void {
    if (this.length !== this.entry.size || this.crc >>> 0 !== this.entry.crc >>> 0) callback(new ZipFault('damaged', `the entry ${this.entry.name} does not match its checksum`));
    else callback();
  }
}
