import { validateArgs, type MethodArgs, type MethodName } from '../shared/contract.ts';
import { toErrorData, type Result } from '../shared/errors.ts';

/**
 * What main does with one contract call from the window: refuse an untrusted sender,
 * validate the arguments against the contract, and only then hand them to the engine.
 * Every failure comes back as `{ok:false, error}` data, never as a rejected promise.
 */
export async function answerCall<M extends MethodName>(
  method: M,
  args: unknown,
  trusted: boolean,
  forward: (method: M, args: MethodArgs<M>) => Promise<Result<unknown>>,
): Promise<Result<unknown>> {
  if (!trusted) {
    return { ok: false, error: { code: 'forbidden', message: `${method}: the call did not come from Sprig's window` } };
  }
  try {
    return await forward(method, validateArgs(method, args));
  } catch (error) {
    return { ok: false, error: toErrorData(error) };
  }
}
