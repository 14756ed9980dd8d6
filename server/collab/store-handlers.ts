import type { LocalDatabase } from '../../db/beside';
import { DocumentStore, DEFAULT_STORE_OPTIONS, type PendingUpdate } from './persistence';

/**
 * Room storage off the socket thread (a `BesideModule`: in the embedded
 * database's own thread, or a worker with its own connections to a server):
 * the database client's work for every batch and compaction happen here, so the
 * socket thread sends each batch once and hears when it is committed.
 */
export async function createHandlers({ db, kind }: LocalDatabase) {
  const store = new DocumentStore(db, {
    ...DEFAULT_STORE_OPTIONS,
    // Only a PostgreSQL server has other writers (embedded PGlite runs one transaction at a time).
    concurrentWriters: kind === 'postgres',
  });
  return {
    load: (room: string) => store.load(room),
    loadClientOwners: (room: string) => store.loadClientOwners(room),
    saveInitialSnapshot: ({ room, state }: { room: string; state: Uint8Array }) => store.saveInitialSnapshot(room, state),
    /**
     * A batch collected by the socket thread: committed now. Rooms are written one by one if the batch fails, so
     * each room is told its own outcome: the rooms whose updates could not be stored, with why.
     */
    async appendBatch(updates: PendingUpdate[]): Promise<[room: string, reason: string][]> {
      // Settled, never rejected: a rejection while the flush is still writing would go unhandled and end the thread.
      const outcomes = Promise.allSettled(updates.map((update) => store.append(update)));
      await store.flush();
      const refused = new Map<string, string>();
      (await outcomes).forEach((outcome, i) => {
        if (outcome.status === 'rejected') refused.set(updates[i]!.room, outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason));
      });
      return [...refused];
    },
    flush: () => store.flush(),
    compact: ({ room, state }: { room: string; state: Uint8Array }) => store.compact(room, state),
    durableLatencies: () => store.durableLatencies(),
    close: () => store.close(),
  };
}

export type StoreHandlers = Awaited<ReturnType<typeof createHandlers>>;
