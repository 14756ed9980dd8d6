import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { PresenceState } from './protocol';

/**
 * Awareness is bound to the authenticated user: a connection may only speak for
 * the awareness client ids it owns (the first one it uses, unless another
 * connection owns it), and its `user` is always the signed-in person. Entries for
 * anyone else's client id are dropped.
 */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: unknown;
}

export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    entries.push({ clientId, clock, state: JSON.parse(decoding.readVarString(decoder)) });
  }
  return entries;
}

export function encodeAwarenessUpdate(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}

/** Which connection owns which awareness client id, per room. */
export class AwarenessOwners<Connection> {
  private readonly owners = new Map<number, Connection>();

  /**
   * Keeps the entries this connection may send, with the user replaced by the
   * signed-in one; a connection claims at most one client id.
   */
  filter(connection: Connection, owned: Set<number>, entries: readonly AwarenessEntry[], user: PresenceState['user']): AwarenessEntry[] {
    const kept: AwarenessEntry[] = [];
    for (const entry of entries) {
      const owner = this.owners.get(entry.clientId);
      if (owner === undefined && owned.size === 0) {
        this.owners.set(entry.clientId, connection);
        owned.add(entry.clientId);
      } else if (owner !== connection) {
        continue;
      }
      kept.push({ ...entry, state: bindUser(entry.state, user) });
    }
    return kept;
  }

  release(owned: Iterable<number>): void {
    for (const id of owned) this.owners.delete(id);
  }
}

function bindUser(state: unknown, user: PresenceState['user']): unknown {
  if (state === null || typeof state !== 'object') return null;
  const focus = (state as { focus?: unknown }).focus;
  return { ...(state as object), user, focus: typeof focus === 'string' && focus.length <= 200 ? focus : null } satisfies Partial<PresenceState>;
}
