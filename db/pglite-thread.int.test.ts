import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestHandlers } from './beside.test-module';
import { startPGliteThread, type PGliteClient } from './pglite-thread';
import { threadOverPort } from './threads';
import { BACKGROUND_NICENESS } from './threads';

/** Nice values of this process's threads (Linux: field 19 of /proc/self/task/<tid>/stat). */
const threadNiceness = () =>
  readdirSync('/proc/self/task').map((tid) => Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]));

describe('PGlite on its own thread', () => {
  let db: PGliteClient;
  beforeAll(async () => {
    db = await startPGliteThread(undefined);
    await db.query('create table notes (id int primary key, body text not null, at timestamptz default now())');
  });
  beforeEach(() => db.query('truncate notes'));
  afterAll(() => db.close());

  const bodies = async () => (await db.query('select body from notes order by id')).rows.map((row) => (row as { body: string }).body);

  it('runs queries with parameters, in object or array rows', async () => {
    await db.query('insert into notes (id, body) values ($1, $2), ($3, $4)', [1, 'one', 2, 'two']);
    expect(await bodies()).toEqual(['one', 'two']);
    const arrays = await db.query('select id, body from notes where id = $1', [2], { rowMode: 'array' });
    expect(arrays.rows).toEqual([[2, 'two']]);
  });

  it("returns drizzle's pass-through types as PostgreSQL's text", async () => {
    await db.query('insert into notes (id, body) values (1, $1)', ['one']);
    const parsed = await db.query('select at from notes');
    expect((parsed.rows[0] as { at: unknown }).at).toBeInstanceOf(Date);
    const text = await db.query('select at from notes', [], { parsers: { 1184: (value: string) => value } });
    expect(typeof (text.rows[0] as { at: unknown }).at).toBe('string');
  });

  it("keeps PostgreSQL's error fields, such as the code of a unique violation", async () => {
    await db.query('insert into notes (id, body) values (1, $1)', ['one']);
    await expect(db.query('insert into notes (id, body) values (1, $1)', ['again'])).rejects.toMatchObject({
      code: '23505',
      message: expect.stringContaining('duplicate key'),
    });
  });

  it('commits a transaction, and rolls one back when it throws', async () => {
    await db.transaction(async (tx) => {
      await tx.query("insert into notes (id, body) values (1, 'kept')");
    });
    await expect(db.transaction(async (tx) => {
      await tx.query("insert into notes (id, body) values (2, 'dropped')");
      throw new Error('changed my mind');
    })).rejects.toThrow('changed my mind');
    expect(await bodies()).toEqual(['kept']);
  });

  it('rolls back a transaction whose statement failed', async () => {
    await expect(db.transaction(async (tx) => {
      await tx.query("insert into notes (id, body) values (1, 'first')");
      await tx.query('insert into notes (id, body) values (2, null)');
    })).rejects.toMatchObject({ code: '23502' });
    expect(await bodies()).toEqual([]);
  });

  it('makes a query outside a transaction wait until it ends', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = db.transaction(async (tx) => {
      await tx.query("insert into notes (id, body) values (1, 'inside')");
      await held;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const outside = bodies();
    release();
    await transaction;
    expect(await outside).toEqual(['inside']);
  });

  it('runs work beside it, in its own thread, on the same data', async () => {
    const beside = threadOverPort<TestHandlers>(await db.host(new URL('./beside.test-module.ts', import.meta.url), { label: 'beside' }), 'test work');
    await beside.call('add', 'hello');
    expect(await bodies()).toEqual(['beside: hello']);
    expect(await beside.call('where')).toEqual({ kind: 'pglite', threadIsMain: false });
    await beside.terminate();
    await expect(beside.call('where')).rejects.toThrow(/stopped/);
  });

  it.runIf(existsSync('/proc/self/task'))('runs at a lower scheduling priority than the thread that serves sockets', () => {
    const niceness = threadNiceness();
    expect(niceness[0]).toBe(0);
    expect(niceness).toContain(BACKGROUND_NICENESS);
  });

  it('refuses work after it closed, saying so', async () => {
    const closed = await startPGliteThread(undefined);
    await closed.close();
    await expect(closed.query('select 1')).rejects.toThrow(/embedded database/);
  });
});

describe('PGlite on its own thread, on disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'heilong-pglite-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps what was committed across a restart', async () => {
    const first = await startPGliteThread(join(dir, 'data'));
    await first.query('create table kept (value text)');
    await first.query("insert into kept values ('still here')");
    await first.close();
    const second = await startPGliteThread(join(dir, 'data'));
    expect((await second.query('select value from kept')).rows).toEqual([{ value: 'still here' }]);
    await second.close();
  });
});
