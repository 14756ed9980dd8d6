import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { violatedUniqueConstraint } from '../../db/unavailable';
import { ASSESSMENT_NAME_INDEX, assessments, cellRatings, publishedSummaries, targets, teams, threatRatings, threats } from '../../db/schema';
import type { AssessmentMode } from '../domain/method';
import { buildThreatTable } from '../domain/threat-table';
import { canChangeStatus, canWriteTeamRatings, isAssessmentEditable, type AssessmentStatus, type Membership } from '../domain/policy';
import type { Actor, Services } from './context';
import { notFound, ServiceError, statusChangeRefused } from './errors';

export type AssessmentRow = typeof assessments.$inferSelect;

export async function findAssessment({ db }: Services, assessmentId: string): Promise<AssessmentRow> {
  const assessment = await db.query.assessments.findFirst({ where: eq(assessments.id, assessmentId) });
  if (!assessment) throw notFound('assessment');
  return assessment;
}

/** What an assessment is rated over, in the plan's order; nested targets are not rated, so only top-level ones. */
async function loadRatedFrame(db: Database, programmeId: string) {
  const [teamRows, threatRows, targetRows] = await Promise.all([
    db.select().from(teams).where(eq(teams.programmeId, programmeId)).orderBy(asc(teams.position)),
    db.select({ id: threats.id, name: threats.name }).from(threats).where(eq(threats.programmeId, programmeId)).orderBy(asc(threats.position)),
    db.select({ id: targets.id, name: targets.name }).from(targets)
      .where(and(eq(targets.programmeId, programmeId), isNull(targets.parentId))).orderBy(asc(targets.position)),
  ]);
  return { teamRows, threatRows, targetRows };
}

export async function getThreatTable(services: Services, assessment: AssessmentRow) {
  const { db } = services;
  const [{ teamRows, threatRows, targetRows }, threatEntries, cellEntries, publishedRows] = await Promise.all([
    loadRatedFrame(db, assessment.programmeId),
    db.select().from(threatRatings).where(eq(threatRatings.assessmentId, assessment.id)),
    db.select().from(cellRatings).where(eq(cellRatings.assessmentId, assessment.id)),
    db.select().from(publishedSummaries).where(eq(publishedSummaries.assessmentId, assessment.id)),
  ]);
  const table = buildThreatTable({
    mode: assessment.mode,
    teams: teamRows,
    threats: threatRows,
    targetIds: targetRows.map((t) => t.id),
    threatEntries,
    cellEntries,
    published: new Map(publishedRows.map((p) => [p.teamId, p.overall])),
  });
  return { assessment, teams: teamRows, ...table };
}

/**
 * What a workshop page needs to open the collaborative documents: the teams (with
 * whether the viewer may write each one), the threats and the top-level targets,
 * in the plan's order, and who the viewer is (for presence and local storage).
 */
export async function getWorkspace({ db }: Services, assessment: AssessmentRow, actor: Actor, membership: Membership) {
  const { teamRows, threatRows, targetRows } = await loadRatedFrame(db, assessment.programmeId);
  return {
    assessment: {
      id: assessment.id, programmeId: assessment.programmeId, name: assessment.name, year: assessment.year,
      mode: assessment.mode, status: assessment.status,
    },
    teams: teamRows.map((team) => ({
      id: team.id, key: team.key, name: team.name, landscape: team.landscape, kind: team.kind,
      canWrite: canWriteTeamRatings(membership, team, assessment.status),
    })),
    threats: threatRows,
    targets: targetRows,
    viewer: { userId: actor.userId, name: actor.name, role: membership.role, teamId: membership.teamId },
  };
}

export type Workspace = Awaited<ReturnType<typeof getWorkspace>>;

export interface NewAssessment {
  programmeId: string;
  name: string;
  year: number;
  mode: AssessmentMode;
}

export async function createAssessment({ db }: Services, input: NewAssessment) {
  const existing = await db.query.assessments.findFirst({
    where: and(eq(assessments.programmeId, input.programmeId), sql`lower(${assessments.name}) = lower(${input.name})`),
  });
  if (existing) throw new ServiceError('CONFLICT', 'error.duplicateAssessment', { name: input.name });
  // Keys only identify seeded assessments; names may be in any script, so new ones get a random key.
  const key = `${input.year}-${randomUUID().slice(0, 8)}`;
  const [row] = await db.insert(assessments).values({ ...input, key, status: 'draft' }).returning().catch((error: unknown) => {
    // Another request created one of that name since the check above.
    if (violatedUniqueConstraint(error) === ASSESSMENT_NAME_INDEX) throw new ServiceError('CONFLICT', 'error.duplicateAssessment', { name: input.name });
    throw error;
  });
  return row!;
}

export async function changeStatus({ db, now, rooms }: Services, assessment: AssessmentRow, to: AssessmentStatus) {
  // Another facilitator made the same move a moment before: what was asked for holds, and there is nothing to store
  // (the rooms are told again: cheap, and it mends rooms a failed closing left read-only without reading back).
  if (assessment.status === to) {
    await rooms.statusChanged(assessment.id, to);
    return assessment;
  }
  if (!canChangeStatus(assessment.status, to)) {
    throw statusChangeRefused('BAD_REQUEST', assessment.status, to);
  }
  // The open rooms stop taking changes before the new status is stored, not after: a change arriving while the
  // database stores it would otherwise be taken into a closed assessment, after its closing time. They take them
  // again only once an opening is stored.
  const stopsWrites = isAssessmentEditable(assessment.status) && !isAssessmentEditable(to);
  const held = stopsWrites ? await rooms.holdStatus(assessment.id, to) : null;
  let row: AssessmentRow | undefined;
  let stored: AssessmentRow | undefined;
  try {
    // Conditional on the status we checked, so two facilitators cannot race past a rule.
    [row] = await db
      .update(assessments)
      .set({ status: to, statusChangedAt: now() })
      .where(and(eq(assessments.id, assessment.id), eq(assessments.status, assessment.status)))
      .returning();
  } finally {
    held?.release();
    // Not stored (someone changed it first, or the database failed): the rooms go by what is stored. If even that
    // cannot be read, they stay read-only until they are next loaded.
    if (!row) {
      stored = await db.query.assessments.findFirst({ where: eq(assessments.id, assessment.id) }).catch(() => undefined);
      if (held && stored) await rooms.statusChanged(assessment.id, stored.status);
    }
  }
  if (!row && stored?.status === to) return stored;
  if (!row) throw statusChangeRefused('CONFLICT', assessment.status, to);
  if (!stopsWrites) await rooms.statusChanged(assessment.id, to);
  return row;
}
