import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pngResolution, pngSize } from '../../src/engine/figures/png.ts';
import type { ViewKind } from '../../src/shared/view-spec.ts';
import { writeViewFile } from '../../src/shared/view-file.ts';
import { parseViewSpec } from '../../src/shared/view-spec.ts';
import { EXAMPLE_VIEWS } from '../support/example-views.ts';
import { screenSettled } from '../support/settled.ts';
import { tempDir } from '../support/temp.ts';
import { writeFile } from 'node:fs/promises';
import { launchChromium, startSprig, type RunningSprig } from './harness.ts';
import { ExportDialog } from './pages/export-dialog.ts';
import { Explorer } from './pages/explorer.ts';

/** Screenshots a person looks at: the Export dialog of every view kind, and the screen at each width. */
export const SCREENSHOTS = path.join(import.meta.dirname, 'output', 'screenshots');

describe('a co-author exports a figure for a paper', () => {
  let sprig: RunningSprig;
  let browser: Browser;
  let page: Page;
  let explorer: Explorer;
  let dialog: ExportDialog;
  let views: string;

  beforeAll(async () => {
    sprig = await startSprig();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'en-GB', acceptDownloads: true });
    explorer = new Explorer(page);
    dialog = new ExportDialog(page);
    await page.goto(sprig.url);
    await page.locator('[data-app-state="ready"]').waitFor({ timeout: 20_000 });
    await explorer.settled();
    await mkdir(SCREENSHOTS, { recursive: true });
    views = await tempDir();
  });
  afterAll(async () => {
    await browser?.close();
    await sprig?.stop();
  });
  // A test that failed with the dialog open leaves the next one the explorer, as a reader would close it.
  afterEach(async () => {
    if ((await dialog.dialog.count()) > 0) await dialog.close();
  });

  /** Opens one of the example views as a saved view, as a co-author would. */
  async function openView(view: ViewKind): Promise<void> {
    const file = path.join(views, `${view}.sprig.json`);
    await writeFile(file, writeViewFile(parseViewSpec(EXAMPLE_VIEWS[view]), '1.0.0'));
    await explorer.openView(file);
    expect(await explorer.control('View').inputValue()).toBe(view);
  }

  it.each(Object.keys(EXAMPLE_VIEWS) as ViewKind[])('%s: the dialog previews the PNG it downloads, 2,102 px wide at 600 dpi', async (view) => {
    await openView(view);
    await dialog.open();
    await dialog.onlyFormats(['PNG']);
    expect(await dialog.dialog.locator('.export-preview').getAttribute('data-preview-format')).toBe('png');
    await page.screenshot({ path: path.join(SCREENSHOTS, `export-dialog-${view}.png`) });
    const [download] = await dialog.download(1);
    const file = path.join(views, download!.suggestedFilename());
    await download!.saveAs(file);
    expect(download!.suggestedFilename()).toMatch(new RegExp(`^sprig-demo_${view}_(.+_)?nature-single_en-gb\\.png$`));
    const png = new Uint8Array(await readFile(file));
    expect(pngSize(png).width).toBe(2102);
    expect(pngResolution(png)).toBe(600);
    // The preview is that file, drawn by the engine: the same pixels across and down.
    const preview = await dialog.dialog.locator('.export-preview img').evaluate((img: HTMLImageElement) => ({ width: img.naturalWidth, height: img.naturalHeight }));
    expect(preview).toEqual(pngSize(png));
    await dialog.close();
  });

  it('says why text smaller than the preset allows cannot be exported, in words, and offers no download', async () => {
    await openView('trend');
    await dialog.open();
    await dialog.choose('Size', 'plos');
    await dialog.dialog.getByLabel('Text size (pt)').fill('7');
    await dialog.dialog.getByRole('alert').waitFor();
    expect(await dialog.dialog.getByRole('alert').textContent()).toBe('Text of 7 pt is smaller than this size allows (8 pt at the least).');
    expect(await dialog.dialog.getByRole('button', { name: /^Download/ }).first().isDisabled()).toBe(true);
    await dialog.close();
  });

  it('exports the figure in the figure’s own language, whatever the interface speaks', async () => {
    await openView('breakdown');
    await dialog.open();
    await dialog.onlyFormats(['SVG, text editable']);
    await dialog.choose('Language of the figure', 'el');
    const [download] = await dialog.download(1);
    const file = path.join(views, download!.suggestedFilename());
    await download!.saveAs(file);
    expect(download!.suggestedFilename()).toMatch(/_el\.svg$/);
    expect(await readFile(file, 'utf8')).toContain('Συνθετικές τιμές');
    await dialog.close();
  });
});

describe('the figure on screen fills its panel', () => {
  let sprig: RunningSprig;
  let browser: Browser;

  beforeAll(async () => {
    sprig = await startSprig();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await sprig?.stop();
  });

  /** Runs in the page: the figure's box and its panel's, its smallest text, and how much of the chart is in the window. */
  function measure() {
    const container = document.querySelector('figure.chart .figure-chart')!;
    const svg = container.querySelector(':scope > svg')!;
    const chart = svg.querySelector('svg')!.getBoundingClientRect();
    const sizes = [...svg.querySelectorAll('text')].filter((t) => t.getBoundingClientRect().width > 0).map((t) => parseFloat(getComputedStyle(t).fontSize) * (t.getScreenCTM()?.a ?? 1));
    return {
      panel: container.getBoundingClientRect().width,
      figure: svg.getBoundingClientRect().width,
      smallestText: Math.min(...sizes),
      chartBottom: chart.bottom,
      windowHeight: window.innerHeight,
    };
  }

  it.each([1024, 1440, 1920])('at %i px the figure is as wide as its panel, its text readable', async (width) => {
    const page = await browser.newPage({ viewport: { width, height: 900 }, locale: 'en-GB' });
    try {
      await page.goto(sprig.url);
      await page.locator('[data-app-state="ready"]').waitFor({ timeout: 20_000 });
      await page.waitForFunction(screenSettled, null);
      await page.evaluate(() => document.fonts.ready);
      const m = await page.evaluate(measure);
      expect(Math.abs(m.figure - m.panel)).toBeLessThanOrEqual(1);
      expect(m.figure).toBeGreaterThan(500);
      expect(m.smallestText).toBeGreaterThanOrEqual(12);
      await page.screenshot({ path: path.join(SCREENSHOTS, `screen-${width}.png`), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('at 1280 × 800 the whole chart is above the fold', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    try {
      await page.goto(sprig.url);
      await page.locator('[data-app-state="ready"]').waitFor({ timeout: 20_000 });
      await page.waitForFunction(screenSettled, null);
      const m = await page.evaluate(measure);
      expect(m.chartBottom).toBeLessThanOrEqual(m.windowHeight);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'screen-1280x800.png') });
    } finally {
      await page.close();
    }
  });
});
