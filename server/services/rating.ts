import { and, eq } from 'drizzle-orm';
import { cellRatings, ratingEvents, targets, threatRatings, threats } from '../../db/schema';
import type { Database } from '../../db/client';
import type { MaybeRating } from '../domain/rating';
import type { TeamRef } from '../domain/policy';
import type { AssessmentRow } from './assessment';
import type { Actor, Services } from './context';
import { ServiceError } from './errors';

async function checkThreat(db: Database, assessment: AssessmentRow, threatId: string) {
  const threat = await db.query.threats.findFirst({ where: and(eq(threats.id, threatId), eq(threats.programmeId, assessment.programmeId)) });
  if (!threat) throw new ServiceError('BAD_REQUEST', 'error.threatNotInProgramme');
}

async function checkTarget(db: Database, assessment: AssessmentRow, targetId: string) {
  const target = await db.query.targets.findFirst({ where: and(eq(targets.id, targetId), eq(targets.programmeId, assessment.programmeId)) });
  if (!target) throw new ServiceError('BAD_REQUEST', 'error.targetNotInProgramme');
  if (target.parentId) throw new ServiceError('BAD_REQUEST', 'error.nestedTargetNotRated');
}

type Fields = Record<string, string | boolean | null>;

/** One event per field whose value actually changed. */
function changedFields(before: Record<string, unknown> | undefined, after: Fields) {
  return Object.entries(after).filter(([field, value]) => (before?.[field] ?? null) !== value);
}

const asText = (value: string | boolean | null) => (value === null ? null : String(value));

export interface ThreatRatingInput {
  threatId: string;
  rating: MaybeRating;
  notApplicable: boolean;
  rationale: string;
}

/**
 * A threat rated as a whole: a country team's column in a rapid assessment, or the
 * agreed ecoregional rating in any assessment.
 */
export async function setThreatRating(services: Services, actor: Actor, assessment: AssessmentRow, team: TeamRef, input: ThreatRatingInput) {
  if (assessment.mode === 'detailed' && team.kind === 'country') {
    throw new ServiceError('BAD_REQUEST', 'error.wrongMode', { mode: 'threat × target assessment', expected: 'each threat against each target' });
  }
  await checkThreat(services.db, assessment, input.threatId);
  const key = { assessmentId: assessment.id, teamId: team.id, threatId: input.threatId };
  const values = { rating: input.notApplicable ? null : input.rating, notApplicable: input.notApplicable };
  await services.db.transaction(async (tx) => {
    const before = await tx.query.threatRatings.findFirst({
      where: and(eq(threatRatings.assessmentId, key.assessmentId), eq(threatRatings.teamId, key.teamId), eq(threatRatings.threatId, key.threatId)),
    });
    const changes = changedFields(before, values);
    if (changes.length === 0 && before?.rationale === input.rationale) return;
    const row = { ...key, ...values, rationale: input.rationale, updatedBy: actor.userId, updatedAt: services.now() };
    await tx.insert(threatRatings).values(row).onConflictDoUpdate({ target: [threatRatings.assessmentId, threatRatings.teamId, threatRatings.threatId], set: row });
    await recordEvents(tx as unknown as Database, { ...key, targetId: null }, changes, input.rationale, actor, services.now());
  });
}

export interface CellRatingInput {
  threatId: string;
  targetId: string;
  scope: MaybeRating;
  severity: MaybeRating;
  irreversibility: MaybeRating;
  notApplicable: boolean;
  rationale: string;
}

export async function setCellRating(services: Services, actor: Actor, assessment: AssessmentRow, team: TeamRef, input: CellRatingInput) {
  if (assessment.mode !== 'detailed' || team.kind !== 'country') {
    throw new ServiceError('BAD_REQUEST', 'error.wrongMode', { mode: 'rapid assessment', expected: 'each threat as a whole' });
  }
  await checkThreat(services.db, assessment, input.threatId);
  await checkTarget(services.db, assessment, input.targetId);
  const key = { assessmentId: assessment.id, teamId: team.id, threatId: input.threatId, targetId: input.targetId };
  const values = { scope: input.scope, severity: input.severity, irreversibility: input.irreversibility, notApplicable: input.notApplicable };
  await services.db.transaction(async (tx) => {
    const before = await tx.query.cellRatings.findFirst({
      where: and(eq(cellRatings.assessmentId, key.assessmentId), eq(cellRatings.teamId, key.teamId), eq(cellRatings.threatId, key.threatId), eq(cellRatings.targetId, key.targetId)),
    });
    const changes = changedFields(before, values);
    if (changes.length === 0 && before?.rationale === input.rationale) return;
    const row = { ...key, ...values, rationale: input.rationale, updatedBy: actor.userId, updatedAt: services.now() };
    await tx.insert(cellRatings).values(row).onConflictDoUpdate({
      target: [cellRatings.assessmentId, cellRatings.teamId, cellRatings.threatId, cellRatings.targetId],
      set: row,
    });
    await recordEvents(tx as unknown as Database, key, changes, input.rationale, actor, services.now());
  });
}

async function recordEvents(
  db: Database,
  key: { assessmentId: string; teamId: string; threatId: string; targetId: string | null },
  changes: [string, string | boolean | null][],
  rationale: string,
  actor: Actor,
  at: Date,
) {
  const rows = (changes.length ? changes : [['rationale', rationale] as const]).map(([field, value]) => ({
    ...key, field, value: asText(value), rationale, actorId: actor.userId, at,
  }));
  await db.insert(ratingEvents).values(rows);
}
