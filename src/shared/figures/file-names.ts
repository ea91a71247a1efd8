import { viewCsvFileName } from '../view-csv.ts';
import type { ViewSpec } from '../view-spec.ts';
import type { FigureFormat, FigureOptions } from './presets.ts';

/** The extension of each format's file. */
export const FORMAT_EXTENSIONS: Readonly<Record<FigureFormat, string>> = {
  svg: 'svg',
  'svg-outlined': 'svg',
  png: 'png',
  pdf: 'pdf',
  tiff: 'tif',
};

export const FORMAT_MEDIA_TYPES: Readonly<Record<FigureFormat, string>> = {
  svg: 'image/svg+xml',
  'svg-outlined': 'image/svg+xml',
  png: 'image/png',
  pdf: 'application/pdf',
  tiff: 'image/tiff',
};

/**
 * A figure file's name: what the view's CSV is named (dataset, view, indicator, transform,
 * filters), then the preset and the figure's language, e.g.
 * `sprig-demo_trend_link-worker-fte_absolute_nature-single_de.pdf`.
 */
export function figureFileName(spec: ViewSpec, options: Pick<FigureOptions, 'preset' | 'language'>, format: FigureFormat): string {
  const base = viewCsvFileName(spec).replace(/\.csv$/, '');
  const outlined = format === 'svg-outlined' ? '_outlined' : '';
  return `${base}_${options.preset}_${options.language.toLowerCase()}${outlined}.${FORMAT_EXTENSIONS[format]}`;
}

/** The bundle's name: the figure's, as a zip. */
export function bundleFileName(spec: ViewSpec, options: Pick<FigureOptions, 'preset' | 'language'>): string {
  return figureFileName(spec, options, 'svg').replace(/\.svg$/, '.zip');
}
