/**
 * Seeded randomness for the demonstration data. Only integer arithmetic, `+ - * /` and
 * `Math.sqrt` (all exactly specified by IEEE 754) are used, never `Math.log`/`Math.cos`,
 * whose last bits may differ between JavaScript engines: the same seed must give the
 * same bytes on every machine.
 */

export interface Random {
  /** A uniform number in [0, 1). */
  next(): number;
  /** A uniform integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** Approximately normal (Irwin–Hall with 12 uniforms: exact arithmetic, tails cut at ±6 SD). */
  normal(mean: number, sd: number): number;
  /** A key chosen with probability proportional to its weight. */
  pick<K extends string>(weights: Readonly<Record<K, number>>): K;
  /** The number of successes in `trials` independent trials of probability p. */
  binomial(trials: number, p: number): number;
}

/** mulberry32: a small, well-known 32-bit generator; plenty for demonstration data. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createRandom(seed: number): Random {
  const next = mulberry32(seed);
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    normal: (mean, sd) => {
      let sum = 0;
      for (let i = 0; i < 12; i++) sum += next();
      return mean + (sum - 6) * sd;
    },
    pick: (weights) => {
      const keys = Object.keys(weights) as (keyof typeof weights)[];
      let total = 0;
      for (const key of keys) total += weights[key];
      let target = next() * total;
      for (const key of keys) {
        target -= weights[key];
        if (target < 0) return key;
      }
      return keys[keys.length - 1]!;
    },
    binomial: (trials, p) => {
      let successes = 0;
      for (let i = 0; i < trials; i++) if (next() < p) successes++;
      return successes;
    },
  };
  return random;
}

export function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value;
}
