import { readFile } from 'node:fs/promises';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { violatedUniqueConstraint } from '../../db/unavailable';
import {
  ASSESSMENT_NAME_INDEX,
  assessments, goals, modules, objectives, programmes, publishedSummaries, strategies, strategyModules, strategyThreats,
  targets, teams, threatRatings, threats,
} from '../../db/schema';
import { ASSESSMENT_MODES, TEAM_KINDS } from '../domain/method';
import { ASSESSMENT_STATUSES } from '../domain/policy';
import { RATING_LEVELS } from '../domain/rating';

/** The shape of a programme's seed file (e.g. db/seed/ahec.json). */
const level = z.enum(RATING_LEVELS);
const key = z.string().regex(/^[a-z0-9-]+$/, 'keys are lower-case kebab-case');
export const seedSchema = z.object({
  programme: z.object({ key, name: z.string(), shortName: z.string(), description: z.string() }),
  teams: z.array(z.object({ key, name: z.string(), landscape: z.string(), kind: z.enum(TEAM_KINDS), language: z.string() })),
  targets: z.array(z.object({
    key, name: z.string(), description: z.string().default(''),
    nested: z.array(z.object({ key, name: z.string(), scientificName: z.string().optional() })).default([]),
  })),
  threats: z.array(z.object({ key, name: z.string() })),
  modules: z.array(z.object({
    number: z.number().int(), name: z.string(),
    goal: z.object({ code: z.string(), text: z.string() }),
    objectives: z.array(z.object({ code: z.string(), text: z.string() })),
  })),
  strategies: z.array(z.object({ number: z.number().int(), name: z.string(), modules: z.array(z.number().int()), threats: z.array(key) })),
  assessments: z.array(z.object({
    key, name: z.string(), year: z.number().int(), mode: z.enum(ASSESSMENT_MODES),
    status: z.enum(ASSESSMENT_STATUSES), source: z.string().optional(),
    threatRatings: z.record(z.string(), z.record(z.string(), z.union([level, z.literal('not_applicable')]))).default({}),
    publishedOverall: z.record(z.string(), level).default({}),
  })),
  notes: z.array(z.string()).default([]),
});
export type SeedData = z.infer<typeof seedSchema>;

export const DEFAULT_SEED = new URL('../../db/seed/ahec.json', import.meta.url).pathname;

export async function readSeed(path: string): Promise<SeedData> {
  return seedSchema.parse(JSON.parse(await readFile(path, 'utf8')));
}

function lookup<K, T>(map: Map<K, T>, what: string, k: K): T {
  const found = map.get(k);
  if (!found) throw new Error(`Seed refers to unknown ${what} "${k}"`);
  return found;
}

/**
 * Loads a programme idempotently: reference data is upserted by key, so a second
 * run changes nothing; an assessment is only created if its key is new, so ratings
 * people have entered since are never overwritten by the seed.
 */
export async function seedProgramme(db: Database, data: SeedData): Promise<{ programmeId: string }> {
  return db.transaction(async (tx) => {
    const [programme] = await tx.insert(programmes).values(data.programme)
      .onConflictDoUpdate({ target: programmes.key, set: data.programme }).returning();
    const programmeId = programme!.id;

    const teamIds = new Map<string, string>();
    for (const [position, team] of data.teams.entries()) {
      const values = { ...team, programmeId, position };
      const [row] = await tx.insert(teams).values(values).onConflictDoUpdate({ target: [teams.programmeId, teams.key], set: values }).returning();
      teamIds.set(team.key, row!.id);
    }

    let position = 0;
    for (const target of data.targets) {
      const values = { programmeId, key: target.key, name: target.name, description: target.description, position: position++, parentId: null };
      const [row] = await tx.insert(targets).values(values).onConflictDoUpdate({ target: [targets.programmeId, targets.key], set: values }).returning();
      for (const nested of target.nested) {
        const nestedValues = { programmeId, key: nested.key, name: nested.name, scientificName: nested.scientificName ?? null, description: '', position: position++, parentId: row!.id };
        await tx.insert(targets).values(nestedValues).onConflictDoUpdate({ target: [targets.programmeId, targets.key], set: nestedValues });
      }
    }

    const threatIds = new Map<string, string>();
    for (const [position, threat] of data.threats.entries()) {
      const values = { ...threat, programmeId, position };
      const [row] = await tx.insert(threats).values(values).onConflictDoUpdate({ target: [threats.programmeId, threats.key], set: values }).returning();
      threatIds.set(threat.key, row!.id);
    }

    const moduleIds = new Map<number, string>();
    for (const mod of data.modules) {
      const values = { programmeId, number: mod.number, name: mod.name };
      const [row] = await tx.insert(modules).values(values).onConflictDoUpdate({ target: [modules.programmeId, modules.number], set: values }).returning();
      moduleIds.set(mod.number, row!.id);
      const goalValues = { moduleId: row!.id, ...mod.goal };
      const [goal] = await tx.insert(goals).values(goalValues).onConflictDoUpdate({ target: [goals.moduleId, goals.code], set: goalValues }).returning();
      for (const [position, objective] of mod.objectives.entries()) {
        const objectiveValues = { goalId: goal!.id, ...objective, position };
        await tx.insert(objectives).values(objectiveValues).onConflictDoUpdate({ target: [objectives.goalId, objectives.code], set: objectiveValues });
      }
    }

    for (const strategy of data.strategies) {
      const values = { programmeId, number: strategy.number, name: strategy.name };
      const [row] = await tx.insert(strategies).values(values).onConflictDoUpdate({ target: [strategies.programmeId, strategies.number], set: values }).returning();
      for (const number of strategy.modules) {
        await tx.insert(strategyModules).values({ strategyId: row!.id, moduleId: lookup(moduleIds, 'module', number) }).onConflictDoNothing();
      }
      for (const threatKey of strategy.threats) {
        await tx.insert(strategyThreats).values({ strategyId: row!.id, threatId: lookup(threatIds, 'threat', threatKey) }).onConflictDoNothing();
      }
    }

    for (const assessment of data.assessments) {
      const exists = await tx.query.assessments.findFirst({ where: and(eq(assessments.programmeId, programmeId), eq(assessments.key, assessment.key)) });
      if (exists) continue;
      const [row] = await tx.insert(assessments).values({
        programmeId, key: assessment.key, name: assessment.name, year: assessment.year, mode: assessment.mode,
        status: assessment.status, source: assessment.source ?? null,
      }).returning().catch((error: unknown) => {
        if (violatedUniqueConstraint(error) !== ASSESSMENT_NAME_INDEX) throw error;
        throw new Error(`Seed assessment "${assessment.name}" has the name of an assessment the programme already has: rename one of them`);
      });
      const ratingRows = Object.entries(assessment.threatRatings).flatMap(([threatKey, perTeam]) =>
        Object.entries(perTeam).map(([teamKey, value]) => ({
          assessmentId: row!.id,
          teamId: lookup(teamIds, 'team', teamKey),
          threatId: lookup(threatIds, 'threat', threatKey),
          rating: value === 'not_applicable' ? null : value,
          notApplicable: value === 'not_applicable',
          rationale: assessment.source ?? '',
        })),
      );
      if (ratingRows.length) await tx.insert(threatRatings).values(ratingRows);
      const publishedRows = Object.entries(assessment.publishedOverall).map(([teamKey, overall]) => ({
        assessmentId: row!.id, teamId: lookup(teamIds, 'team', teamKey), overall,
      }));
      if (publishedRows.length) await tx.insert(publishedSummaries).values(publishedRows);
    }
    return { programmeId };
  });
}
