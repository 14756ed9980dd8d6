import { Worker } from 'node:worker_threads';

/**
 * The main thread's side of the embedded database: the query surface drizzle's
 * PGlite driver uses (`query`, `transaction`), each call a message to the PGlite
 * in `pglite-worker.ts`. Semantics are PGlite's own: one transaction at a time,
 * and queries outside it wait until it ends.
 */
export interface WorkerData {
  /** A data folder, or undefined for a database in memory. */
  dataDir: string | undefined;
}

interface QueryOptions {
  rowMode?: 'array' | 'object';
  /** Type OID → parser. Only drizzle's pass-through parsers are supported (see `textTypes`). */
  parsers?: Record<number, unknown>;
}

export type Request = { id: number } & (
  | { op: 'query'; tx: number | null; sql: string; params: unknown[]; rowMode: 'array' | 'object'; textTypes: number[] }
  | { op: 'begin' }
  | { op: 'end'; tx: number; commit: boolean }
  | { op: 'close' }
);

type Body<R> = R extends { id: number } ? Omit<R, 'id'> : never;

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  [field: string]: unknown;
}

/** Id 0 answers start-up. */
export type Reply = { id: number } & ({ ok: true; value: unknown } | { ok: false; error: SerializedError });

export interface QueryResult {
  rows: unknown[];
  affectedRows?: number;
  fields: { name: string; dataTypeID: number }[];
}

interface Queryable {
  query(sql: string, params?: unknown[], options?: QueryOptions): Promise<QueryResult>;
}

export interface PGliteThread extends Queryable {
  transaction<T>(run: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

function revive(serialized: SerializedError): Error {
  const { name, message, stack, ...fields } = serialized;
  const error = Object.assign(new Error(message), fields);
  error.name = name;
  // The worker's stack says where PostgreSQL failed; the caller's says who asked.
  if (stack) error.stack = `${error.stack}\n    --- in the database thread ---\n${stack}`;
  return error;
}

/** Starts PGlite on its own thread; resolves once it is ready (or rejects with why it could not open). */
export async function startPGliteThread(dataDir: string | undefined): Promise<PGliteThread> {
  const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), { workerData: { dataDir } satisfies WorkerData });
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  let stopped: Error | null = null;

  const settle = (message: Reply) => {
    const waiter = waiting.get(message.id);
    if (!waiter) return;
    waiting.delete(message.id);
    // An idle worker must not keep the process alive; one with work in flight must.
    if (waiting.size === 0) worker.unref();
    if (message.ok) waiter.resolve(message.value);
    else waiter.reject(revive(message.error));
  };
  const stop = (error: Error) => {
    stopped = error;
    for (const waiter of waiting.values()) waiter.reject(error);
    waiting.clear();
  };
  worker.on('message', settle);
  worker.on('error', (error) => stop(new Error(`the embedded database stopped: ${error.message}`, { cause: error })));
  worker.on('exit', (code) => stop(new Error(`the embedded database thread exited (code ${code})`)));

  const call = (request: Body<Request>): Promise<unknown> => {
    if (stopped) return Promise.reject(stopped);
    const id = nextId++;
    worker.ref();
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      worker.postMessage({ ...request, id });
    });
  };

  await new Promise((resolve, reject) => waiting.set(0, { resolve, reject }));

  const queryIn = (tx: number | null) => async (sql: string, params: unknown[] = [], options: QueryOptions = {}) =>
    (await call({
      op: 'query', tx, sql, params, rowMode: options.rowMode ?? 'object',
      textTypes: Object.keys(options.parsers ?? {}).map(Number),
    })) as QueryResult;

  return {
    query: queryIn(null),
    async transaction(run) {
      const tx = (await call({ op: 'begin' })) as number;
      let result;
      try {
        result = await run({ query: queryIn(tx) });
      } catch (error) {
        await call({ op: 'end', tx, commit: false }).catch(() => undefined);
        throw error;
      }
      await call({ op: 'end', tx, commit: true });
      return result;
    },
    async close() {
      if (stopped) return;
      await call({ op: 'close' });
      await worker.terminate();
    },
  };
}
