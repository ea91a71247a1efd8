import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { i18n } from 'i18next';
import { validateArgs } from '../shared/contract.ts';
import { AppError } from '../shared/errors.ts';
import { bundleFileName, figureFileName } from '../shared/figures/file-names.ts';
import { figureOptionsSchema, PRESETS, type FigureFormat, type FigureOptionsInput } from '../shared/figures/presets.ts';
import { readViewFile, type SavedFigure } from '../shared/view-file.ts';
import type { CliOptions, FigureCliOptions } from './options.ts';
import { openEngine } from './open-engine.ts';

/**
 * `sprig figure VIEW.sprig.json`: the Export dialog without a window. The same engine
 * methods (renderFigure, exportFigureBundle) as the app, so the same view and settings give
 * the same SVG, PDF and data bytes. Settings come from the flags, else from the view file's
 * own export settings (a bundle's view), else from the preset. Exit 1 when the view cannot
 * be drawn (another dataset version, text too small, …), 2 when the command line is wrong.
 */
export async function figureCommand(options: CliOptions, i18n: i18n): Promise<number> {
  const t = i18n.getFixedT(null, 'cli');
  const flags = options.figure;
  if (flags.view === null) {
    process.stderr.write(`${t('figureNeedsView')}\n\n${t('usage')}`);
    return 2;
  }
  let text: string;
  try {
    text = await readFile(flags.view, 'utf8');
  } catch (error) {
    process.stderr.write(`${t('figureCannotRead', { path: flags.view, reason: (error as Error).message })}\n`);
    return 1;
  }
  const opened = readViewFile(text);
  if (!opened.ok) {
    process.stderr.write(`${t('figureNotAView', { path: flags.view, reason: opened.problem.reason })}\n`);
    return 1;
  }
  const figure = figureSettings(flags, opened.figure);
  const formats = flags.formats ?? opened.figure?.formats ?? PRESETS[figure.preset].formats;
  const out = path.resolve(flags.out ?? '.');
  const request = {
    spec: opened.spec,
    figure,
    datasetVersion: opened.savedWith.version,
    ...(flags.allowOtherVersion ? { allowOtherVersion: true } : {}),
  };
  const engine = await openEngine(options);
  try {
    await mkdir(out, { recursive: true });
    const written: string[] = [];
    const write = async (name: string, bytes: Uint8Array) => {
      const file = path.join(out, name);
      await writeFile(file, bytes);
      written.push(file);
    };
    if (flags.bundle) {
      const args = validateArgs('exportFigureBundle', { ...request, formats });
      await write(bundleFileName(args.spec, args.figure), await engine.exportFigureBundle(args));
    } else {
      for (const format of formats) {
        const args = validateArgs('renderFigure', { ...request, format });
        await write(figureFileName(args.spec, args.figure, format), await engine.renderFigure(args));
      }
    }
    process.stdout.write(written.map((f) => `${f}\n`).join(''));
    return 0;
  } catch (error) {
    const app = error instanceof AppError ? error : new AppError('internal', String(error), { reason: String(error) });
    const message = i18n.t(`errors.${app.code}`, { ns: 'common', ...app.detail, defaultValue: app.message });
    process.stderr.write(`${message}\n${app.code === 'dataset-version-differs' ? `${t('figureAllowOtherVersion')}\n` : ''}`);
    return 1;
  } finally {
    engine.close();
  }
}

/** The export settings: each flag given, else the view file's, else the defaults. */
export function figureSettings(flags: FigureCliOptions, saved: SavedFigure | undefined): ReturnType<typeof figureOptionsSchema.parse> {
  const base: FigureOptionsInput = saved ? { ...saved.options } : {};
  const size = flags.width ?? flags.height;
  const preset = flags.preset ?? (flags.width ? 'custom' : base.preset);
  const input: FigureOptionsInput = {
    ...base,
    ...(preset ? { preset } : {}),
    ...(flags.width ? { width: flags.width.value } : {}),
    ...(flags.height ? { height: flags.height.value } : {}),
    ...(size ? { unit: size.unit } : {}),
    ...(flags.dpi ? { dpi: flags.dpi } : {}),
    ...(flags.language ? { language: flags.language } : {}),
    ...(flags.font ? { font: flags.font } : {}),
    ...(flags.pt !== null ? { pt: flags.pt } : {}),
    ...(flags.greyscale !== null ? { greyscale: flags.greyscale } : {}),
    ...(flags.plain !== null ? { plain: flags.plain } : {}),
    ...(flags.gridlines !== null ? { gridlines: flags.gridlines } : {}),
  };
  return figureOptionsSchema.parse(input);
}

export type { FigureFormat };
