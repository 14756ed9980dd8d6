import { eq } from 'drizzle-orm';
import { assessments, teams, threats, targets } from '../../db/schema';
import type { DatabaseHandle } from '../../db/client';
import type { Services } from '../services/context';
import { createServices } from '../services/create';
import { createUserWithRole } from '../services/invite';
import { DEFAULT_SEED, readSeed, seedProgramme } from '../services/seed';
import { loadActor } from '../services/user';
import { createCaller } from '../trpc/root';
import { openTestDatabase } from './database';

export const PASSWORD = 'correct horse battery';
export const TEST_SECRET = 'test-secret-that-is-at-least-32-characters-long';

/**
 * The seeded AHEC programme with one person per role, and a tRPC caller for each:
 * what integration tests need to act as real users without HTTP.
 */
export async function openWorld() {
  const handle: DatabaseHandle = await openTestDatabase();
  const services: Services = createServices(handle, { publicUrl: 'http://heilong.test', authSecret: TEST_SECRET });
  const { programmeId } = await seedProgramme(handle.db, await readSeed(DEFAULT_SEED));
  const teamRows = await handle.db.select().from(teams).where(eq(teams.programmeId, programmeId));
  const team = (key: string) => teamRows.find((t) => t.key === key)!;
  const threatRows = await handle.db.select().from(threats).where(eq(threats.programmeId, programmeId));
  const targetRows = await handle.db.select().from(targets).where(eq(targets.programmeId, programmeId));
  const [published] = await handle.db.select().from(assessments).where(eq(assessments.programmeId, programmeId));

  const person = async (label: string, role: 'facilitator' | 'member' | 'observer', teamKey?: string) => {
    const { userId } = await createUserWithRole(
      services,
      { name: label, email: `${label}@heilong.test`, password: PASSWORD },
      { programmeId, role, teamId: teamKey ? team(teamKey).id : null },
    );
    return userId;
  };
  const ids = {
    facilitator: await person('facilitator', 'facilitator'),
    chinaMember: await person('china', 'member', 'china'),
    russiaMember: await person('russia', 'member', 'russia'),
    observer: await person('observer', 'observer'),
  };
  const callerFor = async (userId: string | null) =>
    createCaller({ services, actor: userId ? await loadActor(services, userId) : null });

  return {
    handle,
    services,
    programmeId,
    team,
    threats: threatRows.sort((a, b) => a.position - b.position),
    targets: targetRows.sort((a, b) => a.position - b.position),
    publishedAssessment: published!,
    ids,
    /** Another person with a role (labels become names and e-mail addresses, so keep them unique). */
    person,
    callerFor,
    async close() {
      await services.rooms.close();
      await handle.close();
    },
  };
}

export type World = Awaited<ReturnType<typeof openWorld>>;
