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
    /** A batch collected by the socket thread: committed now. */
    async appendBatch(updates: PendingUpdate[]) {
      const committed = Promise.all(updates.map((update) => store.append(update)));
      await store.flush();
      await committed;
    },
    flush: () => store.flush(),
    compact: ({ room, state }: { room: string; state: Uint8Array }) => store.compact(room, state),
    durableLatencies: () => store.durableLatencies(),
    close: () => store.close(),
  };
}

export type StoreHandlers = Awaited<ReturnType<typeof createHandlers>>;
