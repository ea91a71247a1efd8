import { crc32 } from 'node:zlib';

/**
 * A PNG with its resolution recorded: a `pHYs` chunk (pixels per metre) right after the
 * header, so that layout programs place it at its physical size.
 */
export function withResolution(png: Uint8Array, dpi: number): Uint8Array {
  const signature = 8;
  const headerEnd = signature + 8 + readLength(png, signature) + 4;
  const perMetre = Math.round(dpi / 0.0254);
  const data = new Uint8Array(9);
  const view = new DataView(data.buffer);
  view.setUint32(0, perMetre);
  view.setUint32(4, perMetre);
  data[8] = 1; // unit: metre
  const chunk = pngChunk('pHYs', data);
  const rest = withoutChunk(png.subarray(headerEnd), 'pHYs');
  const out = new Uint8Array(headerEnd + chunk.length + rest.length);
  out.set(png.subarray(0, headerEnd), 0);
  out.set(chunk, headerEnd);
  out.set(rest, headerEnd + chunk.length);
  return out;
}

/** The resolution a PNG records, in dots per inch (rounded), or null. */
export function pngResolution(png: Uint8Array): number | null {
  let at = 8;
  while (at < png.length) {
    const length = readLength(png, at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    if (type === 'pHYs') {
      const view = new DataView(png.buffer, png.byteOffset + at + 8, 9);
      return view.getUint8(8) === 1 ? Math.round(view.getUint32(0) * 0.0254) : null;
    }
    at += 12 + length;
  }
  return null;
}

/** A PNG's width and height in pixels, from its header. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function readLength(png: Uint8Array, at: number): number {
  return new DataView(png.buffer, png.byteOffset + at, 4).getUint32(0);
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const chunk = new Uint8Array(12 + data.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) chunk[4 + i] = type.charCodeAt(i);
  chunk.set(data, 8);
  view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
  return chunk;
}

function withoutChunk(chunks: Uint8Array, type: string): Uint8Array {
  const kept: Uint8Array[] = [];
  let at = 0;
  while (at < chunks.length) {
    const length = readLength(chunks, at);
    const own = chunks.subarray(at, at + 12 + length);
    if (String.fromCharCode(...own.subarray(4, 8)) !== type) kept.push(own);
    at += 12 + length;
  }
  return Buffer.concat(kept);
}
