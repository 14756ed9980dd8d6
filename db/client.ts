import { mkdirSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { startPGliteThread } from './pglite-thread';
import * as schema from './schema';

export type Schema = typeof schema;
/** Both drivers (PGlite and node-postgres) share this query surface. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export type DatabaseLocation = { url: string } | { dataDir: string } | { memory: true };

const MIGRATIONS = new URL('./migrations', import.meta.url).pathname;

/**
 * Opens the database and applies the committed migrations. A PostgreSQL URL selects
 * the server; otherwise PGlite runs embedded, on disk or in memory (tests).
 */
export async function openDatabase(location: DatabaseLocation): Promise<DatabaseHandle> {
  if ('url' in location) {
    const [{ default: pg }, { drizzle }, { migrate }] = await Promise.all([
      import('pg'),
      import('drizzle-orm/node-postgres'),
      import('drizzle-orm/node-postgres/migrator'),
    ]);
    const pool = new pg.Pool({ connectionString: location.url, max: 10 });
    // An idle connection the server ends (restart, dropped database) must not take the process down;
    // the pool replaces it on the next query.
    pool.on('error', (error) => console.error(`[database] idle connection lost: ${error.message}`));
    const db = drizzle(pool, { schema });
    await migrated(() => migrate(db, { migrationsFolder: MIGRATIONS }), () => pool.end());
    return { db: db as unknown as Database, kind: 'postgres', close: () => pool.end() };
  }
  const [{ drizzle }, { migrate }] = await Promise.all([import('drizzle-orm/pglite'), import('drizzle-orm/pglite/migrator')]);
  if ('dataDir' in location) mkdirSync(location.dataDir, { recursive: true });
  // PGlite on the main thread would hold up every socket while a statement runs: it gets a thread of its own.
  const client = await startPGliteThread('dataDir' in location ? location.dataDir : undefined);
  const db = drizzle(client as unknown as PGlite, { schema });
  await migrated(() => migrate(db, { migrationsFolder: MIGRATIONS }), () => client.close());
  return { db: db as unknown as Database, kind: 'pglite', close: () => client.close() };
}

/** A database that cannot be migrated is closed again, so the process can exit with the error. */
async function migrated(migrate: () => Promise<void>, close: () => Promise<void>): Promise<void> {
  try {
    await migrate();
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}
