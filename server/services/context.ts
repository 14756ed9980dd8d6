import type { Database } from '../../db/client';
import type { Rooms } from '../collab/rooms';
import type { Membership } from '../domain/policy';
import type { Failure } from '../domain/throttle';
import type { SessionEnds } from './sessions';

/** What a service needs from the running process; tests build their own. */
export interface Services {
  db: Database;
  now: () => Date;
  /** Failed sign-ins per throttle counter (server/domain/throttle.ts); one process holds them. */
  signInFailures: Map<string, Failure[]>;
  publicUrl: string;
  /** Signs session cookies and collaboration tickets. */
  authSecret: string;
  /** Live rating documents: the one place ratings are written. */
  rooms: Rooms;
  /** Sign-outs, for the collaboration sockets opened with those sessions. */
  sessionEnds: SessionEnds;
}

/** The signed-in user as services see them. */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  memberships: Membership[];
}

export function membershipIn(actor: Actor | null, programmeId: string): Membership | null {
  return actor?.memberships.find((m) => m.programmeId === programmeId) ?? null;
}
