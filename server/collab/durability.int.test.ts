import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDatabase, type DatabaseLocation } from '../../db/client';
import { ratingEvents, threats as threatsTable } from '../../db/schema';
import { changeStatus, createAssessment } from '../services/assessment';
import { createServices } from '../services/create';
import { createUserWithRole } from '../services/invite';
import { DEFAULT_SEED, readSeed, seedProgramme } from '../services/seed';
import { issueTicket } from './auth';
import { readThreat, writeThreat } from './document';
import { DocumentStore } from './persistence';
import { createThrowawayDatabase } from '../testing/database';
import { COLLAB_PATH, roomName, TICKET_PARAM, type RoomRef } from './protocol';
import { eventually, openClient, sleep, whenSynced, type TestClient } from '../testing/collab';
import { PASSWORD } from '../testing/world';

/**
 * kill -9 while people edit: whatever the server received at least 100 ms before
 * it died is stored, and once it is back, everyone's edits (including those made
 * while it was down) converge, each recorded once.
 *
 * When the server received an edit is bounded by when a reader in the room got it from the server: a sender's
 * timestamp would count the time its own busy event loop held the edit back (a loaded machine delays sending by
 * more than the margin), which the server never saw.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SECRET = 'durability-secret-that-is-at-least-32-characters';
const DURABLE_AFTER_MS = 100;
const EDIT_EVERY_MS = 50;

let location: DatabaseLocation;
let cleanup: () => Promise<void> = async () => undefined;
let ref: RoomRef;
let people: string[];
let threatIds: string[];
let child: ChildProcess | null = null;
const clients: TestClient[] = [];

/** The collaboration server as its own process, on `port` (0: any); resolves once it listens. */
async function startServer(port: number): Promise<number> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HEILONG_COLLAB_SECRET: SECRET };
  delete env.DATABASE_URL;
  delete env.HEILONG_DATA_DIR;
  if ('url' in location) env.DATABASE_URL = location.url;
  else if ('dataDir' in location) env.HEILONG_DATA_DIR = location.dataDir;
  const started = spawn(process.execPath, ['--import', 'tsx', 'server/testing/collab-process.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child = started;
  let errors = '';
  started.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  return new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: started.stdout! });
    lines.on('line', (line) => {
      const ready = /^ready (\d+)$/.exec(line);
      if (ready) resolve(Number(ready[1]));
    });
    started.once('exit', (code, signal) => reject(new Error(`collab process exited (${code ?? signal}) before it was ready:\n${errors}`)));
  });
}

function stopServer(signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
  const running = child;
  child = null;
  if (!running || running.exitCode !== null || running.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    running.once('exit', () => resolve());
    running.kill(signal);
  });
}

/** Reads the database while no server runs (PGlite allows one process at a time). */
async function withDatabase<T>(read: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
  const handle = await openDatabase(location);
  try {
    return await read(handle.db);
  } finally {
    await handle.close();
  }
}

beforeAll(async () => {
  const serverUrl = process.env.HEILONG_TEST_DATABASE_URL;
  if (serverUrl) {
    const throwaway = await createThrowawayDatabase(serverUrl);
    location = { url: throwaway.url };
    cleanup = throwaway.drop;
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), 'heilong-durability-'));
    location = { dataDir };
    cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
  }
  // Seed, people and an open assessment, then close: the server process opens the database itself.
  const handle = await openDatabase(location);
  try {
    const services = createServices(handle, { publicUrl: 'http://heilong.test', authSecret: SECRET });
    const { programmeId } = await seedProgramme(handle.db, await readSeed(DEFAULT_SEED));
    const teamRows = await handle.db.query.teams.findMany({ where: (t, { eq: is }) => is(t.programmeId, programmeId) });
    const china = teamRows.find((t) => t.key === 'china')!.id;
    const person = async (label: string, role: 'facilitator' | 'member' | 'observer', teamId: string | null) =>
      (await createUserWithRole(services, { name: label, email: `${label}@heilong.test`, password: PASSWORD }, { programmeId, role, teamId })).userId;
    people = [await person('china-1', 'member', china), await person('china-2', 'member', china), await person('facilitator', 'facilitator', null)];
    people.push(await person('observer', 'observer', null));
    const assessment = await createAssessment(services, { programmeId, name: 'Durability', year: 2026, mode: 'rapid' });
    await changeStatus(services, assessment, 'open');
    ref = { assessmentId: assessment.id, teamId: china };
    threatIds = (await handle.db.select({ id: threatsTable.id }).from(threatsTable).where(eq(threatsTable.programmeId, programmeId))).map((t) => t.id);
  } finally {
    await handle.close();
  }
}, 60_000);

