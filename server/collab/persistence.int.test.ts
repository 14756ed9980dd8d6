import { and, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { collabSnapshots, collabUpdates, threatRatings } from '../../db/schema';
import type { RoomContext } from './derive';
import { defineRoots, readThreat, writeThreat } from './document';
import { DocumentStore, DEFAULT_STORE_OPTIONS, type PendingUpdate, type StoreOptions } from './persistence';
import { roomName, type RoomRef } from './protocol';
import { ActorOrigin, Rooms, type Room, type RoomsOptions } from './rooms';
import { collabSuite, connectClient, createAssessment, eventually } from '../testing/collab';

/**
 * Room documents live in memory only while someone uses them, are stored as they
 * change, and come back whole: after the last person leaves, after compaction,
 * and for rooms that only ever existed as relational rows.
 */
const suite = collabSuite();
const { threat, join, clients } = suite;

const china = () => suite.world.team('china').id;

/** A room's document as a new server process would load it. */
async function loadFresh(ref: RoomRef): Promise<Y.Doc> {
  const rooms = new Rooms(suite.world.handle.db, new DocumentStore(suite.world.handle.db));
  const room = await rooms.acquire(ref);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc));
  rooms.release(room);
  return doc;
}

const probeKeys = (doc: Y.Doc) => [...doc.getMap('probe').keys()].sort();

/** A change made as a person, as a connection applies one, resolved once committed. */
async function edit(ref: RoomRef, actorId: string, change: (doc: Y.Doc) => void) {
  const room = await suite.world.services.rooms.acquire(ref);
  try {
    const origin = new ActorOrigin(actorId);
    room.doc.transact(() => change(room.doc), origin);
    await Promise.all(origin.commits);
  } finally {
    suite.world.services.rooms.release(room);
  }
}

it('a document leaves memory when its last client leaves, and comes back with all its content', async () => {
  const ref = { assessmentId: await createAssessment(suite.world, 'Unload'), teamId: china() };
  const name = roomName(ref);
  const [one, two] = [await join(suite.world.ids.chinaMember, ref), await join(suite.world.ids.facilitator, ref)];
  expect(suite.world.services.rooms.openRoomNames()).toContain(name);
  writeThreat(one.doc, threat('fire'), { rating: 'high', rationale: 'by one' });
  writeThreat(two.doc, threat('poaching'), { rating: 'low', notApplicable: false, rationale: 'by two' });
  await eventually(() => expect(readThreat(one.doc, threat('poaching')).rating).toBe('low'));

  one.destroy();
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(suite.world.services.rooms.openRoomNames()).toContain(name);
  writeThreat(two.doc, threat('overgrazing'), { rating: 'very_high' });
  two.destroy();
  await eventually(() => expect(suite.world.services.rooms.openRoomNames()).not.toContain(name));

  const back = await join(suite.world.ids.observer, ref);
  expect(readThreat(back.doc, threat('fire'))).toEqual({ rating: 'high', notApplicable: false, rationale: 'by one' });
  expect(readThreat(back.doc, threat('poaching'))).toEqual({ rating: 'low', notApplicable: false, rationale: 'by two' });
  expect(readThreat(back.doc, threat('overgrazing')).rating).toBe('very_high');
});

it('a room never opened before starts from the relational rows: the seeded 2020 table', async () => {
  const ref = { assessmentId: suite.world.publishedAssessment.id, teamId: china() };
  const name = roomName(ref);
  expect(await suite.world.handle.db.query.collabSnapshots.findFirst({ where: eq(collabSnapshots.room, name) })).toBeUndefined();
  const client = await join(suite.world.ids.observer, ref);
  expect(readThreat(client.doc, threat('fire')).rating).toBe('low');
  expect(readThreat(client.doc, threat('unsustainable-hunting'))).toMatchObject({ rating: null, notApplicable: true });
  const table = await (await suite.world.callerFor(suite.world.ids.observer)).assessment.threatTable({ assessmentId: ref.assessmentId });
  for (const row of table.rows) {
    const { rating, notApplicable } = readThreat(client.doc, row.threat.id);
    expect({ rating, notApplicable }).toEqual(row.cells[ref.teamId]);
  }
  // Hydrating is not a change: no history, and the starting state is stored once.
  const history = await (await suite.world.callerFor(suite.world.ids.observer)).rating.history({ ...ref, threatId: threat('fire') });
  expect(history).toEqual([]);
  expect(await suite.world.handle.db.query.collabSnapshots.findFirst({ where: eq(collabSnapshots.room, name) })).toBeDefined();
});

