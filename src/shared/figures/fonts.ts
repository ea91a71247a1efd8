import metrics from './font-metrics.json' with { type: 'json' };

/**
 * The faces figures are set in, and text measured from their font files (widths generated
 * from resources/fonts by `npm run fonts:metrics`), so a figure is laid out the same way on
 * screen, in SVG, PDF, PNG and TIFF. Pure: no DOM, no canvas.
 */
export const FONT_STYLES = ['regular', 'bold', 'italic'] as const;
export type FontStyle = (typeof FONT_STYLES)[number];

export interface FigureFont {
  id: 'arimo' | 'noto-sans';
  /** The family name inside the font files (what SVG's font-family names). */
  family: string;
  /** What SVG names after the family, for programs that lack it: faces with the same metrics first. */
  fallbacks: string;
  files: Record<FontStyle, string>;
  /** The font's licence file under resources/fonts. */
  licence: string;
}

export const FIGURE_FONTS: readonly FigureFont[] = [
  {
    id: 'arimo',
    family: 'Arimo',
    fallbacks: "Arial, 'Liberation Sans', Helvetica, sans-serif",
    files: { regular: 'Arimo-Regular.ttf', bold: 'Arimo-Bold.ttf', italic: 'Arimo-Italic.ttf' },
    licence: 'OFL-Arimo.txt',
  },
  {
    id: 'noto-sans',
    family: 'Noto Sans',
    fallbacks: 'sans-serif',
    files: { regular: 'NotoSans-Regular.ttf', bold: 'NotoSans-Bold.ttf', italic: 'NotoSans-Italic.ttf' },
    licence: 'OFL-NotoSans.txt',
  },
];

export type FigureFontId = FigureFont['id'];

export function figureFont(id: FigureFontId): FigureFont {
  return FIGURE_FONTS.find((f) => f.id === id)!;
}

/** The SVG `font-family` of a face: its own name, then the fallbacks. */
export function fontFamilyList(id: FigureFontId): string {
  const font = figureFont(id);
  return `'${font.family}', ${font.fallbacks}`;
}

interface StyleMetrics {
  ascender: number;
  descender: number;
  fallback: number;
  runs: number[][];
}

const tables = new Map<string, { widths: Map<number, number>; style: StyleMetrics }>();

function table(id: FigureFontId, style: FontStyle) {
  const key = `${id}/${style}`;
  let found = tables.get(key);
  if (!found) {
    const own = (metrics as unknown as Record<string, Record<string, StyleMetrics>>)[id]![style]!;
    const widths = new Map<number, number>();
    for (const [first, ...run] of own.runs) run.forEach((w, i) => widths.set(first! + i, w));
    found = { widths, style: own };
    tables.set(key, found);
  }
  return found;
}

/** Whether the face has a glyph for this character. */
export function hasGlyph(id: FigureFontId, style: FontStyle, codePoint: number): boolean {
  return table(id, style).widths.has(codePoint);
}

export interface TextStyle {
  font: FigureFontId;
  size: number;
  bold?: boolean;
  italic?: boolean;
}

function styleOf(text: TextStyle): FontStyle {
  return text.bold ? 'bold' : text.italic ? 'italic' : 'regular';
}

/** How wide `text` is when set in this style, in the units of `size`. */
export function measureText(text: string, style: TextStyle): number {
  const { widths, style: own } = table(style.font, styleOf(style));
  let perMille = 0;
  for (const ch of text) perMille += widths.get(ch.codePointAt(0)!) ?? own.fallback;
  return (perMille * style.size) / 1000;
}

/** The font's ascender (above the baseline) at this size. */
export function ascent(style: TextStyle): number {
  return (table(style.font, styleOf(style)).style.ascender * style.size) / 1000;
}

/**
 * `text` broken into lines no wider than `width`, at spaces (and after hyphens and
 * slashes); a word longer than a line stays whole on its own line rather than being cut.
 */
export function wrapLines(text: string, width: number, style: TextStyle): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/(?<=[\s\-/])/u)) {
      const candidate = line + word;
      if (line !== '' && measureText(candidate.trimEnd(), style) > width) {
        lines.push(line.trimEnd());
        line = word.trimStart();
      } else line = candidate;
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
