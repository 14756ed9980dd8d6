import { mkdirSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { BesideWorkerData } from './beside-worker';
import { startPGliteThread } from './pglite-thread';
import * as schema from './schema';
import { startWorker, threadOverPort, type Handlers, type WorkerThread } from './threads';

export type Schema = typeof schema;
/** Both drivers (PGlite and node-postgres) share this query surface. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  /**
   * Starts a `BesideModule` (db/beside.ts) off the main thread, next to this
   * database: in the embedded database's own thread, or in a worker with its own
   * connections to the server.
   */
  runBeside<H extends Handlers>(entry: URL, data: unknown, name: string): Promise<WorkerThread<H>>;
  close(): Promise<void>;
}

/** A server, or an embedded database on disk or in memory (tests). */
export type DatabaseLocation = { url: string } | { dataDir: string } | { memory: true };

const MIGRATIONS = new URL('./migrations', import.meta.url).pathname;
const BESIDE_WORKER = './beside-worker.ts';

/**
 * Opens the database and applies the committed migrations. A PostgreSQL URL selects
 * the server; otherwise PGlite runs embedded, on a thread of its own (each statement
 * runs synchronously in WebAssembly, which on the main thread would hold up every socket).
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
    return {
      db: db as unknown as Database,
      kind: 'postgres',
      runBeside: (entry, data, name) =>
        startWorker(new URL(BESIDE_WORKER, import.meta.url), { url: location.url, entry: entry.href, data } satisfies BesideWorkerData, name),
      close: () => pool.end(),
    };
  }
  if ('dataDir' in location) mkdirSync(location.dataDir, { recursive: true });
  const [client, { drizzle }, { migrate }] = await Promise.all([
    startPGliteThread('dataDir' in location ? location.dataDir : undefined),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ]);
  const db = drizzle(client as unknown as PGlite, { schema });
  await migrated(() => migrate(db, { migrationsFolder: MIGRATIONS }), () => client.close());
  return {
    db: db as unknown as Database,
    kind: 'pglite',
    runBeside: async (entry, data, name) => threadOverPort(await client.host(entry, data), name),
    close: () => client.close(),
  };
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
