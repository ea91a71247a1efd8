import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIGURE_FONTS, FONT_STYLES, hasGlyph } from '../../src/shared/figures/fonts.ts';
import { formatCurrency, formatNumber, formatPercent } from '../../src/shared/format.ts';
import { signedNumber } from '../../src/shared/charts/chart-common.ts';
import { LANGUAGES } from '../../src/shared/i18n/languages.ts';
import { resources } from '../../src/shared/i18n/resources.ts';
import { fontMetricsJson, metricsFile } from '../../scripts/fonts/font-metrics.ts';

/** Every string of a resource tree. */
function strings(tree: unknown): string[] {
  if (typeof tree === 'string') return [tree];
  if (tree && typeof tree === 'object') return Object.values(tree).flatMap(strings);
  return [];
}

/**
 * Figures take their words from these namespaces (the SQL console's keyboard help and the
 * desktop menu never reach one: "⌘" is in those, and in neither font).
 */
const FIGURE_NAMESPACES = ['common', 'charts', 'cli'] as const;

/** Every string Sprig can put in a figure, in the four languages, with numbers as each formats them. */
function everyString(): { language: string; text: string }[] {
  const out: { language: string; text: string }[] = [];
  for (const { code } of LANGUAGES) {
    const own = resources[code as keyof typeof resources] as Record<string, unknown>;
    for (const ns of FIGURE_NAMESPACES) for (const text of strings(own[ns])) out.push({ language: code, text });
    for (const text of [formatNumber(-1234567.89, code, 2), formatPercent(-12.5, code), formatCurrency(6_900_000, 'EUR', code), formatCurrency(1_234, 'GBP', code), signedNumber(-1.8, code), signedNumber(2.4, code)]) {
      out.push({ language: code, text });
    }
  }
  return out;
}

describe('the fonts figures are set in', () => {
  it('have a glyph for every character of every figure string of the four languages (and of the command line), in every style (Noto Sans with Arimo for the signs it lacks)', () => {
    const missing: string[] = [];
    const [arimo, noto] = [FIGURE_FONTS.find((f) => f.id === 'arimo')!, FIGURE_FONTS.find((f) => f.id === 'noto-sans')!];
    for (const { language, text } of everyString()) {
      for (const ch of new Set(text.replace(/[\n\t]/g, ''))) {
        const cp = ch.codePointAt(0)!;
        for (const style of FONT_STYLES) {
          if (!hasGlyph(arimo.id, style, cp)) missing.push(`Arimo ${style} lacks U+${cp.toString(16).toUpperCase()} “${ch}” (${language}: ${text.slice(0, 40)})`);
          if (!hasGlyph(noto.id, style, cp) && !hasGlyph(arimo.id, style, cp)) missing.push(`Noto Sans ${style} and its fallback lack “${ch}”`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('are measured from the font files themselves: the widths Sprig lays text out with are the files’ widths', async () => {
    expect(await readFile(metricsFile, 'utf8')).toBe(await fontMetricsJson());
  });

  it('ship with their licences', async () => {
    for (const font of FIGURE_FONTS) {
      const licence = await readFile(path.join(import.meta.dirname, '..', '..', 'resources', 'fonts', font.licence), 'utf8');
      expect(licence).toContain('SIL Open Font License, Version 1.1');
    }
  });
});
