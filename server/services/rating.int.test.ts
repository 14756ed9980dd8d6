import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assessments, cellRatings, ratingEvents, threatRatings } from '../../db/schema';
import { changeStatus } from './assessment';
import * as Y from 'yjs';
import { CELLS, defineRoots, writeCell } from '../collab/document';
import { ActorOrigin } from '../collab/rooms';
import type { AssessmentMode } from '../domain/method';
import type { MaybeRating } from '../domain/rating';
import { openWorld, type World } from '../testing/world';

/** Rating writes keep their history: who set what, when and why. */

type Caller = Awaited<ReturnType<World['callerFor']>>;

let world: World;
let admin: Caller;
let chinaApi: Caller;
let observerApi: Caller;
let rapid: string;
let detailed: string;
const realNow = () => new Date();

const china = () => world.team('china').id;
const threat = (key: string) => world.threats.find((t) => t.key === key)!.id;
const topTargets = () => world.targets.filter((t) => t.parentId === null);

const eventsFor = (assessmentId: string, teamId: string, threatId: string) =>
  world.handle.db.select().from(ratingEvents).where(and(
    eq(ratingEvents.assessmentId, assessmentId), eq(ratingEvents.teamId, teamId), eq(ratingEvents.threatId, threatId),
  ));

async function tableCell(assessmentId: string, teamId: string, threatId: string) {
  const table = await observerApi.assessment.threatTable({ assessmentId });
  return table.rows.find((r) => r.threat.id === threatId)!.cells[teamId]!;
}

beforeAll(async () => {
  world = await openWorld();
  admin = await world.callerFor(world.ids.facilitator);
  chinaApi = await world.callerFor(world.ids.chinaMember);
  observerApi = await world.callerFor(world.ids.observer);
  const editable = async (name: string, mode: AssessmentMode) => {
    const row = await admin.assessment.create({ programmeId: world.programmeId, name, year: 2024, mode });
    await admin.assessment.setStatus({ assessmentId: row.id, status: 'open' });
    return row.id;
  };
  rapid = await editable('History rapid', 'rapid');
  detailed = await editable('History detailed', 'detailed');
});

afterEach(() => {
  world.services.now = realNow;
});

afterAll(async () => {
  await world?.close();
});

it('a write that began before the assessment closed is refused once it reaches the room, and leaves no trace', async () => {
  const assessmentId = (await admin.assessment.create({ programmeId: world.programmeId, name: 'Closes mid-request', year: 2024, mode: 'rapid' })).id;
  await admin.assessment.setStatus({ assessmentId, status: 'open' });
  const ref = { assessmentId, teamId: china() };
  await chinaApi.rating.setThreat({ ...ref, threatId: threat('poaching'), rating: 'low', rationale: 'before' });
  await admin.assessment.setStatus({ assessmentId, status: 'closed' });
  // What the API does after its checks passed (they ran while the assessment was open).
  await expect(world.services.rooms.change(ref, world.ids.chinaMember, { kind: 'threat', threatId: threat('poaching'), values: { rating: 'high' } }))
    .rejects.toMatchObject({ code: 'FORBIDDEN' });
  expect((await tableCell(assessmentId, china(), threat('poaching'))).rating).toBe('low');
  expect(await eventsFor(assessmentId, china(), threat('poaching'))).toHaveLength(1);
});

it('a change arriving while the closing is being stored is refused: nothing is taken after the assessment closed', async () => {
  const assessmentId = (await admin.assessment.create({ programmeId: world.programmeId, name: 'Closes while a change arrives', year: 2024, mode: 'rapid' })).id;
  await admin.assessment.setStatus({ assessmentId, status: 'open' });
  const ref = { assessmentId, teamId: china() };
  await chinaApi.rating.setThreat({ ...ref, threatId: threat('poaching'), rating: 'low', rationale: 'before' });
  // The clock is read as the closing is sent to the database: a change made then reaches the room meanwhile.
  let arriving: Promise<void> | undefined;
  world.services.now = () => {
    arriving ??= world.services.rooms.change(ref, world.ids.chinaMember, { kind: 'threat', threatId: threat('poaching'), values: { rating: 'high' } });
    return realNow();
  };
  await admin.assessment.setStatus({ assessmentId, status: 'closed' });
  await expect(arriving).rejects.toMatchObject({ code: 'FORBIDDEN' });
  expect((await tableCell(assessmentId, china(), threat('poaching'))).rating).toBe('low');
  expect(await eventsFor(assessmentId, china(), threat('poaching'))).toHaveLength(1);
});

