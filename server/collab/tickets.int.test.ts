import { randomUUID } from 'node:crypto';
import { decode, encode } from 'next-auth/jwt';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../db/schema';
import { createUserWithRole } from '../services/invite';
import { DEFAULT_SEED, readSeed, seedProgramme } from '../services/seed';
import { issueTicket, TICKET_LIFETIME_MS, verifyTicket } from './auth';
import { createCaller } from '../trpc/root';
import { loadActor } from '../services/user';
import { CLOSE, roomName, TICKET_PARAM } from './protocol';
import { createAssessment, openClient, sleep, startCollab, whenSynced, type Collab, type TestClient } from '../testing/collab';
import { PASSWORD, TEST_SECRET, openWorld, type World } from '../testing/world';

/**
 * Who may open a room's socket: a genuine, unexpired ticket for that very room (or
 * a valid session cookie), from someone who may read the programme, for a room
 * that exists. Every refusal is a declared 44xx close, which clients do not retry.
 */

let world: World;
let collab: Collab;
let open: string;
let outsider: string;
let stranger: string;
let otherProgrammeTeam: string;
const clients: TestClient[] = [];

const china = () => roomName({ assessmentId: open, teamId: world.team('china').id });
const ticket = (userId: string, room: string, now = Date.now()) => issueTicket(TEST_SECRET, userId, room, now);

beforeAll(async () => {
  world = await openWorld();
  collab = await startCollab(world);
  open = await createAssessment(world, 'Tickets');
  // A second programme (a modified copy of the seed) with its own facilitator.
  const seed = await readSeed(DEFAULT_SEED);
  const other = {
    ...seed, programme: { ...seed.programme, key: 'other-ecoregion', name: 'Other ecoregion', shortName: 'OE' },
    teams: seed.teams.slice(0, 1), threats: seed.threats.slice(0, 1), targets: [], modules: [], strategies: [], assessments: [],
  };
  const { programmeId } = await seedProgramme(world.handle.db, other);
  outsider = (await createUserWithRole(world.services, { name: 'outsider', email: 'outsider@heilong.test', password: PASSWORD }, { programmeId, role: 'facilitator' })).userId;
  otherProgrammeTeam = (await world.handle.db.query.teams.findFirst({ where: (t, { eq }) => eq(t.programmeId, programmeId) }))!.id;
  // Signed up, but a member of nothing.
  const [row] = await world.handle.db.insert(users).values({ email: 'stranger@heilong.test', name: 'stranger', passwordHash: 'x' }).returning();
  stranger = row!.id;
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await collab?.stop();
  await world?.close();
});

/** Opens a real client; `probe` tags its upgrade requests so the server side can count them. */
function attempt(probe: string, room: string, params: Record<string, string>, WebSocketPolyfill?: typeof globalThis.WebSocket) {
  const client = openClient(collab.url, room, { params: { ...params, probe }, WebSocketPolyfill });
  clients.push(client);
  return client;
}

const attemptsBy = (probe: string) => collab.upgrades.filter((url) => new URL(url, 'http://x').searchParams.get('probe') === probe).length;

/**
 * How a refused attempt ended: its close code, and what happened in the 1.5 s after
 * (y-websocket would retry after 200 ms, 400 ms, 800 ms…).
 */
async function outcome(probe: string, client: TestClient) {
  // The first close, final or not (a code clients would retry shows up as a mismatch, not a time-out).
  const code = await new Promise<number>((resolve) => client.provider.once('connection-close', (event) => resolve(event?.code ?? -1)));
  await sleep(1500);
  return {
    code,
    attempts: attemptsBy(probe),
    connecting: client.provider.wsconnecting,
    connected: client.provider.wsconnected,
    connectingEvents: client.statuses.filter((s) => s === 'connecting').length,
    synced: client.provider.synced,
    // Nothing of the document reached the client.
    structs: client.doc.store.clients.size,
  };
}

const refusedForGood = (code: number) => ({ code, attempts: 1, connecting: false, connected: false, connectingEvents: 1, synced: false, structs: 0 });

