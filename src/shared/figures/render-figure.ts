import * as Plot from '@observablehq/plot';
import { ascent, FIGURE_FONTS, figureFont, hasGlyph, measureText, wrapLines, type FontStyle, type TextStyle } from './fonts.ts';
import { DESIGN_TEXT_SIZE, type Figure, type FigureBadge, type LegendItem, type MarkerSymbol } from './figure.ts';
import type { FigureTheme } from './theme.ts';

/**
 * Draws a figure as one SVG: title, subtitle, badges, legend, the charts (Observable Plot,
 * scaled so that their text is the figure's text size), notes and sources, every text
 * placed from widths measured in the font file. The same function draws the screen (with
 * the page's document, charts kept interactive) and every export (with a headless document,
 * as one standalone SVG; see `FigureTheme.standalone`).
 */
export interface RenderedFigure {
  svg: SVGSVGElement;
  /** In the theme's units. */
  width: number;
  height: number;
  /** Plot's own chart elements (on screen, each keeps the datum under the pointer in `value`). */
  charts: Element[];
  /** The smallest text drawn, in the theme's units. */
  smallestText: number;
  /** False when a fixed height was too small for everything (the figure grew instead). */
  fits: boolean;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const LINE_HEIGHT = 1.3;

/** How each badge is drawn: the colours the interface's badges have (src/renderer/styles.css). */
const BADGE_STYLES: Record<string, { fill: string; stroke: string; text: string; dash: string | null }> = {
  synthetic: { fill: '#fff1d6', stroke: '#7a4d00', text: '#7a4d00', dash: '3,2' },
  target: { fill: '#ede7f6', stroke: '#4a2a7a', text: '#4a2a7a', dash: '3,2' },
  modelled: { fill: '#e6f0fa', stroke: '#1f4e79', text: '#1f4e79', dash: '1,1.5' },
  provisional: { fill: '#f3f3f3', stroke: '#333333', text: '#333333', dash: '3,2' },
};

export function renderFigure(figure: Figure, theme: FigureTheme, document: Document): RenderedFigure {
  const el = (tag: string, attributes: Record<string, string | number> = {}): Element => {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
    return node;
  };
  const size = theme.fontSize;
  const pad = theme.padding;
  const inner = theme.width - 2 * pad;
  const base: TextStyle = { font: theme.font, size };
  const root = el('svg') as SVGSVGElement;
  const content = el('g');
  let smallest = Infinity;

  /** Lines of text, each a <text> placed by its baseline; returns the height used. */
  const textLines = (parent: Element, lines: string[], x: number, top: number, style: TextStyle, fill: string): number => {
    const lineHeight = style.size * LINE_HEIGHT;
    lines.forEach((line, i) => {
      const text = el('text', {
        x: round(x),
        y: round(top + i * lineHeight + ascent(style) + (lineHeight - style.size * 1.2) / 2),
        'font-size': round(style.size),
        fill,
        ...(style.bold ? { 'font-weight': 'bold' } : {}),
        ...(style.italic ? { 'font-style': 'italic' } : {}),
      });
      // A line broken at a space keeps it, so the figure's text reads (and copies) as sentences.
      text.textContent = i < lines.length - 1 && !/[-/]$/.test(line) ? `${line} ` : line;
      parent.append(text);
    });
    smallest = Math.min(smallest, style.size);
    return lines.length * lineHeight;
  };

  // Above the charts: title, subtitle, badges and legend.
  const head = el('g', { class: 'sprig-figure-head' });
  let y = pad;
  if (!theme.plain) {
    const titleStyle = { ...base, size: size * 1.25, bold: true };
    const title = el('g', { class: 'sprig-figure-title' });
    y += textLines(title, wrapLines(figure.title, inner, titleStyle), pad, y, titleStyle, theme.ink);
    head.append(title);
    if (figure.subtitle) {
      const subtitle = el('g', { class: 'sprig-figure-subtitle' });
      y += textLines(subtitle, wrapLines(figure.subtitle, inner, base), pad, y, base, theme.muted);
      head.append(subtitle);
    }
    y += size * 0.4;
  }
  if (figure.badges.length > 0) y += badges(head, figure.badges, pad, y) + size * 0.4;
  if (figure.legend.length > 0) y += legend(head, figure.legend, pad, y) + size * 0.3;
  content.append(head);

  // Below the charts: notes and sources, laid out first so a fixed height knows what is left.
  const foot = el('g', { class: 'sprig-figure-notes' });
  let footHeight = 0;
  const paragraphs = [
    ...figure.notes.map((n) => ({ kind: n.kind as string, text: n.text })),
    ...(theme.plain || figure.sources.length === 0 ? [] : [{ kind: 'sources', text: `${figure.sourcesLabel} ${figure.sources.map((s) => s.citation).join(' ')}` }]),
  ];
  const noteStyle: TextStyle = { ...base, size: theme.noteSize };
  for (const paragraph of paragraphs) {
    const note = el('g', { class: 'sprig-note', 'data-kind': paragraph.kind });
    footHeight += textLines(note, wrapLines(paragraph.text, inner, noteStyle), pad, footHeight, noteStyle, theme.ink) + theme.noteSize * 0.15;
    foot.append(note);
  }

  // The charts, drawn at a design size and scaled so that their smallest text is the figure's text size.
  const charts: Element[] = [];
  const chartTop = y + size * 0.2;
  let scale = size / DESIGN_TEXT_SIZE;
  const room = theme.height !== null ? theme.height - chartTop - footHeight - pad - size * 0.6 : theme.chartHeight;
  // A fixed height (a slide) is kept as long as a chart of some use fits; the figure grows only past that.
  const least = theme.height !== null ? 100 : 160;
  const freeHeight = (s: number) => Math.max(least, room !== null ? room / s : Math.min(520, Math.max(240, (inner / s) * 0.6)));
  let plots = drawCharts(figure, inner / scale, freeHeight(scale), document);
  const designSmallest = Math.min(...plots.map(smallestFontSize));
  if (designSmallest < DESIGN_TEXT_SIZE) {
    // A chart with smaller text (the map's values): scale up so that it too reaches the text size.
    scale = size / designSmallest;
    plots = drawCharts(figure, inner / scale, freeHeight(scale), document);
  }
  smallest = Math.min(smallest, designSmallest * scale);
  let chartY = chartTop;
  for (const plot of plots) {
    const width = Number(plot.getAttribute('width'));
    const height = Number(plot.getAttribute('height'));
    prepareChart(plot, theme);
    if (theme.standalone) {
      const group = el('g', { transform: `translate(${round(pad)} ${round(chartY)}) scale(${round(scale, 6)})`, class: 'sprig-figure-chart' });
      copyChartAttributes(plot, group, theme);
      group.append(...Array.from(plot.childNodes));
      content.append(group);
      charts.push(group);
    } else {
      plot.setAttribute('x', String(round(pad)));
      plot.setAttribute('y', String(round(chartY)));
      plot.setAttribute('width', String(round(width * scale)));
      plot.setAttribute('height', String(round(height * scale)));
      content.append(plot);
      charts.push(plot);
    }
    chartY += height * scale + size * 0.4;
  }

  foot.setAttribute('transform', `translate(0 ${round(chartY + size * 0.2)})`);
  content.append(foot);
  const needed = chartY + size * 0.2 + footHeight + pad;
  const height = theme.height !== null ? Math.max(theme.height, needed) : needed;
  const fits = theme.height === null || needed <= theme.height + 0.5;

  root.setAttribute('width', theme.physicalMm ? `${round(theme.physicalMm.width)}mm` : String(round(theme.width)));
  root.setAttribute('height', theme.physicalMm ? `${round((height * 25.4) / 72)}mm` : String(round(height)));
  root.setAttribute('viewBox', `0 0 ${round(theme.width)} ${round(height)}`);
  root.setAttribute('font-family', theme.fontFamily);
  root.setAttribute('font-size', String(round(size)));
  root.setAttribute('class', 'sprig-figure');
  root.append(el('rect', { width: round(theme.width), height: round(height), fill: '#ffffff' }), content);
  if (theme.standalone && theme.font !== 'arimo') fallBackForMissingGlyphs(root, theme, el);
  renameIds(root, theme.idPrefix);
  return { svg: root, width: theme.width, height, charts, smallestText: smallest, fits };

  /** Badges in a row (wrapping), each a rounded box in its kind's colours; returns the height used. */
  function badges(parent: Element, items: FigureBadge[], left: number, top: number): number {
    const style = { ...base, bold: true };
    const h = size * 1.5;
    let x = left;
    let row = 0;
    for (const badge of items) {
      const look = BADGE_STYLES[badge.kind] ?? BADGE_STYLES.provisional!;
      const w = measureText(badge.label, style) + size * 1.2;
      if (x > left && x + w > left + inner) {
        x = left;
        row++;
      }
      const by = top + row * (h + size * 0.3);
      const g = el('g', { class: `sprig-badge sprig-badge-${badge.kind}`, 'data-kind': badge.kind });
      g.append(el('rect', { x: round(x), y: round(by), width: round(w), height: round(h), rx: round(h / 2), fill: look.fill, stroke: look.stroke, 'stroke-width': round(size * 0.08), ...(look.dash ? { 'stroke-dasharray': scaleDash(look.dash, size / 7) } : {}) }));
      textLines(g, [badge.label], x + size * 0.6, by + (h - size * LINE_HEIGHT) / 2, style, look.text);
      parent.append(g);
      x += w + size * 0.5;
    }
    return (row + 1) * h + row * size * 0.3;
  }

  /** Legend entries in rows (wrapping): a swatch drawn as the chart draws the item, then its label. */
  function legend(parent: Element, items: LegendItem[], left: number, top: number): number {
    const swatch = size * 2.6;
    const rowHeight = size * LINE_HEIGHT + size * 0.2;
    const s = size / DESIGN_TEXT_SIZE;
    let x = left;
    let row = 0;
    let previous: LegendItem['group'] | null = null;
    for (const item of items) {
      const labelWidth = measureText(item.label, base);
      const w = swatch + size * 0.4 + labelWidth;
      // Kinds of value start a row of their own after the countries.
      if (x > left && (x + w > left + inner || (previous !== null && previous !== item.group))) {
        x = left;
        row++;
      }
      previous = item.group;
      const cy = top + row * rowHeight + (size * LINE_HEIGHT) / 2;
      const g = el('g', { class: `sprig-legend-item sprig-legend-${item.group}`, 'data-group': item.group, 'data-key': item.key, 'data-colour': item.colour });
      if (item.box) {
        g.append(el('rect', { x: round(x + swatch * 0.15), y: round(cy - size * 0.4), width: round(swatch * 0.7), height: round(size * 0.8), fill: item.colour, 'fill-opacity': item.box.fillOpacity, stroke: item.colour, 'stroke-width': round(s * 1.5), ...(item.box.dash ? { 'stroke-dasharray': scaleDash(item.box.dash, s) } : {}) }));
      }
      if (item.line) {
        g.append(el('line', { x1: round(x), y1: round(cy), x2: round(x + swatch), y2: round(cy), stroke: item.colour, 'stroke-width': round(s * 2), ...(item.line.dash ? { 'stroke-dasharray': scaleDash(item.line.dash, s) } : {}) }));
      }
      if (item.marker) g.append(marker(item.marker.symbol, x + swatch / 2, cy, s * 4, item.colour, item.marker.hollow, s * 1.5));
      textLines(g, [item.label], x + swatch + size * 0.4, cy - (size * LINE_HEIGHT) / 2, base, theme.ink);
      parent.append(g);
      x += w + size * 1.2;
    }
    return (row + 1) * rowHeight;
  }

  function marker(symbol: MarkerSymbol, cx: number, cy: number, r: number, colour: string, hollow: boolean, strokeWidth: number): Element {
    const paint = { fill: hollow ? '#ffffff' : colour, stroke: colour, 'stroke-width': round(strokeWidth) };
    if (symbol === 'circle') return el('circle', { cx: round(cx), cy: round(cy), r: round(r * 0.8), ...paint });
    if (symbol === 'square') return el('rect', { x: round(cx - r * 0.75), y: round(cy - r * 0.75), width: round(r * 1.5), height: round(r * 1.5), ...paint });
    const points = symbol === 'triangle' ? [[0, -1.1], [1, 0.7], [-1, 0.7]] : [[0, -1.1], [1, 0], [0, 1.1], [-1, 0]];
    return el('path', { d: `M${points.map(([px, py]) => `${round(cx + px! * r)},${round(cy + py! * r)}`).join('L')}Z`, ...paint });
  }
}


/** Plot's drawings of the figure's charts at a design width, with a document of the caller's choosing. */
function drawCharts(figure: Figure, width: number, height: number, document: Document): SVGSVGElement[] {
  return figure.panels({ width: Math.floor(width), height: Math.floor(height) }).map((options) => {
    // The figure draws its own legend and notes: none from Plot.
    const { caption: _caption, ...rest } = options;
    const color = rest.color ? { ...rest.color, legend: false } : undefined;
    return Plot.plot({ ...rest, ...(color ? { color } : {}), document }) as SVGSVGElement;
  });
}

/** The smallest font size a chart sets (its own size, or a mark's). */
function smallestFontSize(plot: Element): number {
  let least = Number(/font-size:\s*([\d.]+)px/.exec(plot.getAttribute('style') ?? '')?.[1] ?? DESIGN_TEXT_SIZE);
  for (const node of Array.from(plot.querySelectorAll('[font-size]'))) {
    if (node.closest('[aria-label="tip"]')) continue;
    const value = Number.parseFloat(node.getAttribute('font-size') ?? '');
    if (Number.isFinite(value) && value > 0) least = Math.min(least, value);
  }
  return least;
}

/**
 * Makes a chart fit the figure: gridlines removed when the theme has none; for a standalone
 * figure, no tooltips, no style sheet, no `currentColor` and presentation attributes only.
 */
function prepareChart(plot: Element, theme: FigureTheme): void {
  if (!theme.gridlines) for (const grid of Array.from(plot.querySelectorAll('[aria-label$="-grid"]'))) grid.remove();
  if (!theme.standalone) return;
  for (const node of Array.from(plot.querySelectorAll('style, [aria-label="tip"]'))) node.remove();
  for (const node of [plot, ...Array.from(plot.querySelectorAll('*'))]) {
    for (const name of ['fill', 'stroke']) if (node.getAttribute(name) === 'currentColor') node.setAttribute(name, theme.ink);
    const style = node.getAttribute('style');
    if (style !== null && node !== plot) {
      node.removeAttribute('style');
      for (const [property, value] of declarations(style)) if (PRESENTATION.has(property) && !node.hasAttribute(property)) node.setAttribute(property, value);
    }
  }
}

const PRESENTATION = new Set(['fill', 'stroke', 'font-size', 'font-weight', 'font-style', 'opacity', 'fill-opacity', 'stroke-opacity', 'stroke-width', 'stroke-dasharray', 'text-anchor']);

function declarations(style: string): [string, string][] {
  return style
    .split(';')
    .map((d) => d.split(':').map((p) => p.trim()) as [string, string])
    .filter(([property, value]) => property && value);
}

/** What a standalone chart group keeps of Plot's root element: its text defaults, as attributes. */
function copyChartAttributes(plot: Element, group: Element, theme: FigureTheme): void {
  const fontSize = /font-size:\s*([\d.]+)px/.exec(plot.getAttribute('style') ?? '')?.[1] ?? plot.getAttribute('font-size') ?? String(DESIGN_TEXT_SIZE);
  group.setAttribute('font-size', fontSize);
  group.setAttribute('text-anchor', plot.getAttribute('text-anchor') ?? 'middle');
  group.setAttribute('fill', theme.ink);
  for (const name of ['aria-label', 'aria-description']) {
    const value = plot.getAttribute(name);
    if (value) group.setAttribute(name, value);
  }
}

/**
 * Characters the figure's face lacks (Noto Sans has no arrows or "≈") are set in the face
 * that has them, Arimo, in a <tspan> of their own: no program then draws a missing glyph.
 */
function fallBackForMissingGlyphs(root: Element, theme: FigureTheme, el: (tag: string, attributes?: Record<string, string | number>) => Element): void {
  const fallback = FIGURE_FONTS.find((f) => f.id !== theme.font)!;
  for (const text of Array.from(root.querySelectorAll('text, tspan'))) {
    const style: FontStyle = text.closest('[font-weight="bold"]') ? 'bold' : text.closest('[font-style="italic"]') ? 'italic' : 'regular';
    for (const node of Array.from(text.childNodes)) {
      if (node.nodeType !== 3) continue;
      const value = node.nodeValue ?? '';
      const runs = value.match(/(\p{Any})/gu)?.reduce<{ text: string; missing: boolean }[]>((acc, ch) => {
        const missing = !hasGlyph(theme.font, style, ch.codePointAt(0)!) && hasGlyph(fallback.id, style, ch.codePointAt(0)!);
        const last = acc[acc.length - 1];
        if (last && last.missing === missing) last.text += ch;
        else acc.push({ text: ch, missing });
        return acc;
      }, []);
      if (!runs || runs.every((r) => !r.missing)) continue;
      for (const run of runs) {
        if (run.missing) {
          const span = el('tspan', { 'font-family': `'${figureFont(fallback.id).family}'` });
          span.textContent = run.text;
          text.insertBefore(span, node);
        } else text.insertBefore(text.ownerDocument.createTextNode(run.text), node);
      }
      node.remove();
    }
  }
}

/**
 * Every id in the figure named `<prefix>-<n>` in document order, and every reference to
 * one (`url(#…)`, `href="#…"`) with it: stable from one export to the next, and unique
 * between two figures on one page.
 */
function renameIds(root: Element, prefix: string): void {
  const renamed = new Map<string, string>();
  for (const node of Array.from(root.querySelectorAll('[id]'))) {
    const id = node.getAttribute('id')!;
    // A definition repeated (a chart's pattern, drawn once per facet) is the same thing: keep the first.
    if (renamed.has(id)) {
      const parent = node.parentNode;
      node.remove();
      if (parent && parent.nodeType === 1 && (parent as Element).localName === 'defs' && parent.childNodes.length === 0) (parent as Element).remove();
      continue;
    }
    const next = `${prefix}-${renamed.size + 1}`;
    renamed.set(id, next);
    node.setAttribute('id', next);
  }
  if (renamed.size === 0) return;
  for (const node of [root, ...Array.from(root.querySelectorAll('*'))]) {
    for (const attribute of Array.from(node.attributes)) {
      const value = attribute.value;
      if (!value.includes('#')) continue;
      const replaced = value
        .replace(/url\(#([^)]+)\)/g, (whole, id: string) => (renamed.has(id) ? `url(#${renamed.get(id)})` : whole))
        .replace(/^#(.+)$/, (whole, id: string) => (renamed.has(id) ? `#${renamed.get(id)}` : whole));
      if (replaced !== value) node.setAttribute(attribute.name, replaced);
    }
  }
}

/** A dash pattern in design pixels, at the figure's scale. */
function scaleDash(dash: string, scale: number): string {
  return dash
    .split(/[ ,]+/)
    .map((n) => round(Number(n) * scale))
    .join(',');
}

function round(n: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
