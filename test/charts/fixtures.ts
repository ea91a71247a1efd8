import * as Plot from '@observablehq/plot';
import type { TrendRow } from '../../src/shared/charts/trend-rows.ts';
import { createI18n } from '../../src/shared/i18n/create.ts';

/** Small hand-made rows for chart tests: charts are tested without the engine. */
export const t = createI18n('en-GB').t;

export const fiveCountries = [
  { code: 'GB-ENG', name: 'England' },
  { code: 'US', name: 'United States' },
  { code: 'AU', name: 'Australia' },
  { code: 'DE', name: 'Germany' },
  { code: 'GR', name: 'Greece' },
];

export function row(country: string, year: number, value: number | null, extra: Partial<TrendRow> = {}): TrendRow {
  return {
    country,
    period: String(year),
    start: new Date(Date.UTC(year, 0, 1)),
    value,
    lower: null,
    upper: null,
    status: value === null ? 'not_available' : 'published',
    synthetic: false,
    source: 'src',
    note: null,
    ...extra,
  };
}

export const synthetic = { synthetic: true, status: 'synthetic' } as const;

export const sourceLabel = (id: string) => `Source ${id}`;

/** Draws Plot options (or several) with the test's DOM; returns the figure or SVG. */
export function draw(options: Plot.PlotOptions): HTMLElement | SVGSVGElement {
  return Plot.plot(options) as HTMLElement | SVGSVGElement;
}

/** Texts of the elements a selector finds. */
export function texts(root: Element, selector: string): string[] {
  return [...root.querySelectorAll(selector)].map((e) => e.textContent ?? '');
}

interface MarkLike {
  className?: string;
  data?: unknown;
  channels?: { title?: { value: unknown } };
}

/**
 * The tooltips a chart's marks carry (the `title` channel read by `tip: true`, which draws
 * them only on hover), for the marks whose class includes `className`.
 */
export function tooltips(options: Plot.PlotOptions, className: string): string[] {
  const marks = ((options.marks ?? []) as unknown[]).flat(Infinity) as MarkLike[];
  return marks
    .filter((m) => m && typeof m === 'object' && m.className?.split(' ').includes(className))
    .flatMap((m) => {
      const title = m.channels?.title?.value;
      const data = Array.from((m.data ?? []) as Iterable<unknown>);
      if (typeof title === 'function') return data.map((d, i) => String(title(d, i)));
      if (typeof title === 'string') return data.map((d) => String((d as Record<string, unknown>)[title]));
      return [];
    });
}

/** Plot draws one tip group per mark with a tip: a chart with one tip mark never opens two at once. */
export function tipGroups(root: Element): number {
  return root.querySelectorAll('g[aria-label="tip"]').length;
}
