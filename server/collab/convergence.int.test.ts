import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { cellRatings, ratingEvents } from '../../db/schema';
import * as syncProtocol from 'y-protocols/sync';
import { issueTicket } from './auth';
import { readAllCells, readAllThreats, readCell, readThreat, THREATS, writeCell, writeThreat } from './document';
import { MESSAGE, roomName, type RoomRef } from './protocol';
import { collabSuite, createAssessment, eventually, rawSocket, sleep, updateFrame, type TestClient } from '../testing/collab';
import { TEST_SECRET } from '../testing/world';

/**
 * Several people editing one team's document at once end with the same document,
 * field by field, and the recorded ratings match what they see.
 */
const suite = collabSuite();
const { threat, join } = suite;

let members: string[];

const topTargets = () => suite.world.targets.filter((t) => t.parentId === null);
const china = () => suite.world.team('china').id;

/** What a person sees: every threat and cell of the document. */
const byKey = (a: { threatId: string; targetId?: string }, b: { threatId: string; targetId?: string }) =>
  `${a.threatId}:${a.targetId}`.localeCompare(`${b.threatId}:${b.targetId}`);
const view = (client: TestClient) => ({ threats: readAllThreats(client.doc).sort(byKey), cells: readAllCells(client.doc).sort(byKey) });

async function expectConverged(all: TestClient[]) {
  await eventually(() => {
    const [first, ...rest] = all.map((c) => Y.encodeStateVector(c.doc).join(','));
    for (const other of rest) expect(other).toBe(first);
  });
  const [first, ...rest] = all.map(view);
  for (const other of rest) expect(other).toEqual(first);
  return first!;
}

beforeAll(async () => {
  members = [suite.world.ids.chinaMember, await suite.world.person('china-2', 'member', 'china'), await suite.world.person('china-3', 'member', 'china')];
});

describe('rapid: threats rated whole', () => {
  it('three members and a facilitator editing different and the same threats at once converge, and the table shows the winner', async () => {
    const assessmentId = await createAssessment(suite.world, 'Concurrent rapid');
    const ref = { assessmentId, teamId: china() };
    const people = await Promise.all([...members, suite.world.ids.facilitator].map((id) => join(id, ref)));
    const levels = ['low', 'medium', 'high', 'very_high'] as const;
    // Several rounds, each written by everybody in the same tick, before anything travels.
    for (let round = 0; round < 5; round++) {
      people.forEach((person, i) => {
        writeThreat(person.doc, suite.world.threats[i]!.id, { rating: levels[(i + round) % 4], rationale: `own ${i} round ${round}` });
        writeThreat(person.doc, threat('poaching'), { rating: levels[i], rationale: `contested by ${i} round ${round}` });
      });
      await new Promise((resolve) => setTimeout(resolve, round * 5));
    }
    const seen = await expectConverged(people);
    people.forEach((_person, i) => expect(readThreat(people[0]!.doc, suite.world.threats[i]!.id).rationale).toBe(`own ${i} round 4`));
    const winner = readThreat(people[0]!.doc, threat('poaching'));
    expect(winner.rationale).toMatch(/^contested by \d round 4$/);

    // A newcomer loads the same document; the threat table (relational rows) shows what people see.
    const late = await join(suite.world.ids.observer, ref);
    expect(view(late)).toEqual(seen);
    const observer = await suite.world.callerFor(suite.world.ids.observer);
    await eventually(async () => {
      const table = await observer.assessment.threatTable({ assessmentId });
      for (const { threatId, values } of seen.threats) {
        expect(table.rows.find((r) => r.threat.id === threatId)!.cells[ref.teamId]).toEqual({ rating: values.rating, notApplicable: false });
      }
    });
  });

  it('rating.setThreat while people are connected: everyone sees it live, and it merges with their edits', async () => {
    const assessmentId = await createAssessment(suite.world, 'Live API rapid');
    const ref = { assessmentId, teamId: china() };
    const [one, two] = await Promise.all([join(members[0]!, ref), join(suite.world.ids.observer, ref)]);
    writeThreat(one!.doc, threat('fire'), { rating: 'low', rationale: 'from the workshop' });
    const api = await suite.world.callerFor(members[1]!);
    await api.rating.setThreat({ ...ref, threatId: threat('overgrazing'), rating: 'very_high', rationale: 'from a script' });
    for (const client of [one!, two!]) {
      await eventually(() => {
        expect(readThreat(client.doc, threat('overgrazing'))).toEqual({ rating: 'very_high', notApplicable: false, rationale: 'from a script' });
        expect(readThreat(client.doc, threat('fire')).rating).toBe('low');
      });
    }
    await api.rating.setThreat({ ...ref, threatId: threat('fire'), rating: null, notApplicable: true, rationale: 'not here' });
    await eventually(() => expect(readThreat(two!.doc, threat('fire'))).toEqual({ rating: null, notApplicable: true, rationale: 'not here' }));
    await expectConverged([one!, two!]);
  });
});

