import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import { issueTicket } from './auth';
import * as Y from 'yjs';
import { MAX_RATIONALE_LENGTH, readThreat, THREATS, writeThreat } from './document';
import { CLOSE, MESSAGE, roomName, type RoomRef } from './protocol';
import {
  connectClient, createAssessment, eventually, rawSocket, sleep, startCollab, updateFrame, whenSynced, type Collab, type TestClient,
} from '../testing/collab';
import { TEST_SECRET, openWorld, type World } from '../testing/world';

/**
 * A runaway tab or script affects only its own connection: oversized and malformed
 * frames close that socket with a declared code, and connection limits refuse the
 * excess, while everybody else keeps working.
 */

let world: World;
let ref: RoomRef;
const servers: Collab[] = [];
const clients: TestClient[] = [];

const threat = (key: string) => world.threats.find((t) => t.key === key)!.id;

async function serve(limits: Parameters<typeof startCollab>[1]) {
  const collab = await startCollab(world, limits);
  servers.push(collab);
  return collab;
}

async function join(collab: Collab, userId: string, room: RoomRef = ref): Promise<TestClient> {
  const client = await connectClient(world, collab.url, userId, room);
  clients.push(client);
  return client;
}

/** The others still work: one writes, another sees it. */
async function stillWorking(writer: TestClient, reader: TestClient, rationale: string) {
  writeThreat(writer.doc, threat('poaching'), { rationale });
  await eventually(() => expect(readThreat(reader.doc, threat('poaching')).rationale).toBe(rationale));
}

beforeAll(async () => {
  world = await openWorld();
  ref = { assessmentId: await createAssessment(world, 'Limits'), teamId: world.team('china').id };
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const collab of servers.splice(0)) await collab.stop();
});

afterAll(async () => {
  await world?.close();
});

describe('frame size', () => {
  it('a frame over maxFrameBytes closes only its connection, with 4413, for good', async () => {
    const collab = await serve({ maxFrameBytes: 2048 });
    const [big, other, witness] = [await join(collab, world.ids.chinaMember), await join(collab, world.ids.facilitator), await join(collab, world.ids.observer)];
    await Promise.all([big, other, witness].map(whenSynced));

    writeThreat(big.doc, threat('fire'), { rationale: 'x'.repeat(3000) });
    expect(await big.closed).toMatchObject({ code: CLOSE.tooLarge });
    await stillWorking(other, witness, 'after the big frame');
    expect(readThreat(witness.doc, threat('fire')).rationale).toBe('');
    // No retry: one upgrade for the big client's ticket.
    await sleep(600);
    expect(collab.upgrades.filter((url) => url.includes(String(big.provider.params.ticket)))).toHaveLength(1);
    expect(big.provider.wsconnecting || big.provider.wsconnected).toBe(false);
  });

  it('a frame far beyond the limit (past ws\'s own cap) also closes with 4413, for good, and only its connection', async () => {
    const collab = await serve({ maxFrameBytes: 2048 });
    const [huge, other, witness] = [await join(collab, world.ids.chinaMember), await join(collab, world.ids.facilitator), await join(collab, world.ids.observer)];
    await Promise.all([huge, other, witness].map(whenSynced));
    writeThreat(huge.doc, threat('fire'), { rationale: 'x'.repeat(20_000) });
    expect(await huge.closed).toMatchObject({ code: CLOSE.tooLarge });
    await stillWorking(other, witness, 'after the huge frame');
    await sleep(600);
    expect(collab.upgrades.filter((url) => url.includes(String(huge.provider.params.ticket)))).toHaveLength(1);

    const room = roomName(ref);
    const raw = rawSocket(collab.url, room, issueTicket(TEST_SECRET, world.ids.russiaMember, room, Date.now()));
    await raw.opened;
    raw.send(new Uint8Array(64 * 1024));
    expect((await raw.closed).code).toBe(CLOSE.tooLarge);
    await stillWorking(other, witness, 'after the raw frame');
  });

  it('what a socket sends before its room is open waits only up to one frame\'s limit: more closes it with 4413', async () => {
    const collab = await serve({ maxFrameBytes: 2048 });
    const room = roomName(ref);
    const early = rawSocket(collab.url, room, issueTicket(TEST_SECRET, world.ids.chinaMember, room, Date.now()));
    // Sent the moment the socket opens, while the server still checks the ticket and loads the room.
    early.socket.once('open', () => {
      for (let i = 0; i < 3; i++) early.send(new Uint8Array(1500).fill(7));
    });
    expect(await early.closed).toMatchObject({ code: CLOSE.tooLarge });
  });
});

