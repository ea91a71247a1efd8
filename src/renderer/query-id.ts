/**
 * A new id for one query, so that cancelling it (`cancelQuery`) stops that query and no
 * other: random, as two windows on one `sprig serve` must not pick the same.
 */
export function newQueryId(kind: 'view' | 'sql'): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return `${kind}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
