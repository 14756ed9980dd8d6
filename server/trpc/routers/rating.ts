import { z } from 'zod';
import { MAX_RATIONALE_LENGTH } from '../../collab/document';
import { RATING_LEVELS } from '../../domain/rating';
import { ratingHistory, setCellRating, setThreatRating } from '../../services/rating';
import { assessmentProcedure, inputError, recordId, router, teamEditorProcedure, typedText } from '../init';

// Every field is optional: what a request leaves out stays as it is (a script setting a level keeps the rationale).
const level = z.enum(RATING_LEVELS, inputError('error.input.rating')).nullable().optional();
const notApplicable = z.boolean().optional();
// Blank space around a rationale is dropped (only blanks is none), as in the pages' fields.
const rationale = typedText().max(MAX_RATIONALE_LENGTH, inputError('error.input.rationaleTooLong')).optional();

export const ratingRouter = router({
  setThreat: teamEditorProcedure
    .input(z.object({ threatId: recordId(), rating: level, notApplicable, rationale }))
    .mutation(({ ctx, input }) => setThreatRating(ctx.services, ctx.actor, ctx.assessment, ctx.team, input)),
  setCell: teamEditorProcedure
    .input(z.object({
      threatId: recordId(), targetId: recordId(), scope: level, severity: level, irreversibility: level,
      notApplicable, rationale,
    }))
    .mutation(({ ctx, input }) => setCellRating(ctx.services, ctx.actor, ctx.assessment, ctx.team, input)),
  history: assessmentProcedure
    .input(z.object({ teamId: recordId(), threatId: recordId(), targetId: recordId().nullable().default(null) }))
    .query(({ ctx, input }) => ratingHistory(ctx.services, ctx.assessment, input)),
});
