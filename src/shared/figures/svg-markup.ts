/**
 * A drawn figure as standalone SVG text: an XML declaration, the SVG namespace, attributes
 * in the order they were set, text escaped for XML (never HTML entities such as `&nbsp;`,
 * which are not XML). The same DOM gives the same bytes, whichever document drew it.
 */
const SVG_NS = 'http://www.w3.org/2000/svg';

export function svgMarkup(root: Element): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  write(root, out, true);
  out.push('\n');
  return out.join('');
}

function write(node: Node, out: string[], isRoot = false): void {
  if (node.nodeType === 3) {
    out.push(escapeText(node.nodeValue ?? ''));
    return;
  }
  if (node.nodeType !== 1) return;
  const element = node as Element;
  const name = element.localName;
  out.push(`<${name}`);
  if (isRoot) out.push(` xmlns="${SVG_NS}"`);
  for (const attribute of Array.from(element.attributes)) {
    if (attribute.name === 'xmlns') continue;
    out.push(` ${attribute.name}="${escapeAttribute(attribute.value)}"`);
  }
  const children = Array.from(element.childNodes).filter((c) => c.nodeType === 1 || c.nodeType === 3);
  if (children.length === 0) {
    out.push('/>');
    return;
  }
  out.push('>');
  const block = children.every((c) => c.nodeType === 1) && name !== 'text' && name !== 'tspan';
  for (const child of children) {
    if (block) out.push('\n');
    write(child, out);
  }
  if (block) out.push('\n');
  out.push(`</${name}>`);
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
}