afterAll(async () => {
  for (const client of clients) client.destroy();
  await stopServer('SIGKILL');
  await cleanup();
});

function connect(port: number, userId: string): TestClient {
  const room = roomName(ref);
  const client = openClient(`ws://127.0.0.1:${port}${COLLAB_PATH}`, room, { params: { [TICKET_PARAM]: issueTicket(SECRET, userId, room, Date.now()) } });
  clients.push(client);
  return client;
}

interface Edit {
  key: string;
  threatId: string;
  /** When a reader in the room first had it: the server had received it by then. */
  relayedAt?: number;
  /** The writer's Yjs client id and its clock after the edit: a document has the edit once its clock for that client reaches it. */
  clientId: number;
  clock: number;
}

/** Each writer owns some threats and keeps changing their rationale, to a value of its own each time. */
function startWriting(client: TestClient, writer: number, owned: string[], edits: Edit[]) {
  let n = 0;
  const timer = setInterval(() => {
    const key = `w${writer}-${n}`;
    const threatId = owned[n % owned.length]!;
    n++;
    writeThreat(client.doc, threatId, { rationale: key });
    edits.push({ key, threatId, clientId: client.doc.clientID, clock: Y.getState(client.doc.store, client.doc.clientID) });
  }, EDIT_EVERY_MS);
  return () => clearInterval(timer);
}

const has = (doc: Y.Doc, edit: Edit) => Y.getState(doc.store, edit.clientId) >= edit.clock;

/** Notes when `reader` gets each edit (from the server: it sends none of its own). */
function watchRelays(reader: TestClient, edits: Edit[]): () => void {
  let unseen = 0;
  const onUpdate = () => {
    const at = Date.now();
    for (; unseen < edits.length && edits[unseen]!.relayedAt !== undefined; unseen++);
    for (const edit of edits.slice(unseen)) if (edit.relayedAt === undefined && has(reader.doc, edit)) edit.relayedAt = at;
  };
  reader.doc.on('update', onUpdate);
  return () => reader.doc.off('update', onUpdate);
}

const missing = (doc: Y.Doc, edits: Edit[]) => edits.filter((e) => !has(doc, e)).map((e) => e.key);
const state = (doc: Y.Doc, writers: TestClient[]) => ({
  clocks: writers.map((w) => Y.getState(doc.store, w.doc.clientID)),
  threats: threatIds.map((id) => readThreat(doc, id)),
});

