import { randomBytes } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../db/client';
import { memberships, targets, teams, threats, users } from '../../db/schema';
import { hashPassword } from '../../server/auth/password';
import { roomName } from '../../server/collab/protocol';
import { changeStatus, createAssessment } from '../../server/services/assessment';
import { createServices } from '../../server/services/create';
import { DEFAULT_SEED, readSeed, seedProgramme } from '../../server/services/seed';

/**
 * The world the simulated clients work in, written to a fresh database before the
 * server starts: the seeded AHEC programme, an open detailed assessment, and
 * members spread over the three country teams.
 */
export interface Team {
  key: string;
  room: string;
  /** Member user ids, one per simulated client of this team. */
  userIds: string[];
}

export interface World {
  assessmentId: string;
  teams: Team[];
  /** `${threatId}:${targetId}` pairs of the detailed assessment's cells. */
  cells: { threatId: string; targetId: string }[];
}

export const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** Where Heilong's database lives for one run. */
export type DatabaseChoice = { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string; drop(): Promise<void> };

/** A throw-away database on the local PostgreSQL server (trust auth), dropped by `drop`. */
export async function createPostgresDatabase(adminUrl = ADMIN_URL): Promise<DatabaseChoice> {
  const name = `heilong_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    url: url.toString(),
    async drop() {
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

function open(choice: DatabaseChoice): Promise<DatabaseHandle> {
  // The same location server/bootstrap.ts derives from HEILONG_DATA_DIR.
  return choice.kind === 'pglite' ? openDatabase({ dataDir: `${choice.dataDir}/pglite` }) : openDatabase({ url: choice.url });
}

/**
 * Seeds the programme and creates `membersPerTeam` members in each country team
 * and one open detailed assessment. The database is closed again before returning
 * (an embedded database admits one process at a time).
 */
export async function prepareWorld(choice: DatabaseChoice, membersPerTeam: number, secret: string): Promise<World> {
  const handle = await open(choice);
  try {
    const db = handle.db;
    const services = createServices(handle, { publicUrl: 'http://127.0.0.1', authSecret: secret });
    const { programmeId } = await seedProgramme(db, await readSeed(DEFAULT_SEED));
    const countryTeams = await db.select().from(teams)
      .where(and(eq(teams.programmeId, programmeId), eq(teams.kind, 'country'))).orderBy(asc(teams.position));
    const draft = await createAssessment(services, { programmeId, name: `Benchmark ${new Date().toISOString()}`, year: 2026, mode: 'detailed' });
    const assessment = await changeStatus(services, draft, 'open');

    // scrypt costs ~100 ms a hash: every simulated member shares one (they sign in with tickets).
    const passwordHash = await hashPassword(randomBytes(12).toString('base64url'));
    const result: Team[] = [];
    for (const team of countryTeams) {
      const rows = Array.from({ length: membersPerTeam }, (_, i) => ({
        email: `bench-${team.key}-${i}@heilong.bench`,
        name: `${team.name} member ${i + 1}`,
        passwordHash,
      }));
      const created = rows.length ? await db.insert(users).values(rows).returning({ id: users.id }) : [];
      if (created.length) {
        await db.insert(memberships).values(created.map(({ id }) => ({ userId: id, programmeId, role: 'member' as const, teamId: team.id })));
      }
      result.push({ key: team.key, room: roomName({ assessmentId: assessment.id, teamId: team.id }), userIds: created.map((c) => c.id) });
    }

    const [threatRows, targetRows] = await Promise.all([
      db.select({ id: threats.id }).from(threats).where(eq(threats.programmeId, programmeId)).orderBy(asc(threats.position)),
      db.select({ id: targets.id }).from(targets)
        .where(and(eq(targets.programmeId, programmeId), isNull(targets.parentId))).orderBy(asc(targets.position)),
    ]);
    const cells = threatRows.flatMap((threat) => targetRows.map((target) => ({ threatId: threat.id, targetId: target.id })));
    return { assessmentId: assessment.id, teams: result, cells };
  } finally {
    await handle.close();
  }
}
