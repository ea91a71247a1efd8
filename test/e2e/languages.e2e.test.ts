import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countryName } from '../../src/shared/format.ts';
import { LANGUAGES } from '../../src/shared/i18n/languages.ts';
import { demoPackage } from '../support/temp.ts';
import { launchChromium, startSprig, type RunningSprig } from './harness.ts';
import { FirstScreen } from './pages/first-screen.ts';

/** An England-only indicator in the thousands: its axis shows grouping ("2,500" / "2.500"). */
const FTE_INDICATOR = 'link_worker_fte_nwrs';

/**
 * The chosen indicator must survive a change of language. Checked softly, so that if it does
 * not, the rest of the test (ticks, legend, labels) still runs on the indicator chosen again.
 */
async function expectIndicatorKept(screen: FirstScreen): Promise<void> {
  const shown = await screen.selectOffering(FTE_INDICATOR).inputValue();
  expect.soft(shown, 'the indicator chosen before the change of language').toBe(FTE_INDICATOR);
  if (shown !== FTE_INDICATOR) await screen.chooseIndicatorById(FTE_INDICATOR);
}

describe('a presenter switches Sprig’s language live', () => {
  let sprig: RunningSprig;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let screen: FirstScreen;
  const problems: string[] = [];

  beforeAll(async () => {
    sprig = await startSprig();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    page = await context.newPage();
    page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
    page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
    page.on('console', (m) => /Content Security Policy|font/i.test(m.text()) && problems.push(m.text()));
    screen = new FirstScreen(page);
    await screen.open(sprig.url);
  });
  afterAll(async () => {
    await browser?.close();
    await sprig?.stop();
  });

  it('opens in the browser’s language, British English here, with <html lang> to match', async () => {
    expect(await page.getAttribute('html', 'lang')).toBe('en-GB');
    expect(await screen.languageSelect.inputValue()).toBe('en-GB');
    expect(await screen.labelOf(screen.languageSelect)).toBe('Language');
    const names = await screen.languageSelect.locator('option').allTextContents();
    for (const l of LANGUAGES) expect(names).toContain(l.name);
  });

  it('switches to German and then Greek while a chart is shown, keeping the chosen indicator', async () => {
    await screen.chooseIndicatorById(FTE_INDICATOR);
    const english = { ticks: await screen.yTickLabels(), legend: await screen.legendLabels() };
    expect(english.ticks).toContain('2,500');
    // The legend names the countries drawn; the others are named beside the chart with their reason.
    expect(english.legend).toEqual(['England']);
    expect(await screen.chartText()).toContain('United States: No national data');
    expect(await screen.labelOf(screen.selectOffering(FTE_INDICATOR))).toBe('Indicator');

    await screen.switchLanguage('Deutsch');
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    await expectIndicatorKept(screen);
    expect(await screen.labelOf(screen.selectOffering(FTE_INDICATOR))).toBe('Indikator');
    expect(await screen.labelOf(screen.languageSelect)).toBe('Sprache');
    expect(await screen.yTickLabels()).toContain('2.500');
    expect(await screen.legendLabels()).toEqual(['England']);
    expect(await screen.chartText()).toContain('Vereinigte Staaten: Keine nationalen Daten');
    expect(await screen.chartText()).toContain('Griechenland: Keine nationalen Daten');

    await screen.switchLanguage('Ελληνικά');
    expect(await page.getAttribute('html', 'lang')).toBe('el');
    await expectIndicatorKept(screen);
    expect(await screen.labelOf(screen.selectOffering(FTE_INDICATOR))).toBe('Δείκτης');
    expect(await screen.yTickLabels()).toContain('2.500');
    expect(await screen.legendLabels()).toEqual(['Αγγλία']);
    expect(await screen.chartText()).toContain('Ηνωμένες Πολιτείες: Δεν υπάρχουν εθνικά στοιχεία');
    // Month ticks in Greek, and a tooltip with the period, the number and the unit in Greek.
    expect((await screen.xTickLabels()).join(' ')).toMatch(/\p{Script=Greek}{3,} 20\d\d/u);
    // The bundled font draws the Greek, in the interface and in the chart: no fallback, no tofu.
    const fonts = await page.evaluate(async () => {
      await document.fonts.ready;
      return {
        greekReady: document.fonts.check('16px "Sprig Noto Sans"', 'Κοινωνική συνταγογράφηση ΐΰ'),
        facesLoaded: [...document.fonts].filter((f) => f.family.includes('Sprig Noto Sans') && f.status === 'loaded').length,
        chartFont: getComputedStyle(document.querySelector('.plot svg')!).fontFamily,
        legendFont: getComputedStyle(document.querySelector('.plot .sprig-legend-item text')!).fontFamily,
        figureFaces: [...document.fonts].filter((f) => f.family.includes('Sprig Figure Noto Sans') && f.status === 'loaded').length,
      };
    });
    expect(fonts.greekReady).toBe(true);
    expect(fonts.facesLoaded).toBeGreaterThanOrEqual(2);
    // Figures are set in the static Noto Sans every export embeds, the same file their text was measured from.
    expect(fonts.chartFont).toMatch(/^"?Sprig Figure Noto Sans/);
    expect(fonts.legendFont).toMatch(/^"?Sprig Figure Noto Sans/);
    expect(fonts.figureFaces).toBeGreaterThanOrEqual(1);
    const tip = await screen.hoverFirstValue();
    expect(tip).toMatch(/Αγγλία, \p{Script=Greek}+ 20\d\d: \d\.\d{3} ΙΠΑ/u);
    expect(tip).toMatch(/Κατάσταση: /);
  });

  it('remembers the choice: reopened without asking, Sprig is still in Greek', async () => {
    await page.goto(new URL(sprig.url).origin + '/');
    await page.locator('[data-app-state="ready"]').waitFor({ timeout: 20_000 });
    await screen.settled();
    expect(await page.getAttribute('html', 'lang')).toBe('el');
    expect(await screen.languageSelect.inputValue()).toBe('el');
    await screen.switchLanguage('English (UK)');
    expect(await page.getAttribute('html', 'lang')).toBe('en-GB');
  });

  it('fetched the bundled font files from Sprig itself, none refused', async () => {
    const fontFiles = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.woff2') || n.endsWith('.ttf')),
    );
    expect(fontFiles.length).toBeGreaterThanOrEqual(2);
    for (const file of fontFiles) expect(file.startsWith(new URL(sprig.url).origin)).toBe(true);
    expect(problems).toEqual([]);
  });

  it('opens in German on a first start in a German browser', async () => {
    const german = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'de-DE' });
    try {
      const germanScreen = new FirstScreen(await german.newPage());
      await germanScreen.open(sprig.url);
      expect(await germanScreen.page.getAttribute('html', 'lang')).toBe('de');
      expect(await germanScreen.labelOf(germanScreen.selectOffering(FTE_INDICATOR))).toBe('Indikator');
    } finally {
      await german.close();
    }
  });
});

