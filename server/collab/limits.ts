/**
 * What one user or one room may hold, so a runaway tab or script cannot take the
 * server down. A frame above `maxFrameBytes` closes only its own connection.
 */
export interface CollabLimits {
  maxFrameBytes: number;
  maxConnectionsPerUser: number;
  maxConnectionsPerRoom: number;
  /**
   * Presence client ids a room remembers (every page load brings a new one); past this the oldest whose
   * connection is gone are forgotten, so reconnecting in a loop cannot grow an open room without end.
   */
  rememberedClientIds: number;
}

export const DEFAULT_LIMITS: CollabLimits = {
  maxFrameBytes: 1024 * 1024,
  maxConnectionsPerUser: 24,
  maxConnectionsPerRoom: 200,
  rememberedClientIds: 1000,
};

/**
 * Changes that arrived before the ones they build on wait in a room's document (a second tab may send what the
 * first made offline, out of order). They are held in memory only, so their total per room is capped.
 */
export const MAX_PENDING_BYTES = 256 * 1024;

/** Counts open connections per key; `tryAdd` refuses above the limit. */
export class ConnectionCounter {
  private readonly counts = new Map<string, number>();

  constructor(private readonly limit: number) {}

  tryAdd(key: string): boolean {
    const count = this.counts.get(key) ?? 0;
    if (count >= this.limit) return false;
    this.counts.set(key, count + 1);
    return true;
  }

  remove(key: string): void {
    const count = (this.counts.get(key) ?? 1) - 1;
    if (count <= 0) this.counts.delete(key);
    else this.counts.set(key, count);
  }
}
