import { mkdirSync } from 'node:fs';
import type { MessagePort, Transferable } from 'node:worker_threads';
import type { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { pgliteOverPort, startPGliteThread, type PGliteClient } from './pglite-thread';
import * as schema from './schema';

export type Schema = typeof schema;
/** Both drivers (PGlite and node-postgres) share this query surface. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

/** How another thread of this process reaches the same database (see `shareWithThread`). */
export interface SharedDatabase {
  location: { url: string } | { port: MessagePort };
  /** What moves to that thread with the location. */
  transfer: Transferable[];
}

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** The same database for a worker thread: its own pool on a server, a port to the embedded one. */
  shareWithThread(): Promise<SharedDatabase>;
  close(): Promise<void>;
}

/** A server, an embedded database on disk or in memory (tests), or one another thread opened. */
export type DatabaseLocation = { url: string } | { dataDir: string } | { memory: true } | { port: MessagePort };

const MIGRATIONS = new URL('./migrations', import.meta.url).pathname;

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
      shareWithThread: async () => ({ location: { url: location.url }, transfer: [] }),
      close: () => pool.end(),
    };
  }
  const { drizzle } = await import('drizzle-orm/pglite');
  if ('port' in location) {
    // The thread that opened it has migrated it.
    return embedded(pgliteOverPort(location.port), drizzle);
  }
  if ('dataDir' in location) mkdirSync(location.dataDir, { recursive: true });
  const [client, { migrate }] = await Promise.all([
    startPGliteThread('dataDir' in location ? location.dataDir : undefined),
    import('drizzle-orm/pglite/migrator'),
  ]);
  const handle = embedded(client, drizzle);
  await migrated(() => migrate(handle.db as never, { migrationsFolder: MIGRATIONS }), () => client.close());
  return handle;
}

function embedded(client: PGliteClient, drizzle: typeof import('drizzle-orm/pglite').drizzle): DatabaseHandle {
  return {
    db: drizzle(client as unknown as PGlite, { schema }) as unknown as Database,
    kind: 'pglite',
    async shareWithThread() {
      const port = await client.connectThread();
      return { location: { port }, transfer: [port] };
    },
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
