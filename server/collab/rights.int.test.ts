import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { userColour } from '../../components/collab/presence';
import { issueTicket } from './auth';
import { readThreat, writeThreat } from './document';
import { ASSESSMENT_CLOSED_REASON, CHANGES_NOT_SAVED_REASON, READ_ONLY_REASON, roomName, type RoomRef } from './protocol';
import { awarenessFrame, collabSuite, connectClient, createAssessment, eventually, rawSocket, sleep, whenSynced, type TestClient } from '../testing/collab';
import { TEST_SECRET } from '../testing/world';

/**
 * Who may change a team's document: its members and the facilitators, while the
 * assessment is open. Everyone else's writes are dropped by the server, whatever
 * their client does, and presence always shows who is really signed in.
 */
const suite = collabSuite();
const { threat, join, clients } = suite;

let open: string;
let chinaTwo: string;
let markers = 0;

const china = () => suite.world.team('china').id;

/** What the database says about a team's threat: its history and its cell in the threat table. */
async function recorded(ref: RoomRef, threatId: string) {
  const observer = await suite.world.callerFor(suite.world.ids.observer);
  const history = await observer.rating.history({ ...ref, threatId });
  const table = await observer.assessment.threatTable({ assessmentId: ref.assessmentId });
  const cell = table.rows.find((r) => r.threat.id === threatId)!.cells[ref.teamId];
  // Whose browser made a change comes last, where someone else's connection delivered it.
  const entry = (h: (typeof history)[number]) => [h.field, h.value, h.actorName, ...(h.claimedAuthorName ? [h.claimedAuthorName] : [])];
  return { history: history.map(entry), cell };
}

/**
 * A legitimate writer edits a marker and waits until the witness has it and it is
 * recorded: anything the server would have forwarded or stored before it is there too.
 */
async function roundTrip(writer: TestClient, witnesses: TestClient[], ref: RoomRef) {
  const marker = `marker ${++markers}`;
  const threatId = threat('human-wildlife-conflict');
  writeThreat(writer.doc, threatId, { rationale: marker });
  for (const witness of witnesses) await eventually(() => expect(readThreat(witness.doc, threatId).rationale).toBe(marker));
  await eventually(async () => expect((await recorded(ref, threatId)).history[0]).toEqual(['rationale', marker, expect.any(String)]));
}

/**
 * Waits until the server has handled everything `sender` sent so far: a presence change sent after it (on the same
 * socket, so handled after it) has reached the witness.
 */
async function handledFrom(sender: TestClient, witness: TestClient) {
  const focus = `barrier ${++markers}`;
  sender.provider.awareness.setLocalStateField('focus', focus);
  await eventually(() => expect(witness.provider.awareness.getStates().get(sender.doc.clientID)).toMatchObject({ focus }));
}

beforeAll(async () => {
  open = await createAssessment(suite.world, 'Rights');
  chinaTwo = await suite.world.person('china-two', 'member', 'china');
});

it('two members of one team converge, and their changes are recorded under their names', async () => {
  const ref = { assessmentId: open, teamId: china() };
  const one = await join(suite.world.ids.chinaMember, ref);
  const two = await join(chinaTwo, ref);
  writeThreat(one.doc, threat('fire'), { rating: 'high', rationale: 'spring fires' });
  writeThreat(two.doc, threat('poaching'), { rating: 'medium' });
  for (const client of [one, two]) {
    await eventually(() => {
      expect(readThreat(client.doc, threat('fire'))).toEqual({ rating: 'high', notApplicable: false, rationale: 'spring fires' });
      expect(readThreat(client.doc, threat('poaching')).rating).toBe('medium');
    });
  }
  expect(one.denials).toEqual([]);
  await eventually(async () => {
    expect((await recorded(ref, threat('fire'))).history).toEqual([['rating', 'high', 'china']]);
    expect((await recorded(ref, threat('poaching'))).history).toEqual([['rating', 'medium', 'china-two']]);
  });
});

