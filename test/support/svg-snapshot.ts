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

/**
 * Compares with test/<tier>/output/<file> (.svg for a bare chart, .html for a chart with its legend). A missing snapshot is written on a
 * developer's machine and is a failure in CI; a different drawing is written beside it
 * as <name>-changed.<ext> to look at.
 */
export async function expectSvgSnapshot(dir: string, fileName: string, markup: string): Promise<void> {
  const actual = normaliseSvg(markup);
  const file = path.join(dir, 'output', fileName);
  const ext = path.extname(fileName);
  const changed = path.join(dir, 'output', `${path.basename(fileName, ext)}-changed${ext}`);
  if (!existsSync(file)) {
    if (process.env.CI) throw new Error(`No snapshot ${file}: run the tests locally and commit it.`);
    await writeFile(file, actual);
    return;
  }
  const expected = await readFile(file, 'utf8');
  if (expected === actual) {
    await rm(changed, { force: true });
    return;
  }
  await writeFile(changed, actual);
  expect(actual, `chart differs from ${file}; see ${changed}`).toBe(expected);
}
