import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startSprig, type RunningSprig } from './harness.ts';
import { FirstScreen } from './pages/first-screen.ts';

describe('a new user opens Sprig in the browser host', () => {
  let sprig: RunningSprig;
  let browser: Browser;
  let page: Page;
  let screen: FirstScreen;
  const failedRequests: string[] = [];

  beforeAll(async () => {
    sprig = await startSprig();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('requestfailed', (r) => failedRequests.push(r.url()));
    page.on('response', (r) => r.status() >= 400 && failedRequests.push(`${r.status()} ${r.url()}`));
    screen = new FirstScreen(page);
    await screen.open(sprig.url);
  });
  afterAll(async () => {
    await browser?.close();
    await sprig?.stop();
  });

  it('sees the catalogue with the demonstration dataset marked synthetic', async () => {
    const card = screen.dataset(/demonstration/i);
    expect(await card.getByText("Synthetic demonstration data").isVisible()).toBe(true);
    expect(await card.getByRole("button", { name: "Exploring" }).isVisible()).toBe(true);
  });

  it('sees a five-country chart straight away, with a legend, the unit and the sources', async () => {
    expect(await screen.seriesCount()).toBe(5);
    const text = await screen.chartText();
    for (const country of ['England', 'United States', 'Australia', 'Germany', 'Greece']) expect(text).toContain(country);
    expect(text).toMatch(/Unit: %/);
    expect(text).toMatch(/Sources/);
  });

  it('chooses an England-only indicator and sees one series, the others named as missing', async () => {
    await screen.chooseIndicator(/Link-worker FTE.*NWRS/);
    expect(await screen.seriesCount()).toBe(1);
    const text = await screen.chartText();
    expect(text).toContain('United States: No national data');
    expect(text).toMatch(/Unit: FTE/);
  });

  it('hovers a published England value and is told its status and source', async () => {
    const tip = await screen.hoverFirstValue();
    expect(tip).toMatch(/^\W*England, /);
    expect(tip).toMatch(/Status: Published/);
    expect(tip).toMatch(/Source: \S+/);
  });

  it('chooses the five-country indicator again and gets its five series back', async () => {
    await screen.chooseIndicator(/connected to an activity/);
    expect(await screen.seriesCount()).toBe(5);
  });

  it('made no request that failed (and none left 127.0.0.1)', () => {
    expect(failedRequests).toEqual([]);
    expect(sprig.url.startsWith('http://127.0.0.1:')).toBe(true);
  });
});
