import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { PGliteHandlers, PGliteThreadData } from './pglite-worker';
import { startWorker } from './threads';

/**
 * The query surface drizzle's PGlite driver uses (`query`, `transaction`), each
 * call a message to the PGlite in `pglite-worker.ts`. The semantics are PGlite's:
 * one transaction at a time, and statements outside it wait until it ends.
 */
interface QueryOptions {
  rowMode?: 'array' | 'object';
  /** Type OID → parser; only drizzle's pass-through parsers are supported (the types come back as text). */
  parsers?: Record<number, unknown>;
}

export interface QueryResult {
  rows: unknown[];
  affectedRows?: number;
  fields: { name: string; dataTypeID: number }[];
}

interface Queryable {
  query(sql: string, params?: unknown[], options?: QueryOptions): Promise<QueryResult>;
}

export interface PGliteClient extends Queryable {
  transaction<T>(run: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs a `BesideModule` in the database's thread; its handlers answer on the returned port. */
  host(entry: URL, data: unknown): Promise<MessagePort>;
  close(): Promise<void>;
}

const WORKER = './pglite-worker.ts';

/** Starts PGlite on its own thread; resolves once it is ready, or rejects with why it could not open. */
export async function startPGliteThread(dataDir: string | undefined): Promise<PGliteClient> {
  const thread = await startWorker<PGliteHandlers>(new URL(WORKER, import.meta.url), { dataDir } satisfies PGliteThreadData, 'the embedded database');
  const queryIn = (tx: number | null) => async (sql: string, params: unknown[] = [], options: QueryOptions = {}) =>
    (await thread.call('query', {
      tx, sql, params, rowMode: options.rowMode ?? 'object',
      textTypes: Object.keys(options.parsers ?? {}).map(Number),
    })) as QueryResult;
  return {
    query: queryIn(null),
    async transaction(run) {
      const tx = await thread.call('begin');
      let result;
      try {
        result = await run({ query: queryIn(tx) });
      } catch (error) {
        await thread.call('end', { tx, commit: false }).catch(() => undefined);
        throw error;
      }
      await thread.call('end', { tx, commit: true });
      return result;
    },
    async host(entry, data) {
      const { port1, port2 } = new MessageChannel();
      await thread.callTransferring([port2], 'host', { entry: entry.href, data, port: port2 });
      return port1;
    },
    async close() {
      await thread.call('close').catch(() => undefined);
      await thread.terminate();
    },
  };
}
