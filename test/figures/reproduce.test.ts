import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import { bundleFileName, figureFileName } from '../../src/shared/figures/file-names.ts';
import { figureOptionsSchema, type FigureFormat } from '../../src/shared/figures/presets.ts';
import { writeViewFile } from '../../src/shared/view-file.ts';
import { parseViewSpec } from '../../src/shared/view-spec.ts';
import { EXAMPLE_VIEWS } from '../support/example-views.ts';
import { runSprig } from '../support/sprig-cli.ts';
import { bundledData, tempDir } from '../support/temp.ts';

/** The files of a zip as name → bytes (stored or deflated entries, as the bundle writes them). */
function unzip(zip: Uint8Array): Map<string, Buffer> {
  const buffer = Buffer.from(zip);
  const files = new Map<string, Buffer>();
  let at = 0;
  while (buffer.readUInt32LE(at) === 0x04034b50) {
    const method = buffer.readUInt16LE(at + 8);
    const size = buffer.readUInt32LE(at + 18);
    const nameLength = buffer.readUInt16LE(at + 26);
    const extra = buffer.readUInt16LE(at + 28);
    const name = buffer.toString('utf8', at + 30, at + 30 + nameLength);
    const body = buffer.subarray(at + 30 + nameLength + extra, at + 30 + nameLength + extra + size);
    files.set(name, method === 8 ? inflateRawSync(body) : Buffer.from(body));
    at += 30 + nameLength + extra + size;
  }
  return files;
}

async function pixels(png: Uint8Array): Promise<Buffer> {
  return sharp(png).raw().toBuffer();
}

const spec = parseViewSpec({ ...EXAMPLE_VIEWS.breakdown, filters: { category: { dimension: 'sex', value: 'female' } } });
const options = figureOptionsSchema.parse({ preset: 'nature-double', language: 'de', greyscale: true });
const formats: FigureFormat[] = ['svg', 'pdf', 'png'];

describe('a figure reproduced', () => {
  let first: Engine;
  let second: Engine;
  let version: string | null;

  beforeAll(async () => {
    // Two engines, as two sessions a month apart would be.
    first = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [bundledData] });
    second = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [bundledData] });
    version = (await first.describeDataset({ dataset: 'sprig-demo' })).version;
  });
  afterAll(() => {
    first?.close();
    second?.close();
  });

  it('twice, and once more through `sprig figure`, gives the same SVG, PDF and data.csv bytes and the same PNG pixels', async () => {
    const request = { spec, figure: options, formats, datasetVersion: version };
    const a = unzip(await first.exportFigureBundle(request));
    const b = unzip(await second.exportFigureBundle(request));
    expect([...a.keys()]).toEqual([
      ...formats.map((f) => figureFileName(spec, options, f)),
      'data.csv',
      'datapackage.json',
      'view.sprig.json',
      'README.md',
      'CITATION.cff',
      'LICENSE-data.txt',
      'OFL-Arimo.txt',
      'checksums.sha256',
    ]);
    for (const [name, bytes] of a) expect(bytes.equals(b.get(name)!), name).toBe(true);

    // Headless, from the bundle's own view file, with no flags: its export settings say how.
    const dir = await tempDir();
    await writeFile(path.join(dir, 'view.sprig.json'), a.get('view.sprig.json')!);
    const out = path.join(dir, 'out');
    const cli = await runSprig(['figure', path.join(dir, 'view.sprig.json'), '--store', await tempDir(), '--out', out, '--bundle']);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    const c = unzip(await readFile(path.join(out, bundleFileName(spec, options))));
    for (const name of ['data.csv', ...formats.filter((f) => f !== 'png').map((f) => figureFileName(spec, options, f))]) {
      expect(c.get(name)?.equals(a.get(name)!), name).toBe(true);
    }
    const png = figureFileName(spec, options, 'png');
    expect((await pixels(c.get(png)!)).equals(await pixels(a.get(png)!))).toBe(true);
    expect(c.get('checksums.sha256')?.toString()).toBe(a.get('checksums.sha256')?.toString());
  }, 120_000);

  it('writes data.csv of exactly the plotted rows, described by datapackage.json', async () => {
    const latest = parseViewSpec(EXAMPLE_VIEWS.latest);
    const files = unzip(await first.exportFigureBundle({ spec: latest, figure: figureOptionsSchema.parse({}), formats: ['svg'] }));
    const rows = files.get('data.csv')!.toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    const header = rows[0]!.split(',');
    const countries = rows.slice(1).map((r) => r.split(',')[0]);
    // One latest value (or reason) per country asked, never the earlier periods.
    expect(new Set(countries).size).toBe(countries.length);
    const descriptor = JSON.parse(files.get('datapackage.json')!.toString('utf8'));
    expect(descriptor.resources[0].schema.fields.map((f: { name: string }) => f.name)).toEqual(header);
    expect(descriptor.resources[0].schema.fields.find((f: { name: string }) => f.name === 'Value').type).toBe('number');
    const readme = files.get('README.md')!.toString('utf8');
    expect(readme).toContain('npx sprig figure view.sprig.json');
    expect(readme).toMatch(/Comparability across countries/);
    expect(files.get('CITATION.cff')!.toString('utf8')).toMatch(/^cff-version: 1\.2\.0\n/);
  });

  it('refuses a view saved with another version of its dataset, unless told to draw it anyway', async () => {
    const dir = await tempDir();
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, 'old.sprig.json');
    await writeFile(file, writeViewFile(parseViewSpec(EXAMPLE_VIEWS.trend), '0.9.0'));
    const store = await tempDir();
    const refused = await runSprig(['figure', file, '--store', store, '--format', 'svg', '--out', dir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('saved with version 0.9.0 of “sprig-demo”');
    expect(refused.stderr).toContain('--allow-other-version');
    const allowed = await runSprig(['figure', file, '--store', store, '--format', 'svg', '--out', dir, '--allow-other-version']);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout.trim()).toMatch(/\.svg$/);
  }, 60_000);

  it('says what is wrong with a command line it cannot follow', async () => {
    for (const [args, message] of [
      [['figure'], /needs a saved view/],
      [['figure', 'v.sprig.json', '--preset', 'science'], /--preset must be one of nature-single/],
      [['figure', 'v.sprig.json', '--width', 'wide'], /--width must be a length such as 120mm/],
      [['figure', 'v.sprig.json', '--width', '120mm', '--height', '3in'], /same unit/],
      [['figure', 'v.sprig.json', '--format', 'gif'], /--format must be one of svg, svg-outlined, png, pdf, tiff/],
    ] as const) {
      const result = await runSprig([...args]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  }, 60_000);
});
