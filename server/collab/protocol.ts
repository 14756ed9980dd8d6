/**
 * The collaboration wire contract, shared by the browser and the server: where the
 * socket lives, how rooms are named, and the close codes the server uses.
 * y-websocket clients treat 4400–4499 as final and do not reconnect.
 */

import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { ASSESSMENT_STATUSES, type AssessmentStatus } from '../domain/policy';

export const COLLAB_PATH = '/collab';

/** One document per (assessment, team); the ecoregional team's document is the agreed column. */
export interface RoomRef {
  assessmentId: string;
  teamId: string;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const ROOM_PATTERN = new RegExp(`^assessment\\.(${UUID})\\.team\\.(${UUID})$`);

export function roomName({ assessmentId, teamId }: RoomRef): string {
  return `assessment.${assessmentId}.team.${teamId}`;
}

export function parseRoomName(name: string): RoomRef | null {
  const match = ROOM_PATTERN.exec(name);
  return match ? { assessmentId: match[1]!, teamId: match[2]! } : null;
}

export const CLOSE = {
  /** A frame that is not y-websocket protocol. */
  malformed: 4400,
  /** Missing, expired or forged ticket, and no valid session cookie. */
  unauthenticated: 4401,
  /** Signed in, but may not read this room. */
  forbidden: 4403,
  /** No such room (malformed name, unknown assessment or team). */
  notFound: 4404,
  /** A frame above the size limit. */
  tooLarge: 4413,
  /** Too many connections for this user or this room. */
  tooManyConnections: 4429,
  /** The server is restarting: clients reconnect. */
  restarting: 1012,
} as const;
export type CloseCode = (typeof CLOSE)[keyof typeof CLOSE];

/** y-websocket message types (y-protocols). */
export const MESSAGE = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;

/** Sent with y-protocols' auth "permission denied" when a read-only client tries to write. */
export const READ_ONLY_REASON = 'read-only: your changes to this document are not applied';
/** Sent the same way to everyone in a room once its assessment is closed or published (and on connecting to one). */
export const ASSESSMENT_CLOSED_REASON = 'closed: this assessment no longer takes changes';
/** Said to someone who may write here while it is open, each time they send changes (made offline, say) after it closed. */
export const CHANGES_NOT_SAVED_REASON = 'not saved: this assessment no longer takes changes';

/**
 * What the server says about writing, in y-protocols' auth message: its "permission denied" (type 0) with a
 * reason, or the assessment's status (type 2, which y-protocols' own reader skips): on connecting, and to
 * everyone in the assessment's rooms whenever a facilitator changes it. A status that takes no changes comes
 * right after the denial ASSESSMENT_CLOSED_REASON, for clients that know only y-protocols.
 */
export type AuthSignal = { kind: 'denied'; reason: string } | { kind: 'status'; status: AssessmentStatus };
const AUTH_DENIED = 0;
// Type 1 said "open" without a status, in earlier versions: not reused, so an old page ignores the new signal.
const AUTH_STATUS = 2;

/** Writes the signal after the message type (MESSAGE.auth). */
export function writeAuthSignal(encoder: encoding.Encoder, signal: AuthSignal): void {
  encoding.writeVarUint(encoder, signal.kind === 'denied' ? AUTH_DENIED : AUTH_STATUS);
  encoding.writeVarString(encoder, signal.kind === 'denied' ? signal.reason : signal.status);
}

/** Reads what `writeAuthSignal` wrote; null for a kind or status this client does not know. */
export function readAuthSignal(decoder: decoding.Decoder): AuthSignal | null {
  const kind = decoding.readVarUint(decoder);
  if (kind === AUTH_DENIED) return { kind: 'denied', reason: decoding.readVarString(decoder) };
  if (kind !== AUTH_STATUS) return null;
  const status = decoding.readVarString(decoder);
  return isStatus(status) ? { kind: 'status', status } : null;
}

const isStatus = (value: string): value is AssessmentStatus => (ASSESSMENT_STATUSES as readonly string[]).includes(value);

/** Query parameter that carries the ticket from tRPC's `collab.ticket`. */
export const TICKET_PARAM = 'ticket';

/** Presence published through awareness. The server overwrites `user` with the signed-in user. */
export interface PresenceState {
  /**
   * Set by the server, not the browser. `viewing`: the person may never change this document (another team's, or
   * an observer): on a cell they are looking at it, not editing it.
   */
  user: { id: string; name: string; colour: string; viewing?: boolean };
  /** The cell the person is on: `threatId` or `threatId:targetId`. */
  focus: string | null;
}
