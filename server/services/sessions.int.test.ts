import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endedSessions } from '../../db/schema';
import { openWorld, type World } from '../testing/world';
import { endSession, restoreSessionEnds, SESSION_MAX_AGE_S, SessionEnds } from './sessions';

/** A session signed out stays signed out after a restart: the next process reads it back from the database. */
let world: World;
beforeAll(async () => {
  world = await openWorld();
});
afterAll(async () => world?.close());

/** What a restarted process would know: a fresh memory filled from the same database. */
async function afterRestart(now: Date) {
  const sessionEnds = new SessionEnds();
  await restoreSessionEnds({ db: world.handle.db, sessionEnds, now: () => now });
  return sessionEnds;
}

describe('signed-out sessions', () => {
  it('are ended at once in this process and known again after a restart, with who signed out and when', async () => {
    const now = new Date();
    const until = Math.floor(now.getTime() / 1000) + 3600;
    await endSession(world.services, { sub: world.ids.chinaMember, sid: 'restart-kept', until });
    expect(world.services.sessionEnds.hasEnded('restart-kept')).toBe(true);

    const restarted = await afterRestart(now);
    expect(restarted.hasEnded('restart-kept')).toBe(true);
    expect(restarted.hasEnded('never-ended')).toBe(false);
    const rows = await world.handle.db.select().from(endedSessions);
    expect(rows.find((row) => row.sessionId === 'restart-kept')).toMatchObject({ userId: world.ids.chinaMember, expiresAt: new Date(until * 1000) });
  });

  it('past the session\'s end are forgotten at the next start', async () => {
    const now = new Date();
    await endSession(world.services, { sub: world.ids.russiaMember, sid: 'restart-expired', until: Math.floor(now.getTime() / 1000) + 60 });
    const later = new Date(now.getTime() + 120_000);
    expect((await afterRestart(later)).hasEnded('restart-expired')).toBe(false);
    const rows = await world.handle.db.select().from(endedSessions);
    expect(rows.map((row) => row.sessionId)).not.toContain('restart-expired');
  });

  it('signing out twice (two tabs at once) stores the session once', async () => {
    const claims = { sub: world.ids.observer, sid: 'twice', until: Math.floor(Date.now() / 1000) + 3600 };
    await Promise.all([endSession(world.services, claims), endSession(world.services, claims)]);
    const rows = await world.handle.db.select().from(endedSessions);
    expect(rows.filter((row) => row.sessionId === 'twice')).toHaveLength(1);
  });

  it('a token from before sessions had an end of their own is remembered for the longest a renewed copy could last', async () => {
    const before = Date.now();
    await endSession(world.services, { sub: world.ids.facilitator, jti: 'older-token', exp: Math.floor(before / 1000) + 60 });
    const row = (await world.handle.db.select().from(endedSessions)).find((r) => r.sessionId === 'older-token');
    expect(row!.expiresAt.getTime()).toBeGreaterThanOrEqual(before + SESSION_MAX_AGE_S * 1000);
  });
});
