import type { DatabaseHandle } from '../../db/client';
import type { WorkerThread } from '../../db/threads';
import { DEFAULT_STORE_OPTIONS, type PendingUpdate, type RoomStore, type StoreOptions } from './persistence';
import type { StoreHandlers, StoreSettings } from './store-handlers';

const HANDLERS = './store-handlers.ts';

/** Whether one room's updates of a batch were committed. */
interface RoomOutcome {
  committed: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

/** Updates collected on this thread during one batch window, sent to the store as one message. */
interface Batch {
  updates: PendingUpdate[];
  timer: ReturnType<typeof setTimeout>;
  /** A room's updates of the batch share one promise: one room's failure is not another's. */
  rooms: Map<string, RoomOutcome>;
}

/** A room held for a retry settles when the store says it was stored, or gave it up. */
async function settleHeld(thread: WorkerThread<StoreHandlers>, key: string, outcome: RoomOutcome): Promise<void> {
  try {
    const reason = await thread.call('heldOutcome', key);
    if (reason === null) outcome.resolve();
    else outcome.reject(new Error(reason));
  } catch (error) {
    outcome.reject(error);
  }
}

function roomOutcome(): RoomOutcome {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const committed = new Promise<void>((yes, no) => ((resolve = yes), (reject = no)));
  return { committed, resolve, reject };
}

/**
 * Rooms' storage, run by `DocumentStore` off the socket thread, next to the
 * database (`store-handlers.ts`). Updates are collected here for up to
 * `batchWindowMs` and go over as one message, committed at once: the socket
 * thread spends a push per update, and the storage side wakes once per batch. The thread starts with the
 * first call (or `start`) and again after `close`, so processes that never open a
 * room never start it.
 */
export class StoreThread implements RoomStore {
  private thread: Promise<WorkerThread<StoreHandlers>> | null = null;
  private batch: Batch | null = null;
  private readonly batchWindowMs: number;
  private readonly settings: StoreSettings;

  constructor(
    private readonly handle: Pick<DatabaseHandle, 'runBeside'>,
    { batchWindowMs = DEFAULT_STORE_OPTIONS.batchWindowMs, maxHeldBytes = DEFAULT_STORE_OPTIONS.maxHeldBytes }: Partial<Pick<StoreOptions, 'batchWindowMs' | 'maxHeldBytes'>> = {},
  ) {
    this.batchWindowMs = batchWindowMs;
    this.settings = { maxHeldBytes };
  }

  /** Starts the thread now, e.g. so a server fails at start-up rather than at its first room. */
  start(): Promise<WorkerThread<StoreHandlers>> {
    if (this.thread) return this.thread;
    const starting = this.handle.runBeside<StoreHandlers>(new URL(HANDLERS, import.meta.url), this.settings, 'the collaboration store');
    this.thread = starting;
    const forget = () => {
      if (this.thread !== starting) return false;
      this.thread = null;
      return true;
    };
    // A thread that could not start, or that stopped (an error it did not catch, say), is started again by the next
    // call: without that, nothing would be stored until the process restarted. What it held is lost with it; the rooms
    // whose updates failed store them with their next compaction (without their history).
    starting.then(
      ({ stopped }) => void stopped.then((reason) => forget() && console.error(`[collab] ${reason.message}; it starts again with the next change`)),
      forget,
    );
    return starting;
  }

  async load(room: string) {
    return (await this.start()).call('load', room);
  }

  async loadClientOwners(room: string) {
    return (await this.start()).call('loadClientOwners', room);
  }

  async saveInitialSnapshot(room: string, state: Uint8Array) {
    await (await this.start()).call('saveInitialSnapshot', { room, state });
  }

  /** Resolves once committed; a room's updates of one batch share a promise. */
  append(update: PendingUpdate): Promise<void> {
    this.batch ??= { updates: [], rooms: new Map(), timer: setTimeout(() => void this.send(), this.batchWindowMs) };
    this.batch.updates.push(update);
    let outcome = this.batch.rooms.get(update.room);
    if (!outcome) {
      outcome = roomOutcome();
      this.batch.rooms.set(update.room, outcome);
    }
    return outcome.committed;
  }

  /** Sends the collected batch (if still unsent) and settles each room's promise with its commit. */
  private async send(): Promise<void> {
    const batch = this.batch;
    if (!batch) return;
    this.batch = null;
    clearTimeout(batch.timer);
    let thread: WorkerThread<StoreHandlers>;
    let result: Awaited<ReturnType<StoreHandlers['appendBatch']>>;
    try {
      thread = await this.start();
      result = await thread.call('appendBatch', batch.updates);
    } catch (error) {
      for (const outcome of batch.rooms.values()) outcome.reject(error);
      return;
    }
    const refused = new Map(result.refused);
    const held = new Map(result.held.map((key) => [key.slice(key.indexOf(':') + 1), key]));
    for (const [room, outcome] of batch.rooms) {
      const reason = refused.get(room);
      const key = held.get(room);
      if (key !== undefined) void settleHeld(thread, key, outcome);
      else if (reason === undefined) outcome.resolve();
      else outcome.reject(new Error(reason));
    }
  }

  async flush() {
    await this.send();
    if (this.thread) await (await this.thread).call('flush');
  }

  /** The updates collected so far go over first: the store folds them into `state`'s snapshot. */
  async compact(room: string, state: Uint8Array) {
    // Both messages wait for the same thread promise, and its waiters resume in order: the batch is posted first.
    const sent = this.send();
    const compacted = await (await this.start()).call('compact', { room, state });
    await sent;
    return compacted;
  }

  async durableLatencies() {
    return this.thread ? (await this.thread).call('durableLatencies') : [];
  }

  async close() {
    // The last batch goes over first; it settles only once the store has closed if storage is failing (the store
    // keeps updates it cannot write until it closes, then gives them up).
    const sent = this.send();
    const running = this.thread;
    if (!running) return sent;
    this.thread = null;
    const thread = await running;
    await thread.call('close');
    await sent;
    await thread.terminate();
  }
}
