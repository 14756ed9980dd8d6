import { z } from 'zod';
import { MAX_RATIONALE_LENGTH } from '../../collab/document';
import { RATING_LEVELS } from '../../domain/rating';
import { ratingHistory, setCellRating, setThreatRating } from '../../services/rating';
import { assessmentProcedure, inputError, router, teamEditorProcedure } from '../init';

const level = z.enum(RATING_LEVELS, inputError('error.input.rating')).nullable();
// Blank space around a rationale is dropped (only blanks is none), as in the pages' fields.
const rationale = z.string().trim().max(MAX_RATIONALE_LENGTH, inputError('error.input.rationaleTooLong')).default('');

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
