import { readFile } from 'node:fs/promises';

/**
 * The few tables of a TrueType file that text measuring needs, read directly: units per
 * em, ascender and descender, and each character's advance width (cmap → glyph → hmtx).
 * Kerning is left out: figures measure text slightly wide rather than slightly narrow.
 */
export interface TtfMetrics {
  unitsPerEm: number;
  ascender: number;
  descender: number;
  /** Advance width of each mapped code point, in font units. */
  advances: Map<number, number>;
}

export async function readTtfMetrics(file: string): Promise<TtfMetrics> {
  const bytes = await readFile(file);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables = new Map<string, number>();
  const count = view.getUint16(4);
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    tables.set(bytes.toString('latin1', at, at + 4), view.getUint32(at + 8));
  }
  const table = (tag: string): number => {
    const offset = tables.get(tag);
    if (offset === undefined) throw new Error(`${file} has no ${tag} table`);
    return offset;
  };
  const head = table('head');
  const hhea = table('hhea');
  const unitsPerEm = view.getUint16(head + 18);
  const ascender = view.getInt16(hhea + 4);
  const descender = view.getInt16(hhea + 6);
  const longMetrics = view.getUint16(hhea + 34);
  const hmtx = table('hmtx');
  const advanceOf = (glyph: number) => view.getUint16(hmtx + 4 * Math.min(glyph, longMetrics - 1));
  const advances = new Map<number, number>();
  for (const [codePoint, glyph] of readCmap(view, table('cmap'))) advances.set(codePoint, advanceOf(glyph));
  return { unitsPerEm, ascender, descender, advances };
}

/** Code point → glyph from the Unicode subtable (format 12 when present, else format 4). */
function readCmap(view: DataView, cmap: number): Map<number, number> {
  const subtables = view.getUint16(cmap + 2);
  let format4 = -1;
  let format12 = -1;
  for (let i = 0; i < subtables; i++) {
    const platform = view.getUint16(cmap + 4 + i * 8);
    const encoding = view.getUint16(cmap + 6 + i * 8);
    const offset = cmap + view.getUint32(cmap + 8 + i * 8);
    const format = view.getUint16(offset);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    if (format === 12) format12 = offset;
    if (format === 4) format4 = offset;
  }
  const map = new Map<number, number>();
  if (format12 >= 0) {
    const groups = view.getUint32(format12 + 12);
    for (let g = 0; g < groups; g++) {
      const at = format12 + 16 + g * 12;
      const start = view.getUint32(at);
      const end = view.getUint32(at + 4);
      const glyph = view.getUint32(at + 8);
      for (let c = start; c <= end; c++) map.set(c, glyph + (c - start));
    }
    return map;
  }
  if (format4 < 0) throw new Error('no Unicode cmap');
  const segments = view.getUint16(format4 + 6) / 2;
  const ends = format4 + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const ranges = deltas + segments * 2;
  for (let s = 0; s < segments; s++) {
    const end = view.getUint16(ends + s * 2);
    const start = view.getUint16(starts + s * 2);
    const delta = view.getInt16(deltas + s * 2);
    const rangeAt = ranges + s * 2;
    const range = view.getUint16(rangeAt);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (range === 0) glyph = (c + delta) & 0xffff;
      else {
        glyph = view.getUint16(rangeAt + range + (c - start) * 2);
        if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
      }
      if (glyph !== 0) map.set(c, glyph);
    }
  }
  return map;
}