it('two facilitators opening a draft at the same moment are both told it is open (not "cannot move from open to open")', async () => {
  const assessmentId = (await admin.assessment.create({ programmeId: world.programmeId, name: 'Two facilitators open', year: 2024, mode: 'rapid' })).id;
  const results = await Promise.all([admin.assessment.setStatus({ assessmentId, status: 'open' }), admin.assessment.setStatus({ assessmentId, status: 'open' })]);
  expect(results.map((row) => row.status)).toEqual(['open', 'open']);
});

it('a closing that finds another facilitator closed it first is done, and leaves the rooms closed, not reopened', async () => {
  const assessmentId = (await admin.assessment.create({ programmeId: world.programmeId, name: 'Two facilitators close', year: 2024, mode: 'rapid' })).id;
  await admin.assessment.setStatus({ assessmentId, status: 'open' });
  const room = await world.services.rooms.acquire({ assessmentId, teamId: china() });
  try {
    // Both saw it open; the other's closing is stored first, so this one finds the status changed.
    const [seenOpen] = await world.handle.db.select().from(assessments).where(eq(assessments.id, assessmentId));
    await admin.assessment.setStatus({ assessmentId, status: 'closed' });
    await expect(changeStatus(world.services, seenOpen!, 'closed')).resolves.toMatchObject({ status: 'closed' });
    expect(room.status).toBe('closed');
    // Reopened meanwhile: a closing by someone who saw it open is still refused, in words.
    await admin.assessment.setStatus({ assessmentId, status: 'open' });
    await admin.assessment.setStatus({ assessmentId, status: 'closed' });
    const [seenClosed] = await world.handle.db.select().from(assessments).where(eq(assessments.id, assessmentId));
    await admin.assessment.setStatus({ assessmentId, status: 'open' });
    await expect(changeStatus(world.services, seenClosed!, 'published')).rejects.toMatchObject({ code: 'CONFLICT', message: 'An assessment cannot move from closed to published.' });
    expect(room.status).toBe('open');
  } finally {
    world.services.rooms.release(room);
  }
});

