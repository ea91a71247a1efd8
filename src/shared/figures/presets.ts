import { z } from 'zod';
import { FIGURE_FONTS } from './fonts.ts';
import { LANGUAGES } from '../i18n/languages.ts';

/**
 * Journals' figure sizes and what an export asks for. A preset fixes the width (and, for a
 * slide, the height), the smallest and largest text it allows at physical size, and the
 * formats and resolution it expects; custom sizes are given in mm, inches or pixels.
 */
export const MM_PER_INCH = 25.4;
export const PT_PER_INCH = 72;
export const ptFromMm = (mm: number) => (mm / MM_PER_INCH) * PT_PER_INCH;
export const mmFromPt = (pt: number) => (pt / PT_PER_INCH) * MM_PER_INCH;

export const presetIds = ['nature-single', 'nature-double', 'bmc-single', 'bmc-double', 'elsevier-single', 'elsevier-mid', 'elsevier-double', 'plos', 'slide', 'custom'] as const;
export type PresetId = (typeof presetIds)[number];

export const figureFormats = ['svg', 'svg-outlined', 'png', 'pdf', 'tiff'] as const;
export type FigureFormat = (typeof figureFormats)[number];

export const dpiChoices = [300, 600, 1200] as const;

export interface Preset {
  id: PresetId;
  /** Width in mm; null: the custom size says. */
  widthMm: number | null;
  /** A fixed height in mm (a slide); null: as tall as the figure needs. */
  heightMm: number | null;
  /** Text size in pt: the default, and the least and most this preset allows. */
  pt: { standard: number; min: number; max: number };
  dpi: number;
  formats: FigureFormat[];
  /** At most this many pixels wide (PLOS: 2,250 at 300 dpi). */
  maxPixels?: number;
}

/** The least text size any figure may have at physical size. */
export const MIN_PT = 5;
export const MAX_PT = 36;

const journal = { pt: { standard: 7, min: MIN_PT, max: 12 }, dpi: 600, formats: ['pdf', 'png'] as FigureFormat[] };

export const PRESETS: Readonly<Record<PresetId, Preset>> = {
  'nature-single': { id: 'nature-single', widthMm: 89, heightMm: null, ...journal },
  'nature-double': { id: 'nature-double', widthMm: 183, heightMm: null, ...journal },
  'bmc-single': { id: 'bmc-single', widthMm: 85, heightMm: null, ...journal },
  'bmc-double': { id: 'bmc-double', widthMm: 176, heightMm: null, ...journal },
  'elsevier-single': { id: 'elsevier-single', widthMm: 90, heightMm: null, ...journal },
  'elsevier-mid': { id: 'elsevier-mid', widthMm: 140, heightMm: null, ...journal },
  'elsevier-double': { id: 'elsevier-double', widthMm: 190, heightMm: null, ...journal },
  // 2,250 px at 300 dpi is 190.5 mm; PLOS asks for 8 to 12 pt text, TIFF with LZW.
  plos: { id: 'plos', widthMm: (2250 / 300) * MM_PER_INCH, heightMm: null, pt: { standard: 8, min: 8, max: 12 }, dpi: 300, formats: ['tiff'], maxPixels: 2250 },
  // 16:9 at PowerPoint's and Keynote's 13.333 × 7.5 inches.
  slide: { id: 'slide', widthMm: (40 / 3) * MM_PER_INCH, heightMm: 7.5 * MM_PER_INCH, pt: { standard: 18, min: 12, max: MAX_PT }, dpi: 300, formats: ['png', 'svg'] },
  custom: { id: 'custom', widthMm: null, heightMm: null, pt: { standard: 7, min: MIN_PT, max: MAX_PT }, dpi: 300, formats: ['pdf', 'png'] },
};

export const sizeUnits = ['mm', 'in', 'px'] as const;
export type SizeUnit = (typeof sizeUnits)[number];

const language = z.enum(LANGUAGES.map((l) => l.code) as [string, ...string[]]);

/** Everything an export asks for besides the view: what the dialog and `sprig figure` set. */
export const figureOptionsSchema = z.strictObject({
  preset: z.enum(presetIds).default('nature-single'),
  /** A custom size (with preset `custom`); a height may also be given for any preset without one. */
  width: z.number().positive().max(10_000).optional(),
  height: z.number().positive().max(10_000).optional(),
  /** Units of `width` and `height`: pixels are the raster's pixels at `dpi`. */
  unit: z.enum(sizeUnits).default('mm'),
  dpi: z.union([z.literal(300), z.literal(600), z.literal(1200)]).optional(),
  /** Text size in pt at physical size; absent: the preset's. */
  pt: z.number().min(1).max(MAX_PT).optional(),
  font: z.enum(FIGURE_FONTS.map((f) => f.id) as ['arimo', 'noto-sans']).default('arimo'),
  /** Chart and legend only: no title, subtitle or source lines (notes on missing values, suppression and comparability stay). */
  plain: z.boolean().default(false),
  /** Each country its own line pattern and a direct label, not colour alone. */
  greyscale: z.boolean().default(false),
  gridlines: z.boolean().default(true),
  /** The figure's language, whatever the interface speaks. */
  language: language.default('en-GB'),
});

export type FigureOptionsInput = z.input<typeof figureOptionsSchema>;
export type FigureOptions = z.output<typeof figureOptionsSchema>;

/** The physical size, text size and resolution an export comes to, or the problem with it. */
export interface ResolvedSize {
  widthMm: number;
  /** null: as tall as the figure needs. */
  heightMm: number | null;
  pt: number;
  dpi: number;
  preset: Preset;
}

export type SizeProblem =
  | { kind: 'no-width' }
  | { kind: 'text-too-small'; pt: number; min: number }
  | { kind: 'text-too-large'; pt: number; max: number }
  | { kind: 'too-many-pixels'; pixels: number; max: number };

export function toMm(value: number, unit: SizeUnit, dpi: number): number {
  if (unit === 'mm') return value;
  if (unit === 'in') return value * MM_PER_INCH;
  return (value / dpi) * MM_PER_INCH;
}

/** Pixels across a length at a resolution (as a raster of this figure is drawn). */
export function pixelsFor(mm: number, dpi: number): number {
  return Math.round((mm / MM_PER_INCH) * dpi);
}

export function resolveSize(options: FigureOptions): { ok: true; size: ResolvedSize } | { ok: false; problem: SizeProblem } {
  const preset = PRESETS[options.preset];
  const dpi = options.dpi ?? preset.dpi;
  const pt = options.pt ?? preset.pt.standard;
  const widthMm = preset.widthMm ?? (options.width !== undefined ? toMm(options.width, options.unit, dpi) : null);
  if (widthMm === null) return { ok: false, problem: { kind: 'no-width' } };
  const heightMm = preset.heightMm ?? (options.height !== undefined ? toMm(options.height, options.unit, dpi) : null);
  if (pt < preset.pt.min) return { ok: false, problem: { kind: 'text-too-small', pt, min: preset.pt.min } };
  if (pt > preset.pt.max) return { ok: false, problem: { kind: 'text-too-large', pt, max: preset.pt.max } };
  if (preset.maxPixels !== undefined && pixelsFor(widthMm, dpi) > preset.maxPixels) {
    return { ok: false, problem: { kind: 'too-many-pixels', pixels: pixelsFor(widthMm, dpi), max: preset.maxPixels } };
  }
  return { ok: true, size: { widthMm, heightMm, pt, dpi, preset } };
}
