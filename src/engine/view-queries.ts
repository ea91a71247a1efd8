import type { DuckDBConnection, DuckDBPreparedStatement, DuckDBResultReader, DuckDBValue } from '@duckdb/node-api';
import { AppError } from '../shared/errors.ts';

/** What the compact tables need of the views' connection: statements that take their turn with every view's. */
export interface SharedStatements {
  run(sql: string): Promise<unknown>;
  runAndReadAll(sql: string): Promise<DuckDBResultReader>;
}

/** A query named by its caller, as `Engine.activeQueries` reports it. */
export interface ActiveQuery {
  queryId: string;
  /** 'running': DuckDB is running one of its statements now; 'queued': waiting for its turn (or for the compact tables). */
  state: 'queued' | 'running';
}

interface Statement {
  sql: string;
  params: Record<string, DuckDBValue> | undefined;
  /** The view it belongs to; null for the compact tables' statements, which serve every view and none may stop. */
  view: ViewQuery | null;
  running: boolean;
  /** Instead of `sql`: work of several statements that nothing else may come between (see `exclusive`). */
  work?: (connection: DuckDBConnection) => Promise<void>;
  resolve(reader: DuckDBResultReader): void;
  reject(error: unknown): void;
}

/** What preparing needs of the views' connection: work no view statement comes between. */
export interface ExclusiveStatements {
  exclusive(work: (connection: DuckDBConnection) => Promise<void>): Promise<void>;
}

/**
 * Every statement on the views' connection, one at a time, each view cancellable by
 * itself. Views share one connection because the compact tables are TEMP tables of it;
 * and interrupting a DuckDB connection stops whatever runs on it. So statements queue
 * here, and a view's cancel or time limit interrupts the connection only while that
 * view's own statement runs: a queued view just leaves the queue, and no other view
 * notices either. A view waiting for shared work (a compact table being built) stops
 * waiting at once; the work goes on for the views that need it next.
 *
 * DuckDB forgets an interrupt that comes before it has begun a query, so a statement
 * counts as running (interruptible) only once DuckDB has started it (`prepared.start()`),
 * and a view stopped before that never starts.
 */
export class ViewQueries implements SharedStatements, ExclusiveStatements {
  private readonly connection: DuckDBConnection;
  private readonly timeoutMs: number;
  private readonly views = new Set<ViewQuery>();
  private waiting: Statement[] = [];
  private current: Statement | null = null;

  /** `timeoutMs`: longest any one statement of a view may run before the view is stopped. */
  constructor(connection: DuckDBConnection, timeoutMs: number) {
    this.connection = connection;
    this.timeoutMs = timeoutMs;
  }

  /** A view from now until its `end()`: `cancel(queryId)` or its time limit stops it and nothing else. */
  begin(queryId?: string): ViewQuery {
    const view = new ViewQuery(this, queryId);
    this.views.add(view);
    return view;
  }

  /** Stops every view asked for with this id (normally one); an id no view has is no error. */
  cancel(queryId: string): void {
    for (const view of this.views) {
      if (view.queryId === queryId) this.stop(view, new AppError('query-cancelled', 'The query was cancelled', { context: 'user' }));
    }
  }

  active(): ActiveQuery[] {
    return [...this.views].flatMap((view) =>
      view.queryId === undefined ? [] : [{ queryId: view.queryId, state: this.current?.view === view && this.current.running ? 'running' : 'queued' }],
    );
  }

  /** A statement for the compact tables, in turn with the views' statements. */
  async run(sql: string): Promise<void> {
    await this.enqueue(sql, undefined, null);
  }

  runAndReadAll(sql: string): Promise<DuckDBResultReader> {
    return this.enqueue(sql, undefined, null);
  }

  /**
   * Runs `work` on the connection in its turn, with no other statement before it ends: for
   * changes views must see whole or not at all (a cache catalogue detached and attached
   * again, a package's tables swapped for views of its cache). Nobody can stop it.
   */
  async exclusive(work: (connection: DuckDBConnection) => Promise<void>): Promise<void> {
    await new Promise<DuckDBResultReader | void>((resolve, reject) => {
      this.waiting.push({ sql: '', params: undefined, view: null, running: false, work, resolve, reject });
      this.next();
    });
  }