describe('a rapid threat rating', () => {
  it('set twice: two events with actor, rationale and time, newest first; the current value is the latest', async () => {
    const fire = threat('fire');
    world.services.now = () => new Date('2024-05-01T10:00:00Z');
    await chinaApi.rating.setThreat({ assessmentId: rapid, teamId: china(), threatId: fire, rating: 'high', rationale: 'Fires every spring' });
    world.services.now = () => new Date('2024-05-01T11:00:00Z');
    await chinaApi.rating.setThreat({ assessmentId: rapid, teamId: china(), threatId: fire, rating: 'very_high', rationale: 'After the 2023 season' });

    const history = await observerApi.rating.history({ assessmentId: rapid, teamId: china(), threatId: fire });
    expect(history.map(({ field, value, rationale, actorName, at }) => ({ field, value, rationale, actorName, at: at.toISOString() }))).toEqual([
      { field: 'rating', value: 'very_high', rationale: 'After the 2023 season', actorName: 'china', at: '2024-05-01T11:00:00.000Z' },
      { field: 'rating', value: 'high', rationale: 'Fires every spring', actorName: 'china', at: '2024-05-01T10:00:00.000Z' },
    ]);
    const rows = await eventsFor(rapid, china(), fire);
    expect(rows).toHaveLength(2);
    expect(rows.every((e) => e.actorId === world.ids.chinaMember && e.targetId === null)).toBe(true);

    expect(await tableCell(rapid, china(), fire)).toEqual({ rating: 'very_high', notApplicable: false });
    const [current] = await world.handle.db.select().from(threatRatings)
      .where(and(eq(threatRatings.assessmentId, rapid), eq(threatRatings.teamId, china()), eq(threatRatings.threatId, fire)));
    expect(current).toMatchObject({ rating: 'very_high', rationale: 'After the 2023 season', updatedBy: world.ids.chinaMember });
  });

  it('ids in capitals (a script’s spelling) name the same records: the rating is in the table and its history', async () => {
    const climate = threat('climate-change');
    await chinaApi.rating.setThreat({ assessmentId: rapid.toUpperCase(), teamId: china().toUpperCase(), threatId: climate.toUpperCase(), rating: 'medium', rationale: 'Drier summers' });
    expect(await tableCell(rapid, china(), climate)).toEqual({ rating: 'medium', notApplicable: false });
    const history = await observerApi.rating.history({ assessmentId: rapid.toUpperCase(), teamId: china().toUpperCase(), threatId: climate.toUpperCase() });
    expect(history.map(({ field, value, rationale }) => [field, value, rationale])).toEqual([['rating', 'medium', 'Drier summers']]);
    // One room for the team, under the database's spelling.
    expect(world.services.rooms.openRoomNames().filter((name) => name.includes(rapid.toUpperCase()))).toEqual([]);
  });

  it('writing the same value and rationale again records nothing', async () => {
    const input = { assessmentId: rapid, teamId: china(), threatId: threat('poaching'), rating: 'medium' as const, rationale: 'Same' };
    await chinaApi.rating.setThreat(input);
    const before = await eventsFor(rapid, china(), input.threatId);
    await chinaApi.rating.setThreat(input);
    expect(await eventsFor(rapid, china(), input.threatId)).toEqual(before);
  });

  it('blank space around a rationale is dropped: the same words again, or only blanks added, record nothing', async () => {
    const input = { assessmentId: rapid, teamId: china(), threatId: threat('irresponsible-mining'), rating: 'high' as const, rationale: '  Gold dredging \n' };
    await chinaApi.rating.setThreat(input);
    const before = await eventsFor(rapid, china(), input.threatId);
    expect(before.map((e) => e.rationale)).toEqual(['Gold dredging']);
    await chinaApi.rating.setThreat({ ...input, rationale: 'Gold dredging   ' });
    expect(await eventsFor(rapid, china(), input.threatId)).toEqual(before);
  });

  it('a new rationale alone is recorded as a rationale event', async () => {
    const input = { assessmentId: rapid, teamId: china(), threatId: threat('overgrazing'), rating: 'low' as const, rationale: 'First' };
    await chinaApi.rating.setThreat(input);
    await chinaApi.rating.setThreat({ ...input, rationale: 'Better reason' });
    const history = await observerApi.rating.history({ assessmentId: rapid, teamId: china(), threatId: input.threatId });
    expect(history.map((e) => [e.field, e.value, e.rationale])).toEqual([
      ['rationale', 'Better reason', 'Better reason'],
      ['rating', 'low', 'First'],
    ]);
  });

  it('fields a request leaves out stay as they are: a level set alone keeps the rationale, and the other way round', async () => {
    const ref = { assessmentId: rapid, teamId: china(), threatId: threat('water-infrastructure') };
    await chinaApi.rating.setThreat({ ...ref, rating: 'medium', rationale: 'Dams planned on the main stem' });
    await chinaApi.rating.setThreat({ ...ref, rating: 'high' });
    await chinaApi.rating.setThreat({ ...ref, rationale: 'Two dams approved' });
    expect(await tableCell(rapid, china(), ref.threatId)).toEqual({ rating: 'high', notApplicable: false });
    const history = await observerApi.rating.history(ref);
    expect(history.map((e) => [e.field, e.value, e.rationale])).toEqual([
      ['rationale', 'Two dams approved', 'Two dams approved'],
      ['rating', 'high', 'Dams planned on the main stem'],
      ['rating', 'medium', 'Dams planned on the main stem'],
    ]);
  });

  it('clearing an unrated threat (nothing set, no rationale) records nothing', async () => {
    const threatId = threat('poaching');
    const teamId = world.team('russia').id;
    await admin.rating.setThreat({ assessmentId: rapid, teamId, threatId, rating: null, rationale: '' });
    expect(await eventsFor(rapid, teamId, threatId)).toEqual([]);
    expect(await tableCell(rapid, teamId, threatId)).toEqual({ rating: null, notApplicable: false });
  });

  it('setting N/A clears the rating, and history says so', async () => {
    const threatId = threat('unsustainable-hunting');
    await chinaApi.rating.setThreat({ assessmentId: rapid, teamId: china(), threatId, rating: 'medium', rationale: 'Some hunting' });
    await chinaApi.rating.setThreat({ assessmentId: rapid, teamId: china(), threatId, rating: 'medium', notApplicable: true, rationale: 'Banned in China' });

    expect(await tableCell(rapid, china(), threatId)).toEqual({ rating: null, notApplicable: true });
    const history = await observerApi.rating.history({ assessmentId: rapid, teamId: china(), threatId });
    expect(history.slice(0, 2).map((e) => [e.field, e.value, e.rationale]).sort()).toEqual([
      ['notApplicable', 'true', 'Banned in China'],
      ['rating', null, 'Banned in China'],
    ]);
    expect(history).toHaveLength(3);
  });

  it('a level given for a threat marked not applicable applies it again: the level shows, N/A is off', async () => {
    const threatId = threat('illegal-logging');
    const ref = { assessmentId: rapid, teamId: china(), threatId };
    await chinaApi.rating.setThreat({ ...ref, notApplicable: true, rationale: 'No mines here' });
    await chinaApi.rating.setThreat({ ...ref, rating: 'very_high', rationale: 'A licence was granted' });
    expect(await tableCell(rapid, china(), threatId)).toEqual({ rating: 'very_high', notApplicable: false });
    const history = await observerApi.rating.history(ref);
    expect(history.slice(0, 2).map((e) => [e.field, e.value]).sort()).toEqual([['notApplicable', 'false'], ['rating', 'very_high']]);
  });

  it('the agreed ecoregional column keeps its own history, set by the facilitator', async () => {
    const eco = world.team('ecoregional').id;
    const threatId = threat('fire');
    await admin.rating.setThreat({ assessmentId: rapid, teamId: eco, threatId, rating: 'high', rationale: 'Agreed in plenary' });
    const history = await observerApi.rating.history({ assessmentId: rapid, teamId: eco, threatId });
    expect(history.map((e) => [e.field, e.value, e.actorName])).toEqual([['rating', 'high', 'facilitator']]);
    // China's history for the same threat is untouched by it.
    expect(await observerApi.rating.history({ assessmentId: rapid, teamId: china(), threatId })).toHaveLength(2);
  });
});

