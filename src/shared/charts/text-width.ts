/**
 * Text measured without a DOM, so chart compilers stay pure and lay out labels before Plot
 * draws them. Widths are estimates for Sprig's chart font (Noto Sans), erring on the wide
 * side so that labels placed by them do not collide: German and Greek words are long.
 */

/** Widths in ems, by character class; anything else (most letters, Greek too) is `0.62`. */
const NARROW = /[ .,:;'’!|il1Iјt()[\]{}\-–]/u;
const SPACE = /\s/u;
const WIDE = /[mwMWÆŒ@%ΜΩΨΦΔШЖ—]/u;
const DIGIT = /\d/u;

/** An estimate of how wide `text` is, in pixels, at `fontSize` (bold text is wider). */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let ems = 0;
  for (const ch of text) {
    if (SPACE.test(ch)) ems += 0.28;
    else if (NARROW.test(ch)) ems += 0.34;
    else if (WIDE.test(ch)) ems += 0.9;
    else if (DIGIT.test(ch)) ems += 0.58;
    else if (ch === ch.toUpperCase() && ch !== ch.toLowerCase()) ems += 0.7;
    else ems += 0.6;
  }
  return ems * fontSize * (bold ? 1.08 : 1);
}

/**
 * `text` broken into lines no wider than `width` pixels, at spaces (and after hyphens); a
 * word longer than a line is left whole on its own line rather than cut.
 */
export function wrapText(text: string, width: number, fontSize: number, bold = false): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    const words = paragraph.split(/(?<=[\s-])/u);
    let line = '';
    for (const word of words) {
      const candidate = line + word;
      if (line !== '' && textWidth(candidate.trimEnd(), fontSize, bold) > width) {
        lines.push(line.trimEnd());
        line = word.trimStart();
      } else line = candidate;
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
