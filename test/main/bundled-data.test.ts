import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledDataDir } from '../../src/main/bundled-data.ts';

describe('the bundled data folder', () => {
  it('is data/ beside the app while developing', () => {
    expect(bundledDataDir(path.resolve('/work/sprig'))).toBe(path.resolve('/work/sprig/data'));
  });

  it('is read from the unpacked copy of a packaged app, which DuckDB can open', () => {
    const asar = path.resolve('/opt/Sprig/resources/app.asar');
    expect(bundledDataDir(asar)).toBe(path.resolve('/opt/Sprig/resources/app.asar.unpacked/data'));
  });
});
