/**
 * Sessions signed out in this process, told to whatever holds something open for
 * them: a session's cookie is gone from its browser, but sockets opened with it
 * stay open until told (server/collab/auth.ts closes them, and refuses the
 * session's cookie to sockets still connecting).
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
