import { describe, expect, it, vi } from 'vitest';
import { answerCall } from '../../src/main/ipc-calls.ts';

const ok = async () => ({ ok: true as const, value: 'forwarded' });

describe('a call from the window', () => {
  it('is refused before the engine sees it when the sender is not trusted', async () => {
    const forward = vi.fn(ok);
    expect(await answerCall('listDatasets', {}, false, forward)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(forward).not.toHaveBeenCalled();
  });

  it('is refused as invalid-request data when its arguments break the contract', async () => {
    const forward = vi.fn(ok);
    const result = await answerCall('describeDataset', { dataset: 'Bad Name!', extra: 1 }, true, forward);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(forward).not.toHaveBeenCalled();
  });

  it('reaches the engine with the validated arguments and returns its answer', async () => {
    const forward = vi.fn(ok);
    expect(await answerCall('describeDataset', { dataset: 'sprig-demo' }, true, forward)).toEqual({ ok: true, value: 'forwarded' });
    expect(forward).toHaveBeenCalledWith('describeDataset', { dataset: 'sprig-demo' });
  });

  it('turns a failure on the way into data, never a rejected promise', async () => {
    const result = await answerCall('listDatasets', undefined, true, async () => {
      throw new Error('port closed');
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal', message: 'port closed' } });
  });
});
