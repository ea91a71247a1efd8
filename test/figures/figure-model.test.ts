import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import { figureDocument } from '../../src/engine/figures/figure-document.ts';
import { buildFigure } from '../../src/shared/figures/build-figure.ts';
import type { Figure } from '../../src/shared/figures/figure.ts';
import { renderFigure } from '../../src/shared/figures/render-figure.ts';
import { screenTheme } from '../../src/shared/figures/theme.ts';
import { createI18n } from '../../src/shared/i18n/create.ts';
import { parseViewSpec, type ViewSpecInput } from '../../src/shared/view-spec.ts';
import { EXAMPLE_VIEWS } from '../support/example-views.ts';
import { bundledData, tempDir } from '../support/temp.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [bundledData] });
});
afterAll(() => engine?.close());

async function figureOf(input: ViewSpecInput, locale = 'en-GB'): Promise<Figure> {
  const spec = parseViewSpec(input);
  const table = tableFromIPC(await engine.runView({ spec }));
  const description = await engine.describeDataset({ dataset: spec.dataset });
  return buildFigure({ spec, table, description, locale, t: createI18n(locale).t });
}

const notes = (figure: Figure, kind: string) => figure.notes.filter((n) => n.kind === kind).map((n) => n.text);

describe('the figure model keeps what the screen keeps', () => {
  it('a target keeps its mark, its badge and its legend entry, never a published one', async () => {
    const figure = await figureOf({ version: 2, dataset: 'sprig-demo', view: 'trend', indicator: 'link_worker_target' });
    expect(figure.badges.map((b) => b.kind)).toEqual(['target']);
    expect(figure.legend.filter((l) => l.group === 'kind').map((l) => l.key)).toEqual(['target']);
    const svg = renderFigure(figure, screenTheme(800, null, 'a'), figureDocument()).svg;
    expect(svg.querySelectorAll('g.sprig-kind-target').length).toBe(1);
    expect(svg.querySelectorAll('g.sprig-kind-published').length).toBe(0);
  });

  it('synthetic data are badged and in the legend, on person-level views too', async () => {
    const figure = await figureOf(EXAMPLE_VIEWS.pathway);
    expect(figure.badges.map((b) => b.kind)).toEqual(['synthetic']);
    expect(figure.legend.map((l) => l.key)).toEqual(['synthetic']);
    expect(notes(figure, 'chart').join(' ')).toContain('Synthetic demonstration data');
  });

  it('names every country without a value with its true reason', async () => {
    const figure = await figureOf({ version: 2, dataset: 'sprig-demo', view: 'trend', indicator: 'link_worker_fte_nwrs' });
    const missing = notes(figure, 'missing').join(' ');
    for (const country of ['United States', 'Australia', 'Germany', 'Greece']) expect(missing).toContain(`${country}: No national data`);
  });

  it('says how comparable in words even when the package has no code list for it (a mapped partner table)', async () => {
    const spec = parseViewSpec({ version: 2, dataset: 'sprig-demo', view: 'trend', indicator: 'link_worker_fte_nwrs' });
    const table = tableFromIPC(await engine.runView({ spec }));
    const described = await engine.describeDataset({ dataset: spec.dataset });
    const { comparability_level: _dropped, ...codeLabels } = described.codeLabels;
    const level = described.indicatorDetails.find((i) => i.id === 'link_worker_fte_nwrs')!.comparabilityLevel;
    for (const locale of ['en-GB', 'de', 'el']) {
      const t = createI18n(locale).t;
      const figure = buildFigure({ spec, table, description: { ...described, codeLabels }, locale, t });
      const said = notes(figure, 'comparability')[0]!;
      expect(said).not.toContain(level);
      expect(said).toContain(t(`mapping:levels.${level}`));
    }
  });

  it('says why countries are not ranked, and lists them by name', async () => {
    const figure = await figureOf(EXAMPLE_VIEWS.latest);
    expect(notes(figure, 'chart').join(' ')).toMatch(/^Not ranked: the latest values are from different periods/);
  });

  it('keeps the engine’s suppression: hidden counts are drawn as suppressed and the rule is said', async () => {
    const figure = await figureOf({ ...EXAMPLE_VIEWS.breakdown, suppressBelow: 400 } as ViewSpecInput);
    expect(figure.suppressionRule).toBe('Cells counting fewer than 400 people are suppressed, never shown as zero.');
    expect(notes(figure, 'chart')).toContain(figure.suppressionRule);
    const svg = renderFigure(figure, screenTheme(800, null, 'a'), figureDocument()).svg;
    const labels = Array.from(svg.querySelectorAll('g.sprig-suppressed-label text'), (t) => t.textContent);
    expect(labels.length).toBeGreaterThan(0);
    expect(labels).toContain('suppressed (fewer than 400)');
    // A count hidden so that a small one beside it cannot be worked out says so.
    for (const label of labels) expect(['suppressed (fewer than 400)', 'suppressed (protects a small count)']).toContain(label);
  });

  it('carries comparability and the caveat into its notes, and sources with citations', async () => {
    const figure = await figureOf(EXAMPLE_VIEWS.trend);
    expect(notes(figure, 'comparability')[0]).toBe('Comparability across countries: Comparable with caveats.');
    expect(notes(figure, 'caveat')[0]).toMatch(/^Caveat: /);
    expect(figure.sources[0]?.citation).toMatch(/^Sprig\. Sprig demonstration data generator .+\.$/);
  });
});

describe('the figure on screen', () => {
  it('fills the width it is given, at every width', async () => {
    const figure = await figureOf(EXAMPLE_VIEWS.trend);
    for (const width of [560, 780, 1200]) {
      const drawn = renderFigure(figure, screenTheme(width, 400, 'a'), figureDocument());
      expect(drawn.svg.getAttribute('width')).toBe(String(width));
      const chart = drawn.charts[0]!;
      expect(Number(chart.getAttribute('width'))).toBeGreaterThan(width * 0.95);
      expect(drawn.smallestText).toBeGreaterThanOrEqual(13);
    }
  });

  it('two figures on one page never share an id', async () => {
    const figure = await figureOf(EXAMPLE_VIEWS.breakdown);
    const document = figureDocument();
    const a = renderFigure(figure, screenTheme(700, null, 'sprig-fig-a'), document).svg;
    const b = renderFigure(figure, screenTheme(700, null, 'sprig-fig-b'), document).svg;
    const ids = [...a.querySelectorAll('[id]'), ...b.querySelectorAll('[id]')].map((e) => e.getAttribute('id'));
    expect(ids.length).toBeGreaterThan(1);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
