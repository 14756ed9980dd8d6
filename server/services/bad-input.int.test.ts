import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { getErrorShape } from '@trpc/server/unstable-core-do-not-import';
import { count, eq, isNotNull, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  assessments, cellRatings, invites, memberships, ratingEvents, targets, teams, threatRatings, threats, users,
} from '../../db/schema';
import { hashToken, newToken } from '../auth/tokens';
import type { AssessmentMode } from '../domain/method';
import { openWorld, PASSWORD, type World } from '../testing/world';
import { appRouter } from '../trpc/root';
import { ServiceError } from './errors';
import { DEFAULT_SEED, readSeed, seedProgramme, type SeedData } from './seed';
import { authenticate } from './user';

/** Bad input gets a clear error, and changes nothing. */

type Caller = Awaited<ReturnType<World['callerFor']>>;

let world: World;
let admin: Caller;
let chinaApi: Caller;
let anonymous: Caller;
let rapid: string;
let detailed: string;
let other: { programmeId: string; threatId: string; targetId: string; teamId: string };
const realNow = () => new Date();
// Input a form cannot produce (a malformed id, an unknown code) gets one general message, not zod's English.
const INVALID_INPUT = 'Some of what was sent is not valid. Reload the page and try again.';
const UNSTORABLE = 'The text holds a NUL character (from a paste of binary data, say), which cannot be stored. Remove it and try again.';

/** What the API sends back: the code and the (formatted) message. */
async function refusal(call: () => Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await call();
  } catch (error) {
    if (error instanceof ServiceError) return { code: error.code, message: error.message };
    if (!(error instanceof TRPCError)) throw error;
    const shape = getErrorShape({ config: appRouter._def._config, error, type: 'unknown', path: undefined, input: undefined, ctx: undefined });
    return { code: error.code, message: shape.message };
  }
  throw new Error('expected the call to be refused, but it succeeded');
}

/** Row counts (and spent invites) in every table a refused call could have touched. */
async function counts() {
  const db = world.handle.db;
  const n = async (query: Promise<{ n: number }[]>) => (await query)[0]!.n;
  return {
    users: await n(db.select({ n: count() }).from(users)),
    memberships: await n(db.select({ n: count() }).from(memberships)),
    invites: await n(db.select({ n: count() }).from(invites)),
    spentInvites: await n(db.select({ n: count() }).from(invites).where(isNotNull(invites.usedAt))),
    assessments: await n(db.select({ n: count() }).from(assessments)),
    threatRatings: await n(db.select({ n: count() }).from(threatRatings)),
    cellRatings: await n(db.select({ n: count() }).from(cellRatings)),
    ratingEvents: await n(db.select({ n: count() }).from(ratingEvents)),
  };
}

/** Runs a call that must be refused, and checks that no row was written. */
async function refusedWithoutChange(call: () => Promise<unknown>) {
  const before = await counts();
  const result = await refusal(call);
  expect(await counts()).toEqual(before);
  return result;
}

/** The AHEC seed with every key changed: a second programme in the same database. */
function otherProgramme(seed: SeedData): SeedData {
  const k = (key: string) => `other-${key}`;
  return {
    ...seed,
    programme: { ...seed.programme, key: 'other-programme', name: 'Another programme', shortName: 'OTHER' },
    teams: seed.teams.map((t) => ({ ...t, key: k(t.key) })),
    targets: seed.targets.map((t) => ({ ...t, key: k(t.key), nested: t.nested.map((n) => ({ ...n, key: k(n.key) })) })),
    threats: seed.threats.map((t) => ({ ...t, key: k(t.key) })),
    strategies: seed.strategies.map((s) => ({ ...s, threats: s.threats.map(k) })),
    assessments: [],
  };
}

