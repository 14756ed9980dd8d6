import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { and, eq } from 'drizzle-orm';
import { programmes, teams } from '../../db/schema';
import { createDemoMembers, loadEnvOrExit, openServices } from '../bootstrap';
import { ROLES, type Role } from '../domain/policy';
import type { Services } from '../services/context';
import { ServiceError } from '../services/errors';
import { createInvite, createUserWithRole, INVITE_LIFETIME_MS } from '../services/invite';
import { DEFAULT_SEED, readSeed, seedProgramme } from '../services/seed';

const USAGE = `Heilong administration — npm run heilong -- <command> [options]

  migrate                                   apply database migrations (also done at every start)
  seed [--file db/seed/ahec.json]           load a programme from a seed file (idempotent)
  create-facilitator --email E --name N     create a facilitator; prints a generated password once
       [--programme KEY]
  invite --role facilitator|member|observer create a single-use invitation link (7 days)
       [--team KEY] [--programme KEY]
  demo [--programme KEY]                    create one member per country team; prints passwords once

With the embedded database, stop the app first: only one process can open it.
Settings come from the same environment variables as the app (DATABASE_URL, HEILONG_DATA_DIR …).`;

async function programmeByKey(services: Services, key: string | undefined) {
  const rows = await services.db.select().from(programmes).where(key ? eq(programmes.key, key) : undefined);
  if (rows.length === 0) throw new Error(key ? `No programme with key "${key}".` : 'No programme yet: run `seed` first.');
  if (rows.length > 1) throw new Error(`Several programmes exist; choose one with --programme (${rows.map((p) => p.key).join(', ')}).`);
  return rows[0]!;
}

async function teamByKey(services: Services, programmeId: string, key: string | undefined) {
  if (!key) return null;
  const team = await services.db.query.teams.findFirst({ where: and(eq(teams.programmeId, programmeId), eq(teams.key, key)) });
  if (!team) throw new Error(`No team "${key}" in this programme.`);
  return team.id;
}

async function run(command: string | undefined, values: Record<string, string | undefined>, services: Services) {
  switch (command) {
    case 'migrate':
      return 'Database is migrated.';
    case 'seed': {
      const { programmeId } = await seedProgramme(services.db, await readSeed(values.file ?? DEFAULT_SEED));
      return `Seeded programme ${programmeId}.`;
    }
    case 'create-facilitator': {
      if (!values.email || !values.name) throw new Error('create-facilitator needs --email and --name.');
      const programme = await programmeByKey(services, values.programme);
      const password = randomBytes(12).toString('base64url');
      await createUserWithRole(services, { email: values.email, name: values.name, password }, { programmeId: programme.id, role: 'facilitator' });
      return `Facilitator ${values.email} created for ${programme.name}.\nPassword (shown once): ${password}`;
    }
    case 'invite': {
      const role = values.role as Role;
      if (!ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}.`);
      const programme = await programmeByKey(services, values.programme);
      const teamId = await teamByKey(services, programme.id, values.team);
      const invite = await createInvite(services, null, { programmeId: programme.id, role, teamId });
      return `Invitation (${role}), valid ${INVITE_LIFETIME_MS / 86_400_000} days until ${invite.expiresAt.toISOString()}:\n${invite.url}`;
    }
    case 'demo': {
      const programme = await programmeByKey(services, values.programme);
      await createDemoMembers(services, programme.id);
      return 'Demo members are in place.';
    }
    case undefined:
      return USAGE;
    default:
      throw new Error(`unknown command "${command}".\n\n${USAGE}`);
  }
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { file: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, programme: { type: 'string' }, role: { type: 'string' }, team: { type: 'string' } },
});
const env = loadEnvOrExit();
const { handle, services } = await openServices(env);
try {
  console.log(await run(positionals[0], values, services));
} catch (error) {
  console.error(error instanceof ServiceError || error instanceof Error ? `Error: ${error.message}` : error);
  process.exitCode = 1;
} finally {
  await handle.close();
}
