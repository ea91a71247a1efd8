/**
 * The address to open in the system browser for a link the page tried to open, or undefined
 * to ignore it. Only plain web links qualify: a `file:`, `javascript:` or custom-scheme URL
 * handed to the operating system could launch a program.
 */
export function externalLinkTarget(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  if (parsed.username || parsed.password) return undefined;
  return parsed.href;
}
