import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startSprig, type RunningSprig } from './harness.ts';

/** A text's box as Chromium laid it out. */
interface TextBox {
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Runs in the page: the boxes of the map's texts, by what they are. */
function mapTextBoxes(): { ticks: TextBox[]; labels: TextBox[]; svgs: number; frame: TextBox } {
  const figure = document.querySelector('figure.chart')!;
  const boxes = (selector: string) =>
    [...figure.querySelectorAll(selector)].map((el) => {
      const b = el.getBoundingClientRect();
      return { text: el.textContent ?? '', left: b.left, right: b.right, top: b.top, bottom: b.bottom };
    });
  const svg = figure.querySelector('.plot > svg')!.getBoundingClientRect();
  return {
    ticks: boxes('g.sprig-legend-tick text'),
    labels: boxes('g.sprig-map-name text, g.sprig-map-value text, g.sprig-map-missing text, g.sprig-legend-text text'),
    svgs: figure.querySelectorAll('.plot > svg').length,
    frame: { text: '', left: svg.left, right: svg.right, top: svg.top, bottom: svg.bottom },
  };
}

function overlap(a: TextBox, b: TextBox): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** Runs in the page: texts of the outcome figure that reach outside its SVG (the screen clips nothing, but an exported figure would). */
function textsOutsideTheirFigure(): string[] {
  // The main figure only: the linked view beside it is another figure.
  return [...document.querySelector('figure.chart')!.querySelectorAll('.plot > svg')].flatMap((svg) => {
    const frame = svg.getBoundingClientRect();
    return [...svg.querySelectorAll('text')]
      .filter((text) => {
        const b = text.getBoundingClientRect();
        return b.width > 0 && (b.left < frame.left - 1 || b.right > frame.right + 1 || b.top < frame.top - 1 || b.bottom > frame.bottom + 1);
      })
      .map((text) => text.textContent ?? '');
  });
}

describe('a presenter shows charts in each language, every text in its place', () => {
  let sprig: RunningSprig;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    sprig = await startSprig();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(sprig.url);
    await page.locator('[data-app-state="ready"]').waitFor({ timeout: 20_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await sprig?.stop();
  });

  async function showMap(lang: string): Promise<void> {
    await page.goto(`${new URL(sprig.url).origin}/?lang=${lang}`);
    await page.locator('[data-app-state="ready"]').waitFor({ timeout: 20_000 });
    await page.locator('main select:has(option[value="cohort_connected_pct"])').first().selectOption('cohort_connected_pct');
    await page.locator('main select:has(option[value="map"])').first().selectOption('map');
    await page.locator('figure[data-chart-state="ready"] .plot g.sprig-map-name text').first().waitFor();
    await page.evaluate(() => document.fonts.ready);
  }

  it.each(['en-GB', 'de', 'el'])('map in %s: one SVG figure, with England, Wales and Scotland apart, and no text over another', async (lang) => {
    await showMap(lang);
    const { ticks, labels, svgs, frame } = await page.evaluate(mapTextBoxes);
    expect(svgs).toBe(1);
    expect(await page.locator('figure.chart .plot g.sprig-map-name text').count()).toBe(7);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    const texts = [...ticks, ...labels];
    const collisions = texts.flatMap((a, i) => texts.slice(i + 1).filter((b) => overlap(a, b)).map((b) => `“${a.text}” / “${b.text}”`));
    expect(collisions).toEqual([]);
    const outside = texts.filter((b) => b.left < frame.left - 1 || b.right > frame.right + 1 || b.bottom > frame.bottom + 1).map((b) => b.text);
    expect(outside).toEqual([]);
  });

  it.each(['de', 'el'])('outcome in %s: the long instrument name and labels fit, and the better direction is said', async (lang) => {
    await page.goto(`${new URL(sprig.url).origin}/?lang=${lang}`);
    await page.locator('[data-app-state="ready"]').waitFor({ timeout: 20_000 });
    await page.locator('main select:has(option[value="outcome"])').first().selectOption('outcome');
    await page.locator('figure[data-chart-state="ready"] .plot g.sprig-axis-title text').first().waitFor();
    await page.evaluate(() => document.fonts.ready);
    expect(await page.locator('figure.chart').first().locator('.plot g.sprig-direction text').count()).toBe(2);
    expect(await page.evaluate(textsOutsideTheirFigure)).toEqual([]);
  });
});
