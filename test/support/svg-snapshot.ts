import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';

/** Rounds coordinates and replaces generated class names and ids, so snapshots change only when the drawing does. */
export function normaliseSvg(markup: string): string {
  return markup
    .replace(/\d+\.\d{3,}/g, (n) => String(Math.round(Number(n) * 100) / 100))
    .replace(/plot-[0-9a-f]{6}/g, 'plot-xxxxxx')
    .replace(/sprig-hatch-\d+/g, 'sprig-hatch-n')
    .replace(/></g, '>\n<');
}

/** Set to 1 to write missing snapshots and replace changed ones, on purpose. */
export const UPDATE_SNAPSHOTS = 'SPRIG_UPDATE_SNAPSHOTS';

/**
 * Compares with test/<tier>/output/<file> (.svg for a bare chart, .html for a chart with its
 * legend). A missing snapshot fails, on every machine: a run that writes its own expectation
 * proves nothing. A different drawing fails too, and is written beside the snapshot as
 * <name>-changed.<ext> to look at. With SPRIG_UPDATE_SNAPSHOTS=1 both are written instead.
 */
export async function expectSvgSnapshot(dir: string, fileName: string, markup: string): Promise<void> {
  const actual = normaliseSvg(markup);
  const file = path.join(dir, 'output', fileName);
  const ext = path.extname(fileName);
  const changed = path.join(dir, 'output', `${path.basename(fileName, ext)}-changed${ext}`);
  const update = process.env[UPDATE_SNAPSHOTS] === '1';
  if (!existsSync(file)) {
    if (!update) {
      throw new Error(
        `No snapshot ${file}. To create it deliberately, run ` +
          `\`${UPDATE_SNAPSHOTS}=1 npx vitest run ${path.relative(process.cwd(), dir) || '.'}\`, look at the file it writes, and commit it.`,
      );
    }
    await writeFile(file, actual);
    return;
  }
  const expected = await readFile(file, 'utf8');
  if (expected === actual || update) {
    if (expected !== actual) await writeFile(file, actual);
    await rm(changed, { force: true });
    return;
  }
  await writeFile(changed, actual);
  expect(actual, `chart differs from ${file}; see ${changed} (${UPDATE_SNAPSHOTS}=1 replaces the snapshot)`).toBe(expected);
}
