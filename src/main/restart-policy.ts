/**
 * When to start the engine again after it died. A crafted data file can crash DuckDB, and
 * the same file would crash it again at once, so restarts slow down and stop after a few.
 */
export interface RestartPolicyOptions {
  /** Wait before the first restart; each further restart in the window waits twice as long. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Restarts allowed within `windowMs`; one more and Sprig gives up. */
  maxRestarts: number;
  windowMs: number;
}

export interface RestartPolicy {
  /** Milliseconds to wait before restarting at time `now`, or `null` to give up. */
  nextDelay(now: number): number | null;
}

export const defaultRestartPolicy: RestartPolicyOptions = {
  baseDelayMs: 250,
  maxDelayMs: 5_000,
  maxRestarts: 5,
  windowMs: 60_000,
};

export function createRestartPolicy(options: RestartPolicyOptions = defaultRestartPolicy): RestartPolicy {
  let restarts: number[] = [];
  return {
    nextDelay(now) {
      restarts = restarts.filter((time) => now - time < options.windowMs);
      if (restarts.length >= options.maxRestarts) return null;
      const delay = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** restarts.length);
      restarts.push(now);
      return delay;
    },
  };
}
