/** Wall-clock timing for the bench. Figures are reported, never asserted on. */

export interface RunCounts {
  warmup: number;
  measured: number;
}

/** Milliseconds since `start` (a `process.hrtime.bigint()` reading). */
export function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { ms: elapsedMs(start), value };
}

/**
 * Times two contenders in alternation, swapping which goes first each round, so drift
 * (GC, CPU frequency, caches warming) falls on both sides alike rather than on whichever
 * ran second. Answers the measured samples and the last value each side returned.
 */
export async function timeInterleaved<A, B>(
  counts: RunCounts,
  a: () => Promise<A>,
  b: () => Promise<B>,
): Promise<{ a: number[]; b: number[]; lastA: A; lastB: B }> {
  const samplesA: number[] = [];
  const samplesB: number[] = [];
  let lastA: A | undefined;
  let lastB: B | undefined;
  for (let round = 0; round < counts.warmup + counts.measured; round++) {
    const measuring = round >= counts.warmup;
    const order = round % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const);
    for (const side of order) {
      if (side === 'a') {
        const { ms, value } = await timed(a);
        lastA = value;
        if (measuring) samplesA.push(ms);
      } else {
        const { ms, value } = await timed(b);
        lastB = value;
        if (measuring) samplesB.push(ms);
      }
    }
  }
  if (lastA === undefined || lastB === undefined) throw new Error('timeInterleaved needs at least one run');
  return { a: samplesA, b: samplesB, lastA, lastB };
}

/** Nearest-rank percentile (p in 0..100) of the samples. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((x, y) => x - y);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

export function median(samples: number[]): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? Number.NaN) + upper) / 2;
}

export function formatMs(ms: number): string {
  return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
}