it('the first sync arrives only once the document is fully loaded, even when loading is slow', async () => {
  const ref = { assessmentId: await createAssessment(suite.world, 'First sync'), teamId: china() };
  const name = roomName(ref);
  await edit(ref, suite.world.ids.chinaMember, (doc) => {
    for (const [i, t] of suite.world.threats.entries()) writeThreat(doc, t.id, { rating: i % 2 ? 'high' : 'low', rationale: `stored ${i}` });
  });
  await eventually(() => expect(suite.world.services.rooms.openRoomNames()).not.toContain(name));

  const store = suite.world.services.rooms.store;
  const load = store.load.bind(store);
  store.load = async (room: string) => {
    const stored = await load(room);
    await new Promise((resolve) => setTimeout(resolve, 300));
    return stored;
  };
  try {
    const client = await connectClient(suite.world, suite.collab.url, suite.world.ids.observer, ref);
    clients.push(client);
    const atFirstSync = await new Promise<string[]>((resolve) => client.provider.once('sync', () =>
      resolve(suite.world.threats.map((t) => readThreat(client.doc, t.id).rationale))));
    expect(atFirstSync).toEqual(suite.world.threats.map((_t, i) => `stored ${i}`));
  } finally {
    store.load = load;
  }
});

/** What a room's storage holds, read as a new server process would. */
async function storedDoc(name: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const update of (await new DocumentStore(suite.world.handle.db).load(name)) ?? []) Y.applyUpdate(doc, update);
  return doc;
}

/**
 * A store that counts the compactions asked of it and, after each, checks that storage still holds every probe
 * edit `committed` said was committed when the compaction was asked for.
 */
class CheckedStore extends DocumentStore {
  /** The rooms compacted, in order. */
  readonly compacted: string[] = [];
  readonly lost: string[] = [];
  constructor(private readonly committed: () => number[] = () => []) {
    super(suite.world.handle.db);
  }

  override async compact(room: string, state: Uint8Array) {
    this.compacted.push(room);
    const expected = this.committed().map((i) => `edit-${i}`);
    const compacted = await super.compact(room, state);
    const held = new Set(probeKeys(await storedDoc(room)));
    this.lost.push(...expected.filter((key) => !held.has(key)));
    return compacted;
  }
}

/** A second writer of a room's storage, as another server process would be, fed by its own document. */
function directWriter(ref: RoomRef) {
  const name = roomName(ref);
  const writer = new DocumentStore(suite.world.handle.db);
  const context: RoomContext = {
    programmeId: suite.world.programmeId, ...ref, mode: 'rapid', teamKind: 'country', threatIds: new Set(), targetIds: new Set(),
  };
  const source = new Y.Doc();
  defineRoots(source);
  source.on('update', (update: Uint8Array) => {
    void writer.append({ room: name, context, update, actorId: null, receivedAt: new Date(), changes: [], claims: [] });
  });
  return { name, writer, source };
}

const looseUpdates = async (name: string) =>
  ((await suite.world.handle.db.select({ n: count() }).from(collabUpdates).where(eq(collabUpdates.room, name))) as [{ n: number }])[0].n;

