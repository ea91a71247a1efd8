import type { FileHandle } from 'node:fs/promises';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { crc32, createInflateRaw } from 'node:zlib';

/**
 * The one file inside a zip archive, as a stream: what a Frictionless resource compressed
 * with `zip` holds (frictionless-py reads the archive's single file the same way). Enough
 * of the zip format for that and no more: stored or deflated, not encrypted, not zip64.
 * The archive is read through the already-opened handle, never by name again.
 */

export class ZipUnsupported extends Error {}

interface Entry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The stages that stream the archive's one file out of it (for `stream.pipeline`, which passes on their errors). */
export async function zipSingleEntry(handle: FileHandle): Promise<[Readable, ...Transform[]]> {
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
  if (at === -1) throw new ZipUnsupported('it is not a zip archive Sprig can read');
  const count = tail.readUInt16LE(at + 10);
  const directorySize = tail.readUInt32LE(at + 12);
  const directoryOffset = tail.readUInt32LE(at + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff) throw new ZipUnsupported('it is a zip64 archive');
  const directory = Buffer.alloc(directorySize);
  await handle.read(directory, 0, directorySize, directoryOffset);
  const entries: Entry[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > directory.length || directory.readUInt32LE(p) !== CENTRAL) throw new ZipUnsupported('its directory is damaged');
    const nameLength = directory.readUInt16LE(p + 28);
    const extraLength = directory.readUInt16LE(p + 30);
    const commentLength = directory.readUInt16LE(p + 32);
    const name = directory.toString('utf8', p + 46, p + 46 + nameLength);
    entries.push({
      name,
      flags: directory.readUInt16LE(p + 8),
      method: directory.readUInt16LE(p + 10),
      crc: directory.readUInt32LE(p + 16),
      compressedSize: directory.readUInt32LE(p + 20),
      size: directory.readUInt32LE(p + 24),
      localOffset: directory.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  const files = entries.filter((e) => !e.name.endsWith('/') && !e.name.startsWith('__MACOSX/'));
  if (files.length !== 1) throw new ZipUnsupported(`it holds ${files.length} files, not one`);
  const entry = files[0]!;
  if (entry.flags & 1) throw new ZipUnsupported('it is encrypted');
  if (entry.method !== 0 && entry.method !== 8) throw new ZipUnsupported('it is compressed with a method other than deflate');
  if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff) throw new ZipUnsupported('it is a zip64 archive');
  const local = Buffer.alloc(30);
  await handle.read(local, 0, 30, entry.localOffset);
  if (local.readUInt32LE(0) !== LOCAL) throw new ZipUnsupported('its directory is damaged');
  const dataStart = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  const raw = entry.compressedSize === 0 ? Readable.from([]) : handle.createReadStream({ start: dataStart, end: dataStart + entry.compressedSize - 1, autoClose: false });
  return entry.method === 8 ? [raw, createInflateRaw(), new CheckedEntry(entry)] : [raw, new CheckedEntry(entry)];
}

/** Passes the entry's bytes through and fails at the end unless their size and CRC-32 are the directory's. */
class CheckedEntry extends Transform {
  private crc = 0;
  private size = 0;
  private readonly entry: Entry;
  constructor(entry: Entry) {
    super();
    this.entry = entry;
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.crc = crc32(chunk, this.crc);
    this.size += chunk.length;
    if (this.size > this.entry.size) callback(new Error('the zip entry is longer than its directory says'));
    else callback(null, chunk);
  }
  override _flush(callback: TransformCallback): void {
    if (this.size !== this.entry.size || this.crc >>> 0 !== this.entry.crc >>> 0) callback(new Error('the zip entry is damaged'));
    else callback();
  }
}
