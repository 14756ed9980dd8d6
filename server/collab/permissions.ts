import { canReadProgramme, canWriteTeamRatings } from '../domain/policy';
import { findAssessment } from '../services/assessment';
import { membershipIn, type Actor, type Services } from '../services/context';
import { ServiceError } from '../services/errors';
import { CLOSE, type CloseCode, type RoomRef } from './protocol';
import type { Room } from './rooms';

/**
 * Room access, decided by the same policy functions as the tRPC procedures: any
 * member of the programme reads; writing is re-checked on every write because
 * the assessment's status can change while people are connected.
 */
export async function checkRoomAccess(services: Services, actor: Actor, ref: RoomRef): Promise<{ ok: true } | { ok: false; close: CloseCode }> {
  const assessment = await findAssessment(services, ref.assessmentId).catch((error: unknown) => {
    if (error instanceof ServiceError && error.code === 'NOT_FOUND') return null;
    throw error;
  });
  if (!assessment) return { ok: false, close: CLOSE.notFound };
  return canReadProgramme(membershipIn(actor, assessment.programmeId)) ? { ok: true } : { ok: false, close: CLOSE.forbidden };
}

export function mayWrite(actor: Actor, room: Room, status = room.status): boolean {
  const membership = membershipIn(actor, room.context.programmeId);
  return canWriteTeamRatings(membership, { id: room.context.teamId, kind: room.context.teamKind }, status);
}

/** Whether the actor writes here while the assessment is open: their changes refused now were made to be kept. */
export const writesWhenOpen = (actor: Actor, room: Room): boolean => mayWrite(actor, room, 'open');
