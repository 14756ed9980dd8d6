import { issueTicket } from '../collab/auth';
import { COLLAB_PATH, roomName } from '../collab/protocol';
import { canWriteTeamRatings, type Membership } from '../domain/policy';
import type { AssessmentRow } from './assessment';
import type { Actor, Services } from './context';
import { findTeam } from './team';

/**
 * A short-lived ticket to open one team's room as the signed-in person, and
 * whether they may write there (the socket decides again on connect; this lets
 * the page show a read-only matrix at once).
 */
export async function issueRoomTicket(services: Services, actor: Actor, sessionId: string | null, membership: Membership, assessment: AssessmentRow, teamId: string) {
  const team = await findTeam(services, assessment.programmeId, teamId);
  const room = roomName({ assessmentId: assessment.id, teamId: team.id });
  return {
    room,
    path: COLLAB_PATH,
    ticket: issueTicket(services.authSecret, actor.userId, room, services.now().getTime(), sessionId),
    writable: canWriteTeamRatings(membership, team, assessment.status),
  };
}
