import { and, asc, eq, isNull } from 'drizzle-orm';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import type { Database } from '../../db/client';
import { assessments, cellRatings, targets, teams, threatRatings, threats } from '../../db/schema';
import { isAssessmentEditable, type AssessmentStatus } from '../domain/policy';
import { assessmentReadOnly, historyNotStored, storageDelayed } from '../services/errors';
import { defineRoots, writeCell, writeThreat, type CellValues, type ThreatValues } from './document';
import { ratesCells } from '../domain/method';
import { deriveChanges, type DerivedChange, type RoomContext } from './derive';
import type { RoomStore } from './persistence';
import { parseRoomName, roomName, type RoomRef } from './protocol';
import { encodeWithoutWaiting } from './waiting';

/** The origin of a change a person made; anything else (loading, hydrating) is not recorded. */
export class ActorOrigin {
  /** Commits of the updates made under this origin, so a caller can wait for durability. */
  readonly commits: Promise<void>[] = [];
  constructor(
    readonly actorId: string | null,
    readonly connection: unknown = null,
    /** Yjs client ids this person claims with this update (see Room.clientOwners). */
    readonly claims: readonly number[] = [],
    /** The people in the room already have this update (it went out as it arrived): relays skip it. */
    readonly relayed = false,
  ) {}
}

export interface Room {
  readonly name: string;
  readonly ref: RoomRef;
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly context: RoomContext;
  /** Current assessment status: changes while the room is open. */
  status: AssessmentStatus;
  /** Yjs client id → the person whose browser it is (a claim: history keeps it beside who sent a change). */
  readonly clientOwners: Map<number, string>;
  /** Called with every change before it is stored: the people in the room should not wait for the database. */
  readonly relays: Set<(update: Uint8Array, origin: unknown) => void>;
  /** Called when the assessment's status changes while the room is open. */
  readonly statusListeners: Set<(status: AssessmentStatus) => void>;
}

interface Entry {
  room: Room;
  users: number;
  /** Appends and compactions in flight for this room; unloading waits for them. */
  pending: Set<Promise<unknown>>;
  /** Updates stored since the last snapshot. */
  sinceSnapshot: number;
  /** Whether storage refused an update since the last compaction: the change is in the document only. */
  unstored: boolean;
}

export interface RoomsOptions {
  /** When a room is compacted: after this many stored updates. */
  compactEvery: number;
  /**
   * How long a due room waits after another room's compaction (but never past twice `compactEvery`): rooms
   * that fill at the same pace would otherwise all encode at once, holding up every socket for their sum.
   */
  compactionGapMs: number;
  /** When an update counts as received (its history rows carry it). */
  now: () => Date;
  /**
   * How long an API change waits to be stored before its caller is answered that storage is delayed (the database
   * unreachable: the change stays in the room, and is stored with its history once it can be).
   */
  commitWaitMs: number;
  /**
   * How long a room leaving memory with a change storage refused waits before it tries again to store its state
   * (doubled each time, up to `MAX_COMPACTION_RETRY_MS`).
   */
  retryCompactionMs: number;
}

const MAX_COMPACTION_RETRY_MS = 30_000;

/** Where a transaction carries what it changed, from its `afterTransaction` to its `update` (`Transaction.meta`). */
const DERIVED = Symbol('derived changes');

export class RoomNotFoundError extends Error {}

export type RoomEdit =
  | { kind: 'cell'; threatId: string; targetId: string; values: Partial<CellValues> }
  | { kind: 'threat'; threatId: string; values: Partial<ThreatValues> };

/**
 * Documents in memory: loaded fully from storage on first use, shared by every
 * connection and service call, and dropped when the last user leaves.
 */
export class Rooms {
  private readonly entries = new Map<string, Promise<Entry>>();
  /** Statuses held while they are stored (see `holdStatus`), by assessment. */
  private readonly storingStatus = new Map<string, Set<{ readonly status: AssessmentStatus }>>();
  private readonly options: RoomsOptions;
  private lastCompaction: { room: string; at: number } | null = null;
  constructor(
    private readonly db: Database,
    readonly store: RoomStore,
    { compactEvery = 1000, compactionGapMs = 1000, now = () => new Date(), commitWaitMs = 10_000, retryCompactionMs = 1000 }: Partial<RoomsOptions> = {},
  ) {
    this.options = { compactEvery, compactionGapMs, now, commitWaitMs, retryCompactionMs };
  }

