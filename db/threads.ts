import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, Worker, workerData, type MessagePort, type Transferable } from 'node:worker_threads';

/**
 * Requests and replies between threads: how the embedded database and the
 * collaboration store do their work off the main thread, where it would hold up
 * every socket. A worker serves named operations; the other side calls them and
 * gets a promise. Errors arrive with their fields (PostgreSQL's code, constraint …).
 */
/** Each handler declares its own argument type (`never` here admits any of them). */
export type Handlers = Record<string, (args: never) => unknown>;

interface Request {
  id: number;
  op: string;
  args: unknown;
}

interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  [field: string]: unknown;
}

type Reply = { id: number } & ({ ok: true; value: unknown } | { ok: false; error: SerializedError });

/** The id of the worker's first message: started, or why it could not. */
const READY = 0;

/** Where a worker's entry file is loaded from (see worker-entry.mjs). */
const ENTRY_LOADER = './worker-entry.mjs';

function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  // Own fields such as PostgreSQL's `code` are dropped by structured cloning; plain values survive this way.
  const fields = Object.fromEntries(Object.entries(error).filter(([, value]) => ['string', 'number', 'boolean'].includes(typeof value)));
  return { ...fields, name: error.name, message: error.message, stack: error.stack };
}

function reviveError({ name, message, stack, ...fields }: SerializedError): Error {
  const error = Object.assign(new Error(message), fields);
  error.name = name;
  // The caller's stack says who asked; the worker's says where it failed.
  if (stack) error.stack = `${error.stack}\n    --- in the worker thread ---\n${stack}`;
  return error;
}

/** Worker side: answers every request arriving on `port` with `handlers`. */
export function serve(port: MessagePort, handlers: Handlers): void {
  port.on('message', ({ id, op, args }: Request) => {
    const reply = (message: Reply) => port.postMessage(message);
    const handler = Object.hasOwn(handlers, op) ? handlers[op] : undefined;
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown operation ${op}`);
        return (handler as (args: unknown) => unknown)(args);
      })
      .then(
        (value) => reply({ id, ok: true, value: value ?? null }),
        (error: unknown) => reply({ id, ok: false, error: serializeError(error) }),
      );
  });
}

/** Worker side: what the starting thread passed in. */
export const threadData = <T>(): T => (workerData as { data: T }).data;

/** How much lower a background thread's scheduling priority is (Linux nice value, 0–19). */
export const BACKGROUND_NICENESS = 19;

/**
 * Lowers this thread's scheduling priority where the system allows it per thread
 * (Linux: a thread is a task with its own nice value); elsewhere it stays as it is.
 */
function runInBackground(): void {
  try {
    setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), BACKGROUND_NICENESS);
  } catch {
    // No per-thread priority here (not Linux): the work still runs, at normal priority.
  }
}

export interface WorkerOptions {
  /**
   * Background work (storage) runs at a lower priority than the socket thread, so
   * on a busy machine a commit waits for a relayed edit rather than the other way round.
   */
  background?: boolean;
}

/** Worker side: serves `handlers` to the thread that started this one, once `setUp` succeeded. */
export async function runWorker(setUp: () => Promise<Handlers>, { background = false }: WorkerOptions = {}): Promise<void> {
  const port = parentPort!;
  if (background) runInBackground();
  try {
    serve(port, await setUp());
    port.postMessage({ id: READY, ok: true, value: null } satisfies Reply);
  } catch (error) {
    port.postMessage({ id: READY, ok: false, error: serializeError(error) } satisfies Reply);
  }
}

type Endpoint = Worker | MessagePort;

type Result<H extends Handlers, K extends keyof H> = Promise<Awaited<ReturnType<H[K]>>>;

export interface Channel<H extends Handlers> {
  /** Resolves with why, once the other side is gone (its thread ended or failed) and every call fails. */
  readonly stopped: Promise<Error>;
  call<K extends keyof H & string>(op: K, ...args: Parameters<H[K]>): Result<H, K>;
  /** A call whose argument holds objects that move to the other thread (ports). */
  callTransferring<K extends keyof H & string>(transfer: Transferable[], op: K, ...args: Parameters<H[K]>): Result<H, K>;
}

interface OpenChannel<H extends Handlers> extends Channel<H> {
  /** Rejects every call in flight and every later one with `error`. */
  stop(error: Error): void;
  /** Resolves with the worker's READY message. */
  ready: Promise<void>;
}

/** Calling side, over a worker or a port another thread serves. */
function openChannel<H extends Handlers>(endpoint: Endpoint): OpenChannel<H> {
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = READY + 1;
  let stopped: Error | null = null;
  let markStopped!: (error: Error) => void;
  const stoppedWith = new Promise<Error>((resolve) => (markStopped = resolve));
  const ready = new Promise<void>((resolve, reject) => waiting.set(READY, { resolve: () => resolve(), reject }));
  // Nobody waits for READY on a port: it must not reject unheard when the channel stops.
  ready.catch(() => undefined);

  endpoint.on('message', ({ id, ...reply }: Reply) => {
    const waiter = waiting.get(id);
    if (!waiter) return;
    waiting.delete(id);
    // An idle thread must not keep the process alive; one with work in flight must.
    if (waiting.size === 0) endpoint.unref();
    if (reply.ok) waiter.resolve(reply.value);
    else waiter.reject(reviveError(reply.error));
  });

  const send = (transfer: Transferable[], op: string, args: unknown) => {
    if (stopped) return Promise.reject(stopped);
    const id = nextId++;
    endpoint.ref();
    return new Promise<never>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      endpoint.postMessage({ id, op, args } satisfies Request, transfer);
    });
  };
  return {
    ready,
    stopped: stoppedWith,
    call: (op, ...args) => send([], op, args[0]),
    callTransferring: (transfer, op, ...args) => send(transfer, op, args[0]),
    stop(error) {
      stopped ??= error;
      markStopped(stopped);
      for (const waiter of waiting.values()) waiter.reject(stopped);
      waiting.clear();
      endpoint.unref();
    },
  };
}

export interface WorkerThread<H extends Handlers> extends Channel<H> {
  /** Ends the thread (after whatever the caller asked it to finish). */
  terminate(): Promise<void>;
}

/**
 * Starts the TypeScript module `entry` on a worker thread with `data` (and the
 * ports in it, listed in `transfer`); resolves
 * once it serves requests, or rejects with why it could not start.
 */
export async function startWorker<H extends Handlers>(entry: URL, data: unknown, name: string, transfer: Transferable[] = []): Promise<WorkerThread<H>> {
  const worker = new Worker(new URL(ENTRY_LOADER, import.meta.url), { workerData: { entry: entry.href, data }, transferList: transfer });
  const channel = openChannel<H>(worker);
  worker.on('error', (error) => channel.stop(new Error(`${name} stopped: ${error.message}`, { cause: error })));
  worker.on('exit', (code) => channel.stop(new Error(`${name} is not running (its thread exited with code ${code})`)));
  try {
    await channel.ready;
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  return {
    stopped: channel.stopped,
    call: channel.call,
    callTransferring: channel.callTransferring,
    async terminate() {
      await worker.terminate();
    },
  };
}

/** Calls to handlers another thread serves on `port` (e.g. work hosted in the database's thread). */
export function threadOverPort<H extends Handlers>(port: MessagePort, name: string): WorkerThread<H> {
  const channel = openChannel<H>(port);
  return {
    stopped: channel.stopped,
    call: channel.call,
    callTransferring: channel.callTransferring,
    async terminate() {
      channel.stop(new Error(`${name} has stopped`));
      port.close();
    },
  };
}