describe.concurrent('refused connections', () => {
  const tamper = (genuine: string, userId: string) => {
    const [payload, signature] = genuine.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as { u: string };
    return `${Buffer.from(JSON.stringify({ ...claims, u: userId })).toString('base64url')}.${signature}`;
  };
  /** A socket sending `cookie`, opened (if `origin` is given) from a page at that origin, as a browser does. */
  const withCookie = (cookie: string, origin?: string) => class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie, ...(origin ? { origin } : {}) } });
    }
  } as unknown as typeof globalThis.WebSocket;
  const session = async (userId: string, secret: string, maxAge?: number, origin?: string) =>
    withCookie(`next-auth.session-token=${await encode({ token: { sub: userId }, secret, ...(maxAge === undefined ? {} : { maxAge }) })}`, origin);

  type Request = { room: string; params: Record<string, string>; polyfill?: typeof globalThis.WebSocket };
  const cases: [string, () => Request | Promise<Request>, number][] = [
    ['no ticket and no session cookie', () => ({ room: china(), params: {} }), CLOSE.unauthenticated],
    ['an expired ticket', () => ({ room: china(), params: { [TICKET_PARAM]: ticket(world.ids.chinaMember, china(), Date.now() - TICKET_LIFETIME_MS - 1000) } }), CLOSE.unauthenticated],
    ['a ticket whose claims were changed (bad signature)', () => ({ room: china(), params: { [TICKET_PARAM]: tamper(ticket(world.ids.observer, china()), world.ids.facilitator) } }), CLOSE.unauthenticated],
    ['a ticket signed with another secret', () => ({ room: china(), params: { [TICKET_PARAM]: issueTicket('another-secret-that-is-at-least-32-characters', world.ids.chinaMember, china(), Date.now()) } }), CLOSE.unauthenticated],
    ['a ticket that is not a ticket', () => ({ room: china(), params: { [TICKET_PARAM]: 'not.a.ticket' } }), CLOSE.unauthenticated],
    ['a ticket for another room', () => {
      const russia = roomName({ assessmentId: open, teamId: world.team('russia').id });
      return { room: china(), params: { [TICKET_PARAM]: ticket(world.ids.chinaMember, russia) } };
    }, CLOSE.unauthenticated],
    ['a genuine ticket of a user that does not exist', () => ({ room: china(), params: { [TICKET_PARAM]: ticket(randomUUID(), china()) } }), CLOSE.unauthenticated],
    ['a facilitator of another programme', () => ({ room: china(), params: { [TICKET_PARAM]: ticket(outsider, china()) } }), CLOSE.forbidden],
    ['a user with no membership at all', () => ({ room: china(), params: { [TICKET_PARAM]: ticket(stranger, china()) } }), CLOSE.forbidden],
    ['an unknown assessment', () => {
      const room = roomName({ assessmentId: randomUUID(), teamId: world.team('china').id });
      return { room, params: { [TICKET_PARAM]: ticket(world.ids.facilitator, room) } };
    }, CLOSE.notFound],
    ['an unknown team', () => {
      const room = roomName({ assessmentId: open, teamId: randomUUID() });
      return { room, params: { [TICKET_PARAM]: ticket(world.ids.facilitator, room) } };
    }, CLOSE.notFound],
    ['a team of another programme', () => {
      const room = roomName({ assessmentId: open, teamId: otherProgrammeTeam });
      return { room, params: { [TICKET_PARAM]: ticket(world.ids.facilitator, room) } };
    }, CLOSE.notFound],
    ['a malformed room name', () => ({ room: 'assessment.nope', params: { [TICKET_PARAM]: ticket(world.ids.facilitator, 'assessment.nope') } }), CLOSE.notFound],
    // Not a restart (1012, retried for ever): the address itself is wrong.
    ['a room path that is not valid percent-encoding', () => ({ room: 'assessment.%E0%A4%A', params: {} }), CLOSE.notFound],
    ['a session cookie signed with another secret', async () => ({
      room: china(), params: {}, polyfill: await session(world.ids.chinaMember, 'another-secret-that-is-at-least-32-characters'),
    }), CLOSE.unauthenticated],
    ['an expired session cookie', async () => ({ room: china(), params: {}, polyfill: await session(world.ids.chinaMember, TEST_SECRET, -60) }), CLOSE.unauthenticated],
    ['a valid session cookie, sent by another site\'s page', async () => ({
      room: china(), params: {}, polyfill: await session(world.ids.chinaMember, TEST_SECRET, undefined, 'https://sibling.example.org'),
    }), CLOSE.unauthenticated],
  ];
  // All attempts run at once, so the wait for retries that never come is paid once.
  const outcomes = new Map<string, Promise<Awaited<ReturnType<typeof outcome>>>>();
  beforeAll(async () => {
    for (const [label, request] of cases) {
      const { room, params, polyfill } = await request();
      outcomes.set(label, outcome(label, attempt(label, room, params, polyfill)));
    }
  });
  it.each(cases)('%s', async (label, _request, code) => {
    expect(await outcomes.get(label)).toEqual(refusedForGood(code));
  });

  it('a valid session cookie of someone who may read, from this site\'s page: connected and synced', async () => {
    const token = await encode({ token: { sub: world.ids.observer }, secret: TEST_SECRET });
    const cookie = `theme=dark; next-auth.session-token=${encodeURIComponent(token)}`;
    const client = attempt('cookie-valid', china(), {}, withCookie(cookie, new URL(world.services.publicUrl).origin));
    await whenSynced(client);
    expect(client.provider.wsconnected).toBe(true);
  });

  it('signing out closes the sockets opened with that session, for good, and not those of the person\'s other sessions', async () => {
    const origin = new URL(world.services.publicUrl).origin;
    const inSession = async (sid: string) =>
      withCookie(`next-auth.session-token=${encodeURIComponent(await encode({ token: { sub: world.ids.chinaMember, sid }, secret: TEST_SECRET }))}`, origin);
    const russia = roomName({ assessmentId: open, teamId: world.team('russia').id });
    const laptop = [attempt('signout-laptop-1', china(), {}, await inSession('laptop')), attempt('signout-laptop-2', russia, {}, await inSession('laptop'))];
    const phone = attempt('signout-phone', china(), {}, await inSession('phone'));
    await Promise.all([...laptop, phone].map(whenSynced));
    const closed = laptop.map((client) => outcome(client === laptop[0] ? 'signout-laptop-1' : 'signout-laptop-2', client));
    world.services.sessionEnds.end('laptop', Date.now() + 60_000);
    for (const result of await Promise.all(closed)) {
      expect(result).toMatchObject({ code: CLOSE.unauthenticated, attempts: 1, connecting: false, connected: false });
    }
    expect(phone.provider.wsconnected).toBe(true);
    // The ended session's cookie opens nothing more (one that signed out while connecting included).
    expect(await outcome('signout-laptop-later', attempt('signout-laptop-later', china(), {}, await inSession('laptop'))))
      .toEqual(refusedForGood(CLOSE.unauthenticated));
    // A cookie from before sessions had an id of their own is known by next-auth's token id.
    const olderToken = await encode({ token: { sub: world.ids.chinaMember }, secret: TEST_SECRET });
    const { jti } = (await decode({ token: olderToken, secret: TEST_SECRET }))!;
    const older = attempt('signout-older', china(), {}, withCookie(`next-auth.session-token=${encodeURIComponent(olderToken)}`, origin));
    await whenSynced(older);
    const olderClosed = outcome('signout-older', older);
    world.services.sessionEnds.end(jti as string, Date.now() + 60_000);
    expect(await olderClosed).toMatchObject({ code: CLOSE.unauthenticated, connected: false });
  });

  it('collab.ticket issues the ticket to the caller\'s session', async () => {
    const actor = (await loadActor(world.services, world.ids.chinaMember))!;
    const api = createCaller({ services: world.services, actor, sessionId: 'api-session' });
    const { ticket: issued, room } = await api.collab.ticket({ assessmentId: open, teamId: world.team('china').id });
    expect(verifyTicket(TEST_SECRET, issued, room, Date.now())).toEqual({ userId: world.ids.chinaMember, sessionId: 'api-session' });
  });

  it('a ticket issued to a session is closed when that session signs out, and refused once it has', async () => {
    const issued = attempt('ticket-session', china(), { [TICKET_PARAM]: issueTicket(TEST_SECRET, world.ids.chinaMember, china(), Date.now(), 'script-session') });
    const other = attempt('ticket-other-session', china(), { [TICKET_PARAM]: issueTicket(TEST_SECRET, world.ids.chinaMember, china(), Date.now(), 'desk-session') });
    await Promise.all([whenSynced(issued), whenSynced(other)]);
    const closed = outcome('ticket-session', issued);
    world.services.sessionEnds.end('script-session', Date.now() + 60_000);
    expect(await closed).toMatchObject({ code: CLOSE.unauthenticated, connected: false, connecting: false });
    expect(other.provider.wsconnected).toBe(true);
    // A ticket the session got before signing out opens nothing afterwards.
    const late = attempt('ticket-session-late', china(), { [TICKET_PARAM]: issueTicket(TEST_SECRET, world.ids.chinaMember, china(), Date.now(), 'script-session') });
    expect(await outcome('ticket-session-late', late)).toEqual(refusedForGood(CLOSE.unauthenticated));
  });

  it('a genuine ticket for this room: connected and synced', async () => {
    const client = attempt('ticket-valid', china(), { [TICKET_PARAM]: ticket(world.ids.russiaMember, china()) });
    await whenSynced(client);
    expect(client.provider.wsconnected).toBe(true);
    expect(attemptsBy('ticket-valid')).toBe(1);
  });
});
