import type { FileHandle } from 'node:fs/promises';
import { Readable, type Transform } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { CheckedEntry, entryDataOffset, readZipDirectory, ZipFault } from './zip-archive.ts';

/**
 * The one file inside a zip archive, as a stream: what a Frictionless resource compressed
 * with `zip` holds (frictionless-py reads the archive's single file the same way). The
 * archive is read by Sprig's one zip reader (src/engine/zip-archive.ts) through the
 * already-opened handle, never by name again.
 */

export class ZipUnsupported extends Error {}

const SAID: Record<ZipFault['kind'], string> = {
  'not-zip': 'it is not a zip archive Sprig can read',
  zip64: 'it is a zip64 archive',
  damaged: 'its directory is damaged',
};

/** The stages that stream the archive's one file out of it (for `stream.pipeline`, which passes on their errors). */
export async function zipSingleEntry(handle: FileHandle): Promise<[Readable, ...Transform[]]> {
  try {
    const files = (await readZipDirectory(handle)).filter((e) => !e.name.endsWith('/') && !e.name.startsWith('__MACOSX/'));
    if (files.length !== 1) throw new ZipUnsupported(`it holds ${files.length} files, not one`);
    const entry = files[0]!;
    if (entry.flags & 1) throw new ZipUnsupported('it is encrypted');
    if (entry.method !== 0 && entry.method !== 8) throw new ZipUnsupported('it is compressed with a method other than deflate');
    const dataStart = await entryDataOffset(handle, entry);
    const raw = entry.compressedSize === 0 ? Readable.from([]) : handle.createReadStream({ start: dataStart, end: dataStart + entry.compressedSize - 1, autoClose: false });
    return entry.method === 8 ? [raw, createInflateRaw(), new CheckedEntry(entry)] : [raw, new CheckedEntry(entry)];
  } catch (error) {
    if (error instanceof ZipFault) throw new ZipUnsupported(SAID[error.kind]);
    throw error;
  }
}