describe('a threat × target cell', () => {
  // Two targets rated alike: the 2-prime roll-up of two equal ratings is that rating,
  // so the threat's summary in the table is exactly the cell formula's result.
  it.each<[string, MaybeRating, MaybeRating, MaybeRating, MaybeRating]>([
    ['fire', 'high', 'very_high', 'very_high', 'very_high'],
    ['climate-change', 'very_high', 'very_high', 'very_high', 'very_high'],
    ['cross-border-illegal-trade', 'medium', 'high', 'high', 'medium'],
    ['overgrazing', 'high', 'high', 'low', 'medium'],
    ['unsustainable-hunting', 'low', 'high', 'low', 'low'],
    ['irresponsible-mining', 'very_high', 'high', 'medium', 'high'],
    ['illegal-logging', 'high', null, 'high', null],
  ])('%s: scope %s, severity %s, irreversibility %s → %s', async (key, scope, severity, irreversibility, expected) => {
    const threatId = threat(key);
    for (const target of topTargets().slice(0, 2)) {
      await chinaApi.rating.setCell({ assessmentId: detailed, teamId: china(), threatId, targetId: target.id, scope, severity, irreversibility, rationale: 'workshop' });
    }
    expect(await tableCell(detailed, china(), threatId)).toEqual({ rating: expected, notApplicable: false });
    // Other teams' columns are not touched.
    expect(await tableCell(detailed, world.team('russia').id, threatId)).toEqual({ rating: null, notApplicable: false });
  });

  it('one very high cell rolls up to a high threat summary (2-prime)', async () => {
    const threatId = threat('poaching');
    await chinaApi.rating.setCell({
      assessmentId: detailed, teamId: china(), threatId, targetId: topTargets()[0]!.id,
      scope: 'very_high', severity: 'very_high', irreversibility: 'high', rationale: '',
    });
    expect(await tableCell(detailed, china(), threatId)).toEqual({ rating: 'high', notApplicable: false });
  });

  it('the document holds only the rating fields of the cell, not the other parameters of the request', async () => {
    const threatId = threat('zoonosis-disease');
    const targetId = topTargets()[1]!.id;
    await chinaApi.rating.setCell({ assessmentId: detailed, teamId: china(), threatId, targetId, scope: 'low', severity: 'low', irreversibility: 'low', rationale: 'r' });
    const ref = { assessmentId: detailed, teamId: china() };
    const room = await world.services.rooms.acquire(ref);
    try {
      const prefix = `${threatId}:${targetId}:`;
      const fields = [...room.doc.getMap(CELLS).keys()].filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length));
      expect(fields.sort()).toEqual(['irreversibility', 'rationale', 'scope', 'severity']);
    } finally {
      world.services.rooms.release(room);
    }
  });

  it('records one event per criterion with the target, newest first', async () => {
    const threatId = threat('irresponsible-farming');
    const targetId = topTargets()[2]!.id;
    const base = { assessmentId: detailed, teamId: china(), threatId, targetId };
    await chinaApi.rating.setCell({ ...base, scope: 'high', severity: 'medium', irreversibility: 'low', rationale: 'First pass' });
    await admin.rating.setCell({ ...base, scope: 'high', severity: 'high', irreversibility: 'low', rationale: 'Severity revised' });

    const history = await observerApi.rating.history({ ...base });
    const rows = history.map((e) => [e.field, e.value, e.rationale, e.actorName]);
    expect(rows).toHaveLength(4);
    // Newest first: the facilitator's change, then the three criteria China set together.
    expect(rows[0]).toEqual(['severity', 'high', 'Severity revised', 'facilitator']);
    expect(rows.slice(1).sort()).toEqual([
      ['irreversibility', 'low', 'First pass', 'china'],
      ['scope', 'high', 'First pass', 'china'],
      ['severity', 'medium', 'First pass', 'china'],
    ]);
    // The threat-level history (no target) does not include cell events.
    expect(await observerApi.rating.history({ assessmentId: detailed, teamId: china(), threatId })).toEqual([]);
  });

  it('setting N/A clears the computed rating but keeps the criteria for the record', async () => {
    const threatId = threat('zoonosis-disease');
    const targets = topTargets().slice(0, 2);
    const criteria = { scope: 'high', severity: 'high', irreversibility: 'high' } as const;
    for (const target of targets) {
      await chinaApi.rating.setCell({ assessmentId: detailed, teamId: china(), threatId, targetId: target.id, ...criteria, rationale: '' });
    }
    expect(await tableCell(detailed, china(), threatId)).toEqual({ rating: 'high', notApplicable: false });

    for (const target of targets) {
      await chinaApi.rating.setCell({ assessmentId: detailed, teamId: china(), threatId, targetId: target.id, ...criteria, notApplicable: true, rationale: 'Not present' });
    }
    expect(await tableCell(detailed, china(), threatId)).toEqual({ rating: null, notApplicable: false });

    const rows = await world.handle.db.select().from(cellRatings)
      .where(and(eq(cellRatings.assessmentId, detailed), eq(cellRatings.teamId, china()), eq(cellRatings.threatId, threatId)));
    expect(rows.map((r) => ({ scope: r.scope, severity: r.severity, irreversibility: r.irreversibility, notApplicable: r.notApplicable }))).toEqual(
      targets.map(() => ({ ...criteria, notApplicable: true })),
    );
    const history = await observerApi.rating.history({ assessmentId: detailed, teamId: china(), threatId, targetId: targets[0]!.id });
    expect(history[0]).toMatchObject({ field: 'notApplicable', value: 'true', rationale: 'Not present', actorName: 'china' });
  });
});

