import { and, eq } from 'drizzle-orm';
import { teams } from '../../db/schema';
import type { Services } from './context';
import { ServiceError } from './errors';

export async function findTeam({ db }: Services, programmeId: string, teamId: string) {
  const team = await db.query.teams.findFirst({ where: and(eq(teams.id, teamId), eq(teams.programmeId, programmeId)) });
  if (!team) throw new ServiceError('BAD_REQUEST', 'error.teamNotInProgramme');
  return team;
}
