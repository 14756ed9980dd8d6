import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Reply, Request, SerializedError, WorkerData } from './pglite-thread';

/**
 * The embedded PostgreSQL (PGlite) on a thread of its own: it runs queries in
 * WebAssembly synchronously, and on the main thread every statement would hold up
 * the server's sockets. The main thread talks to it through `pglite-thread.ts`.
 */
const port = parentPort!;
const { dataDir } = workerData as WorkerData;

/** Ends a held transaction: resolve commits, reject rolls back. */
interface Held {
  tx: Transaction;
  end(commit: boolean): void;
}

class Rollback extends Error {}

const reply = (message: Reply) => port.postMessage(message);

function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  // PostgreSQL's fields (code, constraint, detail …) are own properties, which structured cloning would drop.
  const fields = Object.fromEntries(Object.entries(error).filter(([, value]) => ['string', 'number', 'boolean'].includes(typeof value)));
  return { ...fields, name: error.name, message: error.message, stack: error.stack };
}

/** PGlite's parsers are functions, which cannot cross threads: these types come back as PostgreSQL's text. */
const textParsers = new Map<string, Record<number, (value: string) => string>>();
function parsersFor(textTypes: number[]) {
  const key = textTypes.join(',');
  let parsers = textParsers.get(key);
  if (!parsers) {
    parsers = Object.fromEntries(textTypes.map((type) => [type, (value: string) => value]));
    textParsers.set(key, parsers);
  }
  return parsers;
}

async function main() {
  const db = new PGlite(dataDir);
  try {
    await db.waitReady;
  } catch (error) {
    reply({ id: 0, ok: false, error: serializeError(error) });
    return;
  }
  reply({ id: 0, ok: true, value: null });

  const held = new Map<number, Held>();
  let nextTx = 1;

  const handlers: { [K in Request['op']]: (request: Extract<Request, { op: K }>) => Promise<unknown> } = {
    async query({ tx, sql, params, rowMode, textTypes }) {
      const client = tx === null ? db : held.get(tx)?.tx;
      if (!client) throw new Error(`transaction ${tx} is not open`);
      return client.query(sql, params, { rowMode, parsers: parsersFor(textTypes) });
    },
    begin() {
      const id = nextTx++;
      // Resolves once the transaction is open; the transaction itself stays open until `end`.
      return new Promise((opened, failed) => {
        const done = db.transaction(async (tx) => {
          const ended = new Promise<void>((commit, rollback) => {
            held.set(id, { tx, end: (yes) => (yes ? commit() : rollback(new Rollback())) });
          });
          opened(id);
          await ended;
        });
        void done.then(
          () => settled.get(id)?.(null),
          (error: unknown) => (held.has(id) || settled.has(id) ? settled.get(id)?.(error) : failed(error)),
        ).finally(() => {
          held.delete(id);
          settled.delete(id);
        });
      });
    },
    end({ tx, commit }) {
      const transaction = held.get(tx);
      if (!transaction) return Promise.reject(new Error(`transaction ${tx} is not open`));
      return new Promise((resolve, reject) => {
        settled.set(tx, (error) => (error === null || error instanceof Rollback ? resolve(null) : reject(error)));
        transaction.end(commit);
      });
    },
    async close() {
      await db.close();
      return null;
    },
  };
  /** How the end of each transaction is reported, once `end` asked for it. */
  const settled = new Map<number, (error: unknown) => void>();

  port.on('message', (request: Request) => {
    const handle = handlers[request.op] as (request: Request) => Promise<unknown>;
    handle(request).then(
      (value) => reply({ id: request.id, ok: true, value }),
      (error: unknown) => reply({ id: request.id, ok: false, error: serializeError(error) }),
    );
  });
}

void main();
