import type { LocalDatabase } from '../../db/beside';
import { DocumentStore, DEFAULT_STORE_OPTIONS, type PendingUpdate, type StoreOptions } from './persistence';

/** What the socket thread sets of the store's options (they cross to the storage thread as data). */
export type StoreSettings = Pick<StoreOptions, 'maxHeldBytes'>;

/**
 * Room storage off the socket thread (a `BesideModule`: in the embedded
 * database's own thread, or a worker with its own connections to a server):
 * the database client's work for every batch and compaction happen here, so the
 * socket thread sends each batch once and hears when it is committed.
 */
export async function createHandlers({ db, kind }: LocalDatabase, settings: StoreSettings | null) {
  const store = new DocumentStore(db, {
    ...DEFAULT_STORE_OPTIONS,
    ...settings,
    // Only a PostgreSQL server has other writers (embedded PGlite runs one transaction at a time).
    concurrentWriters: kind === 'postgres',
  });
  /** Outcomes of rooms held for a retry, by batch and room, until the socket thread asks for them. */
  const heldOutcomes = new Map<string, Promise<string | null>>();
  let batches = 0;
  return {
    load: (room: string) => store.load(room),
    loadClientOwners: (room: string) => store.loadClientOwners(room),
    saveInitialSnapshot: ({ room, state }: { room: string; state: Uint8Array }) => store.saveInitialSnapshot(room, state),
    /**
     * A batch collected by the socket thread: committed now. Rooms are written one by one if the batch fails, so
     * each room has its own outcome: stored, refused (with why: for good, or the store is closing), or held to be
     * tried again (the database unreachable), whose outcome `heldOutcome` gives once there is one (a held room must not hold up the others).
     */
    async appendBatch(updates: PendingUpdate[]): Promise<{ refused: [room: string, reason: string][]; held: string[] }> {
      const batch = ++batches;
      const byRoom = new Map<string, Promise<void>[]>();
      for (const update of updates) byRoom.set(update.room, [...(byRoom.get(update.room) ?? []), store.append(update)]);
      // Handlers attached at once (a rejection while the flush is still writing would go unhandled and end the
      // thread), with whether each room's outcome is known yet: one that is not after the flush is held for a retry.
      const outcomes = new Map([...byRoom].map(([room, appended]) => {
        const known = { settled: false };
        // Known only once every update of the room is: one refused while others are held leaves the room held.
        const outcome = Promise.allSettled(appended).then((results) => {
          const failed = results.find((result) => result.status === 'rejected');
          return failed ? (failed.reason instanceof Error ? failed.reason.message : String(failed.reason)) : null;
        });
        void outcome.then(() => (known.settled = true));
        return [room, { outcome, known }] as const;
      }));
      await store.flush();
      // The outcomes settled by the flush have run their handlers by then.
      await new Promise((resolve) => setImmediate(resolve));
      const refused: [string, string][] = [];
      const held: string[] = [];
      for (const [room, { outcome, known }] of outcomes) {
        if (!known.settled) {
          const key = `${batch}:${room}`;
          heldOutcomes.set(key, outcome);
          held.push(key);
        } else {
          const reason = await outcome;
          if (reason !== null) refused.push([room, reason]);
        }
      }
      return { refused, held };
    },
    /** The outcome of a room's updates held for a retry (a key from `appendBatch`): null once stored, else why not. */
    async heldOutcome(key: string): Promise<string | null> {
      const outcome = heldOutcomes.get(key);
      if (!outcome) throw new Error(`no held updates under ${key}`);
      heldOutcomes.delete(key);
      return outcome;
    },
    flush: () => store.flush(),
    compact: ({ room, state }: { room: string; state: Uint8Array }) => store.compact(room, state),
    durableLatencies: () => store.durableLatencies(),
    close: () => store.close(),
  };
}

export type StoreHandlers = Awaited<ReturnType<typeof createHandlers>>;
