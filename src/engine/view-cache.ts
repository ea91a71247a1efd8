import { AppError } from '../shared/errors.ts';

/**
 * Answers to views already asked for, as the Arrow IPC bytes the engine sent, so that
 * going back to an earlier chart (undo, switching a control back, reopening a view) costs
 * no query. Least recently used answers leave first once the total passes a byte budget.
 *
 * An answer depends only on the query and the data loaded, and the data never change
 * while loaded: the engine keeps one cache per loaded database and drops it with the
 * database when packages are reloaded (see `Engine.runView`).
 */

export const DEFAULT_VIEW_CACHE_BYTES = 64 * 1024 * 1024;

export class ViewCache {
  readonly maxBytes: number;
  /** Oldest first: a Map iterates in insertion order, and a hit is re-inserted. */
  private readonly entries = new Map<string, Uint8Array>();
  /** Queries running now, so the same view asked twice at once runs once. */
  private readonly running = new Map<string, Promise<Uint8Array>>();
  private bytes = 0;

  constructor(maxBytes: number = DEFAULT_VIEW_CACHE_BYTES) {
    this.maxBytes = maxBytes;
  }

  /** Answers held now. */
  get size(): number {
    return this.entries.size;
  }

  /** What the answers held now cost, keys included. */
  get totalBytes(): number {
    return this.bytes;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** A copy of the cached answer (callers may transfer or change theirs), marked as just used. */
  get(key: string): Uint8Array | undefined {
    const bytes = this.entries.get(key);
    if (bytes === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, bytes);
    return bytes.slice();
  }

  /** Keeps a copy of `bytes`, evicting the least recently used answers to stay within budget. */
  set(key: string, bytes: Uint8Array): void {
    this.delete(key);
    const cost = entryCost(key, bytes);
    if (cost > this.maxBytes) return;
    this.entries.set(key, bytes.slice());
    this.bytes += cost;
    for (const [oldest, value] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entryCost(oldest, value);
    }
  }

  delete(key: string): void {
    const bytes = this.entries.get(key);
    if (bytes === undefined) return;
    this.entries.delete(key);
    this.bytes -= entryCost(key, bytes);
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  /**
   * The cached answer, or `run`'s, kept for next time. A query already running for the
   * same key is joined rather than run again; a failed or cancelled query is not kept. A
   * joined query that its own caller cancelled runs again for this one: one caller's
   * Cancel is not another's.
   */
  async getOrRun(key: string, run: () => Promise<Uint8Array>): Promise<Uint8Array> {
    const cached = this.get(key);
    if (cached) return cached;
    const joined = this.running.get(key);
    if (joined) {
      try {
        return (await joined).slice();
      } catch (error) {
        if (error instanceof AppError && error.code === 'query-cancelled') return this.getOrRun(key, run);
        throw error;
      }
    }
    const pending = run().then(
      (bytes) => {
        this.running.delete(key);
        this.set(key, bytes);
        return bytes;
      },
      (error: unknown) => {
        this.running.delete(key);
        throw error;
      },
    );
    this.running.set(key, pending);
    return (await pending).slice();
  }
}

/** Bytes an entry holds: the answer and its key (UTF-16 in memory). */
function entryCost(key: string, bytes: Uint8Array): number {
  return bytes.byteLength + key.length * 2;
}

/** Fields of a spec that change only how an answer is drawn, never the answer itself. */
const PRESENTATION_ONLY = new Set(['highlight', 'logScale', 'sharedY', 'measure']);

/**
 * The cache key of a view: which package answers it (its name and folder) and the
 * canonical JSON of the validated spec, without the fields that only change how the answer
 * is drawn (highlight, log scale, shared axes, count or share), so those share one answer.
 */
export function viewCacheKey(packageIdentity: { name: string; path: string }, spec: object): string {
  const answered = Object.fromEntries(Object.entries(spec).filter(([key]) => !PRESENTATION_ONLY.has(key)));
  return canonicalJson({ package: [packageIdentity.name, packageIdentity.path], spec: answered });
}

/** JSON with object keys sorted at every depth, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
