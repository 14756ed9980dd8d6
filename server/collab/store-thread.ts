import type { DatabaseHandle } from '../../db/client';
import { startWorker, type WorkerThread } from '../../db/threads';
import type { PendingUpdate, RoomStore } from './persistence';
import type { StoreHandlers, StoreThreadData } from './store-worker';

const WORKER = './store-worker.ts';

/**
 * Rooms' storage, run by `DocumentStore` on a worker thread of its own
 * (`store-worker.ts`). The thread starts with the first call (or `start`) and
 * again after `close`, so processes that never open a room never start it.
 */
export class StoreThread implements RoomStore {
  private thread: Promise<WorkerThread<StoreHandlers>> | null = null;

  constructor(
    private readonly handle: Pick<DatabaseHandle, 'shareWithThread'>,
    private readonly options: StoreThreadData['options'] = {},
  ) {}

  /** Starts the thread now, e.g. so a server fails at start-up rather than at its first room. */
  start(): Promise<WorkerThread<StoreHandlers>> {
    this.thread ??= (async () => {
      const { location, transfer } = await this.handle.shareWithThread();
      return startWorker<StoreHandlers>(new URL(WORKER, import.meta.url), { database: location, options: this.options } satisfies StoreThreadData, 'the collaboration store', transfer);
    })();
    // A thread that could not start is tried again next time.
    this.thread.catch(() => (this.thread = null));
    return this.thread;
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

  async append(update: PendingUpdate) {
    await (await this.start()).call('append', update);
  }

  async flush() {
    if (this.thread) await (await this.thread).call('flush');
  }

  async compact(room: string) {
    await (await this.start()).call('compact', room);
  }

  async durableLatencies() {
    return this.thread ? (await this.thread).call('durableLatencies') : [];
  }

  async close() {
    const running = this.thread;
    if (!running) return;
    this.thread = null;
    const thread = await running;
    await thread.call('close');
    await thread.terminate();
  }
}