it('an edit relayed by someone else (as after a server restart) is recorded as theirs, with whose browser made it', async () => {
  const ref = { assessmentId: open, teamId: china() };
  const author = await join(suite.world.ids.chinaMember, ref);
  const relay = await join(suite.world.ids.facilitator, ref);
  writeThreat(author.doc, threat('overgrazing'), { rating: 'low' });
  await eventually(async () => expect((await recorded(ref, threat('overgrazing'))).history).toEqual([['rating', 'low', 'china']]));

  // The author edits offline; the edit reaches the server only through the facilitator's client. Client ids are
  // not signatures (anyone may send content under someone else's), so the one who sent it is the actor.
  author.provider.disconnect();
  writeThreat(author.doc, threat('overgrazing'), { rating: 'high' });
  Y.applyUpdate(relay.doc, Y.encodeStateAsUpdate(author.doc));
  await eventually(async () =>
    expect((await recorded(ref, threat('overgrazing'))).history).toEqual([['rating', 'high', 'facilitator', 'china'], ['rating', 'low', 'china']]));
  const table = await (await suite.world.callerFor(suite.world.ids.observer)).assessment.threatTable({ assessmentId: ref.assessmentId });
  expect(table.rows.find((r) => r.threat.id === threat('overgrazing'))!.cells[ref.teamId]).toMatchObject({ rating: 'high' });

  // The facilitator's own edits are still the facilitator's.
  writeThreat(relay.doc, threat('overgrazing'), { rating: 'medium' });
  await eventually(async () => expect((await recorded(ref, threat('overgrazing'))).history[0]).toEqual(['rating', 'medium', 'facilitator']));
});

describe('a forced write from someone who may only read', () => {
  // The attacker's client bypasses the UI and writes straight into its Y.Doc; the provider sends it.
  const cases: [string, () => string, () => RoomRef][] = [
    ['a member of another team', () => suite.world.ids.russiaMember, () => ({ assessmentId: open, teamId: china() })],
    ['an observer', () => suite.world.ids.observer, () => ({ assessmentId: open, teamId: china() })],
    ['a member, on the agreed (ecoregional) column', () => suite.world.ids.chinaMember, () => ({ assessmentId: open, teamId: suite.world.team('ecoregional').id })],
  ];
  it.each(cases)('%s: is refused, never reaches the others, and is not recorded', async (_label, attackerId, roomRef) => {
    const ref = roomRef();
    const writerId = ref.teamId === china() ? chinaTwo : suite.world.ids.facilitator;
    const writer = await join(writerId, ref);
    const witness = await join(suite.world.ids.facilitator, ref);
    const attacker = await join(attackerId(), ref);
    const fire = threat('fire');
    const before = await recorded(ref, fire);
    // Connecting and reading is not refused: the frames the client sent on opening were handled silently.
    attacker.provider.awareness.setLocalStateField('focus', 'looking');
    await eventually(() => expect(witness.provider.awareness.getStates().get(attacker.doc.clientID)).toMatchObject({ focus: 'looking' }));
    await sleep(50);
    expect(attacker.denials).toEqual([]);

    writeThreat(attacker.doc, fire, { rating: 'very_high', rationale: 'forced' });
    await eventually(() => expect(attacker.denials).toEqual([READ_ONLY_REASON]));
    await roundTrip(writer, [witness, attacker], ref);

    expect(readThreat(witness.doc, fire).rationale).not.toBe('forced');
    expect(readThreat(writer.doc, fire).rationale).not.toBe('forced');
    expect(await recorded(ref, fire)).toEqual(before);
    // The client still shows its own change, which is why the UI turns read-only on the refusal.
    expect(readThreat(attacker.doc, fire).rationale).toBe('forced');
    // Someone arriving now gets the server's document.
    const fresh = await join(suite.world.ids.observer, ref);
    expect(readThreat(fresh.doc, fire).rationale).not.toBe('forced');
    // The refusal is said once per connection; later writes are dropped silently.
    writeThreat(attacker.doc, fire, { rating: 'low' });
    await roundTrip(writer, [witness], ref);
    expect(readThreat(witness.doc, fire).rating).not.toBe('low');
    expect(attacker.denials).toEqual([READ_ONLY_REASON]);
  });
});