describe('detailed: cells merged field by field', () => {
  let assessmentId: string;
  let ref: RoomRef;
  beforeAll(async () => {
    assessmentId = await createAssessment(suite.world, 'Concurrent detailed', 'detailed');
    ref = { assessmentId, teamId: china() };
  });

  const cellRow = async (threatId: string, targetId: string) =>
    suite.world.handle.db.query.cellRatings.findFirst({ where: and(eq(cellRatings.assessmentId, assessmentId), eq(cellRatings.teamId, ref.teamId), eq(cellRatings.threatId, threatId), eq(cellRatings.targetId, targetId)) });

  it('two people setting scope and severity of a cell nobody has touched, at once: both kept', async () => {
    const [one, two, witness] = await Promise.all([join(members[0]!, ref), join(members[1]!, ref), join(suite.world.ids.facilitator, ref)]);
    const [fire, target] = [threat('fire'), topTargets()[0]!.id];
    writeCell(one!.doc, fire, target, { scope: 'high' });
    writeCell(two!.doc, fire, target, { severity: 'medium' });
    await expectConverged([one!, two!, witness!]);
    expect(readCell(witness!.doc, fire, target)).toMatchObject({ scope: 'high', severity: 'medium' });
    await eventually(async () => expect(await cellRow(fire, target)).toMatchObject({ scope: 'high', severity: 'medium' }));
  });

  it('on a cell that exists, every field changed by a different person is kept; one field changed by two ends the same everywhere', async () => {
    const people = await Promise.all([...members, suite.world.ids.facilitator].map((id) => join(id, ref)));
    const [threatId, targetId] = [threat('illegal-logging'), topTargets()[1]!.id];
    writeCell(people[0]!.doc, threatId, targetId, { rationale: 'started' });
    await eventually(() => people.forEach((p) => expect(readCell(p.doc, threatId, targetId).rationale).toBe('started')));

    writeCell(people[0]!.doc, threatId, targetId, { scope: 'very_high' });
    writeCell(people[1]!.doc, threatId, targetId, { severity: 'high' });
    writeCell(people[2]!.doc, threatId, targetId, { irreversibility: 'low', rationale: 'long recovery' });
    writeCell(people[3]!.doc, threatId, targetId, { irreversibility: 'very_high' });
    // And elsewhere, at the same time, different cells.
    topTargets().slice(2, 5).forEach((target, i) => writeCell(people[i]!.doc, threat('fire'), target.id, { scope: 'medium', severity: 'low' }));
    await expectConverged(people);

    const cell = readCell(people[0]!.doc, threatId, targetId);
    expect(cell).toMatchObject({ scope: 'very_high', severity: 'high', rationale: 'long recovery' });
    expect(['low', 'very_high']).toContain(cell.irreversibility);
    topTargets().slice(2, 5).forEach((target) => expect(readCell(people[3]!.doc, threat('fire'), target.id)).toMatchObject({ scope: 'medium', severity: 'low' }));
    await eventually(async () => expect(await cellRow(threatId, targetId)).toMatchObject({
      scope: 'very_high', severity: 'high', irreversibility: cell.irreversibility, rationale: 'long recovery',
    }));
    const events = await suite.world.handle.db.select().from(ratingEvents).where(and(
      eq(ratingEvents.assessmentId, assessmentId), eq(ratingEvents.threatId, threatId), eq(ratingEvents.targetId, targetId),
    ));
    expect(events.map((e) => e.field).sort()).toEqual(['irreversibility', 'irreversibility', 'rationale', 'scope', 'severity']);
  });

  it('rating.setCell while people are connected: everyone sees it live', async () => {
    const [one, witness] = await Promise.all([join(members[0]!, ref), join(suite.world.ids.observer, ref)]);
    const [threatId, targetId] = [threat('poaching'), topTargets()[0]!.id];
    const api = await suite.world.callerFor(members[2]!);
    await api.rating.setCell({ ...ref, threatId, targetId, scope: 'high', severity: 'high', irreversibility: 'medium', rationale: 'surveys' });
    for (const client of [one!, witness!]) {
      await eventually(() => expect(readCell(client.doc, threatId, targetId)).toEqual({
        scope: 'high', severity: 'high', irreversibility: 'medium', notApplicable: false, rationale: 'surveys',
      }));
    }
    // A person then changes one field; the API's other fields stay.
    writeCell(one!.doc, threatId, targetId, { severity: 'low' });
    await eventually(() => expect(readCell(witness!.doc, threatId, targetId)).toMatchObject({ scope: 'high', severity: 'low', irreversibility: 'medium' }));
  });
});

/**
 * The server sends new content on as it arrives; what it cannot simply pass on
 * (nothing new, or changes that complete earlier ones) goes out as the document
 * integrated it. Either way everyone ends with the server's document, once.
 */
