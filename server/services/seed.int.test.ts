import { and, count, eq, is, isNotNull, isNull, type SQL } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../db/schema';
import {
  assessments, goals, modules, objectives, programmes, publishedSummaries, strategies, targets, teams, threatRatings, threats,
} from '../../db/schema';
import { openWorld, type World } from '../testing/world';
import { DEFAULT_SEED, readSeed, seedProgramme } from './seed';

/** The AHEC programme as the 2021–2026 Strategic Plan states it. */

let world: World;

beforeAll(async () => {
  world = await openWorld();
});

afterAll(async () => {
  await world?.close();
});

/** Every row of every table, for "a second run changes nothing". */
async function everything() {
  const out: Record<string, string[]> = {};
  for (const [name, table] of Object.entries(schema)) {
    if (!is(table, PgTable)) continue;
    out[name] = (await world.handle.db.select().from(table)).map((row) => JSON.stringify(row)).sort();
  }
  return out;
}

async function n(table: PgTable, where?: SQL) {
  const [row] = await world.handle.db.select({ n: count() }).from(table).where(where);
  return row!.n;
}

describe('seeding AHEC', () => {
  it.each<[string, () => Promise<number>, number]>([
    ['top-level targets', () => n(targets, and(eq(targets.programmeId, world.programmeId), isNull(targets.parentId))), 5],
    ['nested targets', () => n(targets, and(eq(targets.programmeId, world.programmeId), isNotNull(targets.parentId))), 10],
    ['threats', () => n(threats, eq(threats.programmeId, world.programmeId)), 15],
    ['teams', () => n(teams, eq(teams.programmeId, world.programmeId)), 4],
    ['country teams', () => n(teams, and(eq(teams.programmeId, world.programmeId), eq(teams.kind, 'country'))), 3],
    ['modules', () => n(modules, eq(modules.programmeId, world.programmeId)), 7],
    ['goals', () => n(goals), 7],
    ['objectives', () => n(objectives), 28],
    ['strategies', () => n(strategies, eq(strategies.programmeId, world.programmeId)), 8],
    ['assessments', () => n(assessments, eq(assessments.programmeId, world.programmeId)), 1],
    ['threat ratings', () => n(threatRatings, eq(threatRatings.assessmentId, world.publishedAssessment.id)), 60],
    ['published summaries', () => n(publishedSummaries, eq(publishedSummaries.assessmentId, world.publishedAssessment.id)), 4],
  ])('has %s: %i', async (_, howMany, expected) => {
    expect(await howMany()).toBe(expected);
  });

  it('shows the plan through programme.overview, in the plan’s order', async () => {
    const observer = await world.callerFor(world.ids.observer);
    const overview = await observer.programme.overview({ programmeId: world.programmeId });
    expect(overview.programme).toMatchObject({ key: 'ahec', shortName: 'AHEC' });
    expect(overview.teams.map((t) => [t.key, t.kind])).toEqual([
      ['china', 'country'], ['mongolia', 'country'], ['russia', 'country'], ['ecoregional', 'ecoregional'],
    ]);
    expect(overview.targets.map((t) => [t.name, t.nested.length])).toEqual([
      ['Asian big cats', 0], ['Temperate forest', 2], ['Boreal forest', 1], ['Freshwater ecosystems', 5], ['Steppe / Grassland', 2],
    ]);
    expect(overview.threats).toHaveLength(15);
    expect(overview.modules.map((m) => [m.number, m.goals.length, m.goals[0]!.objectives.length])).toEqual([
      [1, 1, 2], [2, 1, 1], [3, 1, 9], [4, 1, 3], [5, 1, 5], [6, 1, 3], [7, 1, 5],
    ]);
    expect(overview.strategies.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const strategy8 = overview.strategies.find((s) => s.number === 8)!;
    expect(strategy8.modules.map((m) => m.number)).toEqual([3, 5]);
    expect(strategy8.threats.map((t) => t.key)).toEqual(['cross-border-illegal-trade', 'illegal-logging', 'poaching']);
    expect(overview.strategies.filter((s) => s.number !== 8).every((s) => s.modules.length === 1)).toBe(true);
    expect(overview.assessments.map((a) => [a.key, a.status, a.mode, a.year])).toEqual([['2020-rapid', 'published', 'rapid', 2020]]);
  });

  it('is idempotent: a second run changes nothing, not even a rating changed in between', async () => {
    const db = world.handle.db;
    const fire = world.threats.find((t) => t.key === 'fire')!;
    const chinaFire = and(
      eq(threatRatings.assessmentId, world.publishedAssessment.id),
      eq(threatRatings.teamId, world.team('china').id),
      eq(threatRatings.threatId, fire.id),
    );
    // Someone revised China / Fire after the seed (the seed has 'low').
    await db.update(threatRatings).set({ rating: 'high', rationale: 'Revised after the 2022 fires' }).where(chinaFire);
    const before = await everything();

    const { programmeId } = await seedProgramme(db, await readSeed(DEFAULT_SEED));

    expect(programmeId).toBe(world.programmeId);
    expect(await everything()).toEqual(before);
    const [row] = await db.select().from(threatRatings).where(chinaFire);
    expect(row).toMatchObject({ rating: 'high', rationale: 'Revised after the 2022 fires' });
    expect(await n(programmes)).toBe(1);

    // Put the published value back for the table test below.
    await db.update(threatRatings).set({ rating: 'low', rationale: 'AHEC Strategic Plan 2021–2026, Table 1' }).where(chinaFire);
  });

  it('a seeded assessment named like one the programme already has is refused in words, and nothing of the run is kept', async () => {
    const db = world.handle.db;
    const seed = await readSeed(DEFAULT_SEED);
    const added = { ...seed.assessments[0]!, key: 'seed-clash', name: 'A facilitator’s review' };
    await db.insert(assessments).values({ programmeId: world.programmeId, key: 'made-by-hand', name: 'A FACILITATOR’S REVIEW', year: 2026, mode: 'rapid' });
    const before = await everything();
    await expect(seedProgramme(db, { ...seed, assessments: [...seed.assessments, added] })).rejects.toThrow(
      'Seed assessment "A facilitator’s review" has the name of an assessment the programme already has: rename one of them',
    );
    expect(await everything()).toEqual(before);
    await db.delete(assessments).where(eq(assessments.key, 'made-by-hand'));
  });
});

describe('the 2020 table (Strategic Plan, Table 1) through assessment.threatTable', () => {
  let table: Awaited<ReturnType<Awaited<ReturnType<World['callerFor']>>['assessment']['threatTable']>>;
  const cell = (threatKey: string, teamKey: string) =>
    table.rows.find((r) => r.threat.id === world.threats.find((t) => t.key === threatKey)!.id)!.cells[world.team(teamKey).id];
  const COLUMNS = ['china', 'mongolia', 'russia', 'ecoregional'];

  beforeAll(async () => {
    const observer = await world.callerFor(world.ids.observer);
    table = await observer.assessment.threatTable({ assessmentId: world.publishedAssessment.id });
  });

  it('is the published rapid assessment, threats in the plan’s order', () => {
    expect(table.assessment).toMatchObject({ status: 'published', mode: 'rapid', year: 2020 });
    expect(table.teams.map((t) => t.key)).toEqual(COLUMNS);
    expect(table.rows.map((r) => r.threat.name).slice(0, 3)).toEqual(['Fire', 'Climate Change', 'Cross-border illegal trade']);
  });

  it.each([
    ['fire', 'china', { rating: 'low', notApplicable: false }],
    ['fire', 'russia', { rating: 'very_high', notApplicable: false }],
    ['fire', 'ecoregional', { rating: 'medium', notApplicable: false }],
    ['unsustainable-hunting', 'china', { rating: null, notApplicable: true }],
    ['unsustainable-hunting', 'mongolia', { rating: 'medium', notApplicable: false }],
    ['illegal-logging', 'russia', { rating: 'very_high', notApplicable: false }],
  ])('%s / %s is %o', (threatKey, teamKey, expected) => {
    expect(cell(threatKey, teamKey)).toEqual(expected);
  });

  it('keeps the published summaries and computes Miradi’s', () => {
    const summaries = COLUMNS.map((key) => table.summaries[world.team(key).id]!);
    expect(summaries.map((s) => s.published)).toEqual(['very_high', 'very_high', 'very_high', 'very_high']);
    expect(summaries.map((s) => s.computedTargetSummary)).toEqual(['high', 'high', 'very_high', 'high']);
    expect(summaries.map((s) => s.computedOverall)).toEqual(['very_high', 'very_high', 'very_high', 'very_high']);
  });
});