describe('compaction', () => {
  it('folds every few updates into the snapshot without losing those that arrive meanwhile', async () => {
    const ref = { assessmentId: await createAssessment(suite.world, 'Compaction'), teamId: china() };
    const name = roomName(ref);
    const committed: number[] = [];
    const store = new CheckedStore(() => [...committed]);
    const rooms = new Rooms(suite.world.handle.db, store, { compactEvery: 7 });
    const room = await rooms.acquire(ref);
    const edits = 7 * 40;
    // Many edits in flight at once, so compactions are asked for while earlier batches are still being written.
    await Promise.all(Array.from({ length: edits }, async (_, i) => {
      await new Promise((resolve) => setTimeout(resolve, i % 13));
      const origin = new ActorOrigin(i % 2 ? suite.world.ids.chinaMember : suite.world.ids.facilitator);
      room.doc.transact(() => {
        room.doc.getMap('probe').set(`edit-${i}`, i);
        writeThreat(room.doc, suite.world.threats[i % suite.world.threats.length]!.id, { rationale: `edit ${i}` });
      }, origin);
      await Promise.all(origin.commits);
      committed.push(i);
    }));
    const expected = new Y.Doc();
    Y.applyUpdate(expected, Y.encodeStateAsUpdate(room.doc));
    rooms.release(room);
    await store.flush();
    expect(store.compacted).toHaveLength(edits / 7);
    expect(store.lost).toEqual([]);

    // The last compaction left a snapshot and no loose updates.
    expect(await looseUpdates(name)).toBe(0);
    const reloaded = await loadFresh(ref);
    expect(probeKeys(reloaded)).toEqual(Array.from({ length: edits }, (_, i) => `edit-${i}`).sort());
    suite.world.threats.forEach((t) => expect(readThreat(reloaded, t.id).rationale).toBe(readThreat(expected, t.id).rationale));
  });

  it('rooms due at once compact one after another, none later than twice its interval', async () => {
    const a = { assessmentId: await createAssessment(suite.world, 'Gap A'), teamId: china() };
    const b = { assessmentId: await createAssessment(suite.world, 'Gap B'), teamId: china() };
    let clock = Date.parse('2026-06-01T09:00:00Z');
    const store = new CheckedStore();
    const rooms = new Rooms(suite.world.handle.db, store, { compactEvery: 4, compactionGapMs: 1000, now: () => new Date(clock) });
    const [roomA, roomB] = [await rooms.acquire(a), await rooms.acquire(b)];
    let n = 0;
    const editIn = async (room: typeof roomA) => {
      const origin = new ActorOrigin(suite.world.ids.chinaMember);
      room.doc.transact(() => room.doc.getMap('probe').set(`edit-${n++}`, n), origin);
      await Promise.all(origin.commits);
    };
    for (let i = 0; i < 4; i++) for (const room of [roomA, roomB]) await editIn(room);
    expect(store.compacted).toEqual([roomName(a)]);

    await editIn(roomB);
    expect(store.compacted).toEqual([roomName(a)]);
    clock += 1000;
    await editIn(roomB);
    expect(store.compacted).toEqual([roomName(a), roomName(b)]);

    // However recent the last compaction, a room's turn comes by twice its interval.
    for (let i = 0; i < 7; i++) await editIn(roomA);
    expect(store.compacted).toEqual([roomName(a), roomName(b)]);
    await editIn(roomA);
    expect(store.compacted).toEqual([roomName(a), roomName(b), roomName(a)]);
    rooms.release(roomA);
    rooms.release(roomB);
    await store.flush();
    expect(store.lost).toEqual([]);
  });

  it('a room that comes back with many loose updates is compacted as it loads', async () => {
    const ref = { assessmentId: await createAssessment(suite.world, 'Compaction on load'), teamId: china() };
    const { name, writer, source } = directWriter(ref);
    for (let i = 0; i < 12; i++) source.getMap('probe').set(`edit-${i}`, i);
    await writer.flush();
    expect(await looseUpdates(name)).toBe(12);

    const store = new CheckedStore();
    const rooms = new Rooms(suite.world.handle.db, store, { compactEvery: 10 });
    rooms.release(await rooms.acquire(ref));
    await store.flush();
    expect(store.compacted).toHaveLength(1);
    expect(await looseUpdates(name)).toBe(0);
    expect(probeKeys(await loadFresh(ref))).toHaveLength(12);
  });

  it('keeps what another server process stored for the room, which the compacted document never saw', async () => {
    const ref = { assessmentId: await createAssessment(suite.world, 'Compaction with another writer'), teamId: china() };
    const store = new CheckedStore();
    const rooms = new Rooms(suite.world.handle.db, store, { compactEvery: 3 });
    const room = await rooms.acquire(ref);
    const other = directWriter(ref);
    other.source.getMap('probe').set('elsewhere', 1);
    await other.writer.flush();
    for (let i = 0; i < 3; i++) {
      const origin = new ActorOrigin(suite.world.ids.chinaMember);
      room.doc.transact(() => room.doc.getMap('probe').set(`edit-${i}`, i), origin);
      await Promise.all(origin.commits);
    }
    rooms.release(room);
    await store.flush();
    expect(store.compacted).toHaveLength(1);
    expect(await looseUpdates(roomName(ref))).toBe(0);
    expect(probeKeys(await storedDoc(roomName(ref)))).toEqual(['edit-0', 'edit-1', 'edit-2', 'elsewhere']);
  });

  it('a room loaded while it is being compacted gets every update', async () => {
    const ref = { assessmentId: await createAssessment(suite.world, 'Load during compaction'), teamId: china() };
    const { name, writer, source } = directWriter(ref);
    let edits = 0;
    // A compaction takes several round trips; a load started at varying points inside it must see
    // either the old snapshot and every update after it, or the new snapshot and every update after that.
    for (let round = 0; round < 120; round++) {
      for (let i = 0; i < 5; i++) source.getMap('probe').set(`edit-${edits++}`, round);
      await writer.flush();
      const compacting = writer.compact(name, Y.encodeStateAsUpdate(source));
      for (let k = 0; k < round % 20; k++) await new Promise((resolve) => setImmediate(resolve));
      const [loaded] = await Promise.all([new DocumentStore(suite.world.handle.db).load(name), compacting]);
      const doc = new Y.Doc();
      for (const update of loaded ?? []) Y.applyUpdate(doc, update);
      expect(probeKeys(doc)).toHaveLength(edits);
    }
  });
});