beforeAll(async () => {
  world = await openWorld();
  admin = await world.callerFor(world.ids.facilitator);
  chinaApi = await world.callerFor(world.ids.chinaMember);
  anonymous = await world.callerFor(null);
  const editable = async (name: string, mode: AssessmentMode) => {
    const row = await admin.assessment.create({ programmeId: world.programmeId, name, year: 2024, mode });
    await admin.assessment.setStatus({ assessmentId: row.id, status: 'open' });
    return row.id;
  };
  rapid = await editable('Bad input rapid', 'rapid');
  detailed = await editable('Bad input detailed', 'detailed');

  const { programmeId } = await seedProgramme(world.handle.db, otherProgramme(await readSeed(DEFAULT_SEED)));
  const db = world.handle.db;
  const [threat] = await db.select().from(threats).where(eq(threats.programmeId, programmeId)).limit(1);
  const [target] = await db.select().from(targets).where(eq(targets.programmeId, programmeId)).limit(1);
  const [team] = await db.select().from(teams).where(eq(teams.key, 'other-china'));
  other = { programmeId, threatId: threat!.id, targetId: target!.id, teamId: team!.id };
  expect(programmeId).not.toBe(world.programmeId);
});

afterEach(() => {
  world.services.now = realNow;
});

afterAll(async () => {
  await world?.close();
});

describe('ratings', () => {
  const LEVEL = 'Choose a rating from the list, or leave it not set.';
  const china = () => world.team('china').id;
  const fire = () => world.threats[0]!.id;
  const topTarget = () => world.targets.find((t) => t.parentId === null)!.id;
  const nestedTarget = () => world.targets.find((t) => t.parentId !== null)!.id;
  const cell = (overrides: Record<string, unknown> = {}) => ({
    assessmentId: detailed, teamId: china(), threatId: fire(), targetId: topTarget(),
    scope: 'high', severity: 'high', irreversibility: 'high', rationale: '', ...overrides,
  });
  const threat = (overrides: Record<string, unknown> = {}) => ({
    assessmentId: rapid, teamId: china(), threatId: fire(), rating: 'high', rationale: '', ...overrides,
  });
  // The inputs are deliberately wrong, so they go in untyped, as they would over HTTP.
  const setThreat = (input: Record<string, unknown>) => chinaApi.rating.setThreat(input as never);
  const setCell = (input: Record<string, unknown>) => chinaApi.rating.setCell(input as never);

  it.each<[string, () => Promise<unknown>, string, string]>([
    ['an unknown rating value', () => setThreat(threat({ rating: 'extreme' })), 'BAD_REQUEST', LEVEL],
    ['an unknown scope value', () => setCell(cell({ scope: 'extreme' })), 'BAD_REQUEST', LEVEL],
    ['an unknown severity value', () => setCell(cell({ severity: 'Very High' })), 'BAD_REQUEST', LEVEL],
    ['a threat id that is not a uuid', () => setThreat(threat({ threatId: 'fire' })), 'BAD_REQUEST', INVALID_INPUT],
    ['a rationale over 4000 characters', () => setThreat(threat({ rationale: 'x'.repeat(4001) })), 'BAD_REQUEST',
      'A rationale can be at most 4000 characters long.'],
    // PostgreSQL's text cannot hold it: taken, it would fail the write of the change's history.
    ['a rationale with a NUL character', () => setThreat(threat({ rationale: 'bad\u0000x' })), 'BAD_REQUEST', UNSTORABLE],
    ['a cell rationale with a NUL character', () => setCell(cell({ rationale: '\u0000' })), 'BAD_REQUEST', UNSTORABLE],
    ['a random threat id', () => setThreat(threat({ threatId: randomUUID() })), 'BAD_REQUEST', 'That threat is not part of this programme.'],
    ["another programme's threat", () => setThreat(threat({ threatId: other.threatId })), 'BAD_REQUEST', 'That threat is not part of this programme.'],
    ["another programme's threat in a cell", () => setCell(cell({ threatId: other.threatId })), 'BAD_REQUEST', 'That threat is not part of this programme.'],
    ['a random target id', () => setCell(cell({ targetId: randomUUID() })), 'BAD_REQUEST', 'That target is not part of this programme.'],
    ["another programme's target", () => setCell(cell({ targetId: other.targetId })), 'BAD_REQUEST', 'That target is not part of this programme.'],
    ['a nested target', () => setCell(cell({ targetId: nestedTarget() })), 'BAD_REQUEST',
      'Nested targets are not rated directly; rate their parent target.'],
    ["another programme's team", () => setThreat(threat({ teamId: other.teamId })), 'BAD_REQUEST', 'That team is not part of this programme.'],
    ['an unknown assessment', () => setThreat(threat({ assessmentId: randomUUID() })), 'NOT_FOUND', 'Assessment not found.'],
    ['a whole-threat rating in a threat × target assessment', () => setThreat(threat({ assessmentId: detailed })), 'BAD_REQUEST',
      'This is a threat × target assessment: rate each threat against each target instead.'],
    ['a cell rating in a rapid assessment', () => setCell(cell({ assessmentId: rapid })), 'BAD_REQUEST',
      'This is a rapid assessment: rate each threat as a whole instead.'],
  ])('%s is refused (%s: %s) and nothing is written', async (_, call, code, message) => {
    expect(await refusedWithoutChange(call)).toEqual({ code, message });
  });

  it('a cell for the agreed ecoregional column is refused and nothing is written', async () => {
    const result = await refusedWithoutChange(() => admin.rating.setCell({ ...cell(), teamId: world.team('ecoregional').id } as never));
    // Not "This is a rapid assessment": the assessment is detailed, the column is the agreed one.
    expect(result).toEqual({ code: 'BAD_REQUEST', message: 'This is a column agreed at ecoregional level: rate each threat as a whole instead.' });
  });
});

