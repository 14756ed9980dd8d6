import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { localStoreName } from '../../components/collab/room';
import { readThreat, writeThreat } from './document';
import type { RoomRef } from './protocol';
import { collabSuite, connectClient, createAssessment, eventually, sleep, whenSynced } from '../testing/collab';

/**
 * Edits made offline survive a reload (the browser's IndexedDB copy, here
 * fake-indexeddb) and reach the server and everyone else once back online.
 */
const suite = collabSuite();
const { threat, clients } = suite;

/** A browser tab: the document restored from IndexedDB first, then (optionally) connected. */
async function openTab(userId: string, ref: RoomRef, online: boolean) {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(localStoreName(ref, userId), doc);
  await persistence.whenSynced;
  const client = await connectClient(suite.world, suite.collab.url, userId, ref, undefined, { doc, connect: online });
  clients.push(client);
  return {
    client,
    persistence,
    /** Closing the tab: the local copy stays. */
    async close() {
      client.provider.destroy();
      await persistence.destroy();
      doc.destroy();
      clients.splice(clients.indexOf(client), 1);
    },
  };
}

it('offline edits survive a reload and arrive at the server and at others once online', async () => {
  const ref = { assessmentId: await createAssessment(suite.world, 'Offline'), teamId: suite.world.team('china').id };
  const colleague = await connectClient(suite.world, suite.collab.url, suite.world.ids.facilitator, ref);
  clients.push(colleague);
  await whenSynced(colleague);
  writeThreat(colleague.doc, threat('climate-change'), { rating: 'high', rationale: 'before anyone went offline' });

  const tab = await openTab(suite.world.ids.chinaMember, ref, true);
  await whenSynced(tab.client);
  await eventually(() => expect(readThreat(tab.client.doc, threat('climate-change')).rating).toBe('high'));

  // The network goes; the person keeps working; meanwhile the colleague changes something too.
  tab.client.provider.disconnect();
  writeThreat(tab.client.doc, threat('fire'), { rating: 'very_high', rationale: 'written offline' });
  writeThreat(tab.client.doc, threat('poaching'), { rating: 'low', notApplicable: false, rationale: 'also offline' });
  writeThreat(tab.client.doc, threat('climate-change'), { rationale: 'reworded offline' });
  writeThreat(colleague.doc, threat('overgrazing'), { rating: 'medium', rationale: 'while they were away' });
  await sleep(200);
  expect(readThreat(colleague.doc, threat('fire')).rating).toBeNull();
  expect(readThreat(tab.client.doc, threat('overgrazing')).rating).toBeNull();

  // Reload while still offline: the edits come back from IndexedDB.
  await tab.close();
  const reloaded = await openTab(suite.world.ids.chinaMember, ref, false);
  expect(reloaded.client.provider.wsconnected || reloaded.client.provider.wsconnecting).toBe(false);
  expect(readThreat(reloaded.client.doc, threat('fire'))).toEqual({ rating: 'very_high', notApplicable: false, rationale: 'written offline' });
  expect(readThreat(reloaded.client.doc, threat('poaching'))).toEqual({ rating: 'low', notApplicable: false, rationale: 'also offline' });
  expect(readThreat(reloaded.client.doc, threat('climate-change'))).toEqual({ rating: 'high', notApplicable: false, rationale: 'reworded offline' });

  // Back online: everything arrives, both ways.
  reloaded.client.provider.connect();
  await whenSynced(reloaded.client);
  await eventually(() => {
    expect(readThreat(colleague.doc, threat('fire'))).toEqual({ rating: 'very_high', notApplicable: false, rationale: 'written offline' });
    expect(readThreat(colleague.doc, threat('poaching')).rationale).toBe('also offline');
    expect(readThreat(colleague.doc, threat('climate-change'))).toEqual({ rating: 'high', notApplicable: false, rationale: 'reworded offline' });
  });
  await eventually(() => expect(readThreat(reloaded.client.doc, threat('overgrazing')).rationale).toBe('while they were away'));
  expect(Y.encodeStateVector(reloaded.client.doc)).toEqual(Y.encodeStateVector(colleague.doc));

  // The server recorded them as the person's changes, and a newcomer loads them.
  const observer = await suite.world.callerFor(suite.world.ids.observer);
  await eventually(async () => {
    const history = await observer.rating.history({ ...ref, threatId: threat('fire') });
    expect(history.map((h) => [h.field, h.value, h.actorName])).toEqual([['rating', 'very_high', 'china']]);
  });
  const newcomer = await connectClient(suite.world, suite.collab.url, suite.world.ids.observer, ref);
  clients.push(newcomer);
  await whenSynced(newcomer);
  expect(readThreat(newcomer.doc, threat('poaching'))).toEqual({ rating: 'low', notApplicable: false, rationale: 'also offline' });
  await reloaded.close();
});