/** Text a data package supplies (names, definitions, sources), which Sprig shows as written. */
async function packageTexts(): Promise<string[]> {
  const descriptor = JSON.parse(await readFile(path.join(demoPackage, 'datapackage.json'), 'utf8')) as Record<string, unknown>;
  const texts = new Set<string>();
  // Labels, not codes: a code on screen (within_country_only) is a label the interface forgot to look up.
  const add = (v: unknown) => typeof v === 'string' && v.trim().length > 1 && !/^[a-z0-9_.-]+$/.test(v.trim()) && texts.add(v.trim());
  add(descriptor.title);
  add(descriptor.description);
  for (const l of (descriptor.licenses as { name?: string; title?: string }[] | undefined) ?? []) {
    add(l.name);
    add(l.title);
  }
  // Reference tables and code lists (small); the person-level tables hold codes, not text.
  for (const file of await readdir(demoPackage)) {
    if (!file.endsWith('.csv') || (await stat(path.join(demoPackage, file))).size > 200_000) continue;
    for (const cell of parseCsv(await readFile(path.join(demoPackage, file), 'utf8'))) add(cell);
  }
  return [...texts].sort((a, b) => b.length - a.length);
}

/** Every cell of a small CSV file (quoted cells may hold commas). */
function parseCsv(text: string): string[] {
  return [...text.matchAll(/"((?:[^"]|"")*)"|([^,\r\n]+)/g)].map((m) => (m[1] ?? m[2] ?? '').replace(/""/g, '"'));
}

describe('the main screen in the pseudo-locale', () => {
  let sprig: RunningSprig;
  let browser: Browser;
  let page: Page;
  let screen: FirstScreen;

  beforeAll(async () => {
    sprig = await startSprig();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    screen = new FirstScreen(page);
    await screen.openInLanguage(sprig.url, 'pseudo');
  });
  afterAll(async () => {
    await browser?.close();
    await sprig?.stop();
  });

  it('is in the pseudo-locale, which the language control shows while it is in use', async () => {
    expect(await page.getAttribute('html', 'lang')).toBe('en-XA');
    expect(await page.locator('select#language-select').inputValue()).toBe('en-XA');
  });

  /** Every tab of the main screen (chart, table, sources, SQL console), one after another. */
  async function eachTab(check: (tab: string) => Promise<void>): Promise<void> {
    const tabs = page.locator('[role="tab"]');
    const count = await tabs.count();
    for (let i = 0; i < Math.max(count, 1); i++) {
      if (count > 0) {
        await tabs.nth(i).click();
        await tabs.nth(i).and(page.locator('[aria-selected="true"]')).waitFor();
        await screen.settled();
      }
      await check(count > 0 ? `tab ${i + 1}` : 'main screen');
    }
    if (count > 0) {
      await tabs.first().click();
      await tabs.first().and(page.locator('[aria-selected="true"]')).waitFor();
      await screen.settled();
    }
  }

  it('shows no visible text that bypassed i18next on any tab, apart from the data package’s own labels', async () => {
    const allowed = [
      ...(await packageTexts()),
      ...LANGUAGES.map((l) => l.name),
      ...['GB-ENG', 'US', 'AU', 'DE', 'GR', 'GB-SCT', 'GB-WLS'].map((c) => countryName(c, 'en-GB', c)),
      // Month names come from Intl, which formats the pseudo-locale as British English on purpose.
      ...Array.from({ length: 12 }, (_, m) => new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, m, 1)))),
      'Sprig',
    ];
    const found: string[] = [];
    await eachTab(async (tab) => {
      found.push(...(await page.evaluate(findUntranslated, allowed)).map((u) => `${tab}: ${u}`));
    });
    expect(found).toEqual([]);
  });

  it('cuts no text off on any tab: nothing overflows its box or the window', async () => {
    const found: string[] = [];
    await eachTab(async (tab) => {
      found.push(...(await page.evaluate(findClipped)).map((c) => `${tab}: ${c}`));
    });
    expect(found).toEqual([]);
  });
});