it('kill -9 while three people edit: what arrived ≥ 100 ms before is stored; after restart all converge, each change recorded once', async () => {
  const port = await startServer(0);
  const writers = people.slice(0, 3).map((userId) => connect(port, userId));
  const reader = connect(port, people[3]!);
  await Promise.all([...writers, reader].map(whenSynced));
  const edits: Edit[] = [];
  const stopWatching = watchRelays(reader, edits);
  const stops = writers.map((client, i) => startWriting(client, i, threatIds.slice(i * 5, i * 5 + 5), edits));

  // Enough edits to mean something, however slowly a loaded machine relays them.
  const relayedBy = (at: number) => edits.filter((e) => e.relayedAt !== undefined && e.relayedAt <= at - DURABLE_AFTER_MS);
  await sleep(1500);
  await eventually(() => expect(relayedBy(Date.now()).length).toBeGreaterThan(50), 15_000);
  const killedAt = Date.now();
  await stopServer('SIGKILL');
  // People keep working while the server is down.
  await sleep(300);
  stops.forEach((stop) => stop());
  stopWatching();
  reader.provider.disconnect();
  const durable = relayedBy(killedAt);

  // What the restarted server will load: every edit it had for 100 ms, and its history.
  const stored = await withDatabase(async (db) => {
    const updates = (await new DocumentStore(db).load(roomName(ref))) ?? [];
    const doc = new Y.Doc();
    for (const update of updates) Y.applyUpdate(doc, update);
    const events = await db.select({ value: ratingEvents.value, field: ratingEvents.field }).from(ratingEvents)
      .where(and(eq(ratingEvents.assessmentId, ref.assessmentId), eq(ratingEvents.teamId, ref.teamId)));
    return { doc, events };
  });
  expect(durable.filter((e) => !has(stored.doc, e)).map((e) => `${e.key} relayed ${killedAt - e.relayedAt!} ms before the kill`)).toEqual([]);
  const recorded = new Set(stored.events.map((e) => e.value));
  expect(durable.filter((e) => !recorded.has(e.key)).map((e) => e.key)).toEqual([]);

  // Back on the same port with fresh tickets: the clients reconnect by themselves and converge.
  for (const [i, client] of writers.entries()) client.provider.params = { [TICKET_PARAM]: issueTicket(SECRET, people[i]!, roomName(ref), Date.now()) };
  await startServer(port);
  for (const client of writers) {
    await eventually(() => expect(missing(client.doc, edits)).toEqual([]), 15_000);
  }
  const fresh = connect(port, people[3]!);
  await whenSynced(fresh);
  await eventually(() => {
    expect(missing(fresh.doc, edits)).toEqual([]);
    const expected = state(writers[0]!.doc, writers);
    for (const client of [...writers, fresh]) expect(state(client.doc, writers)).toEqual(expected);
  });
  // Every threat shows its writer's last edit.
  const last = new Map(edits.map((e) => [e.threatId, e.key]));
  for (const [threatId, key] of last) expect(readThreat(fresh.doc, threatId).rationale).toBe(key);

  // Stopped cleanly, the history has each change once, and every change the server got for 100 ms.
  for (const client of [...writers, fresh]) client.provider.disconnect();
  await stopServer('SIGTERM');
  const events = await withDatabase((db) => db.select({
    value: ratingEvents.value, field: ratingEvents.field, actorId: ratingEvents.actorId, claimedAuthorId: ratingEvents.claimedAuthorId,
  }).from(ratingEvents).where(and(eq(ratingEvents.assessmentId, ref.assessmentId), eq(ratingEvents.teamId, ref.teamId))));
  // Each change shows whose browser made it, even when another client re-sent it after the restart: then the one
  // who re-sent it is the actor and its maker the claimed author.
  const authorOf = (key: string) => people[Number(/^w(\d+)-/.exec(key)![1])];
  expect(events.filter((e) => (e.claimedAuthorId ?? e.actorId) !== authorOf(e.value!)).map((e) => e.value)).toEqual([]);
  expect(events.filter((e) => e.claimedAuthorId !== null && (e.claimedAuthorId === e.actorId || !people.includes(e.actorId!)))).toEqual([]);
  const counts = new Map<string, number>();
  for (const { value } of events) counts.set(value!, (counts.get(value!) ?? 0) + 1);
  expect([...counts].filter(([, n]) => n > 1)).toEqual([]);
  expect(events.every((e) => e.field === 'rationale')).toBe(true);
  expect(durable.filter((e) => !counts.has(e.key)).map((e) => e.key)).toEqual([]);
  // The last edit of every threat is recorded (edits made offline reach the history when they arrive).
  for (const key of last.values()) expect(counts.get(key)).toBe(1);
}, 60_000);
