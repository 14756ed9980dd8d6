import { z } from 'zod';
import { issueTicket } from '../../collab/auth';
import { COLLAB_PATH, roomName } from '../../collab/protocol';
import { canWriteTeamRatings } from '../../domain/policy';
import { findTeam } from '../../services/team';
import { assessmentProcedure, router } from '../init';

export const collabRouter = router({
  /** A short-lived ticket to open one room's socket as the signed-in user. */
  ticket: assessmentProcedure.input(z.object({ teamId: z.uuid() })).mutation(async ({ ctx, input }) => {
    const team = await findTeam(ctx.services, ctx.assessment.programmeId, input.teamId);
    const room = roomName({ assessmentId: ctx.assessment.id, teamId: team.id });
    return {
      room,
      path: COLLAB_PATH,
      ticket: issueTicket(ctx.services.authSecret, ctx.actor.userId, room, ctx.services.now().getTime()),
      writable: canWriteTeamRatings(ctx.membership, team, ctx.assessment.status),
    };
  }),
});
