import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { like } from 'drizzle-orm';
import { openDatabase, type DatabaseHandle } from '../db/client';
import { users } from '../db/schema';
import { EnvError, parseEnv, type Env } from './env';
import type { Services } from './services/context';
import { createServices } from './services/create';
import { createSetupInviteIfNoUsers, createUserWithRole } from './services/invite';
import { DEFAULT_SEED, readSeed, seedProgramme } from './services/seed';

/** Reads the environment once; a bad setting ends the process with what to fix. */
export function loadEnvOrExit(): Env {
  try {
    return parseEnv(process.env);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

function openConfiguredDatabase(env: Env): Promise<DatabaseHandle> {
  return env.DATABASE_URL
    ? openDatabase({ url: env.DATABASE_URL })
    : openDatabase({ dataDir: join(resolve(env.HEILONG_DATA_DIR), 'pglite') });
}

/**
 * Sign-in needs a secret. Without NEXTAUTH_SECRET one is generated once and kept in
 * the data folder, so a fresh clone needs no set-up and sessions survive restarts.
 */
function ensureAuthSecret(env: Env): string {
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  const dir = resolve(env.HEILONG_DATA_DIR);
  const file = join(dir, 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export async function seedDefault(services: Services): Promise<string> {
  const { programmeId } = await seedProgramme(services.db, await readSeed(DEFAULT_SEED));
  return programmeId;
}

/** First start on an empty database: print the one link that creates the first facilitator. */
export async function announceSetupLink(services: Services, programmeId: string): Promise<void> {
  const setup = await createSetupInviteIfNoUsers(services, programmeId);
  if (!setup) return;
  console.log(
    [
      '',
      '  No accounts yet. Open this one-time link to create the first facilitator',
      `  (valid until ${setup.expiresAt.toISOString()}):`,
      '',
      `    ${setup.url}`,
      '',
    ].join('\n'),
  );
}

/** HEILONG_DEMO=1: one member per country team, with fresh random passwords printed once. */
export async function createDemoMembers(services: Services, programmeId: string): Promise<void> {
  const existing = await services.db.select({ email: users.email }).from(users).where(like(users.email, 'demo-%@heilong.local'));
  const teams = await services.db.query.teams.findMany({ where: (t, { and, eq }) => and(eq(t.programmeId, programmeId), eq(t.kind, 'country')) });
  const created: string[] = [];
  for (const team of teams) {
    const email = `demo-${team.key}@heilong.local`;
    if (existing.some((e) => e.email === email)) continue;
    const password = randomBytes(9).toString('base64url');
    await createUserWithRole(services, { name: `${team.name} demo member`, email, password }, { programmeId, role: 'member', teamId: team.id });
    created.push(`    ${email}  ${password}`);
  }
  if (created.length) console.log(['', '  Demo team members (shown once):', ...created, ''].join('\n'));
}

export async function openServices(env: Env) {
  const handle = await openConfiguredDatabase(env);
  return { handle, services: createServices(handle, {
    publicUrl: env.publicUrl, authSecret: ensureAuthSecret(env), storageHoldBytes: env.HEILONG_STORAGE_HOLD_MB * 1024 * 1024,
  }) };
}
