import { parseHTML } from 'linkedom';

/** An exported SVG, parsed, and what tests ask of it. */
export function parseSvg(markup: string): Element {
  const { document } = parseHTML(`<!doctype html><html><body>${markup.replace(/^<\?xml[^>]*>\s*/, '')}</body></html>`);
  return document.querySelector('svg')!;
}

/** The scale of an element's own transform (`scale(s)`), 1 when it has none. */
function ownScale(element: Element): number {
  const match = /scale\(([\d.]+)/.exec(element.getAttribute('transform') ?? '');
  return match ? Number(match[1]) : 1;
}

/**
 * Every text's font size as printed, in pt: the figure's units are points (its viewBox is in
 * pt and its width in mm), so a size is its own (or inherited) font-size times the scales of
 * the groups around it. Sizes in `em` are relative to the inherited size.
 */
export function printedTextSizes(root: Element): { text: string; pt: number }[] {
  const out: { text: string; pt: number }[] = [];
  const width = Number.parseFloat(root.getAttribute('width') ?? '0');
  const viewBoxWidth = Number((root.getAttribute('viewBox') ?? '0 0 0 0').split(' ')[2]);
  const rootScale = ((width / 25.4) * 72) / viewBoxWidth;
  const walk = (element: Element, scale: number, size: number) => {
    const own = element.getAttribute('font-size');
    const next = own === null ? size : own.endsWith('em') ? size * Number.parseFloat(own) : Number.parseFloat(own);
    const s = scale * ownScale(element);
    if (element.localName === 'text' && (element.textContent ?? '').trim() !== '') out.push({ text: element.textContent ?? '', pt: next * s });
    for (const child of Array.from(element.children)) walk(child, s, next);
  };
  walk(root, rootScale, 16);
  return out;
}
