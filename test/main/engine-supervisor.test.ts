import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import type { CallMessage } from '../../src/main/engine-messages.ts';
import { serveEngine, type ParentPortLike } from '../../src/main/engine-port.ts';
import { EngineSupervisor, type EngineChild } from '../../src/main/engine-supervisor.ts';
import { createRestartPolicy, type RestartPolicy } from '../../src/main/restart-policy.ts';
import { bundledData, tempDir } from '../support/temp.ts';

/** An engine process the test drives by hand: it records what main sent and replies on cue. */
class ScriptedChild implements EngineChild {
  readonly sent: unknown[] = [];
  killed = false;
  private messageListener: ((message: unknown) => void) | undefined;
  private exitListener: ((code: number) => void) | undefined;

  postMessage(message: unknown): void {
    this.sent.push(structuredClone(message));
  }
  onMessage(listener: (message: unknown) => void): void {
    this.messageListener = listener;
  }
  onExit(listener: (code: number) => void): void {
    this.exitListener = listener;
  }
  kill(): void {
    this.killed = true;
    this.exitListener?.(0);
  }
  calls(): CallMessage[] {
    return this.sent.filter((m): m is CallMessage => typeof m === 'object' && m !== null && 'method' in m);
  }
  reply(id: number, value: unknown): void {
    this.messageListener?.(structuredClone({ id, result: { ok: true, value } }));
  }
  say(message: unknown): void {
    this.messageListener?.(message);
  }
  die(code: number): void {
    this.exitListener?.(code);
  }
}

function setup(policy: RestartPolicy = createRestartPolicy()) {
  const children: ScriptedChild[] = [];
  const timers: { run: () => void; ms: number }[] = [];
  const supervisor = new EngineSupervisor({
    fork: () => {
      const child = new ScriptedChild();
      children.push(child);
      return child;
    },
    engineOptions: { storeDir: '/store', bundledDataDirs: ['/app/data'], extraDataDirs: ['/more'] },
    policy,
    setTimer: (run, ms) => timers.push({ run, ms }),
  });
  supervisor.start();
  return { supervisor, children, timers, child: (i: number) => children[i] as ScriptedChild };
}

const never: RestartPolicy = { nextDelay: () => null };

describe('the engine supervisor', () => {
  it('tells a new engine where its data are before any call, then matches replies to calls', async () => {
    const { supervisor, child } = setup();
    const first = supervisor.call('listDatasets', {});
    const second = supervisor.call('describeDataset', { dataset: 'sprig-demo' });
    expect(child(0).sent[0]).toEqual({ open: { storeDir: '/store', bundledDataDirs: ['/app/data'], extraDataDirs: ['/more'] } });
    const [a, b] = child(0).calls();
    child(0).reply(b!.id, 'described');
    child(0).reply(a!.id, 'listed');
    expect(await first).toEqual({ ok: true, value: 'listed' });
    expect(await second).toEqual({ ok: true, value: 'described' });
  });

  it('answers the calls a dying engine held engine-unavailable, and starts another after a pause', async () => {
    const { supervisor, children, timers, child } = setup();
    const lost = supervisor.call('runView', { spec: {} });
    child(0).die(139);
    expect(await lost).toMatchObject({ ok: false, error: { code: 'engine-unavailable', detail: { exitCode: 139 } } });
    expect(children).toHaveLength(1);
    expect(timers).toHaveLength(1);

    const waiting = supervisor.call('listDatasets', {});
    timers[0]!.run();
    expect(children).toHaveLength(2);
    expect(child(1).sent[0]).toHaveProperty('open');
    const [call] = child(1).calls();
    expect(call?.method).toBe('listDatasets');
    child(1).reply(call!.id, 'listed again');
    expect(await waiting).toEqual({ ok: true, value: 'listed again' });
  });

  it('gives up when the policy says so, answering every call engine-unavailable', async () => {
    const { supervisor, children, timers, child } = setup(never);
    const pending = supervisor.call('listDatasets', {});
    child(0).die(1);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'engine-unavailable' } });
    expect(await supervisor.call('listDatasets', {})).toMatchObject({ ok: false, error: { code: 'engine-unavailable' } });
    expect(timers).toHaveLength(0);
    expect(children).toHaveLength(1);
  });

  it('stops for good when the app quits: kills the engine and does not restart it', async () => {
    const { supervisor, children, timers, child } = setup();
    const pending = supervisor.call('listDatasets', {});
    supervisor.stop();
    expect(child(0).killed).toBe(true);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'engine-unavailable' } });
    expect(await supervisor.call('listDatasets', {})).toMatchObject({ ok: false, error: { code: 'engine-unavailable' } });
    expect(timers).toHaveLength(0);
    expect(children).toHaveLength(1);
  });

  it('ignores messages that are not replies to its calls', async () => {
    const { supervisor, child } = setup();
    const pending = supervisor.call('listDatasets', {});
    child(0).say('hello');
    child(0).say({ id: 999, result: { ok: true, value: 'stray' } });
    child(0).say({ id: 1 });
    const [call] = child(0).calls();
    child(0).reply(call!.id, 'real');
    expect(await pending).toEqual({ ok: true, value: 'real' });
  });
});

/** An engine "process" in this one, over a real Engine; `crash` drops it as a dying process would. */
function inProcessEngine(opened: Engine[]) {
  let toMain: ((message: unknown) => void) | undefined;
  let onExit: ((code: number) => void) | undefined;
  let toEngine: ((event: { data: unknown }) => void) | undefined;
  const port: ParentPortLike = {
    on: (_event, listener) => (toEngine = listener),
    postMessage: (message) => toMain?.(structuredClone(message)),
  };
  serveEngine(port, async (options) => {
    const engine = await Engine.open(options);
    opened.push(engine);
    return engine;
  });
  const end = (code: number) => {
    toMain = undefined;
    onExit?.(code);
  };
  return {
    postMessage: (message: unknown) => toEngine?.({ data: structuredClone(message) }),
    onMessage: (listener: (message: unknown) => void) => (toMain = listener),
    onExit: (listener: (code: number) => void) => (onExit = listener),
    kill: () => end(0),
    crash: end,
  };
}

describe('the supervisor over a real engine', () => {
  const opened: Engine[] = [];
  afterAll(() => opened.forEach((engine) => engine.close()));

  it('carries calls to it, and carries on after it crashed', async () => {
    const children: ReturnType<typeof inProcessEngine>[] = [];
    const supervisor = new EngineSupervisor({
      fork: () => {
        const child = inProcessEngine(opened);
        children.push(child);
        return child;
      },
      engineOptions: { storeDir: await tempDir(), bundledDataDirs: [bundledData] },
      policy: createRestartPolicy({ baseDelayMs: 1, maxDelayMs: 1, maxRestarts: 3, windowMs: 1_000 }),
    });
    supervisor.start();
    expect(await supervisor.call('listDatasets', {})).toMatchObject({ ok: true, value: { datasets: [{ name: 'sprig-demo' }] } });

    children[0]!.crash(134);
    expect(await supervisor.call('describeDataset', { dataset: 'sprig-demo' })).toMatchObject({
      ok: true,
      value: { name: 'sprig-demo' },
    });
    expect(children).toHaveLength(2);
    supervisor.stop();
  });
});
