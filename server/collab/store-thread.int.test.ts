import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DatabaseHandle } from '../../db/client';
import { collabUpdates } from '../../db/schema';
import { openTestDatabase } from '../testing/database';
import type { PendingUpdate } from './persistence';
import { StoreThread } from './store-thread';

/**
 * Room storage on its own thread behaves as storage: what was appended is
 * committed, in order, and read back; closing commits what is still collected.
 */
let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(() => handle.close());

const update = (room: string, byte: number): PendingUpdate => ({
  room,
  context: { assessmentId: 'none', teamId: 'none' },
  update: Uint8Array.of(byte),
  actorId: null,
  receivedAt: new Date(),
  changes: [],
  claims: [],
});

const storedBytes = async (room: string) =>
  (await handle.db.select().from(collabUpdates).where(eq(collabUpdates.room, room)).orderBy(asc(collabUpdates.id))).map((row) => row.update[0]);

describe('room storage on a worker thread', () => {
  it('commits updates in the order they came, one commit for those collected together', async () => {
    const store = new StoreThread(handle);
    try {
      const first = store.append(update('order', 1));
      const second = store.append(update('order', 2));
      expect(second).toBe(first);
      expect(store.append(update('order, another room', 1))).not.toBe(first);
      await Promise.all([first, second]);
      expect(await storedBytes('order')).toEqual([1, 2]);
      await store.append(update('order', 3));
      expect(await store.load('order')).toEqual([Uint8Array.of(1), Uint8Array.of(2), Uint8Array.of(3)]);
      expect((await store.durableLatencies()).length).toBe(4);
    } finally {
      await store.close();
    }
  });

  it('commits what it still holds when closed, and starts again when used after that', async () => {
    const store = new StoreThread(handle, { batchWindowMs: 60_000 });
    const appended = store.append(update('closing', 7));
    await store.close();
    await appended;
    expect(await storedBytes('closing')).toEqual([7]);
    const next = store.append(update('closing', 8));
    await store.close();
    await next;
    expect(await storedBytes('closing')).toEqual([7, 8]);
  });

  it('a compaction folds the updates collected before it, even those not sent yet, and none after it', async () => {
    const store = new StoreThread(handle, { batchWindowMs: 60_000 });
    const source = new Y.Doc();
    const edits: Uint8Array[] = [];
    source.on('update', (edit: Uint8Array) => edits.push(edit));
    const append = (edit: Uint8Array) => store.append({ ...update('folding', 0), update: edit });
    try {
      source.getMap('probe').set('one', 1);
      source.getMap('probe').set('two', 2);
      const before = edits.map(append);
      const state = Y.encodeStateAsUpdate(source);
      const compacted = store.compact('folding', state);
      source.getMap('probe').set('three', 3);
      const after = append(edits[2]!);
      // Sent at once, so the store gets the first batch, the compaction and this batch in that order.
      const flushed = store.flush();
      await Promise.all([...before, compacted, after, flushed]);
      expect(await store.load('folding')).toEqual([state, edits[2]]);
    } finally {
      await store.close();
    }
  });

  it('a room whose updates cannot be stored holds up no other room of its batch; its own are given up only on closing', async () => {
    const store = new StoreThread(handle);
    // An actor who is no user breaks the updates' foreign key: it stands in for any failure of one room.
    const refused = store.append({ ...update('refused room', 1), actorId: '00000000-0000-4000-8000-000000000000' });
    let refusedSettled = false;
    const refusedOutcome = refused.then(() => 'stored', (error: unknown) => `rejected: ${String(error)}`).finally(() => { refusedSettled = true; });
    try {
      await store.append(update('stored room', 2));
      expect(await storedBytes('stored room')).toEqual([2]);
      await store.append(update('stored room', 3));
      expect(await store.load('stored room')).toEqual([Uint8Array.of(2), Uint8Array.of(3)]);
      // Kept, to be tried again, not given up.
      expect(refusedSettled).toBe(false);
    } finally {
      await store.close();
    }
    expect(await refusedOutcome).toMatch(/^rejected: /);
  });

  it('reports why it cannot start, and tries again on the next call', async () => {
    let attempts = 0;
    const flaky: Pick<DatabaseHandle, 'runBeside'> = {
      runBeside: (...args) => (++attempts === 1 ? Promise.reject(new Error('database not reachable')) : handle.runBeside(...args)),
    };
    const store = new StoreThread(flaky);
    try {
      await expect(store.start()).rejects.toThrow('database not reachable');
      await store.append(update('retry', 5));
      expect(await storedBytes('retry')).toEqual([5]);
    } finally {
      await store.close();
    }
  });
});