describe('presence is bound to the signed-in user', () => {
  const presence = (client: TestClient, clientId: number) => client.provider.awareness.getStates().get(clientId);

  /** A China member on `focus` in their team's room, seen there by the facilitator. */
  async function onCell(focus: string) {
    const ref = { assessmentId: open, teamId: china() };
    const victim = await join(suite.world.ids.chinaMember, ref);
    victim.provider.awareness.setLocalStateField('focus', focus);
    const witness = await join(suite.world.ids.facilitator, ref);
    const victimId = victim.doc.clientID;
    await eventually(() => expect(presence(witness, victimId)).toMatchObject({ user: { name: 'china' }, focus }));
    return { ref, victim, witness, victimId };
  }

  /** A Russian member's raw socket in the room. */
  async function intruder(ref: RoomRef) {
    const room = roomName(ref);
    const socket = rawSocket(suite.collab.url, room, issueTicket(TEST_SECRET, suite.world.ids.russiaMember, room, Date.now()));
    await socket.opened;
    return socket;
  }

  /**
   * Sends one awareness frame speaking as `clientId` (a fresh one if not given), in the last of `states`,
   * with a clock as far ahead as there are states; then, if asked, one removing it. Returns the client id.
   */
  function sendPresence(socket: ReturnType<typeof rawSocket>, states: object[], { clientId, thenRemove = false }: { clientId?: number; thenRemove?: boolean } = {}): number {
    const doc = new Y.Doc();
    if (clientId !== undefined) doc.clientID = clientId;
    const awareness = new Awareness(doc);
    for (const state of states) awareness.setLocalState(state);
    socket.send(awarenessFrame(encodeAwarenessUpdate(awareness, [doc.clientID])));
    if (thenRemove) socket.send(awarenessFrame(encodeAwarenessUpdate(awareness, [doc.clientID], new Map())));
    awareness.destroy();
    return doc.clientID;
  }

  it('a client taking over another person\'s client id and name cannot speak or write for them', async () => {
    const ref = { assessmentId: open, teamId: china() };
    const victim = await join(suite.world.ids.chinaMember, ref);
    victim.provider.awareness.setLocalState({ user: { id: suite.world.ids.chinaMember, name: 'china', colour: '#123456' }, focus: 'cell-a' });
    const witness = await join(suite.world.ids.observer, ref);
    const victimId = victim.doc.clientID;
    const genuine = { user: { id: suite.world.ids.chinaMember, name: 'china', colour: userColour(suite.world.ids.chinaMember), viewing: false }, focus: 'cell-a' };
    await eventually(() => expect(presence(witness, victimId)).toEqual(genuine));

    // A Russian member's client with the victim's Yjs client id, claiming to be them.
    const doc = new Y.Doc();
    doc.clientID = victimId;
    const ticket = (await (await suite.world.callerFor(suite.world.ids.russiaMember)).collab.ticket(ref)).ticket;
    const attacker = await connectClient(suite.world, suite.collab.url, suite.world.ids.russiaMember, ref, ticket, { connect: false, doc });
    clients.push(attacker);
    for (let i = 0; i < 5; i++) attacker.provider.awareness.setLocalState({ user: { id: suite.world.ids.chinaMember, name: 'china', colour: '#000000' }, focus: `spoofed-${i}` });
    attacker.provider.connect();
    await whenSynced(attacker);
    writeThreat(attacker.doc, threat('fire'), { rating: 'very_high', rationale: 'as china' });
    // The refusal comes after the awareness frame the provider sent on opening.
    await eventually(() => expect(attacker.denials).toEqual([READ_ONLY_REASON]));
    const writer = await join(chinaTwo, ref);
    await roundTrip(writer, [witness], ref);

    expect(presence(witness, victimId)).toEqual(genuine);
    expect(readThreat(witness.doc, threat('fire')).rationale).not.toBe('as china');
    const history = await (await suite.world.callerFor(suite.world.ids.observer)).rating.history({ ...ref, threatId: threat('fire') });
    expect(history.map((h) => h.rationale)).not.toContain('as china');
  });

  it('awareness frames naming another client id are dropped, and one\'s own entry shows the real name', async () => {
    const { ref, victim, witness, victimId } = await onCell('cell-b');
    const genuine = presence(witness, victimId);

    const attacker = await intruder(ref);
    // Speaking as the victim's client id, with a clock far ahead, and then removing the victim's presence.
    const taken = Array.from({ length: 50 }, (_, i) => ({ user: { id: suite.world.ids.chinaMember, name: 'Someone else', colour: '#000000' }, focus: `taken-${i}` }));
    sendPresence(attacker, taken, { clientId: victimId, thenRemove: true });
    // The attacker's own entry, claiming the victim's user: shown with the attacker's real name, and nothing else it
    // added; as what the server says it is in this room (a member of another team, looking), not what it claims.
    const asChina = { user: { id: suite.world.ids.chinaMember, name: 'china', colour: '#000000', viewing: false } };
    const ownId = sendPresence(attacker, [{ ...asChina, focus: 'cell-c', extra: 'kept' }]);
    // Once it owns an id, it cannot take a second one either.
    const otherId = sendPresence(attacker, [{ ...asChina, focus: 'cell-d' }]);
    // Frames of one socket are handled in order: once the last is applied, all were.
    await eventually(() => expect(presence(witness, ownId)).toEqual({
      user: { id: suite.world.ids.russiaMember, name: 'russia', colour: userColour(suite.world.ids.russiaMember), viewing: true }, focus: 'cell-c',
    }));
    expect(presence(witness, victimId)).toEqual(genuine);
    expect(presence(victim, victimId)).toMatchObject({ focus: 'cell-b' });
    expect(presence(witness, otherId)).toBeUndefined();

    // When the attacker leaves, only its own presence goes.
    attacker.socket.close();
    await eventually(() => expect(presence(witness, ownId)).toBeUndefined());
    expect(presence(witness, victimId)).toEqual(genuine);
  });

  it('while someone is away nobody takes over their client id: they show again when they come back', async () => {
    const { ref, victim, witness, victimId } = await onCell('cell-e');
    victim.provider.disconnect();
    await eventually(() => expect(presence(witness, victimId)).toBeUndefined());

    const attacker = await intruder(ref);
    const asRussia = { user: { id: suite.world.ids.russiaMember, name: 'russia', colour: '#000000' } };
    sendPresence(attacker, Array.from({ length: 50 }, (_, i) => ({ ...asRussia, focus: `taken-${i}` })), { clientId: victimId });
    // Its own entry after it: once that shows, the frame before it was handled.
    const ownId = sendPresence(attacker, [{ ...asRussia, focus: 'cell-f' }]);
    await eventually(() => expect(presence(witness, ownId)).toMatchObject({ focus: 'cell-f' }));
    expect(presence(witness, victimId)).toBeUndefined();

    victim.provider.connect();
    await eventually(() => expect(presence(witness, victimId)).toEqual({
      user: { id: suite.world.ids.chinaMember, name: 'china', colour: userColour(suite.world.ids.chinaMember), viewing: false }, focus: 'cell-e',
    }));
    attacker.socket.close();
  });
});

