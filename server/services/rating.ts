import { and, desc, eq, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { ratingEvents, targets, threats, users } from '../../db/schema';
import type { Database } from '../../db/client';
import type { CellValues, ThreatValues } from '../collab/document';
import { ratesCells } from '../domain/method';
import type { TeamRef } from '../domain/policy';
import type { AssessmentRow } from './assessment';
import type { Actor, Services } from './context';
import { ServiceError } from './errors';

/**
 * Rating writes from the API go through the same live documents as the workshop,
 * so browsers see them at once and the history is derived in one place.
 */

async function checkThreat(db: Database, assessment: AssessmentRow, threatId: string) {
  const threat = await db.query.threats.findFirst({ where: and(eq(threats.id, threatId), eq(threats.programmeId, assessment.programmeId)) });
  if (!threat) throw new ServiceError('BAD_REQUEST', 'error.threatNotInProgramme');
}

async function checkTarget(db: Database, assessment: AssessmentRow, targetId: string) {
  const target = await db.query.targets.findFirst({ where: and(eq(targets.id, targetId), eq(targets.programmeId, assessment.programmeId)) });
  if (!target) throw new ServiceError('BAD_REQUEST', 'error.targetNotInProgramme');
  if (target.parentId) throw new ServiceError('BAD_REQUEST', 'error.nestedTargetNotRated');
}

/** The fields to change; those left out stay as they are. */
export interface ThreatRatingInput extends Partial<ThreatValues> {
  threatId: string;
}

/**
 * A threat rated as a whole: a country team's column in a rapid assessment, or the
 * agreed ecoregional rating in any assessment.
 */
export async function setThreatRating(services: Services, actor: Actor, assessment: AssessmentRow, team: TeamRef, input: ThreatRatingInput) {
  if (ratesCells({ mode: assessment.mode, teamKind: team.kind })) {
    throw new ServiceError('BAD_REQUEST', 'error.rateCellsNotThreats');
  }
  await checkThreat(services.db, assessment, input.threatId);
  // A threat is one or the other: not applicable clears the rating, and a level given alone makes it apply again.
  const notApplicable = input.notApplicable ?? (input.rating ? false : undefined);
  const values: Partial<ThreatValues> = { rating: notApplicable ? null : input.rating, notApplicable, rationale: input.rationale };
  await services.rooms.change({ assessmentId: assessment.id, teamId: team.id }, actor.userId, { kind: 'threat', threatId: input.threatId, values });
}

/** The fields to change; those left out stay as they are. */
export interface CellRatingInput extends Partial<CellValues> {
  threatId: string;
  targetId: string;
}

export async function setCellRating(services: Services, actor: Actor, assessment: AssessmentRow, team: TeamRef, input: CellRatingInput) {
  if (!ratesCells({ mode: assessment.mode, teamKind: team.kind })) {
    // Say which half of the rule was missed: the agreed column is never cells; rapid assessments have none.
    throw new ServiceError('BAD_REQUEST', team.kind !== 'country' ? 'error.agreedIsWhole' : 'error.rateThreatsNotCells');
  }
  await checkThreat(services.db, assessment, input.threatId);
  await checkTarget(services.db, assessment, input.targetId);
  // Field by field: the input also holds the request's other parameters (tRPC merges them).
  const { threatId, targetId, scope, severity, irreversibility, notApplicable, rationale } = input;
  const values: Partial<CellValues> = { scope, severity, irreversibility, notApplicable, rationale };
  await services.rooms.change({ assessmentId: assessment.id, teamId: team.id }, actor.userId, { kind: 'cell', threatId, targetId, values });
}

const claimedAuthors = alias(users, 'claimed_authors');

/** Who changed a rating, what to, when and why (and whose browser made it, where someone else sent it): newest first. */
export async function ratingHistory(
  { db }: Services,
  assessment: AssessmentRow,
  where: { teamId: string; threatId: string; targetId: string | null },
) {
  return db
    .select({
      id: ratingEvents.id, field: ratingEvents.field, value: ratingEvents.value, kept: ratingEvents.kept, rationale: ratingEvents.rationale,
      at: ratingEvents.at, actorName: users.name, claimedAuthorName: claimedAuthors.name,
    })
    .from(ratingEvents)
    .leftJoin(users, eq(users.id, ratingEvents.actorId))
    .leftJoin(claimedAuthors, eq(claimedAuthors.id, ratingEvents.claimedAuthorId))
    .where(and(
      eq(ratingEvents.assessmentId, assessment.id),
      eq(ratingEvents.teamId, where.teamId),
      eq(ratingEvents.threatId, where.threatId),
      where.targetId ? eq(ratingEvents.targetId, where.targetId) : isNull(ratingEvents.targetId),
    ))
    .orderBy(desc(ratingEvents.id));
}
