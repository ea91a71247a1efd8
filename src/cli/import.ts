import { cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { i18n } from 'i18next';
import { validateArgs } from '../shared/contract.ts';
import { AppError } from '../shared/errors.ts';
import type { ImportReject, ImportStatus } from '../shared/import/answers.ts';
import { readRecipe, type ImportRecipePartial } from '../shared/import/recipe.ts';
import type { CliOptions } from './options.ts';
import { openEngine } from './open-engine.ts';

/**
 * `sprig import FILE`: the Import flow without a window, through the same engine methods
 * (startImport, importStatus's final answer). Prints the rows read, imported and rejected
 * (each rejected row with its line and why) and the package written. Exit codes: 0 every row
 * imported; 1 the import failed (nothing written), or rows were rejected (the package is
 * written without them, and they are listed); 2 a choice Sprig cannot make alone (the
 * encoding, the date order, the sheet, replacing an import of the same name), named with the
 * flag that makes it, or a mistake on the command line.
 */
export async function importCommand(options: CliOptions, i18n: i18n): Promise<number> {
  const t = i18n.getFixedT(null, 'cli');
  // Reasons a row was rejected, in the words the interface uses (common.json: import.*).
  const common = i18n.getFixedT(null, 'common');
  const language = i18n.language;
  const number = (n: number) => new Intl.NumberFormat(language).format(n);
  const { file, recipe: recipeFile, encoding, sheet, dateOrder, replace } = options.import;
  if (file === null) {
    await writeOut(process.stderr, `${t('importNeedsFile')}\n\n${t('usage')}`);
    return 2;
  }
  let recipe: ImportRecipePartial = {};
  if (recipeFile !== null) {
    let text: string;
    try {
      text = await readFile(recipeFile, 'utf8');
    } catch (error) {
      await writeOut(process.stderr, `${t('importRecipeUnreadable', { path: recipeFile, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message })}\n`);
      return 1;
    }
    const read = readRecipe(text);
    if (!read.ok) {
      await writeOut(process.stderr, `${t('importRecipeUnreadable', { path: recipeFile, reason: read.reason })}\n`);
      return 1;
    }
    recipe = read.recipe;
  }
  recipe = { ...recipe, ...(encoding ? { encoding } : {}), ...(sheet ? { sheet } : {}), ...(dateOrder ? { dateOrder } : {}) };
  const engine = await openEngine(options);
  const say = (error: AppError) => i18n.t(`errors.${error.code}`, { ns: 'common', ...error.detail, defaultValue: error.message });
  try {
    let final: ImportStatus;
    try {
      const args = validateArgs('startImport', { file: path.resolve(file), recipe, ...(replace ? { replace: true } : {}) });
      const started = await engine.startImport(args);
      final = await engine.importFinished(started.importId);
    } catch (error) {
      const app = error instanceof AppError ? error : new AppError('internal', String(error), { reason: String(error) });
      await writeOut(process.stderr, `${say(app)}\n`);
      return app.code === 'import-choice-needed' ? 2 : 1;
    }
    if (options.json) {
      await writeOut(process.stdout, `${JSON.stringify(final, null, 2)}\n`);
    } else {
      const lines: string[] = [];
      if (final.counts) {
        lines.push(t('importCounts', { read: number(final.counts.read), imported: number(final.counts.imported), rejected: number(final.counts.rejected) }));
      }
      if (final.rejects.length > 0) {
        lines.push(t('importRejectsHeading'));
        for (const reject of final.rejects.slice(0, 20)) lines.push(t('importRejectLine', { line: number(reject.line), reason: rejectReason((key, values) => common(key, values ?? {}), reject) }));
        const more = (final.counts?.rejected ?? final.rejects.length) - Math.min(20, final.rejects.length);
        if (more > 0) lines.push(t('importRejectsMore', { count: number(more) }));
      }
      if (final.diff) {
        const d = final.diff;
        lines.push(t('importDiffHeading', { name: final.name }));
        lines.push(t('importDiff', { before: number(d.rowsBefore), after: number(d.rowsAfter), added: number(d.added), removed: number(d.removed), changed: d.changed === null ? '—' : number(d.changed) }));
        if (d.columnsAdded.length || d.columnsRemoved.length) lines.push(t('importDiffColumns', { added: d.columnsAdded.join(', ') || '—', removed: d.columnsRemoved.join(', ') || '—' }));
        if (d.sourceBefore === d.sourceAfter) lines.push(t('importDiffSameSource', { sha: d.sourceAfter.slice(0, 12) }));
      }
      await writeOut(process.stdout, lines.length ? `${lines.join('\n')}\n` : '');
    }
    switch (final.state) {
      case 'done': {
        const pkg = final.package!;
        const counts = final.counts!;
        const message =
          counts.rejected > 0
            ? t('importWrittenWithRejects', { name: pkg.name, path: pkg.path, rejected: number(counts.rejected), read: number(counts.read) })
            : t('importWritten', { name: pkg.name, path: pkg.path, rows: number(counts.rowsWritten) });
        let copied = '';
        if (options.figure.out) {
          const target = path.resolve(options.figure.out, pkg.name);
          await cp(pkg.path, target, { recursive: true });
          copied = `${t('importCopied', { path: target })}\n`;
        }
        await writeOut(options.json ? process.stderr : process.stdout, `${message}\n${copied}`);
        return counts.rejected > 0 ? 1 : 0;
      }
      case 'needs-replace': {
        await engine.cancelImport({ importId: final.importId });
        await writeOut(process.stderr, `${t('importNeedsReplace', { name: final.name })}\n`);
        return 2;
      }
      case 'cancelled':
        await writeOut(process.stderr, `${t('importCancelled')}\n`);
        return 1;
      default: {
        const error = final.error ? AppError.fromData(final.error) : new AppError('internal', 'import failed', { reason: 'unknown' });
        await writeOut(process.stderr, `${t('importFailed', { reason: say(error) })}\n`);
        return 1;
      }
    }
  } finally {
    await engine.close();
  }
}

function rejectReason(t: (key: string, values?: Record<string, string>) => string, reject: ImportReject): string {
  if (reject.reason === 'type') {
    return reject.value !== null && reject.column !== null && reject.expected
      ? t('import.reject.type', { value: reject.value, column: reject.column, type: t(`import.type.${reject.expected}`) })
      : t('import.reject.type-unknown', { column: reject.column ?? '' });
  }
  return ['extra-cells', 'missing-cells', 'quote', 'line-too-long'].includes(reject.reason) ? t(`import.reject.${reject.reason}`) : t('import.reject.other');
}

/** Writes and waits until the stream has taken it, so the process never exits with output unwritten. */
function writeOut(stream: NodeJS.WriteStream, text: string): Promise<void> {
  if (text === '') return Promise.resolve();
  return new Promise((resolve, reject) => stream.write(text, (error) => (error ? reject(error) : resolve())));
}
