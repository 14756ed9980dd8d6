import { initTRPC, TRPCError } from '@trpc/server';
import { z, ZodError } from 'zod';
import { isMessageKey, t as message, type MessageKey } from '../../components/i18n/messages';
import { canManageProgramme, canWriteTeamRatings, isAssessmentEditable } from '../domain/policy';
import { findAssessment } from '../services/assessment';
import { membershipIn, type Actor, type Services } from '../services/context';
import { assessmentReadOnly, forbidden, notFound, ServiceError } from '../services/errors';
import { findTeam } from '../services/team';
import { isStorableText, normalizeName } from '../domain/text';

export interface Context {
  services: Services;
  actor: Actor | null;
  /** The signed-in session, over HTTP (tickets carry it, so signing out closes their sockets too). */
  sessionId?: string | null;
}

/**
 * An input check's error, for a check a user can fail from a form: a catalogue key,
 * which the error formatter renders with the check's bound as `{minimum}`/`{maximum}`.
 */
export const inputError = (key: MessageKey) => ({ error: key });

/** Text a person typed, with blank space around it dropped: anything that cannot be stored is refused in words. */
export const typedText = () => z.string().trim().refine(isStorableText, inputError('error.input.unstorableText'));
/** A name a person typed (of a person, an assessment): kept and compared as `normalizeName` spells it. */
export const typedName = () => z.string().overwrite(normalizeName).refine(isStorableText, inputError('error.input.unstorableText'));
/**
 * A record's id, in the database's own spelling. PostgreSQL compares uuids whatever their case, so an id in capitals
 * finds its row; but ids are also the keys of the live documents and the names of their rooms, where it would name
 * another entry (never derived into a rating, never seen on a page) or another room of the same team.
 */
export const recordId = () => z.uuid().transform((id) => id.toLowerCase());

/**
 * What a user reads for one failed input check. Checks without an `inputError` carry
 * zod's English and the field's code name, so they get the catalogue's general message.
 */
function issueMessage(issue: z.core.$ZodIssue): string {
  if (!isMessageKey(issue.message)) return message('error.invalidInput');
  if (issue.code === 'too_small') return message(issue.message, { minimum: Number(issue.minimum) });
  if (issue.code === 'too_big') return message(issue.message, { maximum: Number(issue.maximum) });
  return message(issue.message);
}

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    if (error.cause instanceof ZodError) {
      return { ...shape, message: [...new Set(error.cause.issues.map(issueMessage))].join(' ') };
    }
    if (error.code === 'INTERNAL_SERVER_ERROR') return { ...shape, message: message('error.internal') };
    // Refusals of services carry catalogue messages; anything else is tRPC's own English (no such procedure, a
    // GET for a mutation, unreadable input), which only a request not made by these pages meets.
    if (!(error.cause instanceof ServiceError)) return { ...shape, message: message('error.request') };
    return shape;
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** The one place where a service's (or a procedure's) expected failures become API errors. */
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
  if (!ctx.actor) throw new ServiceError('UNAUTHORIZED', 'error.unauthorized');
  return next({ ctx: { actor: ctx.actor } });
});

/** Any member of the programme (facilitator, team member, observer) reads it. */
export const programmeProcedure = protectedProcedure
  .input(z.object({ programmeId: recordId() }))
  .use(({ ctx, input, next }) => {
    const membership = membershipIn(ctx.actor, input.programmeId);
    // Not a member: answer as if it did not exist, so ids do not confirm programmes.
    if (!membership) throw notFound('programme');
    return next({ ctx: { membership } });
  });

export const facilitatorProcedure = programmeProcedure.use(({ ctx, next }) => {
  if (!canManageProgramme(ctx.membership)) throw forbidden();
  return next();
});

export const assessmentProcedure = protectedProcedure
  .input(z.object({ assessmentId: recordId() }))
  .use(async ({ ctx, input, next }) => {
    const assessment = await findAssessment(ctx.services, input.assessmentId).catch((error: unknown) => {
      if (error instanceof ServiceError && error.code === 'NOT_FOUND') return null;
      throw error;
    });
    const membership = assessment ? membershipIn(ctx.actor, assessment.programmeId) : null;
    if (!assessment || !membership) throw notFound('assessment');
    return next({ ctx: { assessment, membership } });
  });

export const assessmentFacilitatorProcedure = assessmentProcedure.use(({ ctx, next }) => {
  if (!canManageProgramme(ctx.membership)) throw forbidden();
  return next();
});

/** Writes to one team's ratings: its members and the facilitators, while the assessment is editable. */
export const teamEditorProcedure = assessmentProcedure
  .input(z.object({ teamId: recordId() }))
  .use(async ({ ctx, input, next }) => {
    const team = await findTeam(ctx.services, ctx.assessment.programmeId, input.teamId);
    if (!canWriteTeamRatings(ctx.membership, team, ctx.assessment.status)) {
      const readOnly = !isAssessmentEditable(ctx.assessment.status) && ctx.membership.role !== 'observer';
      throw readOnly ? assessmentReadOnly(ctx.assessment.status) : forbidden();
    }
    return next({ ctx: { team } });
  });
