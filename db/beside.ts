import type { Database } from './client';
import type { Handlers } from './threads';

/**
 * Work that runs beside the database, off the main thread: a module that exports
 * `createHandlers` and is started with `DatabaseHandle.runBeside`. With the
 * embedded database it runs in PGlite's own thread (no hop per statement); with a
 * PostgreSQL server, in a worker thread with its own connections.
 */
export interface LocalDatabase {
  db: Database;
  kind: 'pglite' | 'postgres';
}

export interface BesideModule {
  /** The operations other threads may call. A `close` handler finishes the module's work; the database is not its to close. */
  createHandlers(database: LocalDatabase, data: unknown): Promise<Handlers>;
}

export async function loadBesideModule(entry: string): Promise<BesideModule> {
  return (await import(entry)) as BesideModule;
}
