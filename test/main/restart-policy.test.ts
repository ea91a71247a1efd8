import { describe, expect, it } from 'vitest';
import { createRestartPolicy } from '../../src/main/restart-policy.ts';

const options = { baseDelayMs: 100, maxDelayMs: 1_000, maxRestarts: 5, windowMs: 60_000 };

describe('restarting the engine after it died', () => {
  it('waits longer after each death, up to a ceiling', () => {
    const policy = createRestartPolicy(options);
    const delays = [0, 1, 2, 3, 4].map((i) => policy.nextDelay(i * 1_000));
    expect(delays).toEqual([100, 200, 400, 800, 1_000]);
  });

  it('gives up after too many deaths in a short time', () => {
    const policy = createRestartPolicy(options);
    for (let i = 0; i < 5; i++) expect(policy.nextDelay(i)).not.toBeNull();
    expect(policy.nextDelay(10)).toBeNull();
  });

  it('forgets deaths older than the window, starting again from the short wait', () => {
    const policy = createRestartPolicy(options);
    for (let i = 0; i < 5; i++) policy.nextDelay(i);
    expect(policy.nextDelay(70_000)).toBe(100);
  });
});
