import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { PGliteHandlers, PGliteThreadData } from './pglite-worker';
import { openChannel, startWorker, type Channel } from './threads';

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
  /** A port through which another thread can use the same database (see `pgliteOverPort`). */
  connectThread(): Promise<MessagePort>;
  close(): Promise<void>;
}

const WORKER = './pglite-worker.ts';

function clientOver(channel: Channel<PGliteHandlers>, close: () => Promise<void>): PGliteClient {
  const queryIn = (tx: number | null) => async (sql: string, params: unknown[] = [], options: QueryOptions = {}) =>
    (await channel.call('query', {
      tx, sql, params, rowMode: options.rowMode ?? 'object',
      textTypes: Object.keys(options.parsers ?? {}).map(Number),
    })) as QueryResult;
  return {
    query: queryIn(null),
    async transaction(run) {
      const tx = await channel.call('begin');
      let result;
      try {
        result = await run({ query: queryIn(tx) });
      } catch (error) {
        await channel.call('end', { tx, commit: false }).catch(() => undefined);
        throw error;
      }
      await channel.call('end', { tx, commit: true });
      return result;
    },
    async connectThread() {
      const { port1, port2 } = new MessageChannel();
      await channel.callTransferring([port2], 'attach', { port: port2 });
      return port1;
    },
    close,
  };
}

/** Starts PGlite on its own thread; resolves once it is ready, or rejects with why it could not open. */
export async function startPGliteThread(dataDir: string | undefined): Promise<PGliteClient> {
  const thread = await startWorker<PGliteHandlers>(new URL(WORKER, import.meta.url), { dataDir } satisfies PGliteThreadData, 'the embedded database');
  return clientOver(thread, async () => {
    await thread.call('close').catch(() => undefined);
    await thread.terminate();
  });
}

/** The database another thread started, reached through a port from its `connectThread`. */
export function pgliteOverPort(port: MessagePort): PGliteClient {
  const channel = openChannel<PGliteHandlers>(port);
  return clientOver(channel, async () => {
    channel.stop(new Error('the embedded database connection is closed'));
    port.close();
  });
}
