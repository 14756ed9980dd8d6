import { gt, lte } from 'drizzle-orm';
import { endedSessions } from '../../db/schema';
import type { Services } from './context';

/**
 * Sessions signed out, told to whatever holds something open for them: a
 * session's cookie is gone from its browser, but sockets opened with it stay open
 * until told (server/collab/auth.ts closes them, and refuses the session's cookie
 * to sockets still connecting), and a copy of the cookie would still be signed
 * (the session callback in server/auth/options.ts refuses it).
 */
export class SessionEnds {
  private readonly listeners = new Set<(sessionId: string) => void>();
  /** Ended sessions, by id, with when their cookie would have expired (ms since epoch). */
  private readonly ended = new Map<string, number>();

  /** Calls `listener` with every session ended from now on; returns how to stop. */
  subscribe(listener: (sessionId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  end(sessionId: string, expiresAt: number, now = Date.now()): void {
    // Past its expiry a cookie is refused anyway: no need to remember it.
    for (const [id, expiry] of this.ended) if (expiry <= now) this.ended.delete(id);
    this.ended.set(sessionId, expiresAt);
    for (const listener of this.listeners) listener(sessionId);
  }

  hasEnded(sessionId: string): boolean {
    return this.ended.has(sessionId);
  }
}

/**
 * A session's id in its token: our own `sid` (server/auth/options.ts), or for a cookie issued before sessions had
 * one, next-auth's token id (`jti`: this app never renews a cookie, so it stays the same for the session's life).
 */
export function sessionIdOf(claims: Record<string, unknown> | null | undefined): string | null {
  const id = claims?.sid ?? claims?.jti;
  return typeof id === 'string' ? id : null;
}

/**
 * Ends a session for good: at once in this process (its sockets close), and in the database, so that a copy of its
 * cookie stays refused after a restart. Storing is best effort: the person has signed out either way.
 */
export async function endSession(services: Pick<Services, 'db' | 'sessionEnds' | 'now'>, claims: Record<string, unknown> | null | undefined, fallbackExpiresAt: Date): Promise<void> {
  const sessionId = sessionIdOf(claims);
  if (!sessionId) return;
  const expiresAt = typeof claims?.exp === 'number' ? new Date(claims.exp * 1000) : fallbackExpiresAt;
  services.sessionEnds.end(sessionId, expiresAt.getTime(), services.now().getTime());
  const userId = claims?.sub;
  if (typeof userId !== 'string') return;
  try {
    await services.db.insert(endedSessions).values({ sessionId, userId, endedAt: services.now(), expiresAt }).onConflictDoNothing();
  } catch (error) {
    console.error('[auth] could not store a signed-out session; a copy of its cookie is refused until the next restart only', error);
  }
}

/** At start-up: the sessions signed out earlier whose cookies have not expired yet; expired ones are forgotten. */
export async function restoreSessionEnds(services: Pick<Services, 'db' | 'sessionEnds' | 'now'>): Promise<void> {
  const now = services.now();
  await services.db.delete(endedSessions).where(lte(endedSessions.expiresAt, now));
  const rows = await services.db.select({ sessionId: endedSessions.sessionId, expiresAt: endedSessions.expiresAt }).from(endedSessions).where(gt(endedSessions.expiresAt, now));
  for (const row of rows) services.sessionEnds.end(row.sessionId, row.expiresAt.getTime(), now.getTime());
}