describe('assessments', () => {
  it.each<[string, () => Promise<unknown>, string, string]>([
    ['a name already used in the programme',
      () => admin.assessment.create({ programmeId: world.programmeId, name: 'Bad input rapid', year: 2024, mode: 'rapid' }),
      'CONFLICT', 'This programme already has an assessment called “Bad input rapid”.'],
    ['a blank name',
      () => admin.assessment.create({ programmeId: world.programmeId, name: '   ', year: 2024, mode: 'rapid' }),
      'BAD_REQUEST', 'Enter a name for the assessment.'],
    ['a name of invisible characters alone (zero-width spaces)',
      () => admin.assessment.create({ programmeId: world.programmeId, name: '\u200B\u200B', year: 2024, mode: 'rapid' }),
      'BAD_REQUEST', 'Enter a name for the assessment.'],
    ['a name already used, written with other spaces (non-breaking, doubled)',
      () => admin.assessment.create({ programmeId: world.programmeId, name: 'Bad\u00A0input  rapid\u200B', year: 2024, mode: 'rapid' }),
      'CONFLICT', 'This programme already has an assessment called “Bad input rapid”.'],
    ['an unknown mode',
      () => admin.assessment.create({ programmeId: world.programmeId, name: 'X', year: 2024, mode: 'quick' } as never),
      'BAD_REQUEST', INVALID_INPUT],
    ['a name with a NUL character',
      () => admin.assessment.create({ programmeId: world.programmeId, name: 'Nul\u0000', year: 2024, mode: 'rapid' }),
      'BAD_REQUEST', UNSTORABLE],
    ['a name past 120 characters',
      () => admin.assessment.create({ programmeId: world.programmeId, name: 'N'.repeat(121), year: 2024, mode: 'rapid' }),
      'BAD_REQUEST', 'An assessment name can be at most 120 characters long.'],
    ['a year that is no number (an empty form field)',
      () => admin.assessment.create({ programmeId: world.programmeId, name: 'Y', year: Number.NaN, mode: 'rapid' }),
      'BAD_REQUEST', 'Enter the plan year as a whole number, e.g. 2023.'],
    ['a fractional year',
      () => admin.assessment.create({ programmeId: world.programmeId, name: 'Y', year: 2020.5, mode: 'rapid' }),
      'BAD_REQUEST', 'Enter the plan year as a whole number, e.g. 2023.'],
    ['a year before 1900',
      () => admin.assessment.create({ programmeId: world.programmeId, name: 'Y', year: 202, mode: 'rapid' }),
      'BAD_REQUEST', 'The plan year must be 1900 or later.'],
    ['a year after 2200',
      () => admin.assessment.create({ programmeId: world.programmeId, name: 'Y', year: 20230, mode: 'rapid' }),
      'BAD_REQUEST', 'The plan year must be 2200 or earlier.'],
    ['publishing an open assessment', () => admin.assessment.setStatus({ assessmentId: rapid, status: 'published' }),
      'BAD_REQUEST', 'An assessment cannot move from open to published.'],
    ['an unknown status', () => admin.assessment.setStatus({ assessmentId: rapid, status: 'archived' } as never),
      'BAD_REQUEST', INVALID_INPUT],
  ])('%s is refused (%s: %s)', async (_, call, code, message) => {
    const status = async () => (await world.handle.db.select().from(assessments).where(eq(assessments.id, rapid)))[0]!.status;
    const statusBefore = await status();
    expect(await refusedWithoutChange(call)).toEqual({ code, message });
    expect(await status()).toBe(statusBefore);
  });

  it('two facilitators creating one name at the same moment (in other cases) get one assessment, and the other is told why', async () => {
    const create = (name: string) => admin.assessment.create({ programmeId: world.programmeId, name, year: 2026, mode: 'rapid' });
    const results = await Promise.allSettled([create('Mid-term review'), create('MID-TERM REVIEW')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect(await refusal(() => Promise.reject(refused.reason))).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/^This programme already has an assessment called “(Mid-term review|MID-TERM REVIEW)”\.$/) });
    const rows = await world.handle.db.select().from(assessments).where(sql`lower(${assessments.name}) = 'mid-term review'`);
    expect(rows).toHaveLength(1);
  });

  it('a draft cannot skip open (draft → closed)', async () => {
    const draft = await admin.assessment.create({ programmeId: world.programmeId, name: 'Skipping draft', year: 2024, mode: 'rapid' });
    const result = await refusedWithoutChange(() => admin.assessment.setStatus({ assessmentId: draft.id, status: 'closed' }));
    expect(result).toEqual({ code: 'BAD_REQUEST', message: 'An assessment cannot move from draft to closed.' });
    const [row] = await world.handle.db.select().from(assessments).where(eq(assessments.id, draft.id));
    expect(row!.status).toBe('draft');
  });
});

