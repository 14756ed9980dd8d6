import { PGlite } from '@electric-sql/pglite';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withPreparedStatements, type StatementClient } from './pglite-statements';

/**
 * The prepared-statement client must be indistinguishable from PGlite's own
 * `query` in what it returns, how it fails and how it orders work around
 * transactions; only the parsing and planning it saves may differ.
 */
describe('PGlite with prepared statements', () => {
  let pg: PGlite;
  let client: StatementClient;
  beforeAll(async () => {
    pg = new PGlite();
    await pg.exec(`create table notes (
      id int primary key, body text not null, tags text[], data bytea, at timestamptz, done boolean, meta jsonb)`);
    client = withPreparedStatements(pg, 3);
  });
  beforeEach(() => pg.exec('truncate notes'));
  afterAll(() => pg.close());

  /** How many prepared statements PGlite holds for `text`. */
  const preparedCount = async (text: string) =>
    (await pg.query<{ n: number }>('select count(*)::int as n from pg_prepared_statements where statement = $1', [text])).rows[0]!.n;

  const insert = 'insert into notes (id, body, tags, data, at, done, meta) values ($1, $2, $3, $4, $5, $6, $7)';
  const select = 'select id, body, tags, data, at, done, meta from notes where id = any($1) order by id';

  it('returns what PGlite itself returns, for every kind of value, in object and array rows', async () => {
    const at = new Date('2026-11-24T10:00:00.123Z');
    await client.query(insert, [1, 'one', ['a', 'b,c'], new Uint8Array([0, 255]), at, true, { level: 'high' }]);
    await client.query(insert, [2, 'two', null, null, null, false, null]);
    for (const rowMode of ['object', 'array'] as const) {
      const ours = await client.query(select, [[1, 2]], { rowMode });
      const theirs = await pg.query(select, [[1, 2]], { rowMode });
      expect(ours.rows).toEqual(theirs.rows);
      expect(ours.fields).toEqual(theirs.fields);
    }
    const [row] = (await client.query<{ tags: string[]; data: Uint8Array; at: Date; meta: unknown }>(select, [[1]])).rows;
    expect(row).toMatchObject({ tags: ['a', 'b,c'], data: new Uint8Array([0, 255]), at, meta: { level: 'high' } });
    expect((await client.query('update notes set done = true where id = any($1)', [[1, 2]])).affectedRows).toBe(2);
  });

  it('parses a statement once, however often it runs', async () => {
    for (let id = 1; id <= 5; id++) await client.query(insert, [id, `note ${id}`, null, null, null, null, null]);
    expect(await preparedCount(insert)).toBe(1);
    expect((await pg.query('select count(*)::int as n from notes')).rows).toEqual([{ n: 5 }]);
  });

  it('keeps at most its capacity of statements, and runs a dropped one again when asked', async () => {
    const texts = ['select 1 as n', 'select 2 as n', 'select 3 as n', 'select 4 as n'];
    for (const text of texts) await client.query(text);
    expect(await Promise.all(texts.map(preparedCount))).toEqual([0, 1, 1, 1]);
    expect((await client.query(texts[0]!)).rows).toEqual([{ n: 1 }]);
    expect(await preparedCount(texts[1]!)).toBe(0);
  });

  it("fails with PostgreSQL's error, keeps nothing of a statement that did not parse, and goes on working", async () => {
    await client.query(insert, [1, 'one', null, null, null, null, null]);
    await expect(client.query(insert, [1, 'again', null, null, null, null, null])).rejects.toMatchObject({ code: '23505' });
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(client.query('select nothing from nowhere')).rejects.toMatchObject({ code: '42P01' });
    }
    expect(await preparedCount('select nothing from nowhere')).toBe(0);
    expect((await client.query('select body from notes')).rows).toEqual([{ body: 'one' }]);
  });

  it('prepares a statement afresh when the one it kept is gone or no longer fits the table', async () => {
    await client.query(insert, [1, 'one', null, null, null, null, null]);
    const body = 'select body from notes';
    await client.query(body);
    await pg.exec('deallocate all');
    await expect(client.query(body)).resolves.toMatchObject({ rows: [{ body: 'one' }] });
    const everything = 'select * from notes';
    await client.query(everything);
    await pg.exec('alter table notes add column extra int');
    try {
      expect(Object.keys((await client.query<Record<string, unknown>>(everything)).rows[0]!)).toContain('extra');
    } finally {
      await pg.exec('alter table notes drop column extra');
    }
    // In a transaction the failure has already aborted it: it is reported, and the next attempt works.
    await pg.exec('deallocate all');
    await expect(client.transaction((tx) => tx.query(body))).rejects.toMatchObject({ code: '26000' });
    await expect(client.transaction((tx) => tx.query(body))).resolves.toMatchObject({ rows: [{ body: 'one' }] });
    await client.query(insert, [2, 'two', null, null, null, null, null]);
  });

  it("lays a query's own parsers over PGlite's, and sends values as the given parameter types say", async () => {
    const at = new Date('2026-11-24T10:00:00.000Z');
    await client.query(insert, [1, 'one', ['a', 'b'], null, at, null, null]);
    const { rows } = await client.query('select id, tags, at from notes', [], { parsers: { 1184: (value: string) => `as sent: ${value}` } });
    expect(rows).toEqual([{ id: 1, tags: ['a', 'b'], at: expect.stringMatching(/^as sent: 2026-11-24 10:00:00/) }]);
    const asText = await client.query('select $1 as value', ['7']);
    const asNumber = await client.query('select $1 as value', ['7'], { paramTypes: [23] });
    expect([asText.rows, asNumber.rows]).toEqual([[{ value: '7' }], [{ value: 7 }]]);
  });

  it('rolls back a failed transaction whole, and runs statements outside it only after it ends', async () => {
    await expect(client.transaction(async (tx) => {
      await tx.query(insert, [1, 'one', null, null, null, null, null]);
      await tx.query(insert, [1, 'clash', null, null, null, null, null]);
    })).rejects.toMatchObject({ code: '23505' });
    expect((await client.query('select count(*)::int as n from notes')).rows).toEqual([{ n: 0 }]);

    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const insertedYet = new Promise<void>((resolve) => (inserted = resolve));
    const transaction = client.transaction(async (tx) => {
      await tx.query(insert, [2, 'two', null, null, null, null, null]);
      inserted();
      await held;
    });
    await insertedYet;
    let outsideDone = false;
    const outside = client.query<{ n: number }>('select count(*)::int as n from notes').finally(() => (outsideDone = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(outsideDone).toBe(false);
    release();
    await transaction;
    expect((await outside).rows).toEqual([{ n: 1 }]);
  });

  it("serves drizzle's PGlite driver", async () => {
    const notes = pgTable('notes', { id: integer('id').primaryKey(), body: text('body').notNull() });
    const db = drizzle(client as unknown as PGlite);
    await db.insert(notes).values([{ id: 1, body: 'one' }, { id: 2, body: 'two' }]);
    await db.transaction(async (tx) => tx.update(notes).set({ body: 'second' }).where(eq(notes.id, 2)));
    expect(await db.select().from(notes).orderBy(notes.id)).toEqual([{ id: 1, body: 'one' }, { id: 2, body: 'second' }]);
  });
});