  /** The loaded room; call `release` when done with it. */
  async acquire(ref: RoomRef): Promise<Room> {
    const name = roomName(ref);
    for (;;) {
      let entry = this.entries.get(name);
      if (!entry) {
        entry = this.load(ref);
        this.entries.set(name, entry);
        entry.catch(() => this.entries.delete(name));
      }
      const loaded = await entry;
      // Its last user may have released it while we waited, and it left memory: load it again.
      if (this.entries.get(name) !== entry) continue;
      loaded.users += 1;
      return loaded.room;
    }
  }

  release(room: Room): void {
    const entry = this.entries.get(room.name);
    void entry?.then(async (loaded) => {
      loaded.users -= 1;
      if (loaded.users > 0) return;
      // Until nothing is in flight: someone may have come, written and left while we waited. Leaving earlier
      // would load the room again without their change, and its next compaction would drop it from storage.
      for (let waitMs = this.options.retryCompactionMs; ; waitMs = Math.min(2 * waitMs, MAX_COMPACTION_RETRY_MS)) {
        while (loaded.pending.size > 0) await Promise.allSettled([...loaded.pending]);
        // A change storage refused is in the document only: a compaction stores it, or it would leave with the
        // room. (Checked only here: compactions while the room's updates were held for a retry were skipped.)
        if (!loaded.unstored || loaded.users > 0) break;
        loaded.unstored = false;
        if (await this.compact(loaded)) continue;
        // Not stored (the database still unreachable, say): the room stays in memory, with the change, until it is.
        loaded.unstored = true;
        await new Promise((resolve) => setTimeout(resolve, waitMs).unref());
      }
      if (loaded.users > 0 || this.entries.get(room.name) !== entry) return;
      this.entries.delete(room.name);
      loaded.room.awareness.destroy();
      loaded.room.doc.destroy();
    });
  }

