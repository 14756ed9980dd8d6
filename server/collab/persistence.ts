import { and, asc, eq, gt, gte, inArray, lte, max, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Database } from '../../db/client';
import { isDatabaseUnavailable } from '../../db/unavailable';
import { collabClients, collabSnapshots, collabUpdates } from '../../db/schema';
import { batchWrite } from './batch-write';
import type { DerivedChange, RoomContext } from './derive';

/**
 * Durable storage of room documents. Every update is appended (in batches at most
 * `batchWindowMs` apart) together with the relational rows derived from it, in one
 * statement; a room's owner compacts it by handing over the document's state, which
 * replaces the snapshot and the updates it holds.
 *
 * Batches and compactions are written one after another, in the order they were
 * asked for, so a compaction folds exactly the updates appended before it. Locking
 * (PostgreSQL server): appends hold a shared advisory lock per room and compaction
 * an exclusive one, so a load sees the old snapshot with every update after it, or
 * the new one with every update after that. Embedded PGlite runs one transaction or
 * statement at a time, which orders them the same way.
 */
export interface PendingUpdate {
  room: string;
  /** Where the derived rows go. */
  context: Pick<RoomContext, 'assessmentId' | 'teamId'>;
  update: Uint8Array;
  actorId: string | null;
  receivedAt: Date;
  changes: DerivedChange[];
  /** Client ids first claimed with this update, stored with it. */
  claims: { clientId: number; userId: string }[];
}

interface Queued extends PendingUpdate {
  /** Order of arrival: a room's updates are stored in this order. */
  seq: number;
  /** Held once because the database could not be reached, and tried again. */
  retried?: boolean;
  /**
   * Part of a write whose outcome is unknown: it failed as a lost connection does, which may be after the database
   * committed it (the reply is what was lost).
   */
  mayBeStored?: boolean;
  resolve(): void;
  reject(error: unknown): void;
}

export interface StoreOptions {
  batchWindowMs: number;
  /**
   * How long a room whose updates could not be stored at all (the database unreachable, say) waits before they are
   * tried again: doubled after each failure, up to `maxRetryMs`. Its later updates wait behind them, in order.
   */
  retryMs: number;
  maxRetryMs: number;
  /**
   * How much the held updates may take in memory, all rooms together (an estimate: each update's bytes plus what its
   * history and promise cost). Updates past it are refused rather than held: a long outage must not take the server
   * down with it. A refused update stays in its document, and a compaction stores it (without its history); the room
   * stays in memory until one has.
   */
  maxHeldBytes: number;
  /**
   * Whether other connections may write at the same time (a PostgreSQL server).
   * Embedded PGlite runs one transaction at a time, so the room locks would only cost time.
   */
  concurrentWriters: boolean;
  now: () => Date;
  log: (message: string, error?: unknown) => void;
}

export const DEFAULT_STORE_OPTIONS: StoreOptions = {
  batchWindowMs: 50,
  retryMs: 500,
  maxRetryMs: 30_000,
  maxHeldBytes: 256 * 1024 * 1024,
  concurrentWriters: true,
  now: () => new Date(),
  log: (message, error) => console.error(`[collab] ${message}`, error ?? ''),
};

/** What rooms need of storage; `DocumentStore` in this thread, or `StoreThread` on a worker thread. */
export interface RoomStore {
  /** Gets storage ready now (it otherwise starts with its first use); rejects with why it cannot. */
  start(): Promise<unknown>;
  /** The stored updates of a room (snapshot first), or `null` if it was never stored. */
  load(room: string): Promise<Uint8Array[] | null>;
  /** Which person claimed which Yjs client id in the room. */
  loadClientOwners(room: string): Promise<Map<number, string>>;
  /** The first state of a room that had none (hydrated from relational rows). */
  saveInitialSnapshot(room: string, state: Uint8Array): Promise<void>;
  /**
   * Resolves once the update is committed, with the rows derived from it if they could be written. An update that
   * cannot be stored is kept and tried again until it is (it settles only then); it rejects only if storage is
   * closed meanwhile.
   */
  append(update: PendingUpdate): Promise<void>;
  /** Writes everything collected so far; updates held for a retry are not waited for (each settles once stored). */
  flush(): Promise<void>;
  /**
   * Makes `state` the room's snapshot, in place of the snapshot and updates stored so far. `state` must hold
   * every update this process appended for the room before this call (the room's document, encoded at the time
   * of the call); where other processes may write (a PostgreSQL server), what they stored is folded in. Resolves
   * with whether it did: not while some of the room's updates wait to be stored, nor if the database failed.
   */
  compact(room: string, state: Uint8Array): Promise<boolean>;
  /** Milliseconds from receipt to commit of the updates so far, for the benchmark. */
  durableLatencies(): Promise<number[]>;
  /** Commits what is queued and finishes compactions. */
  close(): Promise<void>;
}

