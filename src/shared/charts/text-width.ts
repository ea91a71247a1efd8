import { measureText, wrapLines } from '../figures/fonts.ts';

/**
 * Text measured without a DOM, so chart compilers stay pure and lay out labels before Plot
 * draws them: widths come from the font file of Sprig's chart face, Noto Sans
 * (src/shared/figures/fonts.ts). Figures set in Arimo are narrower, so room made by these
 * widths is always enough.
 */

/** How wide `text` is, in pixels, at `fontSize` (bold text is wider). */
export function textWidth(text: string, fontSize: number, bold = false): number {
  return measureText(text, { font: 'noto-sans', size: fontSize, bold });
}

/**
 * `text` broken into lines no wider than `width` pixels, at spaces (and after hyphens); a
 * word longer than a line is left whole on its own line rather than cut.
 */
export function wrapText(text: string, width: number, fontSize: number, bold = false): string[] {
  return wrapLines(text, width, { font: 'noto-sans', size: fontSize, bold });
}