describe('closed and published assessments are read-only for everyone', () => {
  const forcedByFacilitator = async (ref: RoomRef) => {
    const facilitator = await join(suite.world.ids.facilitator, ref);
    const witness = await join(suite.world.ids.observer, ref);
    // Told on connecting, before trying: the page turns read-only.
    await eventually(() => expect(facilitator.denials).toEqual([ASSESSMENT_CLOSED_REASON]));
    const fire = threat('fire');
    const before = { seen: readThreat(witness.doc, fire), recorded: await recorded(ref, fire) };
    writeThreat(facilitator.doc, fire, { rating: 'very_high', rationale: 'forced after closing' });
    await handledFrom(facilitator, witness);
    // Someone who writes while it is open is told this change was not saved (their page says so); nobody else hears of it.
    await eventually(() => expect(facilitator.denials).toEqual([ASSESSMENT_CLOSED_REASON, CHANGES_NOT_SAVED_REASON]));
    expect(witness.denials).toEqual([ASSESSMENT_CLOSED_REASON]);
    const fresh = await join(suite.world.ids.chinaMember, ref);
    expect(readThreat(fresh.doc, fire)).toEqual(before.seen);
    expect(readThreat(witness.doc, fire)).toEqual(before.seen);
    expect(await recorded(ref, fire)).toEqual(before.recorded);
    return before;
  };

  it('published (the seeded 2020 table): the facilitator\'s write is dropped', async () => {
    const before = await forcedByFacilitator({ assessmentId: suite.world.publishedAssessment.id, teamId: china() });
    expect(before.seen.rating).toBe('low');
    expect(before.recorded.cell).toEqual({ rating: 'low', notApplicable: false });
  });

  it('closed: the facilitator\'s write is dropped', async () => {
    const closed = await createAssessment(suite.world, 'Rights closed', 'rapid', 'closed');
    await forcedByFacilitator({ assessmentId: closed, teamId: china() });
  });

  it('closing reaches every open room even when another room of the assessment fails to load meanwhile (a made-up team)', async () => {
    const assessmentId = await createAssessment(suite.world, 'Rights closing past a failed load');
    const admin = await suite.world.callerFor(suite.world.ids.facilitator);
    const rooms = suite.world.services.rooms;
    // Anyone in the programme can make the server load a room for a team that does not exist; a busy database
    // keeps that load pending while the facilitator closes.
    const madeUp = randomUUID();
    const slowLoads = rooms as unknown as { loadContext(ref: RoomRef): Promise<unknown> };
    const load = slowLoads.loadContext.bind(rooms);
    const spy = vi.spyOn(slowLoads, 'loadContext').mockImplementation(async (ref) => {
      if (ref.teamId === madeUp) await sleep(300);
      return load(ref);
    });
    try {
      const failing = rooms.acquire({ assessmentId, teamId: madeUp });
      failing.catch(() => undefined);
      const member = await join(suite.world.ids.russiaMember, { assessmentId, teamId: suite.world.team('russia').id });
      await admin.assessment.setStatus({ assessmentId, status: 'closed' });
      await expect(failing).rejects.toThrow();
      await eventually(() => expect(member.told.at(-1)).toBe('closed'));
      writeThreat(member.doc, threat('fire'), { rating: 'high', rationale: 'after closing' });
      const fresh = await join(suite.world.ids.facilitator, { assessmentId, teamId: suite.world.team('russia').id });
      expect(readThreat(fresh.doc, threat('fire')).rating).toBeNull();
    } finally {
      spy.mockRestore();
    }
  });

  it('closing while people are connected tells them and stops their writes at once; reopening tells them and lets them write again', async () => {
    const assessmentId = await createAssessment(suite.world, 'Rights closing');
    const ref = { assessmentId, teamId: china() };
    const admin = await suite.world.callerFor(suite.world.ids.facilitator);
    const member = await join(suite.world.ids.chinaMember, ref);
    const witness = await join(suite.world.ids.observer, ref);
    const fire = threat('fire');
    writeThreat(member.doc, fire, { rating: 'high', rationale: 'before closing' });
    await eventually(() => expect(readThreat(witness.doc, fire).rating).toBe('high'));
    await eventually(async () => expect((await recorded(ref, fire)).history).toEqual([['rating', 'high', 'china']]));

    await admin.assessment.setStatus({ assessmentId, status: 'closed' });
    // Everyone in the room is told at once, before anyone tries to write.
    await eventually(() => expect([member.denials, witness.denials]).toEqual([[ASSESSMENT_CLOSED_REASON], [ASSESSMENT_CLOSED_REASON]]));
    expect([member.told, witness.told]).toEqual([['open', 'closed'], ['open', 'closed']]);
    writeThreat(member.doc, fire, { rating: 'very_high', rationale: 'after closing' });
    await handledFrom(member, witness);
    const fresh = await join(suite.world.ids.facilitator, ref);
    expect(readThreat(fresh.doc, fire)).toEqual({ rating: 'high', notApplicable: false, rationale: 'before closing' });
    expect(readThreat(witness.doc, fire).rating).toBe('high');
    await expect((await suite.world.callerFor(suite.world.ids.chinaMember)).rating.setThreat({ ...ref, threatId: fire, rating: 'low' }))
      .rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await recorded(ref, fire)).toEqual({ history: [['rating', 'high', 'china']], cell: { rating: 'high', notApplicable: false } });

    // Reopening tells everyone in the room that the assessment takes changes again; they write without reconnecting.
    expect(fresh.told).toEqual(['closed']);
    await admin.assessment.setStatus({ assessmentId, status: 'open' });
    await eventually(() => expect([member.told.at(-1), fresh.told.at(-1)]).toEqual(['open', 'open']));
    writeThreat(fresh.doc, fire, { rating: 'medium', rationale: 'reopened' });
    await eventually(() => expect(readThreat(witness.doc, fire).rating).toBe('medium'));
    expect(fresh.denials).toEqual([ASSESSMENT_CLOSED_REASON]);
    // The member's write after closing was answered: not saved.
    expect(member.denials).toEqual([ASSESSMENT_CLOSED_REASON, CHANGES_NOT_SAVED_REASON]);

    // Closed and published: the room hears both, in order.
    await admin.assessment.setStatus({ assessmentId, status: 'closed' });
    await admin.assessment.setStatus({ assessmentId, status: 'published' });
    await eventually(() => expect(witness.told).toEqual(['open', 'closed', 'open', 'closed', 'published']));
  });
});
