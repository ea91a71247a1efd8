import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { expectSvgSnapshot, normaliseSvg } from './svg-snapshot.ts';
import { tempDir } from './temp.ts';

const drawing = '<svg><circle cx="1.23456" class="plot-abc123"></circle></svg>';
const other = '<svg><rect width="2"></rect></svg>';

/** Snapshots are created and replaced on purpose only, never as a side effect of a passing run. */
describe('chart snapshots', () => {
  let root: string;
  let dir: string;
  const snapshot = () => path.join(dir, 'output', 'chart.svg');
  const changed = () => path.join(dir, 'output', 'chart-changed.svg');

  beforeAll(async () => {
    root = await tempDir('sprig-snapshot-');
  });
  beforeEach(async () => {
    dir = await mkdtemp(path.join(root, 'test-'));
    await mkdir(path.join(dir, 'output'));
    // Whatever the machine running this suite has set.
    vi.stubEnv('SPRIG_UPDATE_SNAPSHOTS', '');
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it.each([
    ['on a developer’s machine', ''],
    ['in CI', 'true'],
  ])('fails when the snapshot is missing %s, says how to create it, and writes nothing', async (_, ci) => {
    vi.stubEnv('CI', ci);
    const failure = await expectSvgSnapshot(dir, 'chart.svg', drawing).then(
      () => null,
      (error: unknown) => error as Error,
    );
    expect(failure?.message).toContain(snapshot());
    expect(failure?.message).toContain('SPRIG_UPDATE_SNAPSHOTS=1');
    expect(existsSync(snapshot())).toBe(false);
  });

  it('writes a missing snapshot when asked to with SPRIG_UPDATE_SNAPSHOTS=1', async () => {
    vi.stubEnv('SPRIG_UPDATE_SNAPSHOTS', '1');
    await expectSvgSnapshot(dir, 'chart.svg', drawing);
    expect(await readFile(snapshot(), 'utf8')).toBe(normaliseSvg(drawing));
  });

  it('passes on the same drawing and removes a stale -changed file', async () => {
    await writeFile(snapshot(), normaliseSvg(drawing));
    await writeFile(changed(), 'stale');
    await expectSvgSnapshot(dir, 'chart.svg', drawing);
    expect(existsSync(changed())).toBe(false);
  });

  it('fails on a different drawing and writes it beside the snapshot, which it leaves alone', async () => {
    await writeFile(snapshot(), normaliseSvg(drawing));
    await expect(expectSvgSnapshot(dir, 'chart.svg', other)).rejects.toThrow(/chart differs/);
    expect(await readFile(changed(), 'utf8')).toBe(normaliseSvg(other));
    expect(await readFile(snapshot(), 'utf8')).toBe(normaliseSvg(drawing));
  });

  it('replaces a changed snapshot when asked to with SPRIG_UPDATE_SNAPSHOTS=1', async () => {
    await writeFile(snapshot(), normaliseSvg(drawing));
    await writeFile(changed(), 'stale');
    vi.stubEnv('SPRIG_UPDATE_SNAPSHOTS', '1');
    await expectSvgSnapshot(dir, 'chart.svg', other);
    expect(await readFile(snapshot(), 'utf8')).toBe(normaliseSvg(other));
    expect(existsSync(changed())).toBe(false);
  });
});