describe('two people setting one field at the same moment', () => {
  const browser = (clientID: number) => {
    const doc = new Y.Doc();
    doc.clientID = clientID;
    defineRoots(doc);
    return doc;
  };
  /** Applies the browsers' updates in turn, each as its person; the room keeps the higher client id's value. */
  async function arrive(ref: { assessmentId: string; teamId: string }, updates: [Y.Doc, string][]) {
    const room = await world.services.rooms.acquire(ref);
    try {
      for (const [doc, actorId] of updates) {
        const origin = new ActorOrigin(actorId);
        Y.applyUpdate(room.doc, Y.encodeStateAsUpdate(doc), origin);
        await Promise.all(origin.commits);
      }
    } finally {
      world.services.rooms.release(room);
    }
  }
  const cellRow = async (threatId: string, targetId: string) => (await world.handle.db.select().from(cellRatings).where(and(
    eq(cellRatings.assessmentId, detailed), eq(cellRatings.teamId, china()), eq(cellRatings.threatId, threatId), eq(cellRatings.targetId, targetId),
  )))[0]!;

  it('a level that lost, sent with a rationale that stands: the rationale is its own event, and the row has it', async () => {
    const threatId = threat('linear-infrastructure');
    const targetId = topTargets()[0]!.id;
    const [fromChina, fromFacilitator] = [browser(1_000_003), browser(2_000_004)];
    writeCell(fromChina, threatId, targetId, { scope: 'low', rationale: 'china says low' });
    writeCell(fromFacilitator, threatId, targetId, { scope: 'high' });
    await arrive({ assessmentId: detailed, teamId: china() }, [[fromFacilitator, world.ids.facilitator], [fromChina, world.ids.chinaMember]]);
    const history = await observerApi.rating.history({ assessmentId: detailed, teamId: china(), threatId, targetId });
    expect(history.map((e) => [e.actorName, e.field, e.value, e.kept])).toEqual([
      ['china', 'rationale', 'china says low', true],
      ['china', 'scope', 'low', false],
      ['facilitator', 'scope', 'high', true],
    ]);
    const row = await cellRow(threatId, targetId);
    expect({ scope: row.scope, rationale: row.rationale, updatedBy: row.updatedBy }).toEqual({ scope: 'high', rationale: 'china says low', updatedBy: world.ids.chinaMember });
  });

  it('the change that lost is in the history as made but not kept, with its own value; the rating row keeps the winner', async () => {
    const threatId = threat('crop-farming-expansion');
    const targetId = topTargets()[0]!.id;
    // Yjs keeps the value of the higher client id: the facilitator's.
    const [fromChina, fromFacilitator] = [browser(1_000_001), browser(2_000_002)];
    writeCell(fromChina, threatId, targetId, { scope: 'low' });
    writeCell(fromFacilitator, threatId, targetId, { scope: 'high' });
    // The winner's arrives first; China's, made at the same moment without it, after.
    await arrive({ assessmentId: detailed, teamId: china() }, [[fromFacilitator, world.ids.facilitator], [fromChina, world.ids.chinaMember]]);
    const history = await observerApi.rating.history({ assessmentId: detailed, teamId: china(), threatId, targetId });
    expect(history.map((e) => [e.actorName, e.field, e.value, e.kept])).toEqual([
      ['china', 'scope', 'low', false],
      ['facilitator', 'scope', 'high', true],
    ]);
    const row = await cellRow(threatId, targetId);
    expect({ scope: row.scope, updatedBy: row.updatedBy }).toEqual({ scope: 'high', updatedBy: world.ids.facilitator });
  });
});
