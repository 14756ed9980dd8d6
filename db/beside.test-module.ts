import { sql } from 'drizzle-orm';
import type { LocalDatabase } from './beside';

/** A `BesideModule` for tests: reads and writes the `notes` table the test created. */
export async function createHandlers({ db, kind }: LocalDatabase, data: { label: string }) {
  return {
    add: (body: string) => db.execute(sql`insert into notes (id, body) values ((select coalesce(max(id), 0) + 1 from notes), ${`${data.label}: ${body}`})`),
    where: async () => ({ kind, threadIsMain: (await import('node:worker_threads')).isMainThread }),
  };
}

export type TestHandlers = Awaited<ReturnType<typeof createHandlers>>;