  /**
   * Applies a change as a person and resolves once it is committed. The change is
   * plain data, not a callback: API handlers run in Next's separately bundled
   * modules, and Yjs objects from another copy of the library must never enter a
   * document.
   */
  async change(ref: RoomRef, actorId: string, edit: RoomEdit): Promise<void> {
    const room = await this.acquire(ref);
    try {
      // The caller checked the status when its request began; the assessment may have closed since.
      if (!isAssessmentEditable(room.status)) throw assessmentReadOnly(room.status);
      const origin = new ActorOrigin(actorId);
      if (edit.kind === 'cell') writeCell(room.doc, edit.threatId, edit.targetId, edit.values, origin);
      else writeThreat(room.doc, edit.threatId, edit.values, origin);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const delayed = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(storageDelayed()), this.options.commitWaitMs); });
      try {
        // Not stored, and not held for a retry either (refused for good, past the hold's bound, or given up as storage
        // closed): the change stays in the document, which a compaction stores (unless the process stops first), and
        // its history is lost. "Internal error" would tell the caller nothing was changed.
        const committed = Promise.all(origin.commits).catch(() => { throw historyNotStored(); });
        await Promise.race([committed, delayed]);
      } finally {
        clearTimeout(timer);
      }
    } finally {
      this.release(room);
    }
  }

  /**
   * The status changed (e.g. closed): the assessment's open rooms stop accepting writes at once — in the same turn
   * of the event loop as the caller, before any socket's next frame, never after other rooms' loads. Its rooms
   * still loading hear as they finish loading (before anyone can write to them); one whose load fails (a made-up
   * team, a database error) has no one to tell.
   */
  async statusChanged(assessmentId: string, status: AssessmentStatus): Promise<void> {
    const tell = ({ room }: Entry) => {
      room.status = status;
      for (const listener of room.statusListeners) listener(status);
    };
    const ofAssessment = [...this.entries].filter(([name]) => parseRoomName(name)?.assessmentId === assessmentId);
    await Promise.allSettled(ofAssessment.map(([, entry]) => entry.then(tell)));
  }

  /**
   * A status that stops writes, about to be stored: the assessment's rooms go by it at once, and so do rooms
   * loading until `release` is called (once the database has it, or has refused it), which would otherwise read the
   * status it replaces.
   */
  async holdStatus(assessmentId: string, status: AssessmentStatus): Promise<{ release(): void }> {
    const held = { status } as const;
    const holds = this.storingStatus.get(assessmentId) ?? new Set();
    holds.add(held);
    this.storingStatus.set(assessmentId, holds);
    await this.statusChanged(assessmentId, status);
    return {
      release: () => {
        holds.delete(held);
        if (holds.size === 0 && this.storingStatus.get(assessmentId) === holds) this.storingStatus.delete(assessmentId);
      },
    };
  }

  openRoomNames(): string[] {
    return [...this.entries.keys()];
  }

  async close(): Promise<void> {
    await this.store.close();
    // What storage refused (closing gives up what it held, too) is in its room's document only: one last compaction
    // keeps it, or it leaves with the process. Those still in the room's browsers would be sent again; an API's not.
    const loaded = await Promise.allSettled([...this.entries.values()]);
    await Promise.all(loaded.map(async (result) => {
      if (result.status !== 'fulfilled') return;
      await Promise.allSettled([...result.value.pending]);
      if (result.value.unstored) await this.compact(result.value);
    }));
  }

  private async load(ref: RoomRef): Promise<Entry> {
    // A status held while it is stored may not be what this load reads (see `holdStatus`).
    const heldAtStart = this.storingStatus.has(ref.assessmentId);
    const { context, status: readStatus } = await this.loadContext(ref);
    const name = roomName(ref);
    const doc = new Y.Doc({ gc: true });
    defineRoots(doc);
    const stored = await this.store.load(name);
    if (stored) {
      Y.transact(doc, () => stored.forEach((update) => Y.applyUpdate(doc, update)), 'load');
    } else {
      await this.hydrate(doc, context);
      await this.store.saveInitialSnapshot(name, Y.encodeStateAsUpdate(doc));
    }
    const clientOwners = await this.store.loadClientOwners(name);
    const held = [...(this.storingStatus.get(ref.assessmentId) ?? [])].at(-1);
    // Held when the load began and stored since (or refused): the database has the status now.
    const status = held?.status ?? (heldAtStart ? (await this.loadContext(ref)).status : readStatus);
    const room: Room = { name, ref, doc, awareness: new Awareness(doc), context, status, clientOwners, relays: new Set(), statusListeners: new Set() };
    // The server's own awareness entry would show as a phantom participant.
    room.awareness.setLocalState(null);
    // The stored updates after the snapshot (hydrated rooms start with a snapshot alone).
    const entry: Entry = { room, users: 0, pending: new Set(), sinceSnapshot: stored ? stored.length - 1 : 0, unstored: false };

    // The server's own client id makes API and hydration changes: those belong to the origin's person.
    const authorOf = (clientId: number) => (clientId === doc.clientID ? undefined : clientOwners.get(clientId));
    // Derived before Yjs collects the transaction's garbage, which takes the content of a value that lost to a
    // concurrent one (see deriveChanges); the update is emitted after that.
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      if (transaction.origin instanceof ActorOrigin) transaction.meta.set(DERIVED, deriveChanges(doc, transaction, context, authorOf));
    });
    doc.on('update', (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
      if (!(origin instanceof ActorOrigin && origin.relayed)) for (const relay of room.relays) relay(update, origin);
      if (!(origin instanceof ActorOrigin)) return;
      const claims = origin.actorId ? origin.claims.map((clientId) => ({ clientId, userId: origin.actorId! })) : [];
      const appended = this.store.append({
        room: name, context: { assessmentId: context.assessmentId, teamId: context.teamId }, update, actorId: origin.actorId, receivedAt: this.options.now(), claims,
        changes: (transaction.meta.get(DERIVED) as DerivedChange[] | undefined) ?? [],
      });
      origin.commits.push(appended);
      // Updates of one batch share a promise: watch it once.
      if (!entry.pending.has(appended)) void appended.catch(() => (entry.unstored = true));
      this.track(entry, appended);
      entry.sinceSnapshot += 1;
      this.compactIfDue(entry);
    });
    this.compactIfDue(entry);
    return entry;
  }

  /**
   * The document in memory holds every stored update, so its state is the new snapshot: storage does not read
   * the updates back to merge them (which held up every write behind it), and the snapshot leaves out what was
   * deleted. Encoding takes a few milliseconds for a room with thousands of edits (on the socket thread, after the relay).
   */
  private compactIfDue(entry: Entry): void {
    const { compactEvery, compactionGapMs, now } = this.options;
    if (entry.sinceSnapshot < compactEvery) return;
    const at = now().getTime();
    const last = this.lastCompaction;
    if (last && last.room !== entry.room.name && at - last.at < compactionGapMs && entry.sinceSnapshot < 2 * compactEvery) return;
    this.lastCompaction = { room: entry.room.name, at };
    void this.compact(entry);
  }

  /** Resolves with whether the room's state is now its snapshot. */
  private compact(entry: Entry): Promise<boolean> {
    entry.sinceSnapshot = 0;
    // Without what waits for the changes it builds on: never stored as updates, it would come back with every load.
    const compacted = this.store.compact(entry.room.name, encodeWithoutWaiting(entry.room.doc));
    this.track(entry, compacted);
    return compacted;
  }

  private track(entry: Entry, work: Promise<unknown>): void {
    // Updates of one batch share a promise: watch it once.
    if (entry.pending.has(work)) return;
    entry.pending.add(work);
    void work.catch(() => undefined).finally(() => entry.pending.delete(work));
  }

  private async loadContext(ref: RoomRef): Promise<{ context: RoomContext; status: AssessmentStatus }> {
    const assessment = await this.db.query.assessments.findFirst({ where: eq(assessments.id, ref.assessmentId) });
    const team = assessment && (await this.db.query.teams.findFirst({
      where: and(eq(teams.id, ref.teamId), eq(teams.programmeId, assessment.programmeId)),
    }));
    if (!assessment || !team) throw new RoomNotFoundError(roomName(ref));
    const [threatRows, targetRows] = await Promise.all([
      this.db.select({ id: threats.id }).from(threats).where(eq(threats.programmeId, assessment.programmeId)).orderBy(asc(threats.position)),
      this.db.select({ id: targets.id }).from(targets).where(and(eq(targets.programmeId, assessment.programmeId), isNull(targets.parentId))),
    ]);
    const context: RoomContext = {
      programmeId: assessment.programmeId,
      assessmentId: assessment.id,
      teamId: team.id,
      mode: assessment.mode,
      teamKind: team.kind,
      threatIds: new Set(threatRows.map((t) => t.id)),
      targetIds: new Set(targetRows.map((t) => t.id)),
    };
    return { context, status: assessment.status };
  }

  /** A room never stored before starts from the relational rows (e.g. a seeded, published table). */
  private async hydrate(doc: Y.Doc, context: RoomContext): Promise<void> {
    const where = { assessment: context.assessmentId, team: context.teamId };
    if (ratesCells(context)) {
      const rows = await this.db.select().from(cellRatings)
        .where(and(eq(cellRatings.assessmentId, where.assessment), eq(cellRatings.teamId, where.team)));
      for (const { threatId, targetId, scope, severity, irreversibility, notApplicable, rationale } of rows) {
        writeCell(doc, threatId, targetId, { scope, severity, irreversibility, notApplicable, rationale }, 'hydrate');
      }
    } else {
      const rows = await this.db.select().from(threatRatings)
        .where(and(eq(threatRatings.assessmentId, where.assessment), eq(threatRatings.teamId, where.team)));
      for (const { threatId, rating, notApplicable, rationale } of rows) writeThreat(doc, threatId, { rating, notApplicable, rationale }, 'hydrate');
    }
  }
}
