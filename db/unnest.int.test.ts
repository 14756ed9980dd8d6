import { asc, sql, type SQL } from 'drizzle-orm';
import { bigserial, boolean, customType, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../server/testing/database';
import type { DatabaseHandle } from './client';
import { RepeatedStatement } from './repeated';
import { replaceOnConflict, unnestedInsert } from './unnest';

/**
 * Rows sent as one array per column arrive as they were sent, on both drivers:
 * order, nulls, booleans, bytes, enum values and millisecond times.
 */
const level = pgEnum('unnest_level', ['low', 'high']);
const bytes = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });
const notes = pgTable('unnest_notes', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  key: text('key').notNull().unique(),
  body: text('body'),
  level: level('level'),
  done: boolean('done').notNull().default(false),
  blob: bytes('blob'),
  at: timestamp('at', { withTimezone: true, precision: 3 }),
});

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
  await handle.db.execute(sql`create type unnest_level as enum ('low', 'high')`);
  await handle.db.execute(sql`create table unnest_notes (id bigserial primary key, key text not null unique, body text,
    level unnest_level, done boolean not null default false, blob bytea, at timestamptz(3))`);
});
afterAll(() => handle.close());
beforeEach(() => handle.db.execute(sql`truncate unnest_notes restart identity`));

type Key = 'key' | 'body' | 'level' | 'done' | 'blob' | 'at';
type Note = typeof notes.$inferInsert;
let statements = 0;
/** Inserts `rows` with a statement of its own (each is prepared under a new name). */
const insert = async (keys: Key[], rows: Note[], tail?: SQL) => {
  const unnested = unnestedInsert(notes, keys, { name: 'notes', tail });
  await new RepeatedStatement(`unnest_test_${++statements}`, unnested.sql).run(handle.db, unnested.values(rows));
};

const stored = () => handle.db.select().from(notes).orderBy(asc(notes.id));
const at = new Date('2026-11-23T10:11:12.345Z');

describe('unnestedInsert', () => {
  it('inserts rows in the order given, each value as it was sent', async () => {
    const rows = [
      { key: 'a', body: 'first, with "quotes" and {braces}', level: 'high' as const, done: true, blob: Uint8Array.of(0, 1, 255), at },
      { key: 'b', body: null, level: null, done: false, blob: null, at: null },
      { key: 'c', body: '', level: 'low' as const, done: false, blob: new Uint8Array(0), at },
    ];
    await insert(['key', 'body', 'level', 'done', 'blob', 'at'], rows);
    const back = await stored();
    expect(back.map(({ id, key }) => [id, key])).toEqual([[1, 'a'], [2, 'b'], [3, 'c']]);
    expect(back.map(({ body, level, done, at }) => ({ body, level, done, at: at?.toISOString() ?? null }))).toEqual([
      { body: 'first, with "quotes" and {braces}', level: 'high', done: true, at: at.toISOString() },
      { body: null, level: null, done: false, at: null },
      { body: '', level: 'low', done: false, at: at.toISOString() },
    ]);
    expect(back.map(({ blob }) => (blob ? [...blob] : null))).toEqual([[0, 1, 255], null, []]);
  });

  it('gives a listed column null where a row has no value, and leaves unlisted columns to their defaults', async () => {
    await insert(['key', 'body'], [{ key: 'a' }]);
    expect((await stored()).map(({ body, done }) => ({ body, done }))).toEqual([{ body: null, done: false }]);
  });

  it('upserts: on a clash the incoming values replace only the columns named', async () => {
    await insert(['key', 'body', 'level'], [{ key: 'a', body: 'old', level: 'low' }]);
    await insert(['key', 'body', 'level'], [{ key: 'a', body: 'new', level: 'high' }, { key: 'b', body: 'other', level: null }],
      replaceOnConflict(notes, ['key'], ['body']));
    expect((await stored()).map(({ key, body, level }) => [key, body, level])).toEqual([['a', 'new', 'low'], ['b', 'other', null]]);
  });

  it('inserts nothing for no rows', async () => {
    await insert(['key'], []);
    expect(await stored()).toEqual([]);
  });

  it('refuses a key that is not a column of the table', () => {
    expect(() => unnestedInsert(notes, ['nope' as 'key'], { name: 'notes' })).toThrow(/nope is not a column/);
  });
});

describe('RepeatedStatement', () => {
  const unnested = unnestedInsert(notes, ['key', 'body'], { name: 'notes' });
  const repeated = new RepeatedStatement('unnest_test_repeated', unnested.sql);

  it('runs again and again, each time with its own values, alone or in a transaction', async () => {
    await repeated.run(handle.db, unnested.values([{ key: 'a', body: 'one' }]));
    await repeated.run(handle.db, unnested.values([{ key: 'b', body: 'two' }, { key: 'c', body: 'three' }]));
    await handle.db.transaction((tx) => repeated.run(tx as unknown as typeof handle.db, unnested.values([{ key: 'd', body: 'four' }])));
    expect((await stored()).map(({ key, body }) => [key, body])).toEqual([['a', 'one'], ['b', 'two'], ['c', 'three'], ['d', 'four']]);
  });

  // Embedded PGlite's statement cache is tested in pglite-statements.int.test.ts.
  it.skipIf(!process.env.HEILONG_TEST_DATABASE_URL)('is a prepared statement of the connection on a PostgreSQL server, prepared once', async () => {
    const prepared = await handle.db.transaction(async (tx) => {
      for (const key of ['a', 'b', 'c']) await repeated.run(tx as unknown as typeof handle.db, unnested.values([{ key }]));
      return tx.execute(sql`select name, statement from pg_prepared_statements where name = ${repeated.name}`);
    });
    expect((prepared as unknown as { rows: unknown[] }).rows).toEqual([{ name: repeated.name, statement: expect.stringContaining('unnest(') }]);
  });

  it('refuses to run with a value missing', async () => {
    await expect(repeated.run(handle.db, { 'notes.key': ['a'] })).rejects.toThrow(/notes\.body/);
    expect(await stored()).toEqual([]);
  });
});
