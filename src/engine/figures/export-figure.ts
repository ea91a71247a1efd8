import { existsSync } from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import type { Table } from 'apache-arrow';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import SVGtoPDF from 'svg-to-pdfkit';
import type { DatasetDescription } from '../../shared/catalogue.ts';
import { AppError } from '../../shared/errors.ts';
import { buildFigure } from '../../shared/figures/build-figure.ts';
import type { Figure } from '../../shared/figures/figure.ts';
import { FIGURE_FONTS, figureFont, FONT_STYLES } from '../../shared/figures/fonts.ts';
import { pixelsFor, resolveSize, type FigureFormat, type FigureOptions, type ResolvedSize } from '../../shared/figures/presets.ts';
import { renderFigure, type RenderedFigure } from '../../shared/figures/render-figure.ts';
import { svgMarkup } from '../../shared/figures/svg-markup.ts';
import { exportTheme } from '../../shared/figures/theme.ts';
import { createI18n } from '../../shared/i18n/create.ts';
import type { ViewSpec } from '../../shared/view-spec.ts';
import { figureDocument } from './figure-document.ts';
import { withResolution } from './png.ts';

/** The fonts Sprig embeds, under resources/ in its own folder (this file is in src/engine/figures, or bundled in out/main). */
export const fontsDir = [path.resolve(import.meta.dirname, '..', '..', '..'), path.resolve(import.meta.dirname, '..', '..')]
  .map((root) => path.join(root, 'resources', 'fonts'))
  .find((dir) => existsSync(dir)) ?? path.resolve(import.meta.dirname, '..', '..', '..', 'resources', 'fonts');

/**
 * PDFs say they were made on this day, always: an export made today and one made next month
 * from the same view are the same file.
 */
export const FIXED_CREATION_DATE = new Date(Date.UTC(2000, 0, 1));

/** A view's answer and what it needs to become a figure. */
export interface FigureSource {
  spec: ViewSpec;
  table: Table;
  description: DatasetDescription;
}

/** A figure drawn at its export size: the model, the drawing, its SVG text and its size. */
export interface DrawnFigure {
  figure: Figure;
  rendered: RenderedFigure;
  svg: string;
  size: ResolvedSize;
  options: FigureOptions;
}

/** The export size an options object comes to; refuses text below the preset's minimum and other impossible sizes. */
export function exportSize(options: FigureOptions): ResolvedSize {
  const resolved = resolveSize(options);
  if (resolved.ok) return resolved.size;
  const { problem } = resolved;
  throw new AppError('figure-invalid', `The figure cannot be drawn so: ${JSON.stringify(problem)}`, {
    context: problem.kind,
    ...Object.fromEntries(Object.entries(problem).filter(([key]) => key !== 'kind')),
  });
}

/** Draws the view's figure in the figure's language, at the options' size, as standalone SVG. */
export function drawFigure(source: FigureSource, options: FigureOptions): DrawnFigure {
  const size = exportSize(options);
  const i18n = createI18n(options.language);
  const figure = buildFigure({ spec: source.spec, table: source.table, description: source.description, locale: options.language, t: i18n.t, greyscale: options.greyscale });
  const rendered = renderFigure(figure, exportTheme(size, options), figureDocument());
  return { figure, rendered, svg: svgMarkup(rendered.svg), size, options };
}

/** The file of one format, as bytes. */
export async function figureFile(drawn: DrawnFigure, format: FigureFormat): Promise<Uint8Array> {
  switch (format) {
    case 'svg':
      return Buffer.from(drawn.svg, 'utf8');
    case 'svg-outlined':
      return Buffer.from(outlinedSvg(drawn), 'utf8');
    case 'png':
      return withResolution(rasterise(drawn), drawn.size.dpi);
    case 'tiff':
      return tiff(drawn);
    case 'pdf':
      return pdf(drawn);
  }
}

function fontFiles(): string[] {
  return FIGURE_FONTS.flatMap((font) => FONT_STYLES.map((style) => path.join(fontsDir, font.files[style])));
}

function resvg(drawn: DrawnFigure, fitTo: { mode: 'width'; value: number } | { mode: 'original' }): Resvg {
  return new Resvg(drawn.svg, {
    // Only Sprig's own fonts, never the machine's: the same pixels on every computer.
    font: { loadSystemFonts: false, fontFiles: fontFiles(), defaultFontFamily: figureFont(drawn.options.font).family, sansSerifFamily: figureFont(drawn.options.font).family },
    fitTo,
    background: '#ffffff',
    shapeRendering: 2,
    textRendering: 2,
    logLevel: 'off',
  });
}

/** The PNG pixels at the export's resolution: the width in mm at `dpi` (89 mm at 600 dpi is 2,102 px). */
function rasterise(drawn: DrawnFigure): Uint8Array {
  return resvg(drawn, { mode: 'width', value: pixelsFor(drawn.size.widthMm, drawn.size.dpi) }).render().asPng();
}

/** Every text as outlines (for Illustrator or Figma without the font), sized in mm as the editable SVG is. */
function outlinedSvg(drawn: DrawnFigure): string {
  const outlined = resvg(drawn, { mode: 'original' }).toString();
  const root = drawn.rendered.svg;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${outlined.replace(/^<svg width="[^"]*" height="[^"]*"/, `<svg width="${root.getAttribute('width')}" height="${root.getAttribute('height')}"`)}`;
}

/** TIFF for journals that ask for it (PLOS): LZW-compressed, RGB with no alpha, its resolution recorded. */
async function tiff(drawn: DrawnFigure): Promise<Uint8Array> {
  const perMm = drawn.size.dpi / 25.4;
  return sharp(rasterise(drawn))
    .flatten({ background: '#ffffff' })
    .removeAlpha()
    .toColourspace('srgb')
    .tiff({ compression: 'lzw', predictor: 'horizontal', xres: perMm, yres: perMm, resolutionUnit: 'inch' })
    .toBuffer();
}

/**
 * A vector PDF of the same SVG: every font embedded as a subset with its Unicode map (so
 * text, Greek too, can be copied), a fixed creation date and no other changing field.
 */
async function pdf(drawn: DrawnFigure): Promise<Uint8Array> {
  const width = drawn.rendered.width;
  const height = drawn.rendered.height;
  const doc = new PDFDocument({
    size: [width, height],
    margin: 0,
    autoFirstPage: true,
    compress: true,
    pdfVersion: '1.7',
    info: { Title: drawn.figure.title, Creator: 'Sprig', Producer: 'Sprig', CreationDate: FIXED_CREATION_DATE },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  for (const font of FIGURE_FONTS) for (const style of FONT_STYLES) doc.registerFont(`${font.id}-${style}`, path.join(fontsDir, font.files[style]));
  const main = drawn.options.font;
  SVGtoPDF(doc, drawn.svg, 0, 0, {
    width,
    height,
    preserveAspectRatio: 'xMinYMin meet',
    fontCallback: (family: string, bold: boolean, italic: boolean) => {
      // A tspan naming the fallback face (a sign the main face lacks) gets that face.
      const face = FIGURE_FONTS.find((f) => family.split(',')[0]!.replace(/['"]/g, '').trim() === f.family)?.id ?? main;
      return `${face}-${bold ? 'bold' : italic ? 'italic' : 'regular'}`;
    },
  });
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
