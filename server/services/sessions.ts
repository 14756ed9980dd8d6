/**
 * Sessions signed out in this process, told to whatever holds something open for
 * them: a session's cookie is gone from its browser, but sockets opened with it
 * stay open until told (server/collab/auth.ts closes them).
 */
export class SessionEnds {
  private readonly listeners = new Set<(sessionId: string) => void>();

  /** Calls `listener` with every session ended from now on; returns how to stop. */
  subscribe(listener: (sessionId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  end(sessionId: string): void {
    for (const listener of this.listeners) listener(sessionId);
  }
}
