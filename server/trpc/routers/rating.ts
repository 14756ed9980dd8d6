import { z } from 'zod';
import { RATING_LEVELS } from '../../domain/rating';
import { ratingHistory, setCellRating, setThreatRating } from '../../services/rating';
import { assessmentProcedure, router, teamEditorProcedure } from '../init';

const level = z.enum(RATING_LEVELS, { error: `must be one of ${RATING_LEVELS.join(', ')}, or null for not set` }).nullable();
const rationale = z.string().max(4000).default('');

export const ratingRouter = router({
  setThreat: teamEditorProcedure
    .input(z.object({ threatId: z.uuid(), rating: level, notApplicable: z.boolean().default(false), rationale }))
    .mutation(({ ctx, input }) => setThreatRating(ctx.services, ctx.actor, ctx.assessment, ctx.team, input)),
  setCell: teamEditorProcedure
    .input(z.object({
      threatId: z.uuid(), targetId: z.uuid(), scope: level, severity: level, irreversibility: level,
      notApplicable: z.boolean().default(false), rationale,
    }))
    .mutation(({ ctx, input }) => setCellRating(ctx.services, ctx.actor, ctx.assessment, ctx.team, input)),
  history: assessmentProcedure
    .input(z.object({ teamId: z.uuid(), threatId: z.uuid(), targetId: z.uuid().nullable().default(null) }))
    .query(({ ctx, input }) => ratingHistory(ctx.services, ctx.assessment, input)),
});
