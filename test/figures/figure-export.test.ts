import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import { pngResolution, pngSize } from '../../src/engine/figures/png.ts';
import { figureOptionsSchema, PRESETS, presetIds, type FigureFormat, type FigureOptionsInput } from '../../src/shared/figures/presets.ts';
import { parseViewSpec, type ViewKind } from '../../src/shared/view-spec.ts';
import { EXAMPLE_VIEWS } from '../support/example-views.ts';
import { expectSvgSnapshot } from '../support/svg-snapshot.ts';
import { bundledData, tempDir } from '../support/temp.ts';
import { parseSvg, printedTextSizes } from './svg-facts.ts';

const run = promisify(execFile);
let engine: Engine;
let dir: string;

beforeAll(async () => {
  engine = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [bundledData] });
  dir = await tempDir('sprig-figures-');
});
afterAll(() => engine?.close());

function figure(view: ViewKind, format: FigureFormat, options: FigureOptionsInput = {}): Promise<Uint8Array> {
  return engine.renderFigure({ spec: parseViewSpec(EXAMPLE_VIEWS[view]), figure: figureOptionsSchema.parse(options), format });
}

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');
const views = Object.keys(EXAMPLE_VIEWS) as ViewKind[];

describe('a figure exported as SVG', () => {
  it.each(views)('%s draws as it did (golden SVG, Nature single column)', async (view) => {
    await expectSvgSnapshot(import.meta.dirname, `${view}.svg`, text(await figure(view, 'svg')));
  });

  it.each(views)('%s is one standalone SVG: namespace, no style sheet, no currentColor, unique ids that every reference finds', async (view) => {
    const svg = text(await figure(view, 'svg', { language: 'el', greyscale: true }));
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).not.toMatch(/<style|currentColor| style="|&nbsp;|aria-label="tip"/);
    const ids = [...svg.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [, id] of svg.matchAll(/url\(#([^)]+)\)/g)) expect(ids).toContain(id);
    expect(svg).toMatch(/<svg [^>]*width="89mm"/);
  });
});

describe('text at physical size', () => {
  it.each(presetIds.filter((id) => id !== 'custom'))('%s: no text is smaller than the preset allows, at its default and at its smallest size', async (preset) => {
    for (const pt of [PRESETS[preset].pt.standard, PRESETS[preset].pt.min]) {
      for (const view of views) {
        const sizes = printedTextSizes(parseSvg(text(await figure(view, 'svg', { preset, pt }))));
        expect(sizes.length).toBeGreaterThan(5);
        const smallest = Math.min(...sizes.map((s) => s.pt));
        expect(smallest, `${view} at ${pt} pt`).toBeGreaterThanOrEqual(PRESETS[preset].pt.min - 0.01);
      }
    }
  }, 60_000);

  it('refuses text below the preset’s minimum, in words', async () => {
    await expect(figure('trend', 'svg', { preset: 'plos', pt: 7 })).rejects.toMatchObject({ code: 'figure-invalid', detail: { context: 'text-too-small', pt: 7, min: 8 } });
    await expect(figure('trend', 'svg', { preset: 'nature-single', pt: 4 })).rejects.toMatchObject({ code: 'figure-invalid', detail: { context: 'text-too-small', min: 5 } });
  });
});

describe('raster files', () => {
  it('a slide is 16:9: 4,000 × 2,250 px at 300 dpi', async () => {
    expect(pngSize(await figure('trend', 'png', { preset: 'slide', dpi: 300 }))).toEqual({ width: 4000, height: 2250 });
  });

  it('a 600 dpi Nature single-column PNG is 2,102 px wide and records 600 dpi', async () => {
    const png = await figure('trend', 'png', { preset: 'nature-single', dpi: 600 });
    expect(pngSize(png).width).toBe(2102);
    expect(pngResolution(png)).toBe(600);
    const meta = await sharp(png).metadata();
    expect(meta.density).toBe(600);
  });

  it('the PLOS TIFF is LZW-compressed, RGB with three channels and no alpha, at 300 dpi and at most 2,250 px wide', async () => {
    const tiff = await figure('breakdown', 'tiff', { preset: 'plos' });
    const tags = tiffTags(tiff);
    expect(tags.get(259)).toBe(5); // Compression: LZW
    expect(tags.get(277)).toBe(3); // SamplesPerPixel
    expect(tags.get(262)).toBe(2); // PhotometricInterpretation: RGB
    expect(tags.has(338)).toBe(false); // ExtraSamples: none, so no alpha
    expect(tags.get(256)).toBeLessThanOrEqual(2250);
    const meta = await sharp(tiff).metadata();
    expect(meta).toMatchObject({ format: 'tiff', channels: 3, hasAlpha: false, density: 300 });
  });
});

describe('the PDF', () => {
  it('embeds every font as a subset with its Unicode map, and its Greek title copies as Greek text', async () => {
    const file = path.join(dir, 'greek.pdf');
    await writeFile(file, await figure('trend', 'pdf', { language: 'el', font: 'noto-sans' }));
    const fonts = (await run('pdffonts', [file])).stdout.trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) {
      const [name, ...rest] = line.split(/\s+/);
      expect(name).toMatch(/^[A-Z]{6}\+/);
      // emb sub uni: all yes.
      expect(rest.slice(-5, -2)).toEqual(['yes', 'yes', 'yes']);
    }
    // Noto Sans lacks arrows: they come from Arimo, embedded too.
    expect(fonts.some((l) => l.includes('NotoSans'))).toBe(true);
    expect(fonts.some((l) => l.includes('Arimo'))).toBe(true);
    const copied = (await run('pdftotext', [file, '-'])).stdout.replace(/\s+/g, ' ');
    const title = (await engine.describeDataset({ dataset: 'sprig-demo' })).indicatorDetails.find((i) => i.id === 'cohort_connected_pct')!.names.el!;
    expect(title).toMatch(/^Άτομα/);
    expect(copied).toContain(title);
    const info = (await run('pdfinfo', [file])).stdout;
    expect(info).toMatch(/Pages:\s+1/);
  });
});

describe('options', () => {
  it('plain drops title, subtitle and sources but keeps the legend, the badges and the notes on missing values and comparability', async () => {
    const svg = text(await figure('latest', 'svg', { plain: true }));
    expect(svg).not.toContain('sprig-figure-title');
    expect(svg).not.toContain('data-kind="sources"');
    expect(svg).toContain('sprig-badge-synthetic');
    expect(svg).toContain('data-kind="missing"');
    expect(svg).toContain('data-kind="comparability"');
  });

  it('greyscale labels every line with its country, and the legend draws each country’s line as the chart does', async () => {
    const svg = parseSvg(text(await figure('trend', 'svg', { greyscale: true })));
    const direct = Array.from(svg.querySelectorAll('.sprig-direct-label text'), (t) => t.textContent);
    expect(new Set(direct)).toEqual(new Set(['England', 'United States', 'Australia', 'Germany', 'Greece']));
    // Every value here is synthetic: each line keeps the synthetic pattern (never a published one), and so does its legend entry.
    const legendDashes = Array.from(svg.querySelectorAll('.sprig-legend-country line'), (l) => l.getAttribute('stroke-dasharray'));
    expect(new Set(legendDashes)).toEqual(new Set([legendDashes[0]]));
    expect(svg.querySelectorAll('g.sprig-line.sprig-kind-synthetic').length).toBeGreaterThan(0);
    expect(svg.querySelectorAll('g.sprig-line.sprig-kind-published').length).toBe(0);
  });

  it('gridlines off removes every gridline', async () => {
    expect(text(await figure('trend', 'svg'))).toContain('aria-label="y-grid"');
    expect(text(await figure('trend', 'svg', { gridlines: false }))).not.toMatch(/aria-label="[a-z]*-grid"/);
  });

  it('outlined SVG has no text left, only shapes, at the same physical size', async () => {
    const svg = text(await figure('trend', 'svg-outlined'));
    expect(svg).not.toContain('<text');
    expect(svg).toMatch(/<svg width="89mm"/);
  });

  it('the figure’s language is its own, whatever the command or interface speaks', async () => {
    const de = text(await figure('breakdown', 'svg', { language: 'de' }));
    expect(de).toContain('Synthetische Werte');
  });
});

/** The first IFD's tags of a little- or big-endian TIFF: tag → first value. */
function tiffTags(bytes: Uint8Array): Map<number, number> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = view.getUint16(0) === 0x4949;
  const u16 = (at: number) => view.getUint16(at, little);
  const u32 = (at: number) => view.getUint32(at, little);
  const ifd = u32(4);
  const tags = new Map<number, number>();
  for (let i = 0; i < u16(ifd); i++) {
    const at = ifd + 2 + i * 12;
    const type = u16(at + 2);
    tags.set(u16(at), type === 3 ? u16(at + 8) : u32(at + 8));
  }
  return tags;
}
