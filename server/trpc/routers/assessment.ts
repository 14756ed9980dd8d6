import { z } from 'zod';
import { ASSESSMENT_MODES, ASSESSMENT_YEARS, MAX_ASSESSMENT_NAME_LENGTH } from '../../domain/method';
import { ASSESSMENT_STATUSES } from '../../domain/policy';
import { changeStatus, createAssessment, getThreatTable, getWorkspace } from '../../services/assessment';
import { assessmentFacilitatorProcedure, assessmentProcedure, facilitatorProcedure, inputError, router, typedName } from '../init';

export const assessmentRouter = router({
  threatTable: assessmentProcedure.query(({ ctx }) => getThreatTable(ctx.services, ctx.assessment)),
  /** Teams (with what the caller may write), threats and top-level targets: the workshop pages' frame. */
  workspace: assessmentProcedure.query(({ ctx }) => getWorkspace(ctx.services, ctx.assessment, ctx.actor, ctx.membership)),
  create: facilitatorProcedure
    .input(z.object({
      name: typedName().min(1, inputError('error.input.assessmentName')).max(MAX_ASSESSMENT_NAME_LENGTH, inputError('error.input.assessmentNameTooLong')),
      year: z.number(inputError('error.input.year')).int(inputError('error.input.year'))
        .min(ASSESSMENT_YEARS.first, inputError('error.input.yearTooEarly')).max(ASSESSMENT_YEARS.last, inputError('error.input.yearTooLate')),
      mode: z.enum(ASSESSMENT_MODES),
    }))
    .mutation(({ ctx, input }) => createAssessment(ctx.services, input)),
  setStatus: assessmentFacilitatorProcedure
    .input(z.object({ status: z.enum(ASSESSMENT_STATUSES) }))
    .mutation(({ ctx, input }) => changeStatus(ctx.services, ctx.assessment, input.status)),
});
