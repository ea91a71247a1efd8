import { createReadStream, createWriteStream } from 'node:fs';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';
import type { DecodeFinding, EncodingCandidate } from '../../shared/import/answers.ts';
import { legacyEncodings, type TextEncoding } from '../../shared/import/recipe.ts';
import { importRefused } from './import-errors.ts';

/**
 * How a text file's bytes become characters. A byte-order mark decides (UTF-8, UTF-16 LE or
 * BE); else text that is valid UTF-8 is UTF-8 (pure ASCII too); else it is one of the
 * single-byte encodings partners' exports use (Windows-1252, Windows-1253, ISO-8859-7,
 * ISO-8859-15), and the user chooses, seeing the first lines decoded each way.
 *
 * The ranking offered as a hint is Sprig's own heuristic (jschardet, tried here, ranks a
 * Windows-1252 German file as ISO-8859-7 with 0.99 confidence): each candidate's decoding
 * of the first 64 KB is scored by what real text does not hold, namely characters the
 * encoding leaves undefined, C1 control characters (what ISO-8859-x makes of Windows' €, –
 * and “ ” bytes), words mixing Greek and Latin letters (German umlauts read as Greek), and
 * Latin words made mostly of accented letters (Greek read as Latin). The fewest wins; ties
 * keep the order above.
 */

const SAMPLE = 64 * 1024;
const PREVIEW_LINES = 8;

export function bomEncoding(head: Uint8Array): { encoding: TextEncoding; length: number } | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** Whether the bytes are valid UTF-8 (a sequence cut off at the end of the sample does not count against it). */
function isUtf8(bytes: Uint8Array, complete: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

function isAscii(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80) return false;
  return true;
}

export function decodeSample(head: Uint8Array, encoding: TextEncoding): string {
  return iconv.decode(Buffer.from(head.subarray(0, SAMPLE)), encoding, { stripBOM: true });
}

function firstLines(text: string, count = PREVIEW_LINES): string[] {
  return text.split(/\r\n|\n|\r/).slice(0, count).map((l) => (l.length > 300 ? `${l.slice(0, 300)}…` : l));
}

const GREEK = /\p{Script=Greek}/u;
const LATIN = /\p{Script=Latin}/u;

/** What real text does not hold, counted in one candidate's decoding (see above). */
function oddities(text: string): { undefinedChars: number; score: number } {
  let undefinedChars = 0;
  let controls = 0;
  for (const ch of text) {
    if (ch === '\ufffd') undefinedChars++;
    else {
      const c = ch.codePointAt(0)!;
      if (c >= 0x80 && c <= 0x9f) controls++;
    }
  }
  let mixed = 0;
  let accentHeavy = 0;
  for (const word of text.match(/\p{L}+/gu) ?? []) {
    if (![...word].some((c) => c.codePointAt(0)! > 0x7f)) continue;
    const greek = [...word].filter((c) => GREEK.test(c)).length;
    const latin = [...word].filter((c) => LATIN.test(c)).length;
    if (greek > 0 && latin > 0) mixed++;
    else if (latin > 0 && word.length >= 3) {
      const accented = [...word].filter((c) => c.codePointAt(0)! >= 0x80).length;
      if (accented / [...word].length > 0.5) accentHeavy++;
    }
  }
  return { undefinedChars: undefinedChars + controls, score: 4 * undefinedChars + 3 * controls + 2 * mixed + accentHeavy };
}

export function encodingCandidates(head: Uint8Array): EncodingCandidate[] {
  const scored = legacyEncodings.map((encoding, order) => {
    const text = decodeSample(head, encoding);
    const { undefinedChars, score } = oddities(text);
    return { encoding, order, score, undefinedChars, lines: firstLines(text) };
  });
  scored.sort((a, b) => a.score - b.score || a.order - b.order);
  const best = scored[0]!.score;
  return scored.map((s, i) => ({
    encoding: s.encoding,
    rank: i + 1,
    // The best gets 100 less what it has in common with the runner-up; the others fall away with their oddities.
    confidence: Math.max(0, Math.min(100, Math.round(100 / (1 + s.score - best) - (i === 0 && scored[1]!.score === best ? 50 : 0)))),
    lines: s.lines,
    undefinedChars: s.undefinedChars,
  }));
}

/** The encoding of a text file's first bytes, or the candidates to choose from. `chosen` (the recipe's) wins, except over a byte-order mark that contradicts it. */
export function findEncoding(head: Uint8Array, complete: boolean, chosen: TextEncoding | undefined): DecodeFinding {
  const bom = bomEncoding(head);
  if (bom) return { encoding: bom.encoding, by: 'bom', candidates: [] };
  if (chosen) {
    const candidates = isUtf8(head, complete) ? [] : encodingCandidates(head);
    return { encoding: chosen, by: 'chosen', candidates };
  }
  if (isAscii(head)) return { encoding: 'utf-8', by: 'ascii', candidates: [] };
  if (isUtf8(head, complete)) return { encoding: 'utf-8', by: 'utf-8', candidates: [] };
  const candidates = encodingCandidates(head);
  return { encoding: candidates[0]!.encoding, by: 'candidate', candidates };
}

/**
 * Writes the file as UTF-8 (no byte-order mark, line breaks as written) into Sprig's own
 * folder, streaming: a 1 GB file is never in memory. Bytes the encoding does not define,
 * or bytes that are not UTF-8 when UTF-8 was found only in the first megabyte, refuse the
 * import with their line ('encoding-invalid'). The source is only read.
 */
export async function transcodeToUtf8(
  source: string,
  encoding: TextEncoding,
  target: string,
  options: { signal?: AbortSignal; onBytes?: (bytes: number) => void } = {},
): Promise<void> {
  const check = new CheckedDecode(encoding, path.basename(source));
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      options.onBytes?.(bytes);
      callback(null, chunk);
    },
  });
  await pipeline(createReadStream(source, { highWaterMark: 1 << 20 }), count, check, createWriteStream(target), { signal: options.signal });
}

class CheckedDecode extends Transform {
  private readonly decoder: ReturnType<typeof iconv.getDecoder> | null;
  private readonly utf8: TextDecoder | null;
  private lines = 1;
  private readonly encoding: TextEncoding;
  private readonly file: string;

  constructor(encoding: TextEncoding, file: string) {
    super();
    this.encoding = encoding;
    this.file = file;
    this.utf8 = encoding === 'utf-8' ? new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }) : null;
    this.decoder = encoding === 'utf-8' ? null : iconv.getDecoder(encoding, { stripBOM: true });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.emitText(() => (this.utf8 ? this.utf8.decode(chunk, { stream: true }) : this.decoder!.write(chunk)), callback);
  }

  override _flush(callback: TransformCallback): void {
    this.emitText(() => (this.utf8 ? this.utf8.decode() : (this.decoder!.end() ?? '')), callback);
  }

  private emitText(decode: () => string, callback: TransformCallback): void {
    let text: string;
    try {
      text = decode();
    } catch {
      callback(importRefused('encoding-invalid', `${this.file} is not valid ${this.encoding} near line ${this.lines}`, { file: this.file, encoding: this.encoding, line: this.lines }));
      return;
    }
    const bad = text.indexOf('\ufffd');
    if (bad !== -1 && this.encoding !== 'utf-8') {
      const line = this.lines + countLines(text.slice(0, bad));
      callback(importRefused('encoding-invalid', `${this.file} line ${line}: a byte ${this.encoding} does not define`, { file: this.file, encoding: this.encoding, line }));
      return;
    }
    this.lines += countLines(text);
    callback(null, Buffer.from(text, 'utf8'));
  }
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