describe('invitations', () => {
  const newInvite = async () => (await admin.invite.create({ programmeId: world.programmeId, role: 'observer', teamId: null })).token;
  const account = (n: string) => ({ name: `Person ${n}`, email: `person-${n}@heilong.test`, password: PASSWORD });
  const INVALID = 'This invitation link is not valid. Check that you copied the whole link.';
  const USED = 'This invitation link has already been used. Ask your facilitator for a new one.';
  const EXPIRED = 'This invitation link has expired. Ask your facilitator for a new one.';

  it.each<[string, () => Promise<string>, string, string]>([
    ['a malformed token', async () => 'not-a-token', 'BAD_REQUEST', INVALID],
    ['a token with the right shape but a missing character', async () => (await newInvite()).slice(0, -1), 'BAD_REQUEST', INVALID],
    ['an unknown well-formed token', async () => newToken(), 'NOT_FOUND', INVALID],
  ])('%s: preview and accept are refused (%s)', async (_, token, code, message) => {
    const t = await token();
    expect(await refusedWithoutChange(() => anonymous.invite.preview({ token: t }))).toEqual({ code, message });
    expect(await refusedWithoutChange(() => anonymous.invite.accept({ token: t, ...account('bad-token') }))).toEqual({ code, message });
  });

  it.each([['empty', ''], ['over 200 characters (a link pasted twice)', 'x'.repeat(201)]])('a token %s is an invalid link', async (_, token) => {
    expect(await refusedWithoutChange(() => anonymous.invite.preview({ token }))).toEqual({ code: 'BAD_REQUEST', message: INVALID });
  });

  it.each([
    ['a name over 120 characters', { name: 'N'.repeat(121) }, 'A name can be at most 120 characters long.'],
    ['a password over 200 characters', { password: 'p'.repeat(201) }, 'A password can be at most 200 characters long.'],
    ['an email over 254 characters', { email: `${'e'.repeat(250)}@heilong.test` }, 'An email address can be at most 254 characters long.'],
    ['a name with a NUL character', { name: 'Nul\u0000Name' }, UNSTORABLE],
  ])('%s is refused, saying so; the invitation stays usable', async (_, change, message) => {
    const token = await newInvite();
    expect(await refusedWithoutChange(() => anonymous.invite.accept({ token, ...account('long'), ...change }))).toEqual({ code: 'BAD_REQUEST', message });
    expect(await anonymous.invite.preview({ token })).toMatchObject({ role: 'observer' });
  });

  // Against a PostgreSQL server the two transactions overlap, and the unique index refuses the second; embedded PGlite
  // runs them one after the other, so there the check before the insert does (CI runs this file against both).
  it('two invitations accepted at the same moment with one email: one account, and the other is told the email is taken', async () => {
    const [first, second] = [await newInvite(), await newInvite()];
    const accept = (token: string, name: string) => anonymous.invite.accept({ token, name, email: 'Same.Person@Heilong.test', password: PASSWORD });
    const results = await Promise.allSettled([accept(first, 'Same one'), accept(second, 'Same two')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect(await refusal(() => Promise.reject(refused.reason))).toEqual({ code: 'CONFLICT', message: 'An account with this email already exists. Sign in instead.' });
    expect(await world.handle.db.select().from(users).where(eq(users.email, 'same.person@heilong.test'))).toHaveLength(1);
  });

  it('a used token is refused, and the second account is not created', async () => {
    const token = await newInvite();
    await anonymous.invite.accept({ token, ...account('first') });
    expect(await refusedWithoutChange(() => anonymous.invite.preview({ token }))).toEqual({ code: 'CONFLICT', message: USED });
    expect(await refusedWithoutChange(() => anonymous.invite.accept({ token, ...account('second') }))).toEqual({ code: 'CONFLICT', message: USED });
    expect(await world.handle.db.select().from(users).where(eq(users.email, 'person-second@heilong.test'))).toEqual([]);
  });

  it('an expired token is refused (clock moved past the 7 days)', async () => {
    const token = await newInvite();
    const created = Date.now();
    world.services.now = () => new Date(created + 7 * 24 * 60 * 60_000 + 1000);
    expect(await refusedWithoutChange(() => anonymous.invite.preview({ token }))).toEqual({ code: 'BAD_REQUEST', message: EXPIRED });
    expect(await refusedWithoutChange(() => anonymous.invite.accept({ token, ...account('late') }))).toEqual({ code: 'BAD_REQUEST', message: EXPIRED });
  });

  it('an expired token is refused (expiry in the past in the database)', async () => {
    const token = await newInvite();
    await world.handle.db.update(invites).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invites.tokenHash, hashToken(token)));
    expect(await refusedWithoutChange(() => anonymous.invite.accept({ token, ...account('late-db') }))).toEqual({ code: 'BAD_REQUEST', message: EXPIRED });
  });

  it('an email already taken (in any case) is a CONFLICT, and the invite stays usable', async () => {
    const token = await newInvite();
    const result = await refusedWithoutChange(() =>
      anonymous.invite.accept({ token, name: 'China again', email: 'China@Heilong.test', password: PASSWORD }));
    expect(result).toEqual({ code: 'CONFLICT', message: 'An account with this email already exists. Sign in instead.' });

    // Not spent: it still previews and can be accepted with a free email.
    expect(await anonymous.invite.preview({ token })).toMatchObject({ role: 'observer', programmeName: 'Amur-Heilong Ecoregion Complex' });
    const { email } = await anonymous.invite.accept({ token, name: 'New observer', email: 'New.Observer@Heilong.test', password: PASSWORD });
    expect(email).toBe('new.observer@heilong.test');
  });

  it.each<[string, Record<string, string>, string]>([
    ['a password that is too short', { password: 'short' }, 'Use at least 10 characters for the password.'],
    ['an invalid email', { email: 'not-an-email' }, 'Enter a valid email address.'],
    ['a blank name', { name: '   ' }, 'Enter your name.'],
    ['a name of invisible characters alone', { name: '\u200B\uFEFF' }, 'Enter your name.'],
  ])('%s is refused, and the invite is not spent', async (_, change, message) => {
    const token = await newInvite();
    const result = await refusedWithoutChange(() => anonymous.invite.accept({ token, ...account('bad-account'), ...change }));
    expect(result).toEqual({ code: 'BAD_REQUEST', message });
    expect(await anonymous.invite.preview({ token })).toMatchObject({ role: 'observer' });
  });

  it('several problems with the account are all named, in the form\'s order', async () => {
    const token = await newInvite();
    const result = await refusedWithoutChange(() => anonymous.invite.accept({ token, ...account('bad-twice'), name: ' ', password: 'short' }));
    expect(result).toEqual({ code: 'BAD_REQUEST', message: 'Enter your name. Use at least 10 characters for the password.' });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a member invite without a team', { role: 'member', teamId: null }, 'A team member invitation needs a country team.'],
    ['a member invite for the agreed ecoregional column', { role: 'member', teamId: 'ecoregional' }, 'A team member invitation needs a country team.'],
    ['an observer invite with a team', { role: 'observer', teamId: 'china' }, 'Only team members belong to a team.'],
    ["a member invite for another programme's team", { role: 'member', teamId: 'other' }, 'That team is not part of this programme.'],
  ])('%s is refused and no invite is created', async (_, { role, teamId }, message) => {
    const id = teamId === 'other' ? other.teamId : typeof teamId === 'string' ? world.team(teamId).id : null;
    const result = await refusedWithoutChange(() => admin.invite.create({ programmeId: world.programmeId, role: role as 'member', teamId: id }));
    expect(result).toEqual({ code: 'BAD_REQUEST', message });
  });
});

