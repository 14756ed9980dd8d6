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

/** How long a session lasts from signing in, renewed cookie or not (seconds). */
export const SESSION_MAX_AGE_S = 7 * 24 * 60 * 60;

type Claims = Record<string, unknown> | null | undefined;

/**
 * A session's id in its token: our own `sid` (server/auth/options.ts), or for a cookie issued before sessions had
 * one, next-auth's token id (`jti`, which the `sid` of such a cookie takes when next-auth renews it).
 */
export function sessionIdOf(claims: Claims): string | null {
  const id = claims?.sid ?? claims?.jti;
  return typeof id === 'string' ? id : null;
}

/**
 * The claims a session's token keeps as next-auth renews it (it re-signs the cookie with a later expiry when a page
 * asks for the session): its own id, and its absolute end, which renewing does not move. `now` in seconds.
 */
export function withSessionClaims<T extends Record<string, unknown>>(token: T, now: number, newId: () => string): T & { sid: string; until: number } {
  const sid = sessionIdOf(token) ?? newId();
  const until = typeof token.until === 'number' ? token.until : now + SESSION_MAX_AGE_S;
  return { ...token, sid, until };
}

/** Who a signed-in person is, as a session token says. */
export interface SessionClaims {
  userId: string;
  /** The session's id (`sessionIdOf`); null for a token that has none. */
  sessionId: string | null;
}

/**
 * Who a genuine (already decoded) session token names, if the session is live: not past its cookie's expiry, nor
 * its absolute end, nor signed out. One rule for pages, the API and the collaboration sockets. `now` in ms.
 */
export function liveSession(claims: Claims, now: number, ends: Pick<SessionEnds, 'hasEnded'>): SessionClaims | null {
  if (typeof claims?.sub !== 'string') return null;
  for (const end of [claims.exp, claims.until]) if (typeof end === 'number' && end * 1000 <= now) return null;
  const sessionId = sessionIdOf(claims);
  if (sessionId && ends.hasEnded(sessionId)) return null;
  return { userId: claims.sub, sessionId };
}

/**
 * Ends a session for good: at once in this process (its sockets close), and in the database, so that a copy of its
 * cookie stays refused after a restart (until the session's end: no renewed copy outlives it). Storing is best
 * effort: the person has signed out either way.
 */
export async function endSession(services: Pick<Services, 'db' | 'sessionEnds' | 'now'>, claims: Claims): Promise<void> {
  const sessionId = sessionIdOf(claims);
  if (!sessionId) return;
  const now = services.now().getTime();
  // A token from before sessions had an end of their own: a copy renewed from now on ends within the maximum age.
  const expiresAt = new Date(typeof claims?.until === 'number' ? claims.until * 1000 : now + SESSION_MAX_AGE_S * 1000);
  services.sessionEnds.end(sessionId, expiresAt.getTime(), now);
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