describe('connection limits', () => {
  it('per user: the connection over the limit is refused with 4429, for good; others and later ones are fine', async () => {
    const collab = await serve({ maxConnectionsPerUser: 2 });
    const tabs = [await join(collab, world.ids.chinaMember), await join(collab, world.ids.chinaMember)];
    await Promise.all(tabs.map(whenSynced));
    const third = await join(collab, world.ids.chinaMember);
    expect(await third.closed).toMatchObject({ code: CLOSE.tooManyConnections });
    const someoneElse = await join(collab, world.ids.observer);
    await whenSynced(someoneElse);
    await stillWorking(tabs[0]!, someoneElse, 'two tabs are fine');

    await sleep(600);
    expect(third.provider.wsconnecting || third.provider.wsconnected).toBe(false);
    // Closing a tab frees its place.
    tabs[1]!.destroy();
    await eventually(async () => {
      const again = await join(collab, world.ids.chinaMember);
      await Promise.race([whenSynced(again), again.closed.then(({ code }) => { throw new Error(`closed ${code}`); })]);
      await stillWorking(again, someoneElse, 'a freed place');
    });
  });

  it('per room: the connection over the limit is refused with 4429; the same person may open another room', async () => {
    const collab = await serve({ maxConnectionsPerRoom: 3 });
    const inRoom = [await join(collab, world.ids.chinaMember), await join(collab, world.ids.facilitator), await join(collab, world.ids.observer)];
    await Promise.all(inRoom.map(whenSynced));
    const fourth = await join(collab, world.ids.russiaMember);
    expect(await fourth.closed).toMatchObject({ code: CLOSE.tooManyConnections });
    await stillWorking(inRoom[0]!, inRoom[2]!, 'three in the room');
    const elsewhere = await join(collab, world.ids.russiaMember, { ...ref, teamId: world.team('russia').id });
    await whenSynced(elsewhere);
    expect(elsewhere.provider.wsconnected).toBe(true);
  });

  it('presence of page loads long gone is forgotten past rememberedClientIds: reconnecting in a loop cannot grow a room', async () => {
    const collab = await serve({ rememberedClientIds: 3 });
    const witness = await join(collab, world.ids.observer);
    await whenSynced(witness);
    for (let i = 0; i < 8; i++) {
      const reload = await join(collab, world.ids.chinaMember);
      reload.provider.awareness.setLocalStateField('focus', `visit ${i}`);
      const seen = () => witness.provider.awareness.getStates().get(reload.doc.clientID);
      await eventually(() => expect(seen()).toMatchObject({ focus: `visit ${i}` }));
      reload.destroy();
      await eventually(() => expect(seen()).toBeUndefined());
    }
    // Presence still works for the people there.
    const last = await join(collab, world.ids.chinaMember);
    last.provider.awareness.setLocalStateField('focus', 'still here');
    await eventually(() => expect(witness.provider.awareness.getStates().get(last.doc.clientID)).toMatchObject({ focus: 'still here' }));
    // Counted after this last claim, when the server has surely seen every earlier page leave (a page still there
    // when the next one claims is not forgotten then; on a loaded machine its leaving may be handled late).
    const room = await world.services.rooms.acquire(ref);
    try {
      // The witness, the last page, the latest one gone and the server's own (empty) entry; not all nine.
      expect(room.awareness.meta.size).toBeLessThanOrEqual(4);
    } finally {
      world.services.rooms.release(room);
    }
  });
});