it('keeps the updates when the rows derived from them cannot be written, and says so; other rooms in the batch keep their history', async () => {
  const assessmentId = await createAssessment(suite.world, 'Derived rows refused');
  const [bad, good] = [{ assessmentId, teamId: china() }, { assessmentId, teamId: suite.world.team('russia').id }];
  const logged: string[] = [];
  const store = new DocumentStore(suite.world.handle.db, { ...DEFAULT_STORE_OPTIONS, log: (message) => logged.push(message) });
  const rated = () => {
    const doc = new Y.Doc();
    defineRoots(doc);
    writeThreat(doc, threat('fire'), { rating: 'high' });
    return doc;
  };
  const [badDoc, goodDoc] = [rated(), rated()];
  // A history row for a threat that does not exist breaks the derived rows' foreign key.
  const broken = { kind: 'threat' as const, threatId: '00000000-0000-4000-8000-000000000000', values: readThreat(badDoc, threat('fire')), changes: [{ field: 'rating' as const, value: 'high', kept: true }] };
  const sound = { kind: 'threat' as const, threatId: threat('fire'), values: readThreat(goodDoc, threat('fire')), changes: [{ field: 'rating' as const, value: 'high', kept: true }] };
  // Both in one batch window.
  await Promise.all([
    store.append({ room: roomName(bad), context: bad, update: Y.encodeStateAsUpdate(badDoc), actorId: null, receivedAt: new Date(), changes: [broken], claims: [] }),
    store.append({ room: roomName(good), context: good, update: Y.encodeStateAsUpdate(goodDoc), actorId: suite.world.ids.russiaMember, receivedAt: new Date(), changes: [sound], claims: [] }),
  ]);
  expect(logged).toEqual(['writing a batch failed; writing its rooms one by one', 'deriving rating rows failed; storing the updates alone']);
  for (const ref of [bad, good]) {
    const loaded = new Y.Doc();
    for (const update of (await store.load(roomName(ref))) ?? []) Y.applyUpdate(loaded, update);
    expect(readThreat(loaded, threat('fire')).rating).toBe('high');
  }
  const observer = await suite.world.callerFor(suite.world.ids.observer);
  expect((await observer.rating.history({ ...good, threatId: threat('fire') })).map((e) => [e.field, e.value, e.actorName])).toEqual([['rating', 'high', 'russia']]);
});

it('relays a change to the people in the room before handing it to storage', async () => {
  const ref = { assessmentId: await createAssessment(suite.world, 'Relay first'), teamId: china() };
  const order: string[] = [];
  const store = new (class extends DocumentStore {
    override append(update: PendingUpdate) {
      order.push('stored');
      return super.append(update);
    }
  })(suite.world.handle.db);
  const rooms = new Rooms(suite.world.handle.db, store);
  const room = await rooms.acquire(ref);
  room.relays.add(() => order.push('relayed'));
  const origin = new ActorOrigin(suite.world.ids.chinaMember);
  writeThreat(room.doc, threat('fire'), { rating: 'high' }, origin);
  await Promise.all(origin.commits);
  expect(order).toEqual(['relayed', 'stored']);
  rooms.release(room);
});

