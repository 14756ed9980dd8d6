import type { MessagePort } from 'node:worker_threads';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { loadBesideModule } from './beside';
import type { Database } from './client';
import { withPreparedStatements } from './pglite-statements';
import * as schema from './schema';
import { runWorker, serve, threadData, type Handlers } from './threads';

/**
 * The embedded PostgreSQL (PGlite) on a thread of its own: it runs each statement
 * in WebAssembly, synchronously, and on the main thread that would hold up the
 * server's sockets. Other threads reach it through `pglite-thread.ts`; work that
 * runs next to it (`host`) uses it directly.
 */
export interface PGliteThreadData {
  /** A data folder, or undefined for a database in memory. */
  dataDir: string | undefined;
}

export interface QueryRequest {
  /** A transaction opened with `begin`, or null for a statement of its own. */
  tx: number | null;
  sql: string;
  params: unknown[];
  rowMode: 'array' | 'object';
  /** PGlite's parsers are functions, which cannot cross threads: these types come back as PostgreSQL's text. */
  textTypes: number[];
}

class Rollback extends Error {}

const asText = (value: string) => value;
const parserSets = new Map<string, Record<number, typeof asText>>();
function textParsers(types: number[]) {
  const key = types.join(',');
  let parsers = parserSets.get(key);
  if (!parsers) parserSets.set(key, (parsers = Object.fromEntries(types.map((type) => [type, asText]))));
  return parsers;
}

async function setUp() {
  const { dataDir } = threadData<PGliteThreadData>();
  const db = new PGlite(dataDir);
  await db.waitReady;

  /** Open transactions, each held open by PGlite until `end` settles it. */
  const open = new Map<number, { tx: Transaction; end(commit: boolean): Promise<void> }>();
  let nextTx = 1;

  const handlers = {
    query({ tx, sql, params, rowMode, textTypes }: QueryRequest) {
      const client = tx === null ? db : open.get(tx)?.tx;
      if (!client) throw new Error(`transaction ${tx} is not open`);
      return client.query(sql, params, { rowMode, parsers: textParsers(textTypes) });
    },
    /** Opens a transaction and resolves with its number; PGlite runs nothing else until it ends. */
    begin() {
      const id = nextTx++;
      return new Promise<number>((opened, failed) => {
        let finish!: (commit: boolean) => void;
        const decided = new Promise<void>((commit, rollback) => (finish = (yes) => (yes ? commit() : rollback(new Rollback()))));
        const done = db.transaction(async (tx) => {
          open.set(id, {
            tx,
            end: (commit) => {
              finish(commit);
              return done.catch((error: unknown) => {
                if (!(error instanceof Rollback)) throw error;
              });
            },
          });
          opened(id);
          await decided;
        });
        done.catch(failed).finally(() => open.delete(id));
      });
    },
    /** Commits or rolls back; resolves once PostgreSQL has done so. */
    end({ tx, commit }: { tx: number; commit: boolean }) {
      const transaction = open.get(tx);
      if (!transaction) throw new Error(`transaction ${tx} is not open`);
      return transaction.end(commit);
    },
    /** Runs a `BesideModule` in this thread, on this database, serving its handlers on `port`. */
    async host({ entry, data, port }: { entry: string; data: unknown; port: MessagePort }) {
      // Work beside the database repeats a few statements many times a second: each is parsed and planned once.
      const local = drizzle(withPreparedStatements(db) as unknown as PGlite, { schema }) as unknown as Database;
      serve(port, await (await loadBesideModule(entry)).createHandlers({ db: local, kind: 'pglite' }, data));
    },
    close: () => db.close(),
  } satisfies Handlers;
  return handlers;
}

export type PGliteHandlers = Awaited<ReturnType<typeof setUp>>;

void runWorker(setUp, { background: true });