/** Appends and loads share a room; compaction takes it alone. */
type LockMode = 'shared' | 'exclusive';

export class DocumentStore implements RoomStore {
  private queue: Queued[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Batches and compactions in the order they were asked for; never rejects. */
  private flushing: Promise<void> = Promise.resolve();
  private readonly latencies: number[] = [];
  /** Rooms whose updates wait to be tried again, each with its updates in order (later ones wait behind them). */
  private readonly held = new Map<string, Queued[]>();
  /** What the held updates take, as `maxHeldBytes` counts it. */
  private heldBytes = 0;
  private retry: { timer: ReturnType<typeof setTimeout>; delayMs: number } | null = null;
  private closing = false;
  private appended = 0;

  constructor(
    private readonly db: Database,
    private readonly options: StoreOptions = DEFAULT_STORE_OPTIONS,
  ) {}

  async start(): Promise<void> {}

  async load(room: string): Promise<Uint8Array[] | null> {
    // Under the room's shared lock: a compaction committing between the two reads would hide the updates it folded.
    const { snapshot, updates } = await this.db.transaction(async (tx) => {
      await this.lock(tx as unknown as Database, room, 'shared');
      const snapshot = await tx.query.collabSnapshots.findFirst({ where: eq(collabSnapshots.room, room) });
      const updates = await tx
        .select({ update: collabUpdates.update })
        .from(collabUpdates)
        .where(and(eq(collabUpdates.room, room), gt(collabUpdates.id, snapshot?.upToId ?? 0)))
        .orderBy(asc(collabUpdates.id));
      return { snapshot, updates };
    });
    if (!snapshot && updates.length === 0) return null;
    return [...(snapshot ? [snapshot.state] : []), ...updates.map((u) => u.update)];
  }

  async loadClientOwners(room: string): Promise<Map<number, string>> {
    const rows = await this.db.select().from(collabClients).where(eq(collabClients.room, room));
    return new Map(rows.map((row) => [row.clientId, row.userId]));
  }

  async saveInitialSnapshot(room: string, state: Uint8Array): Promise<void> {
    await this.db.insert(collabSnapshots).values({ room, state, upToId: 0 }).onConflictDoNothing();
  }

  append(update: PendingUpdate): Promise<void> {
    return new Promise((resolve, reject) => {
      const entry = { ...update, seq: ++this.appended, resolve, reject };
      if (this.held.has(update.room)) this.hold([entry]);
      else {
        this.queue.push(entry);
        this.timer ??= setTimeout(() => void this.flush(), this.options.batchWindowMs);
      }
    });
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.queue;
    this.queue = [];
    this.flushing = this.flushing.then(() => (batch.length ? this.commit(batch) : undefined));
    return this.flushing;
  }

  /**
   * A batch holds every room's updates of one window. If it cannot be written, each room is written again by
   * itself: one room's bad derived row (or a passing failure) must not cost the other rooms their history.
   */
  private async commit(taken: Queued[]): Promise<void> {
    // A room held since this batch was taken waits behind its held updates, in order.
    const collected: Queued[] = [];
    for (const entry of taken) {
      if (this.held.has(entry.room)) this.hold([entry]);
      else collected.push(entry);
    }
    const batch = await this.withoutStored(collected);
    if (batch.length === 0) return;
    try {
      await this.write(batch, true);
      this.settle(batch);
      return;
    } catch (error) {
      this.options.log('writing a batch failed; writing its rooms one by one', error);
      if (isDatabaseUnavailable(error)) for (const entry of batch) entry.mayBeStored = true;
    }
    const byRoom = new Map<string, Queued[]>();
    for (const entry of batch) byRoom.set(entry.room, [...(byRoom.get(entry.room) ?? []), entry]);
    for (const entries of byRoom.values()) await this.commitRoom(entries);
  }

  private async commitRoom(given: Queued[]): Promise<void> {
    const entries = await this.withoutStored(given);
    if (entries.length === 0) return;
    try {
      await this.write(entries, true);
      this.settle(entries);
      return;
    } catch (error) {
      if (isDatabaseUnavailable(error)) return this.failed(entries, error);
      // The updates are the record; never drop them because a derived row failed.
      this.options.log('deriving rating rows failed; storing the updates alone', error);
    }
    try {
      await this.write(entries, false);
      this.settle(entries);
    } catch (error) {
      this.failed(entries, error);
    }
  }

  /**
   * Settles the entries an earlier write stored although it seemed to fail, and returns the others: writing those
   * again would duplicate their updates and history. A write is one statement or transaction, so what it stored is
   * there whole; an update's bytes are its identity (a room never stores the same update twice).
   */
  private async withoutStored(entries: Queued[]): Promise<Queued[]> {
    const uncertain = entries.filter((entry) => entry.mayBeStored);
    if (uncertain.length === 0) return entries;
    let found: { room: string; update: Uint8Array }[];
    try {
      found = await this.db
        .select({ room: collabUpdates.room, update: collabUpdates.update })
        .from(collabUpdates)
        .where(and(
          // The room's index first, then only what arrived since the oldest of them (at most one outage's worth).
          inArray(collabUpdates.room, [...new Set(uncertain.map((e) => e.room))]),
          gte(collabUpdates.receivedAt, new Date(uncertain.reduce((oldest, e) => Math.min(oldest, e.receivedAt.getTime()), Infinity))),
          sql`(${collabUpdates.room}, ${collabUpdates.update}) in (select * from unnest(${sql.param(uncertain.map((e) => e.room))}::text[], ${sql.param(uncertain.map((e) => e.update))}::bytea[]))`,
        ));
    } catch {
      // Most likely still unreachable: the write fails the same way, and they are held again (and checked again).
      return entries;
    }
    const identity = (room: string, update: Uint8Array) => `${room}\u0000${Buffer.from(update).toString('base64')}`;
    const stored = new Set(found.map((row) => identity(row.room, row.update)));
    const already = new Set(uncertain.filter((entry) => stored.has(identity(entry.room, entry.update))));
    if (already.size) this.settle([...already]);
    return entries.filter((entry) => !already.has(entry));
  }

  /** A room's updates could not be written: held while the database cannot be reached, otherwise refused. */
  private failed(entries: Queued[], error: unknown): void {
    if (isDatabaseUnavailable(error) && !this.closing) return this.holdForRetry(entries, error);
    // Refused for good (it would fail the same way every time): the change stays in the room's document, and its
    // next compaction stores it, without history.
    this.options.log('storing updates failed', error);
    for (const entry of entries) entry.reject(error);
  }

  /**
   * The database could not be reached: the room's updates are kept, with who sent them, and tried again later (the
   * document already has them, and its history must too). Nothing of the room is written before them.
   */
  private holdForRetry(entries: Queued[], error: unknown): void {
    const room = entries[0]!.room;
    for (const entry of entries) entry.mayBeStored = true;
    this.hold(entries);
    const delayMs = this.retry ? Math.min(this.retry.delayMs * 2, this.options.maxRetryMs) : this.options.retryMs;
    this.options.log(`storing updates of ${room} failed; trying again in ${delayMs} ms`, error);
    if (this.retry) clearTimeout(this.retry.timer);
    this.retry = { delayMs, timer: setTimeout(() => void this.retryHeld(), delayMs) };
  }

  /** Keeps a room's entries with those of it already held, in order of arrival, as far as `maxHeldBytes` allows. */
  private hold(entries: Queued[]): void {
    const room = entries[0]!.room;
    const held = this.held.get(room) ?? [];
    const refused: Queued[] = [];
    for (const entry of entries) {
      const bytes = heldSize(entry);
      // Past the bound, the rest (newer) are refused too: a room's history keeps no gaps before what it keeps.
      if (refused.length || this.heldBytes + bytes > this.options.maxHeldBytes) refused.push(entry);
      else {
        this.heldBytes += bytes;
        held.push(entry);
      }
    }
    if (held.length) this.held.set(room, held.sort((a, b) => a.seq - b.seq));
    if (refused.length === 0) return;
    this.options.log(`too many updates wait to be stored; ${refused.length} of ${room} are kept in its document only, and its next compaction stores them without history`);
    const error = new Error('storage has been unreachable for too long to keep this change’s history');
    for (const entry of refused) entry.reject(error);
  }

  /**
   * The held rooms' updates are tried again as a batch of their own, after what is being written and before
   * anything appended later: other rooms' batches do not fail with them if the database is still unreachable.
   */
  private retryHeld(): Promise<void> {
    this.flushing = this.flushing.then(() => {
      // Taken only now, when it is their turn: a batch written before them must still see their rooms held, or
      // their rooms' later updates would be stored first.
      const held = [...this.held.values()].flat();
      this.held.clear();
      this.heldBytes = 0;
      for (const entry of held) entry.retried = true;
      return held.length ? this.commit(held) : undefined;
    });
    return this.flushing;
  }

  private settle(batch: Queued[]): void {
    // Held updates were stored: the next failure waits the shortest time again (not merely another room's success).
    if (this.held.size === 0 && this.retry && batch.some((entry) => entry.retried)) {
      clearTimeout(this.retry.timer);
      this.retry = null;
    }
    const committedAt = this.options.now().getTime();
    for (const entry of batch) {
      this.latencies.push(committedAt - entry.receivedAt.getTime());
      entry.resolve();
    }
    if (this.latencies.length > 200_000) this.latencies.splice(0, 100_000);
  }

  /** One attempt to write a batch (protected: tests make it fail, as an unreachable database would). */
  protected async write(batch: PendingUpdate[], withDerived: boolean): Promise<void> {
    const { statement, values } = batchWrite(batch, withDerived);
    if (!this.options.concurrentWriters) {
      // One statement is atomic by itself: no transaction, no extra round trips.
      await statement.run(this.db, values);
      return;
    }
    await this.db.transaction(async (tx) => {
      for (const room of [...new Set(batch.map((e) => e.room))].sort()) {
        await this.lock(tx as unknown as Database, room, 'shared');
      }
      await statement.run(tx as unknown as Database, values);
    });
  }

  private async lock(tx: Database, room: string, mode: LockMode): Promise<void> {
    if (!this.options.concurrentWriters) return;
    await tx.execute(mode === 'shared'
      ? sql`select pg_advisory_xact_lock_shared(hashtext(${room}))`
      : sql`select pg_advisory_xact_lock(hashtext(${room}))`);
  }

  compact(room: string, state: Uint8Array): Promise<boolean> {
    // The updates appended so far are committed first; those appended later are written after it.
    void this.flush();
    const compacted = this.flushing.then(async () => {
      // Not while some of the room's updates wait to be stored: `state` holds them, and a snapshot would make them
      // durable without their history (and, if they were given up, hide them from the browsers that would resend them).
      if (this.held.has(room)) {
        this.options.log(`not compacting ${room}: some of its updates wait to be stored`);
        return false;
      }
      await this.replaceSnapshot(room, state);
      return true;
    }).catch((error: unknown) => {
      // The updates stay as they are, and the next compaction folds them.
      this.options.log(`compacting ${room} failed`, error);
      return false;
    });
    this.flushing = compacted.then(() => undefined);
    return compacted;
  }

  private async replaceSnapshot(room: string, given: Uint8Array): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.lock(tx as unknown as Database, room, 'exclusive');
      let state = given;
      let upToId: number | null | undefined;
      if (this.options.concurrentWriters) {
        // Another server process on the same database (say, during a deploy) may have stored what `given` lacks.
        const rows = await tx.select({ id: collabUpdates.id, update: collabUpdates.update }).from(collabUpdates).where(eq(collabUpdates.room, room));
        upToId = rows.length ? Math.max(...rows.map((row) => row.id)) : null;
        state = withMissingUpdates(given, rows.map((row) => row.update));
      } else {
        [{ id: upToId } = { id: null }] = await tx.select({ id: max(collabUpdates.id) }).from(collabUpdates).where(eq(collabUpdates.room, room));
      }
      // No updates since the last snapshot: `state` may still hold what storage refused (see `maxHeldBytes`).
      upToId ??= 0;
      await tx
        .insert(collabSnapshots)
        .values({ room, state, upToId })
        .onConflictDoUpdate({ target: collabSnapshots.room, set: { state, upToId, updatedAt: new Date() } });
      await tx.delete(collabUpdates).where(and(eq(collabUpdates.room, room), lte(collabUpdates.id, upToId)));
    });
  }

  async durableLatencies(): Promise<number[]> {
    return this.latencies;
  }

  /** Commits what is queued, trying held updates once more; those that still fail are rejected. */
  async close(): Promise<void> {
    this.closing = true;
    if (this.retry) clearTimeout(this.retry.timer);
    this.retry = null;
    void this.retryHeld();
    await this.flush();
  }
}

/** What a held update is counted as taking: its bytes, and about a kilobyte for its history, sender and promise. */
function heldSize(entry: PendingUpdate): number {
  return entry.update.byteLength + 1024;
}

/** `state` with those of `updates` it does not hold yet merged in (an update of deletions alone is always merged). */
export function withMissingUpdates(state: Uint8Array, updates: readonly Uint8Array[]): Uint8Array {
  const held = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(state));
  const missing = updates.filter((update) => {
    const { to } = Y.parseUpdateMeta(update);
    return to.size === 0 || [...to].some(([client, clock]) => clock > (held.get(client) ?? 0));
  });
  return missing.length ? Y.mergeUpdates([state, ...missing]) : state;
}