it('a room leaves memory only once every change in flight is stored, also those of someone who came and went meanwhile', async () => {
  const ref = { assessmentId: await createAssessment(suite.world, 'Leaves after every change'), teamId: china() };
  const gates: (() => void)[] = [];
  // Each append waits to be let through, as a slow batch window would; the embedded database's setting (one writer).
  const store = new (class extends DocumentStore {
    override append(update: PendingUpdate) {
      return new Promise<void>((resolve) => gates.push(resolve)).then(() => super.append(update));
    }
  })(suite.world.handle.db, { ...DEFAULT_STORE_OPTIONS, concurrentWriters: false });
  const rooms = new Rooms(suite.world.handle.db, store, { compactEvery: 3 });
  const edit = (room: Room, key: string) => {
    const origin = new ActorOrigin(suite.world.ids.chinaMember);
    room.doc.transact(() => room.doc.getMap('probe').set(key, 1), origin);
    return Promise.all(origin.commits);
  };
  const first = await rooms.acquire(ref);
  const e1 = edit(first, 'e1');
  rooms.release(first);
  const second = await rooms.acquire(ref);
  const e2 = edit(second, 'e2');
  rooms.release(second);
  gates[0]!();
  await e1;
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(first.doc.isDestroyed).toBe(false);
  gates[1]!();
  await e2;
  const third = await rooms.acquire(ref);
  expect(third.doc.isDestroyed).toBe(false);
  expect(probeKeys(third.doc)).toEqual(['e1', 'e2']);
  // Two more edits make the room due for compaction: everything stays stored.
  const rest = [edit(third, 'e3'), edit(third, 'e4')];
  for (const gate of gates.slice(2)) gate();
  await Promise.all(rest);
  rooms.release(third);
  await store.flush();
  expect(probeKeys(await storedDoc(roomName(ref)))).toEqual(['e1', 'e2', 'e3', 'e4']);
});

it('a compaction leaves out changes still waiting for the ones they build on: they were never stored, and do not come back with a load', async () => {
  const ref = { assessmentId: await createAssessment(suite.world, 'Waiting left out'), teamId: china() };
  const rooms = new Rooms(suite.world.handle.db, new DocumentStore(suite.world.handle.db), { compactEvery: 2 });
  const room = await rooms.acquire(ref);
  const source = new Y.Doc();
  const updates: Uint8Array[] = [];
  source.on('update', (update: Uint8Array) => updates.push(update));
  for (const text of ['base', 'built on the base']) source.getMap('probe').set('waiting', text);
  // As a connection applies a change whose base never came: it waits in the document, unstored.
  Y.applyUpdate(room.doc, updates[1]!, 'a connection');
  expect(room.doc.store.pendingStructs).not.toBeNull();
  // Two stored changes make the room due for compaction.
  for (const key of ['one', 'two']) {
    const origin = new ActorOrigin(suite.world.ids.chinaMember);
    room.doc.transact(() => room.doc.getMap('probe').set(key, 1), origin);
    await Promise.all(origin.commits);
  }
  rooms.release(room);
  await rooms.store.flush();
  const reloaded = await new Rooms(suite.world.handle.db, new DocumentStore(suite.world.handle.db)).acquire(ref);
  expect(probeKeys(reloaded.doc)).toEqual(['one', 'two']);
  expect(reloaded.doc.store.pendingStructs).toBeNull();
});