describe('signing in', () => {
  const HERE = '203.0.113.7';
  const ELSEWHERE = '198.51.100.1';

  it.each([
    ['a wrong password', 'observer@heilong.test', 'not the password'],
    ['an unknown email', 'nobody@heilong.test', PASSWORD],
  ])('%s is UNAUTHORIZED with one message for both', async (_, email, password) => {
    expect(await refusedWithoutChange(() => authenticate(world.services, email, password, HERE)))
      .toEqual({ code: 'UNAUTHORIZED', message: 'Wrong email or password.' });
  });

  it('the right password works, whatever the case of the email', async () => {
    expect(await authenticate(world.services, '  Observer@Heilong.TEST ', PASSWORD, HERE)).toMatchObject({ id: world.ids.observer });
  });

  it('after 5 failures the account is locked for 15 minutes from that address, even for the right password; not elsewhere', async () => {
    const start = new Date('2030-01-01T09:00:00Z').getTime();
    world.services.now = () => new Date(start);
    for (let i = 0; i < 5; i++) {
      expect((await refusal(() => authenticate(world.services, 'russia@heilong.test', `wrong ${i}`, HERE))).code).toBe('UNAUTHORIZED');
    }

    const locked = { code: 'TOO_MANY_REQUESTS', message: 'Too many failed sign-ins for this account. Try again in 15 min.' };
    expect(await refusedWithoutChange(() => authenticate(world.services, 'russia@heilong.test', PASSWORD, HERE))).toEqual(locked);
    // The lock is per account, not per spelling of the email.
    expect(await refusal(() => authenticate(world.services, 'RUSSIA@heilong.test', PASSWORD, HERE))).toEqual(locked);
    // Other accounts are not affected.
    expect(await authenticate(world.services, 'china@heilong.test', PASSWORD, HERE)).toMatchObject({ id: world.ids.chinaMember });
    // Whoever failed on purpose cannot lock the person out: from their own address they sign in.
    expect(await authenticate(world.services, 'russia@heilong.test', PASSWORD, ELSEWHERE)).toMatchObject({ id: world.ids.russiaMember });

    world.services.now = () => new Date(start + 10 * 60_000);
    const later = await refusal(() => authenticate(world.services, 'russia@heilong.test', PASSWORD, HERE));
    expect(later).toEqual({ code: 'TOO_MANY_REQUESTS', message: 'Too many failed sign-ins for this account. Try again in 5 min.' });

    world.services.now = () => new Date(start + 15 * 60_000);
    expect(await authenticate(world.services, 'russia@heilong.test', PASSWORD, HERE)).toMatchObject({ id: world.ids.russiaMember });
  });

  it('one network failing on 50 different accounts is stopped, for every account; other networks are not', async () => {
    const start = new Date('2030-02-01T09:00:00Z').getTime();
    world.services.now = () => new Date(start);
    const sprayer = '192.0.2.99';
    for (let i = 0; i < 50; i++) {
      expect((await refusal(() => authenticate(world.services, `guess-${i}@heilong.test`, 'Password1', sprayer))).code).toBe('UNAUTHORIZED');
    }
    expect(await refusedWithoutChange(() => authenticate(world.services, 'china@heilong.test', PASSWORD, sprayer)))
      .toEqual({ code: 'TOO_MANY_REQUESTS', message: 'Too many failed sign-ins to different accounts from your network. Try again in 15 min.' });
    expect(await authenticate(world.services, 'china@heilong.test', PASSWORD, HERE)).toMatchObject({ id: world.ids.chinaMember });
  });

  it('signing in forgives only one’s own slips: a sprayer with an account of their own does not reset the network', async () => {
    world.services.now = () => new Date('2030-02-15T09:00:00Z');
    const sprayer = '192.0.2.98';
    for (let i = 0; i < 49; i++) await refusal(() => authenticate(world.services, `spray-${i}@heilong.test`, 'Password1', sprayer));
    expect(await authenticate(world.services, 'russia@heilong.test', PASSWORD, sprayer)).toMatchObject({ id: world.ids.russiaMember });
    await refusal(() => authenticate(world.services, 'spray-49@heilong.test', 'Password1', sprayer));
    expect((await refusal(() => authenticate(world.services, 'russia@heilong.test', PASSWORD, sprayer))).code).toBe('TOO_MANY_REQUESTS');
  });

  it('an address longer than any account’s is refused without being remembered', async () => {
    const before = world.services.signInFailures.size;
    expect(await refusal(() => authenticate(world.services, `${'a'.repeat(300)}@heilong.test`, 'x', '192.0.2.97')))
      .toEqual({ code: 'UNAUTHORIZED', message: 'Wrong email or password.' });
    expect(world.services.signInFailures.size).toBe(before);
  });

  it('a failure of the server is not counted as the person’s', async () => {
    world.services.now = () => new Date('2030-02-20T09:00:00Z');
    const broken = { ...world.services, db: { query: { users: { findFirst: () => Promise.reject(new Error('database away')) } } } } as unknown as typeof world.services;
    for (let i = 0; i < 6; i++) await expect(authenticate(broken, 'china@heilong.test', PASSWORD, '192.0.2.96')).rejects.toThrow('database away');
    expect(await authenticate(world.services, 'china@heilong.test', PASSWORD, '192.0.2.96')).toMatchObject({ id: world.ids.chinaMember });
  });

  it('attempts sent all at once are counted before the password is checked: of 12, five are checked', async () => {
    world.services.now = () => new Date('2030-03-01T09:00:00Z');
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) =>
      refusal(() => authenticate(world.services, 'observer@heilong.test', `parallel guess ${i}`, '192.0.2.50'))));
    expect(results.filter((r) => r.code === 'UNAUTHORIZED')).toHaveLength(5);
    expect(results.filter((r) => r.code === 'TOO_MANY_REQUESTS')).toHaveLength(7);
  });

  it('signing in forgives the person’s own slips; counters long expired are forgotten once there are many', async () => {
    const start = new Date('2030-04-01T09:00:00Z').getTime();
    world.services.now = () => new Date(start);
    const venue = '192.0.2.77';
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 4; i++) await refusal(() => authenticate(world.services, 'observer@heilong.test', `typo ${i}`, venue));
      expect(await authenticate(world.services, 'observer@heilong.test', PASSWORD, venue)).toMatchObject({ id: world.ids.observer });
    }
    expect([...world.services.signInFailures.keys()].filter((key) => key.includes(venue))).toEqual([]);

    for (let i = 0; i < 1001; i++) world.services.signInFailures.set(`account stale-${i}`, [{ at: start - 60 * 60_000, account: `stale-${i}` }]);
    await refusal(() => authenticate(world.services, 'nobody@heilong.test', 'x', venue));
    expect([...world.services.signInFailures.keys()].filter((key) => key.includes('stale'))).toEqual([]);
  });
});
