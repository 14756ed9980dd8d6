import { afterAll, beforeAll, expect, it } from 'vitest';
import { readThreat, writeThreat } from './document';
import { connectClient, eventually, startCollab, whenSynced } from '../testing/collab';
import { openWorld, type World } from '../testing/world';

let world: World;
let collab: Awaited<ReturnType<typeof startCollab>>;
beforeAll(async () => {
  world = await openWorld();
  collab = await startCollab(world);
});
afterAll(async () => {
  await collab.stop();
  await world.close();
});

it('two members of one team converge', async () => {
  const admin = await world.callerFor(world.ids.facilitator);
  const a = await admin.assessment.create({ programmeId: world.programmeId, name: 'Smoke', year: 2026, mode: 'rapid' });
  await admin.assessment.setStatus({ assessmentId: a.id, status: 'open' });
  const ref = { assessmentId: a.id, teamId: world.team('china').id };
  const one = await connectClient(world, collab.url, world.ids.chinaMember, ref);
  const two = await connectClient(world, collab.url, world.ids.facilitator, ref);
  await Promise.all([whenSynced(one), whenSynced(two)]);
  const fire = world.threats[0]!.id;
  writeThreat(one.doc, fire, { rating: 'high', rationale: 'spring fires' });
  await eventually(() => expect(readThreat(two.doc, fire).rating).toBe('high'));
  await eventually(async () => {
    const history = await admin.rating.history({ assessmentId: a.id, teamId: ref.teamId, threatId: fire });
    expect(history.map((h) => [h.field, h.value, h.actorName])).toEqual([['rating', 'high', 'china']]);
  });
  one.destroy();
  two.destroy();
});
