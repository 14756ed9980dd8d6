import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { PresenceState } from './protocol';

/**
 * Awareness is bound to the authenticated user: a connection may only speak for
 * the awareness client ids it owns (the first one it uses, unless another
 * connection owns it), and its `user` is always the signed-in person. Entries for
 * anyone else's client id are dropped.
 */
/** A focus names a cell or a threat (two uuids and a separator at most); anything longer is dropped. */
const MAX_FOCUS_LENGTH = 200;

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

export interface AwarenessOwnersOptions {
  /** Who wrote content with a client id, if anyone did (see Room.clientOwners). */
  claimedBy(clientId: number): string | undefined;
  /** The room's current awareness clock of a client id (0 if none). */
  clockOf(clientId: number): number;
  /** The room may drop what it keeps of a client id that left long ago (its awareness clock). */
  forget(clientId: number): void;
  /**
   * How many client ids the room remembers (CollabLimits.rememberedClientIds): past this the oldest whose
   * connection is gone are forgotten (ids someone wrote content with stay theirs through `claimedBy`).
   */
  remember: number;
}

/**
 * Which connection owns which awareness client id, per room. A client id stays
 * its first person's for as long as the room is open (and for good once content
 * was written with it): someone else cannot take it over while its owner is
 * briefly disconnected.
 *
 * When a person comes back, the room has already counted their leaving (a removal
 * one tick past their last clock), so their client's clocks would be ignored, by
 * the room and by everyone in it, until they passed it: they would be missing from
 * the room for up to half a minute. Each claim therefore shifts that connection's
 * clocks to continue the room's.
 */
export class AwarenessOwners<Connection> {
  private readonly owners = new Map<number, { connection: Connection; shift: number }>();
  private readonly people = new Map<number, string>();

  constructor(private readonly options: AwarenessOwnersOptions) {}

  /**
   * Keeps the entries this connection may send, with the user replaced by the
   * signed-in one; a connection claims at most one client id.
   */
  filter(connection: Connection, owned: Set<number>, entries: readonly AwarenessEntry[], user: PresenceState['user']): AwarenessEntry[] {
    const kept: AwarenessEntry[] = [];
    for (const entry of entries) {
      let owner = this.owners.get(entry.clientId);
      if (owner === undefined && owned.size === 0 && this.mayClaim(entry.clientId, user.id)) {
        owner = { connection, shift: Math.max(0, this.options.clockOf(entry.clientId) + 1 - entry.clock) };
        this.owners.set(entry.clientId, owner);
        this.people.set(entry.clientId, user.id);
        owned.add(entry.clientId);
        this.forgetOldest();
      } else if (owner?.connection !== connection) {
        continue;
      }
      kept.push({ clientId: entry.clientId, clock: entry.clock + owner.shift, state: bindUser(entry.state, user) });
    }
    return kept;
  }

  /** The connection is gone; its client ids stay its person's. */
  release(owned: Iterable<number>): void {
    for (const id of owned) this.owners.delete(id);
  }

  /** The people map keeps claim order: the first entries whose connection is gone are the oldest. */
  private forgetOldest(): void {
    for (const clientId of this.people.keys()) {
      if (this.people.size <= this.options.remember) return;
      if (this.owners.has(clientId)) continue;
      this.people.delete(clientId);
      this.options.forget(clientId);
    }
  }

  private mayClaim(clientId: number, userId: string): boolean {
    const person = this.people.get(clientId) ?? this.options.claimedBy(clientId);
    return person === undefined || person === userId;
  }
}

/**
 * Presence is who and where, nothing else: the room keeps every state and sends it to each newcomer, so a client
 * must not be able to park anything else there.
 */
function bindUser(state: unknown, user: PresenceState['user']): PresenceState | null {
  if (state === null || typeof state !== 'object') return null;
  const focus = (state as { focus?: unknown }).focus;
  return { user, focus: typeof focus === 'string' && focus.length <= MAX_FOCUS_LENGTH ? focus : null };
}
