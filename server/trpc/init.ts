import { initTRPC, TRPCError } from '@trpc/server';
import { z, ZodError } from 'zod';
import { t as message } from '../../components/i18n/messages';
import { canManageProgramme, canWriteTeamRatings, isAssessmentEditable } from '../domain/policy';
import { findAssessment } from '../services/assessment';
import { membershipIn, type Actor, type Services } from '../services/context';
import { ServiceError } from '../services/errors';
import { findTeam } from '../services/team';

export interface Context {
  services: Services;
  actor: Actor | null;
}

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    if (error.cause instanceof ZodError) {
      const details = error.cause.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
      return { ...shape, message: message('error.invalidInput', { details }) };
    }
    if (error.code === 'INTERNAL_SERVER_ERROR') return { ...shape, message: message('error.internal') };
    return shape;
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** The one place where a service's expected failures become API errors. */
const mapServiceErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof ServiceError) {
    const cause = result.error.cause;
    return { ...result, error: new TRPCError({ code: cause.code, message: cause.message, cause }) };
  }
  return result;
});

export const publicProcedure = t.procedure.use(mapServiceErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) throw new TRPCError({ code: 'UNAUTHORIZED', message: message('error.unauthorized') });
  return next({ ctx: { actor: ctx.actor } });
});

const forbidden = (key: Parameters<typeof message>[0] = 'error.forbidden', params?: Record<string, string>) =>
  new TRPCError({ code: 'FORBIDDEN', message: message(key, params) });

/** Any member of the programme (facilitator, team member, observer) reads it. */
export const programmeProcedure = protectedProcedure
  .input(z.object({ programmeId: z.uuid() }))
  .use(({ ctx, input, next }) => {
    const membership = membershipIn(ctx.actor, input.programmeId);
    // Not a member: answer as if it did not exist, so ids do not confirm programmes.
    if (!membership) throw new TRPCError({ code: 'NOT_FOUND', message: message('error.notFound', { thing: 'Programme' }) });
    return next({ ctx: { membership } });
  });

export const facilitatorProcedure = programmeProcedure.use(({ ctx, next }) => {
  if (!canManageProgramme(ctx.membership)) throw forbidden();
  return next();
});

export const assessmentProcedure = protectedProcedure
  .input(z.object({ assessmentId: z.uuid() }))
  .use(async ({ ctx, input, next }) => {
    const assessment = await findAssessment(ctx.services, input.assessmentId).catch((error: unknown) => {
      if (error instanceof ServiceError && error.code === 'NOT_FOUND') return null;
      throw error;
    });
    const membership = assessment ? membershipIn(ctx.actor, assessment.programmeId) : null;
    if (!assessment || !membership) throw new TRPCError({ code: 'NOT_FOUND', message: message('error.notFound', { thing: 'Assessment' }) });
    return next({ ctx: { assessment, membership } });
  });

export const assessmentFacilitatorProcedure = assessmentProcedure.use(({ ctx, next }) => {
  if (!canManageProgramme(ctx.membership)) throw forbidden();
  return next();
});

/** Writes to one team's ratings: its members and the facilitators, while the assessment is editable. */
export const teamEditorProcedure = assessmentProcedure
  .input(z.object({ teamId: z.uuid() }))
  .use(async ({ ctx, input, next }) => {
    const team = await findTeam(ctx.services, ctx.assessment.programmeId, input.teamId);
    if (!canWriteTeamRatings(ctx.membership, team, ctx.assessment.status)) {
      const readOnly = !isAssessmentEditable(ctx.assessment.status) && ctx.membership.role !== 'observer';
      throw readOnly ? forbidden('error.assessmentReadOnly', { status: ctx.assessment.status }) : forbidden();
    }
    return next({ ctx: { team } });
  });