  /** Queues a statement; a stopped view's is refused without running. */
  enqueue(sql: string, params: Record<string, DuckDBValue> | undefined, view: ViewQuery | null): Promise<DuckDBResultReader> {
    return new Promise((resolve, reject) => {
      if (view?.stopped) return reject(view.stopped);
      this.waiting.push({ sql, params, view, running: false, resolve, reject });
      this.next();
    });
  }

  /** Stops a view: its answer fails with `reason` now, its queued statements leave, its running one is interrupted. */
  stop(view: ViewQuery, reason: AppError): void {
    if (view.stopped) return;
    view.stopped = reason;
    view.fail(reason);
    this.waiting = this.waiting.filter((statement) => {
      if (statement.view !== view) return true;
      statement.reject(reason);
      return false;
    });
    if (this.current?.view === view && this.current.running) this.connection.interrupt();
  }

  forget(view: ViewQuery): void {
    this.views.delete(view);
  }

  private next(): void {
    if (this.current) return;
    const statement = this.waiting.shift();
    if (!statement) return;
    this.current = statement;
    void this.execute(statement).finally(() => {
      this.current = null;
      this.next();
    });
  }

  private async execute(statement: Statement): Promise<void> {
    const { view } = statement;
    let prepared: DuckDBPreparedStatement | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    if (statement.work) {
      await statement.work(this.connection).then(() => statement.resolve(undefined as unknown as DuckDBResultReader), statement.reject);
      return;
    }
    try {
      prepared = await this.connection.prepare(statement.sql);
      if (statement.params) prepared.bind(statement.params);
      if (view?.stopped) throw view.stopped;
      const pending = prepared.start();
      statement.running = true;
      if (view) timer = setTimeout(() => this.stop(view, timedOut(this.timeoutMs)), this.timeoutMs);
      statement.resolve(await pending.readAll());
    } catch (error) {
      statement.reject(view?.stopped ?? error);
    } finally {
      clearTimeout(timer);
      statement.running = false;
      prepared?.destroySync();
    }
  }
}

/** One view (or `Engine.run` query) on the views' connection, from `begin` to `end`. */
export class ViewQuery {
  readonly queryId: string | undefined;
  /** Why it was stopped (cancelled or out of time), once it was. */
  stopped: AppError | null = null;
  private readonly queries: ViewQueries;
  private readonly stoppedAnswer: Promise<never>;
  private rejectAnswer: (reason: AppError) => void = () => {};

  constructor(queries: ViewQueries, queryId: string | undefined) {
    this.queries = queries;
    this.queryId = queryId;
    this.stoppedAnswer = new Promise<never>((_, reject) => {
      this.rejectAnswer = reject;
    });
    this.stoppedAnswer.catch(() => {}); // raced in `answer`; a view stopped between answers has nobody to tell
  }

  /** One statement of this view, in turn with every other on the connection. DuckDB's failures become 'query-failed'. */
  async read(sql: string, params?: Record<string, DuckDBValue>): Promise<DuckDBResultReader> {
    try {
      return await this.queries.enqueue(sql, params, this);
    } catch (error) {
      if (error instanceof AppError) throw error;
      const message = (error as Error).message ?? String(error);
      throw new AppError('query-failed', message, { reason: message.split('\n')[0] ?? message });
    }
  }

  /** `work`'s answer, or the reason this view was stopped as soon as it is, whatever `work` still waits for. */
  answer<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.stoppedAnswer]);
  }

  /** Throws the reason this view was stopped, if it was: work for a stopped view should not begin. */
  throwIfStopped(): void {
    if (this.stopped) throw this.stopped;
  }

  fail(reason: AppError): void {
    this.rejectAnswer(reason);
  }

  end(): void {
    this.queries.forget(this);
  }
}

/** No `context`: the interface says "The chart took too long and was stopped". */
function timedOut(timeoutMs: number): AppError {
  return new AppError('query-cancelled', `The view took longer than ${timeoutMs} ms and was stopped`, {});
}