describe('malformed frames', () => {
  const frame = (...parts: (number | Uint8Array)[]) => {
    const encoder = encoding.createEncoder();
    for (const part of parts) {
      if (typeof part === 'number') encoding.writeVarUint(encoder, part);
      else encoding.writeVarUint8Array(encoder, part);
    }
    return encoding.toUint8Array(encoder);
  };
  /** A member and a witness in the room, and a facilitator's bare socket in it (the server's first sync message came). */
  async function withRawWriter() {
    const collab = await serve({});
    const [writer, witness] = [await join(collab, world.ids.chinaMember), await join(collab, world.ids.observer)];
    await Promise.all([writer, witness].map(whenSynced));
    const room = roomName(ref);
    const raw = rawSocket(collab.url, room, issueTicket(TEST_SECRET, world.ids.facilitator, room, Date.now()));
    await raw.opened;
    await eventually(() => expect(raw.types()).toContain(MESSAGE.sync));
    return { collab, writer, witness, raw };
  }

  /** A well-formed update from a client id of its own, which should never reach anyone. */
  const FORGER = 4242;
  const updateOf = (change: (doc: Y.Doc) => void) => {
    const doc = new Y.Doc();
    doc.clientID = FORGER;
    change(doc);
    return updateFrame(Y.encodeStateAsUpdate(doc));
  };
  /** The updates of one client setting a threat's rationale to each text in turn: each builds on the one before. */
  const rationaleChain = (clientId: number, threatKey: string, texts: string[]) => {
    const doc = new Y.Doc();
    doc.clientID = clientId;
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    for (const text of texts) doc.getMap(THREATS).set(`${threat(threatKey)}:rationale`, text);
    return updates;
  };
  /** Long changes that can never be taken in: all but the first of a chain. */
  const floodOutOfOrder = (raw: ReturnType<typeof rawSocket>) => {
    const texts = Array.from({ length: 80 }, (_, i) => `${i} `.padEnd(MAX_RATIONALE_LENGTH, 'x'));
    for (const update of rationaleChain(FORGER, 'poaching', texts).slice(1)) raw.send(updateFrame(update));
  };
  const cases: [string, () => Uint8Array][] = [
    ['an unfinished number', () => new Uint8Array([0xff, 0xff, 0xff])],
    ['an unknown message type', () => frame(9)],
    ['an unknown sync step', () => frame(MESSAGE.sync, 7, new Uint8Array([0, 0]))],
    ['a sync update cut short', () => new Uint8Array([MESSAGE.sync, 2, 50, 1, 2, 3])],
    ['a corrupt Yjs update', () => updateFrame(new Uint8Array([5, 200, 201, 202, 203, 204, 205, 206, 207]))],
    ['a corrupt awareness update', () => frame(MESSAGE.awareness, new Uint8Array([1, 7, 1, 3, 123, 34, 120]))],
    ['random bytes', () => new Uint8Array(Array.from({ length: 64 }, (_, i) => (i * 97 + 13) % 256))],
    ['an update with a root of its own', () => updateOf((doc) => doc.getMap('junk').set('anything', 'x'.repeat(1000)))],
    ['an update with a key that is no rating', () => updateOf((doc) => doc.getMap(THREATS).set('junk', 'x'))],
    ['an update with a rationale past the limit', () => updateOf((doc) => doc.getMap(THREATS).set(`${threat('fire')}:rationale`, 'x'.repeat(MAX_RATIONALE_LENGTH + 1)))],
    ['an update with text in it', () => updateOf((doc) => doc.getText('notes').insert(0, 'hello'))],
  ];

  it.each(cases)('%s closes only its connection, with 4400; the server keeps serving', async (_label, bytes) => {
    const { collab, writer, witness, raw } = await withRawWriter();
    raw.send(bytes());
    expect((await raw.closed).code).toBe(CLOSE.malformed);
    await stillWorking(writer, witness, `after ${_label}`);
    const late = await join(collab, world.ids.russiaMember);
    await whenSynced(late);
    expect(readThreat(late.doc, threat('poaching')).rationale).toBe(`after ${_label}`);
    expect(Y.getState(late.doc.store, FORGER)).toBe(0);
  });

  it('changes waiting for the ones they build on are held up to a cap: past it, the sender is closed with 4413', async () => {
    const { writer, witness, raw } = await withRawWriter();
    floodOutOfOrder(raw);
    expect((await raw.closed).code).toBe(CLOSE.tooLarge);
    await stillWorking(writer, witness, 'after the flood out of order');
    expect(Y.getState(witness.doc.store, FORGER)).toBe(0);
  });

  it('closing the sender past the cap keeps what others sent earlier waiting: it is taken in when what it builds on arrives', async () => {
    const { collab, witness, raw } = await withRawWriter();
    const room = roomName(ref);
    const patient = rawSocket(collab.url, room, issueTicket(TEST_SECRET, world.ids.chinaMember, room, Date.now()));
    await patient.opened;
    // An honest out-of-order pair: the second change arrives first and waits for the first.
    const [first, second] = rationaleChain(5151, 'fire', ['first', 'second, built on the first']);
    patient.send(updateFrame(second!));
    await sleep(100);
    floodOutOfOrder(raw);
    expect((await raw.closed).code).toBe(CLOSE.tooLarge);
    // The honest sender, still connected, sends the missing first change: both arrive, the second wins.
    patient.send(updateFrame(first!));
    await eventually(() => expect(readThreat(witness.doc, threat('fire')).rationale).toBe('second, built on the first'));
    expect(Y.getState(witness.doc.store, 5151)).toBe(2);
  });

  it('changes someone sent that still wait are kept while they stay, also when their update completed what another left waiting', async () => {
    const { collab, witness } = await withRawWriter();
    const room = roomName(ref);
    const open = async (userId: string) => {
      const raw = rawSocket(collab.url, room, issueTicket(TEST_SECRET, userId, room, Date.now()));
      await raw.opened;
      return raw;
    };
    const [first, second] = [await open(world.ids.chinaMember), await open(world.ids.facilitator)];
    // The first sender's long change waits for its base.
    const [firstBase, firstLong] = rationaleChain(6161, 'illegal-logging', ['base', 'a long change '.padEnd(3000, 'x')]);
    first.send(updateFrame(firstLong!));
    await sleep(100);
    // The second sends that base together with a change of its own whose base is still to come.
    const [secondBase, secondChange] = rationaleChain(7171, 'irresponsible-farming', ['second base', 'second, built on its base']);
    second.send(updateFrame(Y.mergeUpdates([firstBase!, secondChange!])));
    await eventually(() => expect(readThreat(witness.doc, threat('illegal-logging')).rationale).toMatch(/^a long change/));
    // The first leaves: what the second left waiting stays, and its base completes it.
    first.socket.close();
    await first.closed;
    second.send(updateFrame(secondBase!));
    await eventually(() => expect(readThreat(witness.doc, threat('irresponsible-farming')).rationale).toBe('second, built on its base'));
  });

  it('changes still waiting when their sender leaves are dropped: they hold none of the budget, and others can wait again', async () => {
    const { collab, witness, raw } = await withRawWriter();
    const room = roomName(ref);
    // Just under the cap (about 1.5 KB left): everything but the first of a chain, which never comes.
    const texts = Array.from({ length: 66 }, (_, i) => `${i} `.padEnd(MAX_RATIONALE_LENGTH, 'x'));
    for (const update of rationaleChain(FORGER, 'poaching', texts).slice(1)) raw.send(updateFrame(update));
    const held = await world.services.rooms.acquire(ref);
    try {
      await eventually(() => expect(held.doc.store.pendingStructs).not.toBeNull());
      raw.socket.close();
      await raw.closed;
      await eventually(() => expect(held.doc.store.pendingStructs).toBeNull());
    } finally {
      world.services.rooms.release(held);
    }
    // Someone else's honest out-of-order pair, bigger than what was left of the budget, waits and arrives.
    const patient = rawSocket(collab.url, room, issueTicket(TEST_SECRET, world.ids.chinaMember, room, Date.now()));
    await patient.opened;
    const [first, second] = rationaleChain(5252, 'fire', ['draft '.padEnd(MAX_RATIONALE_LENGTH, 'y'), 'final '.padEnd(MAX_RATIONALE_LENGTH, 'z')]);
    patient.send(updateFrame(second!));
    await sleep(100);
    patient.send(updateFrame(first!));
    await eventually(() => expect(readThreat(witness.doc, threat('fire')).rationale).toMatch(/^final /));
    expect(patient.socket.readyState).toBe(patient.socket.OPEN);
  });
});
