import { z } from 'zod';
import { issueRoomTicket } from '../../services/collab';
import { assessmentProcedure, recordId, router } from '../init';

export const collabRouter = router({
  /** A short-lived ticket to open one room's socket as the signed-in user. */
  ticket: assessmentProcedure
    .input(z.object({ teamId: recordId() }))
    .mutation(({ ctx, input }) => issueRoomTicket(ctx.services, ctx.actor, ctx.sessionId ?? null, ctx.membership, ctx.assessment, input.teamId)),
});
