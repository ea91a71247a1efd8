import type { EngineOptions } from '../engine/engine.ts';
import type { MethodName } from '../shared/contract.ts';
import type { ErrorData, Result } from '../shared/errors.ts';
import { engineUnavailable, isReplyMessage, type CallMessage, type OpenMessage } from './engine-messages.ts';
import type { RestartPolicy } from './restart-policy.ts';

/** A running engine process as main sees it; in the app, an Electron `UtilityProcess`. */
export interface EngineChild {
  postMessage(message: OpenMessage | CallMessage): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number) => void): void;
  kill(): void;
}

export interface EngineSupervisorOptions {
  /** Starts a new engine process. */
  fork: () => EngineChild;
  /** Sent to every engine process as its first message. */
  engineOptions: EngineOptions;
  policy: RestartPolicy;
  now?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  log?: (message: string) => void;
}

interface PendingCall {
  message: CallMessage;
  /** The process it was sent to, or undefined while waiting for a restart. */
  sentTo: EngineChild | undefined;
  resolve: (result: Result<unknown>) => void;
}

/**
 * Keeps one engine process running and carries calls to it. When the process dies, the
 * calls it held are answered `engine-unavailable`, and a new one is started after a pause
 * the restart policy chooses; calls made during the pause wait for it. When the policy gives
 * up, every call is answered `engine-unavailable` until the app restarts.
 */
export class EngineSupervisor {
  private readonly options: EngineSupervisorOptions;
  private child: EngineChild | undefined;
  private state: 'idle' | 'running' | 'restarting' | 'given-up' | 'stopped' = 'idle';
  private lastError: ErrorData = engineUnavailable('The engine is not running');
  private readonly pending = new Map<number, PendingCall>();
  private nextId = 1;

  constructor(options: EngineSupervisorOptions) {
    this.options = options;
  }

  start(): void {
    if (this.state !== 'idle') return;
    this.spawn();
  }

  call(method: MethodName, args: unknown): Promise<Result<unknown>> {
    if (this.state === 'given-up' || this.state === 'stopped') {
      return Promise.resolve({ ok: false, error: this.lastError });
    }
    return new Promise((resolve) => {
      const message: CallMessage = { id: this.nextId++, method, args };
      const call: PendingCall = { message, sentTo: undefined, resolve };
      this.pending.set(message.id, call);
      if (this.child) this.send(this.child, call);
    });
  }

  /** Stops the engine for good (the app is quitting); calls still waiting are answered. */
  stop(): void {
    this.state = 'stopped';
    this.lastError = engineUnavailable('Sprig is closing');
    const child = this.child;
    this.child = undefined;
    this.failCalls(() => true);
    child?.kill();
  }

  private spawn(): void {
    const child = this.options.fork();
    this.child = child;
    this.state = 'running';
    child.onMessage((message) => this.receive(child, message));
    child.onExit((code) => this.exited(child, code));
    child.postMessage({ open: this.options.engineOptions });
    for (const call of this.pending.values()) if (!call.sentTo) this.send(child, call);
  }

  private send(child: EngineChild, call: PendingCall): void {
    call.sentTo = child;
    child.postMessage(call.message);
  }

  private receive(child: EngineChild, message: unknown): void {
    if (child !== this.child || !isReplyMessage(message)) return;
    const call = this.pending.get(message.id);
    if (!call) return;
    this.pending.delete(message.id);
    call.resolve(message.result);
  }

  private exited(child: EngineChild, code: number): void {
    if (child !== this.child) return;
    this.child = undefined;
    this.lastError = engineUnavailable(`The engine stopped unexpectedly (exit code ${code})`, { exitCode: code });
    this.failCalls((call) => call.sentTo === child);
    const delay = this.options.policy.nextDelay((this.options.now ?? Date.now)());
    if (delay === null) {
      this.state = 'given-up';
      this.options.log?.(`engine exited with code ${code}; restarted too often, giving up`);
      this.failCalls(() => true);
      return;
    }
    this.state = 'restarting';
    this.options.log?.(`engine exited with code ${code}; restarting in ${delay} ms`);
    (this.options.setTimer ?? setTimeout)(() => {
      if (this.state === 'restarting') this.spawn();
    }, delay);
  }

  private failCalls(which: (call: PendingCall) => boolean): void {
    for (const [id, call] of this.pending) {
      if (!which(call)) continue;
      this.pending.delete(id);
      call.resolve({ ok: false, error: this.lastError });
    }
  }
}
