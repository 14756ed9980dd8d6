import { asc, eq, inArray } from 'drizzle-orm';
import {
  assessments, goals, modules, objectives, programmes, strategies, strategyModules, strategyThreats, targets, teams, threats,
} from '../../db/schema';
import type { Actor, Services } from './context';
import { notFound } from './errors';

/** The person's programmes, each with their role in it and, for a team member, their team's name. */
export async function listProgrammes({ db }: Services, actor: Actor) {
  const ids = actor.memberships.map((m) => m.programmeId);
  if (ids.length === 0) return [];
  const teamIds = actor.memberships.flatMap((m) => (m.teamId ? [m.teamId] : []));
  const [rows, teamRows] = await Promise.all([
    db.select().from(programmes).where(inArray(programmes.id, ids)).orderBy(asc(programmes.name)),
    teamIds.length ? db.select({ id: teams.id, name: teams.name }).from(teams).where(inArray(teams.id, teamIds)) : [],
  ]);
  return rows.map((p) => {
    const { role, teamId } = actor.memberships.find((m) => m.programmeId === p.id)!;
    return { ...p, role, teamName: teamRows.find((team) => team.id === teamId)?.name ?? null };
  });
}

/** Everything the programme overview shows, in the plan's order. */
export async function getProgrammeOverview({ db }: Services, programmeId: string) {
  const programme = await db.query.programmes.findFirst({ where: eq(programmes.id, programmeId) });
  if (!programme) throw notFound('programme');
  const [teamRows, targetRows, threatRows, moduleRows, strategyRows, assessmentRows] = await Promise.all([
    db.select().from(teams).where(eq(teams.programmeId, programmeId)).orderBy(asc(teams.position)),
    db.select().from(targets).where(eq(targets.programmeId, programmeId)).orderBy(asc(targets.position)),
    db.select().from(threats).where(eq(threats.programmeId, programmeId)).orderBy(asc(threats.position)),
    db.select().from(modules).where(eq(modules.programmeId, programmeId)).orderBy(asc(modules.number)),
    db.select().from(strategies).where(eq(strategies.programmeId, programmeId)).orderBy(asc(strategies.number)),
    db.select().from(assessments).where(eq(assessments.programmeId, programmeId)).orderBy(asc(assessments.year), asc(assessments.name)),
  ]);
  const moduleIds = moduleRows.map((m) => m.id);
  const strategyIds = strategyRows.map((s) => s.id);
  const [goalRows, strategyModuleRows, strategyThreatRows] = await Promise.all([
    moduleIds.length ? db.select().from(goals).where(inArray(goals.moduleId, moduleIds)) : [],
    strategyIds.length ? db.select().from(strategyModules).where(inArray(strategyModules.strategyId, strategyIds)) : [],
    strategyIds.length ? db.select().from(strategyThreats).where(inArray(strategyThreats.strategyId, strategyIds)) : [],
  ]);
  const objectiveRows = goalRows.length
    ? await db.select().from(objectives).where(inArray(objectives.goalId, goalRows.map((g) => g.id))).orderBy(asc(objectives.position))
    : [];

  const threatIndex = new Map(threatRows.map((t) => [t.id, t]));
  const moduleIndex = new Map(moduleRows.map((m) => [m.id, m]));
  return {
    programme,
    teams: teamRows,
    targets: targetRows
      .filter((t) => t.parentId === null)
      .map((t) => ({ ...t, nested: targetRows.filter((n) => n.parentId === t.id) })),
    threats: threatRows,
    modules: moduleRows.map((m) => ({
      ...m,
      goals: goalRows
        .filter((g) => g.moduleId === m.id)
        .map((g) => ({ ...g, objectives: objectiveRows.filter((o) => o.goalId === g.id) })),
    })),
    strategies: strategyRows.map((s) => ({
      ...s,
      modules: strategyModuleRows.filter((l) => l.strategyId === s.id).map((l) => moduleIndex.get(l.moduleId)!).sort((a, b) => a.number - b.number),
      threats: strategyThreatRows.filter((l) => l.strategyId === s.id).map((l) => threatIndex.get(l.threatId)!).sort((a, b) => a.position - b.position),
    })),
    assessments: assessmentRows,
  };
}
