import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { DatabaseHandle } from '../../db/client';
import { collabUpdates } from '../../db/schema';
import { openTestDatabase } from '../testing/database';
import type { LocalDatabase } from '../../db/beside';
import { DEFAULT_STORE_OPTIONS, DocumentStore, type PendingUpdate } from './persistence';
import { createHandlers } from './store-handlers';
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

  it('a room whose updates are refused for good fails alone: the other rooms of its batch are committed, and storage keeps working', async () => {
    const store = new StoreThread(handle);
    try {
      // An actor who is no user breaks the updates' foreign key: it stands in for any refusal of one room's updates.
      const refused = store.append({ ...update('refused room', 1), actorId: '00000000-0000-4000-8000-000000000000' });
      const stored = store.append(update('stored room', 2));
      const [refusedOutcome, storedOutcome] = await Promise.allSettled([refused, stored]);
      expect(refusedOutcome.status).toBe('rejected');
      expect(storedOutcome.status).toBe('fulfilled');
      expect(await storedBytes('stored room')).toEqual([2]);
      await store.append(update('stored room', 3));
      expect(await store.load('stored room')).toEqual([Uint8Array.of(2), Uint8Array.of(3)]);
    } finally {
      await store.close();
    }
  });

  it('a room held for a retry keeps no other room of its batch from hearing it was stored, even when the retry fires mid-write', async () => {
    const prototype = DocumentStore.prototype as unknown as { write(batch: PendingUpdate[], withDerived: boolean): Promise<void> };
    const original = prototype.write;
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    // The held room fails at once, as a lost connection does; other writes take longer than the retry's wait.
    const write = vi.spyOn(prototype, 'write').mockImplementation(async function (this: unknown, batch, withDerived) {
      if (batch.some((u) => u.room === 'held room')) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      await sleep(150);
      return original.call(this, batch, withDerived);
    });
    const retryMs = DEFAULT_STORE_OPTIONS.retryMs;
    DEFAULT_STORE_OPTIONS.retryMs = 50;
    const handlers = await createHandlers({ db: handle.db, kind: 'pglite' } as LocalDatabase, null);
    try {
      expect((await handlers.appendBatch([update('held room', 1)])).held).toHaveLength(1);
      const answer = await Promise.race([handlers.appendBatch([update('held room', 2), update('other room', 3)]), sleep(2_000).then(() => 'no answer')]);
      expect(answer).toMatchObject({ refused: [], held: [expect.stringMatching(/:held room$/)] });
      expect(await storedBytes('other room')).toEqual([3]);
    } finally {
      write.mockRestore();
      DEFAULT_STORE_OPTIONS.retryMs = retryMs;
      await handlers.close();
    }
  });

  it('holds as much as its setting allows while the database is unreachable: past it, a room is refused with why', async () => {
    const write = vi.spyOn(DocumentStore.prototype as unknown as { write(): Promise<void> }, 'write')
      .mockRejectedValue(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    const handlers = await createHandlers({ db: handle.db, kind: 'pglite' } as LocalDatabase, { maxHeldBytes: 0 });
    try {
      expect(await handlers.appendBatch([update('over the bound', 1)]))
        .toEqual({ refused: [['over the bound', expect.stringContaining('storage has been unreachable for too long')]], held: [] });
    } finally {
      write.mockRestore();
      await handlers.close();
    }
    // The setting crosses to the storage thread with it.
    const sent: unknown[] = [];
    const store = new StoreThread({ runBeside: (entry, data, name) => (sent.push(data), handle.runBeside(entry, data, name)) }, { maxHeldBytes: 4096 });
    try {
      await store.start();
      expect(sent).toEqual([{ maxHeldBytes: 4096 }]);
    } finally {
      await store.close();
    }
  });

  it('a thread that stops while in use (an error it did not catch) is started again by the next change, and says so', async () => {
    const store = new StoreThread(handle);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await store.append(update('after a death', 1));
      // As if it had died: every call in flight or later fails.
      await (await store.start()).terminate();
      await vi.waitFor(() => expect(logged).toHaveBeenCalledWith(expect.stringMatching(/collaboration store .*starts again with the next change/)));
      await store.append(update('after a death', 2));
      expect(await storedBytes('after a death')).toEqual([1, 2]);
    } finally {
      logged.mockRestore();
      await store.close();
    }
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
