/**
 * Writes src/shared/figures/font-metrics.json: the advance widths, from the font files in
 * resources/fonts, of every character in the ranges figures draw (Latin, Greek, punctuation,
 * currency, arrows, mathematical signs), so that figures are laid out from the fonts they are
 * drawn with, on screen and in every export alike. `npm run fonts:metrics`.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FIGURE_FONTS, FONT_STYLES } from '../../src/shared/figures/fonts.ts';
import { readTtfMetrics } from './ttf-tables.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
export const metricsFile = path.join(root, 'src', 'shared', 'figures', 'font-metrics.json');

/** Ranges of code points measured. */
const RANGES: [number, number][] = [
  [0x20, 0x24f], // Latin, Latin-1, Latin Extended-A and B
  [0x2b0, 0x2ff], // spacing modifier letters
  [0x370, 0x3ff], // Greek and Coptic
  [0x1f00, 0x1fff], // Greek Extended
  [0x2000, 0x206f], // general punctuation (spaces, dashes, quotes, …)
  [0x20a0, 0x20cf], // currency
  [0x2100, 0x214f], // letter-like symbols
  [0x2190, 0x21ff], // arrows
  [0x2200, 0x22ff], // mathematical operators (≈, ≤, −)
  [0x25a0, 0x25ff], // geometric shapes
];

/** Widths in thousandths of an em, as runs: `[first code point, width, width, …]` for consecutive mapped characters. */
export async function fontMetricsJson(): Promise<string> {
  const fonts: Record<string, unknown> = {};
  for (const font of FIGURE_FONTS) {
    const styles: Record<string, unknown> = {};
    for (const style of FONT_STYLES) {
      const metrics = await readTtfMetrics(path.join(root, 'resources', 'fonts', font.files[style]));
      const perMille = (units: number) => Math.round((units * 1000) / metrics.unitsPerEm);
      const runs: number[][] = [];
      for (const [first, last] of RANGES) {
        let run: number[] | null = null;
        for (let c = first; c <= last; c++) {
          const advance = metrics.advances.get(c);
          if (advance === undefined) {
            run = null;
            continue;
          }
          if (!run) runs.push((run = [c]));
          run.push(perMille(advance));
        }
      }
      styles[style] = { ascender: perMille(metrics.ascender), descender: perMille(metrics.descender), fallback: perMille(metrics.advances.get(0x6f) ?? metrics.unitsPerEm / 2), runs };
    }
    fonts[font.id] = styles;
  }
  return `${JSON.stringify(fonts)}\n`;
}

if (import.meta.main) {
  await writeFile(metricsFile, await fontMetricsJson());
  console.log(`wrote ${path.relative(root, metricsFile)}`);
}