describe('updates sent round the room', () => {
  let ref: RoomRef;
  beforeAll(async () => {
    ref = { assessmentId: await createAssessment(suite.world, 'Relaying'), teamId: china() };
  });

  /** A member's bare socket on the room, in it: the server's first sync message has arrived. */
  async function memberSocket() {
    const room = roomName(ref);
    const socket = rawSocket(suite.collab.url, room, issueTicket(TEST_SECRET, members[0]!, room, Date.now()));
    await socket.opened;
    // The socket opens before the server has checked the ticket and joined it to the room.
    await eventually(() => expect(socket.received.length).toBeGreaterThan(0));
    return socket;
  }

  /** Each named probe is one threat's rationale (the room's document takes nothing but ratings). */
  const PROBES = ['once', 'marker', 'first', 'second', 'short-lived', 'known', 'new'];
  const probeKey = (name: string) => `${suite.world.threats[PROBES.indexOf(name)]!.id}:rationale`;
  const probe = (doc: Y.Doc, name: string) => doc.getMap(THREATS).get(probeKey(name));
  const hasProbe = (doc: Y.Doc, name: string) => doc.getMap(THREATS).has(probeKey(name));

  /** Updates setting probes in a document of its own (client id fixed, so later edits depend on it). */
  function probeEdits(clientId: number) {
    const doc = new Y.Doc();
    doc.clientID = clientId;
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    return { doc, updates, set: (name: string, value: number) => doc.getMap(THREATS).set(probeKey(name), String(value)) };
  }

  const isUpdateFrame = (frame: Uint8Array) => frame[0] === MESSAGE.sync && frame[1] === syncProtocol.messageYjsUpdate;

  it('an update the room already has is not sent round again', async () => {
    const listener = await memberSocket();
    const writer = await memberSocket();
    const source = probeEdits(7001);
    source.set('once', 1);
    source.set('marker', 2);
    const [once, marker] = source.updates;
    writer.send(updateFrame(once!));
    writer.send(updateFrame(once!));
    writer.send(updateFrame(marker!));
    const witness = await join(suite.world.ids.observer, ref);
    await eventually(() => expect(probe(witness.doc, 'marker')).toBe('2'));
    await eventually(() => expect(listener.received.filter(isUpdateFrame)).toHaveLength(2));
    await sleep(100);
    expect(listener.received.filter(isUpdateFrame)).toHaveLength(2);
    listener.socket.close();
    writer.socket.close();
  });

  /**
   * An entry one browser creates and another (say a second tab) deletes: the deletion and the creation, in the
   * order they might reach the server the wrong way round.
   */
  function shortLivedEntry(clientId: number) {
    const creator = probeEdits(clientId);
    creator.set('short-lived', 1);
    const deleter = new Y.Doc();
    Y.applyUpdate(deleter, creator.updates[0]!);
    const deletions: Uint8Array[] = [];
    deleter.on('update', (update: Uint8Array) => deletions.push(update));
    deleter.getMap(THREATS).delete(probeKey('short-lived'));
    return { deletion: deletions[0]!, creation: creator.updates[0]! };
  }

  it('an update that arrives before the one it builds on reaches everyone once that one is there', async () => {
    const witness = await join(suite.world.ids.observer, ref);
    const writer = await memberSocket();
    const source = probeEdits(7002);
    source.set('first', 1);
    source.set('second', 2);
    const [first, second] = source.updates;
    // A deletion waiting for its entry is pending too; once the entry comes, `second` is still waiting for `first`.
    const early = shortLivedEntry(7004);
    writer.send(updateFrame(early.deletion));
    writer.send(updateFrame(second!));
    await sleep(100);
    expect(probe(witness.doc, 'second')).toBeUndefined();
    writer.send(updateFrame(early.creation));
    writer.send(updateFrame(first!));
    await eventually(() => expect([probe(witness.doc, 'first'), probe(witness.doc, 'second')]).toEqual(['1', '2']));
    expect(hasProbe(witness.doc, 'short-lived')).toBe(false);
    writer.socket.close();
  });

  it('a deletion that arrives before what it deletes still reaches everyone', async () => {
    const witness = await join(suite.world.ids.observer, ref);
    const writer = await memberSocket();
    const early = shortLivedEntry(7003);
    writer.send(updateFrame(early.deletion));
    writer.send(updateFrame(early.creation));
    await eventually(() => expect(Y.getState(witness.doc.store, 7003)).toBe(1));
    expect(hasProbe(witness.doc, 'short-lived')).toBe(false);
    writer.socket.close();
  });

  it('an update that repeats content the room has, with more after it, reaches everyone whole', async () => {
    const witness = await join(suite.world.ids.observer, ref);
    const writer = await memberSocket();
    const source = probeEdits(7005);
    source.set('known', 1);
    writer.send(updateFrame(source.updates[0]!));
    await eventually(() => expect(probe(witness.doc, 'known')).toBe('1'));
    source.set('new', 2);
    // Everything the client has, as a client sends after reconnecting: the known part overlaps.
    writer.send(updateFrame(Y.encodeStateAsUpdate(source.doc)));
    await eventually(() => expect(probe(witness.doc, 'new')).toBe('2'));
    writer.socket.close();
  });
});