describe('when the database cannot be reached', () => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const unreachable = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

  /** A room on a store whose writes fail, slowly (as a lost connection does), while `down.now` is set. */
  async function flakyRoom(name: string, options: Partial<StoreOptions> = {}, roomsOptions: Partial<RoomsOptions> = {}) {
    const ref = { assessmentId: await createAssessment(suite.world, name), teamId: china() };
    const logged: string[] = [];
    const down = { now: true, failure: unreachable, lostReplies: 0, compactions: false };
    const store = new (class extends DocumentStore {
      protected override async write(batch: PendingUpdate[], withDerived: boolean) {
        if (down.lostReplies > 0) {
          // Committed, but the connection went before the reply came.
          down.lostReplies--;
          await super.write(batch, withDerived);
          throw down.failure();
        }
        if (down.now) {
          await sleep(40);
          throw down.failure();
        }
        return super.write(batch, withDerived);
      }

      override compact(room: string, state: Uint8Array) {
        return down.now && down.compactions ? sleep(40).then(() => { logged.push(`compacting ${room} failed`); return false; }) : super.compact(room, state);
      }
    })(suite.world.handle.db, { ...DEFAULT_STORE_OPTIONS, batchWindowMs: 10, retryMs: 50, maxRetryMs: 200, log: (message) => logged.push(message), ...options });
    const rooms = new Rooms(suite.world.handle.db, store, { retryCompactionMs: 50, ...roomsOptions });
    const room = await rooms.acquire(ref);
    const write = (rationale: string, actorId = suite.world.ids.chinaMember) => {
      const origin = new ActorOrigin(actorId);
      writeThreat(room.doc, threat('fire'), { rationale }, origin);
      return Promise.all(origin.commits);
    };
    const failures = () => logged.filter((m) => m.startsWith(`storing updates of ${roomName(ref)} failed; trying again in`)).length;
    return { ref, name: roomName(ref), store, rooms, room, write, down, logged, failures };
  }

  const storedRationale = async (ref: RoomRef) => {
    const [row] = await suite.world.handle.db.select().from(threatRatings)
      .where(and(eq(threatRatings.assessmentId, ref.assessmentId), eq(threatRatings.teamId, ref.teamId), eq(threatRatings.threatId, threat('fire'))));
    return row?.rationale;
  };

  it('updates are kept and stored when it is back: in the order they came, with their history and sender', async () => {
    const { ref, name, store, rooms, room, write, down, failures } = await flakyRoom('Storage comes back');
    let stored = false;
    // The second is written while the first's failing write is still under way.
    const first = write('one').then(() => { stored = true; });
    await sleep(30);
    const second = write('two');
    await eventually(() => expect(failures()).toBeGreaterThan(2));
    // Not stored, not given up: tried again and again, and the room stays in memory.
    expect(stored).toBe(false);
    rooms.release(room);
    down.now = false;
    await Promise.all([first, second]);
    expect(readThreat(await storedDoc(name), threat('fire')).rationale).toBe('two');
    expect(await storedRationale(ref)).toBe('two');
    const observer = await suite.world.callerFor(suite.world.ids.observer);
    const history = await observer.rating.history({ ...ref, threatId: threat('fire') });
    expect(history.map((e) => [e.value, e.actorName])).toEqual([['two', 'china'], ['one', 'china']]);
    await store.close();
  });

  it('a write whose reply was lost (it was committed after all) is not stored twice when tried again', async () => {
    const { ref, name, store, write, down } = await flakyRoom('Reply lost');
    down.now = false;
    // The batch commits and seems to fail; the room is then written by itself, which finds it stored.
    down.lostReplies = 1;
    await write('sent once');
    const observer = await suite.world.callerFor(suite.world.ids.observer);
    expect((await observer.rating.history({ ...ref, threatId: threat('fire') })).map((e) => [e.value, e.actorName])).toEqual([['sent once', 'china']]);
    const [stored] = await suite.world.handle.db.select({ rows: count() }).from(collabUpdates).where(eq(collabUpdates.room, name));
    expect(stored?.rows).toBe(1);
    await write('and the next');
    expect(await storedRationale(ref)).toBe('and the next');
    await store.close();
  });

  it('past the memory bound for held updates, the newest are refused: the change stays in the document, without history', async () => {
    // Room for two held updates, not three.
    const { ref, name, store, rooms, room, write, down, logged } = await flakyRoom('Held too long', { maxHeldBytes: 2 * 1024 + 500 });
    const kept = [write('first'), write('second')];
    await eventually(() => expect(logged.some((m) => m.startsWith(`storing updates of ${name} failed`))).toBe(true));
    await expect(write('third')).rejects.toThrow('unreachable for too long');
    expect(logged).toContain(`too many updates wait to be stored; 1 of ${name} are kept in its document only, and its next compaction stores them without history`);
    expect(readThreat(room.doc, threat('fire')).rationale).toBe('third');
    down.now = false;
    await Promise.all(kept);
    const observer = await suite.world.callerFor(suite.world.ids.observer);
    expect((await observer.rating.history({ ...ref, threatId: threat('fire') })).map((e) => e.value)).toEqual(['second', 'first']);
    // Stored by a compaction as the room leaves memory (it would otherwise leave with it).
    rooms.release(room);
    await eventually(() => expect(rooms.openRoomNames()).not.toContain(name));
    expect(readThreat(await storedDoc(name), threat('fire')).rationale).toBe('third');
    await store.close();
  });

  it('a room whose only change since its snapshot was refused stores it as it leaves memory', async () => {
    const { name, store, rooms, room, write, down } = await flakyRoom('Refused alone', { maxHeldBytes: 100 });
    await expect(write('the only change')).rejects.toThrow('unreachable for too long');
    down.now = false;
    rooms.release(room);
    await eventually(() => expect(rooms.openRoomNames()).not.toContain(name));
    expect(readThreat(await storedDoc(name), threat('fire')).rationale).toBe('the only change');
    await store.close();
  });

  it('a refused change is stored as the server stops, while its room still has people in it', async () => {
    const { name, rooms, write, down } = await flakyRoom('Refused, then the server stops', { maxHeldBytes: 100 });
    await expect(write('kept through the stop')).rejects.toThrow('unreachable for too long');
    down.now = false;
    await rooms.close();
    expect(readThreat(await storedDoc(name), threat('fire')).rationale).toBe('kept through the stop');
  });

  it('a room with a refused change stays in memory until its state can be stored, however long that takes', async () => {
    const { name, store, rooms, room, write, down, logged } = await flakyRoom('Refused while down', { maxHeldBytes: 100 });
    down.compactions = true;
    down.now = false;
    await write('stored');
    down.now = true;
    await expect(write('refused')).rejects.toThrow('unreachable for too long');
    rooms.release(room);
    await eventually(() => expect(logged.filter((m) => m === `compacting ${name} failed`).length).toBeGreaterThan(1));
    expect(rooms.openRoomNames()).toContain(name);
    down.now = false;
    await eventually(() => expect(rooms.openRoomNames()).not.toContain(name));
    expect(readThreat(await storedDoc(name), threat('fire')).rationale).toBe('refused');
    await store.close();
  });

  it('a room’s updates are stored in the order they came when a retry waits behind another room’s slow write', async () => {
    const [held, slow] = [`retry order ${Date.now()}`, `slow room ${Date.now()}`];
    let failures = 2;
    const store = new (class extends DocumentStore {
      protected override async write(batch: PendingUpdate[], withDerived: boolean) {
        if (batch.some((u) => u.room === held) && failures > 0) {
          failures--;
          await sleep(20);
          throw unreachable();
        }
        if (batch.some((u) => u.room === slow)) await sleep(300);
        return super.write(batch, withDerived);
      }
    })(suite.world.handle.db, { ...DEFAULT_STORE_OPTIONS, batchWindowMs: 10, retryMs: 50, maxRetryMs: 200, log: () => undefined });
    const update = (room: string, byte: number): PendingUpdate => ({ room, context: { assessmentId: 'none', teamId: 'none' }, update: Uint8Array.of(byte), actorId: null, receivedAt: new Date(), changes: [], claims: [] });
    const first = store.append(update(held, 1));
    void store.append(update(slow, 9));
    await sleep(25);
    // Its batch is queued behind the slow write, and the first's retry comes due meanwhile.
    const second = store.append(update(held, 2));
    await Promise.all([first, second]);
    const rows = await suite.world.handle.db.select({ update: collabUpdates.update }).from(collabUpdates).where(eq(collabUpdates.room, held)).orderBy(collabUpdates.id);
    expect(rows.map((row) => row.update[0])).toEqual([1, 2]);
    await store.close();
  });

  it('a room is not compacted while some of its updates wait: the snapshot would hold them without their history', async () => {
    const { name, store, write, down, logged } = await flakyRoom('No compaction while held', {}, { compactEvery: 2 });
    down.now = false;
    await write('stored');
    down.now = true;
    const given = write('held, then given up').catch(() => 'given up');
    await eventually(() => expect(logged.some((m) => m === `not compacting ${name}: some of its updates wait to be stored`)).toBe(true));
    await store.close();
    expect(await given).toBe('given up');
    expect(readThreat(await storedDoc(name), threat('fire')).rationale).toBe('stored');
  });

  it('an update refused for good (not a lost connection) is not retried: the room’s later updates are stored', async () => {
    const { ref, store, write, down } = await flakyRoom('Refused for good');
    down.failure = () => Object.assign(new Error('insert violates foreign key constraint'), { code: '23503' });
    await expect(write('refused')).rejects.toThrow('foreign key');
    down.now = false;
    await write('a later change');
    expect(await storedRationale(ref)).toBe('a later change');
    await store.close();
  });

  it('the wait before each retry grows while other rooms are busy, and their batches never fail with the held room', async () => {
    const logged: string[] = [];
    const failedBatches: string[][] = [];
    const store = new (class extends DocumentStore {
      protected override async write(batch: PendingUpdate[], withDerived: boolean) {
        if (batch.some((u) => u.room === 'unreachable room')) {
          failedBatches.push([...new Set(batch.map((u) => u.room))]);
          throw unreachable();
        }
        return super.write(batch, withDerived);
      }
    })(suite.world.handle.db, { ...DEFAULT_STORE_OPTIONS, batchWindowMs: 10, retryMs: 20, maxRetryMs: 160, log: (message) => logged.push(message) });
    const update = (room: string): PendingUpdate => ({ room, context: { assessmentId: 'none', teamId: 'none' }, update: Uint8Array.of(1), actorId: null, receivedAt: new Date(), changes: [], claims: [] });
    const held = store.append(update('unreachable room')).catch(() => 'given up');
    for (let i = 0; i < 120; i++) {
      void store.append(update('busy room'));
      await sleep(10);
    }
    const waits = logged.flatMap((m) => /^storing updates of unreachable room failed; trying again in (\d+) ms$/.exec(m)?.[1] ?? []).map(Number);
    expect(waits.slice(0, 4)).toEqual([20, 40, 80, 160]);
    expect(waits.slice(4).every((wait) => wait === 160)).toBe(true);
    // Only the first batch, before anything was held, had both rooms.
    expect(failedBatches.slice(1).filter((rooms) => rooms.includes('busy room'))).toEqual([]);
    await store.close();
    expect(await held).toBe('given up');
  });

  it('an API change is answered within a bound that storage is delayed, and is stored with its history once it can be', async () => {
    const { ref, store, rooms, room, down } = await flakyRoom('API change while down', {}, { commitWaitMs: 150 });
    const change = rooms.change(ref, suite.world.ids.chinaMember, { kind: 'threat', threatId: threat('fire'), values: { rationale: 'sent through the API' } });
    await expect(change).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: expect.stringMatching(/database cannot be reached/) });
    expect(readThreat(room.doc, threat('fire')).rationale).toBe('sent through the API');
    down.now = false;
    await eventually(async () => expect(await storedRationale(ref)).toBe('sent through the API'));
    const observer = await suite.world.callerFor(suite.world.ids.observer);
    expect((await observer.rating.history({ ...ref, threatId: threat('fire') })).map((e) => [e.value, e.actorName])).toEqual([['sent through the API', 'china']]);
    await store.close();
  });

  it('an API change whose history storage refuses for good is answered in words, and the change itself is stored', async () => {
    const { ref, store, rooms, room, down } = await flakyRoom('API change refused for good');
    down.failure = () => Object.assign(new Error('insert violates foreign key constraint'), { code: '23503' });
    const change = rooms.change(ref, suite.world.ids.chinaMember, { kind: 'threat', threatId: threat('fire'), values: { rationale: 'kept without history' } });
    await expect(change).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: expect.stringMatching(/is in the live document, but the database did not store it: its history .* is lost/) });
    down.now = false;
    rooms.release(room);
    // The room's last user left: its compaction stores the change before it leaves memory.
    await eventually(async () => expect(rooms.openRoomNames()).not.toContain(roomName(ref)));
    expect(readThreat(await storedDoc(roomName(ref)), threat('fire')).rationale).toBe('kept without history');
    await store.close();
  });

  it('closing gives the held updates up (rejects) rather than waiting for ever', async () => {
    const { store, write } = await flakyRoom('Closing while down', { retryMs: 60_000 });
    const appended = write('never stored');
    await sleep(100);
    await store.close();
    await expect(appended).rejects.toThrow('ECONNREFUSED');
  });
});
