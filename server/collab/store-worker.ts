import { openDatabase, type SharedDatabase } from '../../db/client';
import { runWorker, threadData } from '../../db/threads';
import { DocumentStore, DEFAULT_STORE_OPTIONS, type PendingUpdate, type StoreOptions } from './persistence';

/**
 * Room storage on a worker thread: batching, the database client's work for
 * every batch and compaction happen here, so the socket thread only posts each
 * update once and hears when it is committed.
 */
export interface StoreThreadData {
  database: SharedDatabase['location'];
  options: Partial<Pick<StoreOptions, 'compactEvery'>>;
}

async function setUp() {
  const { database, options } = threadData<StoreThreadData>();
  const handle = await openDatabase(database);
  const store = new DocumentStore(handle.db, {
    ...DEFAULT_STORE_OPTIONS,
    // Only a PostgreSQL server has other writers (embedded PGlite runs one transaction at a time).
    concurrentWriters: handle.kind === 'postgres',
    ...options,
  });
  return {
    load: (room: string) => store.load(room),
    loadClientOwners: (room: string) => store.loadClientOwners(room),
    saveInitialSnapshot: ({ room, state }: { room: string; state: Uint8Array }) => store.saveInitialSnapshot(room, state),
    /** A batch collected by the socket thread: committed now, in one transaction. */
    async appendBatch(updates: PendingUpdate[]) {
      const committed = Promise.all(updates.map((update) => store.append(update)));
      await store.flush();
      await committed;
    },
    flush: () => store.flush(),
    compact: (room: string) => store.compact(room),
    durableLatencies: () => store.durableLatencies(),
    async close() {
      await store.close();
      await handle.close();
    },
  };
}

export type StoreHandlers = Awaited<ReturnType<typeof setUp>>;

void runWorker(setUp, { background: true });