/**
 * Runs in the page: visible text (and placeholders, titles, accessible names) with Latin
 * letters left once the package's own labels are taken out, i.e. English that bypassed t().
 */
function findUntranslated(allowedTexts: string[]): string[] {
  const found: string[] = [];
  const visible = (el: Element) => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
  };
  const leftover = (text: string) => {
    let rest = text;
    for (const a of allowedTexts) rest = rest.split(a).join(' ');
    return /[A-Za-z]{2,}/.test(rest) ? rest.trim() : null;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    const parent = node.parentElement;
    if (!parent || !/\p{L}/u.test(text) || !visible(parent)) continue;
    if (parent.closest('title, style, script, code, textarea')) continue;
    // A figure's note is one paragraph set in several lines: read it whole, below.
    if (parent.closest('.sprig-note')) continue;
    if (leftover(text)) found.push(`${parent.tagName.toLowerCase()}: ${text.trim()}`);
  }
  for (const note of document.querySelectorAll('.sprig-note')) {
    const text = note.textContent ?? '';
    if (leftover(text)) found.push(`figure note: ${text.trim()}`);
  }
  for (const el of document.querySelectorAll<HTMLElement>('[placeholder], [title], [aria-label]')) {
    if (el.closest('svg')) continue; // Observable Plot's own structural labels
    for (const name of ['placeholder', 'title', 'aria-label']) {
      const value = el.getAttribute(name);
      if (value && leftover(value)) found.push(`${el.tagName.toLowerCase()}[${name}]: ${value}`);
    }
  }
  return found;
}

/** Runs in the page: text that overflows a box that hides it, the window, or a control that cannot scroll. */
function findClipped(): string[] {
  const found: string[] = [];
  if (document.documentElement.scrollWidth > window.innerWidth + 1) found.push(`page is ${document.documentElement.scrollWidth}px wide`);
  for (const el of document.querySelectorAll<HTMLElement>('body *')) {
    // Text for assistive technology only is clipped on purpose.
    if (el.closest('svg, .visually-hidden') || !el.textContent?.trim()) continue;
    const style = getComputedStyle(el);
    const hides = ['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis';
    if (hides && el.scrollWidth > el.clientWidth + 1) found.push(`${el.tagName.toLowerCase()}.${el.className}: ${el.textContent.trim().slice(0, 60)}`);
    if ((el instanceof HTMLButtonElement || el instanceof HTMLLabelElement) && el.scrollWidth > el.clientWidth + 1) {
      found.push(`${el.tagName.toLowerCase()}: ${el.textContent.trim()}`);
    }
  }
  // Placeholders and a list's chosen option cannot scroll: the control must be wide enough for them.
  const textWidth = (text: string, style: CSSStyleDeclaration) => {
    const probe = document.createElement('span');
    probe.style.font = style.font;
    probe.style.position = 'absolute';
    probe.style.whiteSpace = 'pre';
    probe.textContent = text;
    document.body.append(probe);
    const width = probe.getBoundingClientRect().width;
    probe.remove();
    return width;
  };
  for (const input of document.querySelectorAll<HTMLInputElement>('input[placeholder]')) {
    const style = getComputedStyle(input);
    const needed = textWidth(input.placeholder, style) + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
    if (input.getBoundingClientRect().width > 0 && needed > input.clientWidth + 1) found.push(`input placeholder: ${input.placeholder}`);
  }
  for (const select of document.querySelectorAll<HTMLSelectElement>('select')) {
    const chosen = select.selectedOptions[0]?.textContent ?? '';
    const style = getComputedStyle(select);
    // The drop-down arrow takes about 20px beside the padding.
    const needed = textWidth(chosen, style) + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight) + 20;
    if (select.getBoundingClientRect().width > 0 && needed > select.clientWidth + 1) found.push(`select: ${chosen}`);
  }
  return found;
}
