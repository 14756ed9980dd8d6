import { TRPCError } from '@trpc/server';
import { getErrorShape } from '@trpc/server/unstable-core-do-not-import';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assessments, cellRatings, invites, memberships, publishedSummaries, ratingEvents, threatRatings, users,
} from '../../db/schema';
import type { Database } from '../../db/client';
import type { AssessmentMode } from '../domain/method';
import { openWorld, PASSWORD, type World } from '../testing/world';
import { appRouter } from './root';

/**
 * THE authorization matrix: every procedure × every kind of caller. A new procedure
 * without a row here fails the coverage test at the bottom.
 */

const ACTORS = ['facilitator', 'teamMember', 'otherTeamMember', 'observer', 'outsider', 'anonymous'] as const;
type ActorKey = (typeof ACTORS)[number];
type Outcome = 'ok' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND';
/** In the order of ACTORS. */
type Expectation = readonly [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome];

type Caller = Awaited<ReturnType<World['callerFor']>>;

interface Fixture {
  world: World;
  /** The facilitator's caller, for arranging state. */
  admin: Caller;
  rapid: string;
  detailed: string;
  previewToken: string;
}

interface Scenario<I = unknown> {
  procedure: string;
  label?: string;
  /** Reads never change the database; an allowed write does; a refused call never does. */
  kind: 'read' | 'write';
  input: (f: Fixture) => I | Promise<I>;
  call: (api: Caller, input: I) => Promise<unknown>;
  expect: Expectation;
}

const scenario = <I>(s: Scenario<I>) => s as unknown as Scenario;

let seq = 0;
const next = () => ++seq;
const threatAt = (f: Fixture, i: number) => f.world.threats[i % f.world.threats.length]!.id;
const topTargets = (f: Fixture) => f.world.targets.filter((t) => t.parentId === null);

const MATRIX: Scenario[] = [
  //                                                                 facilitator  teamMember   otherTeamMember observer     outsider      anonymous
  scenario({
    procedure: 'programme.list', kind: 'read', input: () => undefined, call: (api) => api.programme.list(),
    expect: /*                                                    */ ['ok',        'ok',        'ok',          'ok',        'ok',         'UNAUTHORIZED'],
  }),
  scenario({
    procedure: 'programme.overview', kind: 'read',
    input: (f) => ({ programmeId: f.world.programmeId }), call: (api, input) => api.programme.overview(input),
    expect: /*                                                    */ ['ok',        'ok',        'ok',          'ok',        'NOT_FOUND',  'UNAUTHORIZED'],
  }),
  scenario({
    procedure: 'assessment.threatTable', kind: 'read',
    input: (f) => ({ assessmentId: f.rapid }), call: (api, input) => api.assessment.threatTable(input),
    expect: /*                                                    */ ['ok',        'ok',        'ok',          'ok',        'NOT_FOUND',  'UNAUTHORIZED'],
  }),
  scenario({
    procedure: 'assessment.workspace', kind: 'read',
    input: (f) => ({ assessmentId: f.detailed }), call: (api, input) => api.assessment.workspace(input),
    expect: /*                                                    */ ['ok',        'ok',        'ok',          'ok',        'NOT_FOUND',  'UNAUTHORIZED'],
  }),
  scenario({
    procedure: 'assessment.create', kind: 'write',
    input: (f) => ({ programmeId: f.world.programmeId, name: `Matrix assessment ${next()}`, year: 2025, mode: 'rapid' as const }),
    call: (api, input) => api.assessment.create(input),
    expect: /*                                                    */ ['ok',        'FORBIDDEN', 'FORBIDDEN',   'FORBIDDEN', 'NOT_FOUND',  'UNAUTHORIZED'],
  }),
  scenario({
    procedure: 'assessment.setStatus', kind: 'write',
    input: async (f) => {
      const draft = await f.admin.assessment.create({ programmeId: f.world.programmeId, name: `Matrix draft ${next()}`, year: 2025, mode: 'rapid' });
      return { assessmentId: draft.id, status: 'open' as const };
    },
    call: (api, input) => api.assessment.setStatus(input),
    expect: /*                                                    */ ['ok',        'FORBIDDEN', 'FORBIDDEN',   'FORBIDDEN', 'NOT_FOUND',  'UNAUTHORIZED'],
  }),
  scenario({
    procedure: 'rating.setThreat', label: "China's column, open rapid assessment", kind: 'write',
    input: (f) => ({ assessmentId: f.rapid, teamId: f.world.team('china').id, threatId: threatAt(f, next()), rating: 'very_high' as const, rationale: 'matrix' }),
    call: (api, input) => api.rating.setThreat(input),
    expect: /*                                                    */ ['ok',        'ok',        'FORBIDDEN',   'FORBIDDEN', 'NOT_FOUND',  'UNAUTHORIZED'],
  }),
  scenario({
    procedure: 'rating.setThreat', label: 'agreed ecoregional column, open rapid assessment', kind: 'write',
    input: (f) => ({ assessmentId: f.rapid, teamId: f.world.team('ecoregional').id, threatId: threatAt(f, next()), rating: 'high' as const, rationale: 'matrix' }),
    call: (api, input) => api.rating.setThreat(input),
    expect: /*                                                    */ ['ok',        'FORBIDDEN', 'FORBIDDEN',   'FORBIDDEN', 'NOT_FOUND',  'UNAUTHORIZED'],
  }),
  scenario({
    procedure: 'rating.setThreat', label: 'agreed ecoregional column, open detailed assessment', kind: 'write',
    input: (f) => ({ assessmentId: f.detailed, teamId: f.world.team('ecoregional').id, threatId: threatAt(f, next()), rating: 'medium' as const, rationale: 'matrix' }),
    call: (api, input) => api.rating.setThreat(input),
    expect: /*                                                    */ ['ok',        'FORBIDDEN', 'FORBIDDEN',   'FORBIDDEN', 'NOT_FOUND',  'UNAUTHORIZED'],
  }),
  scenario({
    procedure: 'rating.setCell', label: "China's cells, open detailed assessment", kind: 'write',
    input: (f) => ({
      assessmentId: f.detailed, teamId: f.world.team('china').id, threatId: threatAt(f, next()), targetId: topTargets(f)[0]!.id,
      scope: 'high' as const, severity: 'high' as const, irreversibility: 'medium' as const, rationale: 'matrix',
    }),
    call: (api, input) => api.rating.setCell(input),
    expect: /*                                                    */ ['ok',        'ok',        'FORBIDDEN',   'FORBIDDEN', 'NOT_FOUND',  'UNAUTHORIZED'],
  }),
  scenario({
    procedure: 'rating.history', kind: 'read',
    input: (f) => ({ assessmentId: f.rapid, teamId: f.world.team('china').id, threatId: threatAt(f, 0) }),
    call: (api, input) => api.rating.history(input),
    expect: /*                                                    */ ['ok',        'ok',        'ok',          'ok',        'NOT_FOUND',  'UNAUTHORIZED'],
  }),
  scenario({
    // Reading a room needs only programme membership; whether writes apply is the socket's decision.
    procedure: 'collab.ticket', kind: 'read',
    input: (f) => ({ assessmentId: f.rapid, teamId: f.world.team('china').id }),
    call: (api, input) => api.collab.ticket(input),
    expect: /*                                                    */ ['ok',        'ok',        'ok',          'ok',        'NOT_FOUND',  'UNAUTHORIZED'],
  }),
  scenario({
    procedure: 'invite.create', kind: 'write',
    input: (f) => ({ programmeId: f.world.programmeId, role: 'member' as const, teamId: f.world.team('china').id }),
    call: (api, input) => api.invite.create(input),
    expect: /*                                                    */ ['ok',        'FORBIDDEN', 'FORBIDDEN',   'FORBIDDEN', 'NOT_FOUND',  'UNAUTHORIZED'],
  }),
  scenario({
    procedure: 'invite.preview', kind: 'read',
    input: (f) => ({ token: f.previewToken }), call: (api, input) => api.invite.preview(input),
    expect: /*                                                    */ ['ok',        'ok',        'ok',          'ok',        'ok',         'ok'],
  }),
  scenario({
    procedure: 'invite.accept', kind: 'write',
    input: async (f) => {
      const { token } = await f.admin.invite.create({ programmeId: f.world.programmeId, role: 'observer', teamId: null });
      const n = next();
      return { token, name: `Invitee ${n}`, email: `invitee-${n}@heilong.test`, password: PASSWORD };
    },
    call: (api, input) => api.invite.accept(input),
    expect: /*                                                    */ ['ok',        'ok',        'ok',          'ok',        'ok',         'ok'],
  }),
  scenario({
    procedure: 'user.me', kind: 'read', input: () => undefined, call: (api) => api.user.me(),
    expect: /*                                                    */ ['ok',        'ok',        'ok',          'ok',        'ok',         'UNAUTHORIZED'],
  }),
];

const REFUSAL_MESSAGES: Record<Exclude<Outcome, 'ok'>, unknown> = {
  UNAUTHORIZED: 'Sign in first.',
  FORBIDDEN: 'You do not have permission to do this.',
  // Outsiders learn nothing: the programme or assessment reads as missing.
  NOT_FOUND: expect.stringMatching(/^(Assessment|Programme) not found\.$/),
};

/** Runs a call and reports what a user would see: 'ok', or the error code and the message the API sends. */
async function attempt(call: () => Promise<unknown>): Promise<{ code: string; message?: string }> {
  try {
    await call();
    return { code: 'ok' };
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const shape = getErrorShape({ config: appRouter._def._config, error, type: 'unknown', path: undefined, input: undefined, ctx: undefined });
    return { code: error.code, message: shape.message };
  }
}

/** Every row a user or a rating can touch, for "nothing changed" checks. */
async function snapshot(db: Database) {
  const tables = { users, memberships, invites, assessments, threatRatings, cellRatings, publishedSummaries, ratingEvents };
  const out: Record<string, string[]> = {};
  for (const [name, table] of Object.entries(tables)) {
    out[name] = (await db.select().from(table)).map((row) => JSON.stringify(row)).sort();
  }
  return out;
}

let f: Fixture;
let callers: Record<ActorKey, Caller>;

beforeAll(async () => {
  const world = await openWorld();
  const admin = await world.callerFor(world.ids.facilitator);
  const editable = async (name: string, mode: AssessmentMode) => {
    const row = await admin.assessment.create({ programmeId: world.programmeId, name, year: 2024, mode });
    await admin.assessment.setStatus({ assessmentId: row.id, status: 'open' });
    return row.id;
  };
  const { token: previewToken } = await admin.invite.create({ programmeId: world.programmeId, role: 'observer', teamId: null });
  f = { world, admin, rapid: await editable('Matrix rapid', 'rapid'), detailed: await editable('Matrix detailed', 'detailed'), previewToken };

  // Signed in, but a member of no programme: no password hash needed, so no scrypt cost.
  const [outsider] = await world.handle.db.insert(users).values({ email: 'outsider@heilong.test', name: 'outsider', passwordHash: 'none' }).returning();
  callers = {
    facilitator: admin,
    teamMember: await world.callerFor(world.ids.chinaMember),
    otherTeamMember: await world.callerFor(world.ids.russiaMember),
    observer: await world.callerFor(world.ids.observer),
    outsider: await world.callerFor(outsider!.id),
    anonymous: await world.callerFor(null),
  };
});

afterAll(async () => {
  await f?.world.close();
});

describe('authorization matrix', () => {
  const cases = MATRIX.flatMap((s) =>
    ACTORS.map((actor, i) => ({
      s,
      actor,
      outcome: s.expect[i]!,
      name: `${s.procedure}${s.label ? ` (${s.label})` : ''} as ${actor} → ${s.expect[i]}`,
    })),
  );

  it.each(cases)('$name', async ({ s, actor, outcome }) => {
    const input = await s.input(f);
    const before = await snapshot(f.world.handle.db);
    const result = await attempt(() => s.call(callers[actor], input));
    const after = await snapshot(f.world.handle.db);

    if (outcome === 'ok') {
      expect(result).toEqual({ code: 'ok' });
      if (s.kind === 'write') expect(after).not.toEqual(before);
      else expect(after).toEqual(before);
    } else {
      expect(result).toEqual({ code: outcome, message: REFUSAL_MESSAGES[outcome] });
      expect(after).toEqual(before);
    }
  });

  it('has a row for every procedure of the router, and no row for a procedure that does not exist', () => {
    const procedures = Object.keys(appRouter._def.procedures).sort();
    const covered = new Set(MATRIX.map((s) => s.procedure));
    expect(procedures.length).toBeGreaterThan(0);
    expect(procedures.filter((p) => !covered.has(p))).toEqual([]);
    expect([...covered].filter((p) => !procedures.includes(p))).toEqual([]);
  });
});

describe('what the allowed calls return to each role', () => {
  it('user.me is the signed-in user with their memberships', async () => {
    const me = await callers.teamMember.user.me();
    expect(me).toMatchObject({
      userId: f.world.ids.chinaMember,
      email: 'china@heilong.test',
      memberships: [{ programmeId: f.world.programmeId, role: 'member', teamId: f.world.team('china').id }],
    });
  });

  it.each<[ActorKey, string | null, string | null]>([
    ['facilitator', 'facilitator', null],
    ['teamMember', 'member', 'China'],
    ['observer', 'observer', null],
    ['outsider', null, null],
  ])('programme.list as %s shows the role held (%s) and the team (%s)', async (actor, role, teamName) => {
    const list = await callers[actor].programme.list();
    expect(list.map((p) => ({ key: p.key, role: p.role, teamName: p.teamName }))).toEqual(role ? [{ key: 'ahec', role, teamName }] : []);
  });
});

describe('assessment.workspace tells each role which team documents it may write', () => {
  const writable = async (actor: ActorKey, assessmentId: string) => {
    const workspace = await callers[actor].assessment.workspace({ assessmentId });
    return workspace.teams.filter((team) => team.canWrite).map((team) => team.key);
  };

  it.each<[ActorKey, string[]]>([
    ['facilitator', ['china', 'mongolia', 'russia', 'ecoregional']],
    ['teamMember', ['china']],
    ['otherTeamMember', ['russia']],
    ['observer', []],
  ])('in an open assessment, %s writes %j', async (actor, keys) => {
    expect(await writable(actor, f.detailed)).toEqual(keys);
  });

  it.each(['facilitator', 'teamMember', 'observer'] as const)('in the published assessment, %s writes nothing', async (actor) => {
    expect(await writable(actor, f.world.publishedAssessment.id)).toEqual([]);
  });

  it('lists the threats and only the top-level targets, and who is asking', async () => {
    const workspace = await callers.teamMember.assessment.workspace({ assessmentId: f.detailed });
    expect(workspace.threats).toHaveLength(15);
    expect(workspace.targets.map((t) => t.id)).toEqual(topTargets(f).map((t) => t.id));
    expect(workspace.viewer).toMatchObject({ userId: f.world.ids.chinaMember, role: 'member', teamId: f.world.team('china').id });
  });
});

describe('closed and published assessments are read-only for everyone, facilitators included', () => {
  let closedRapid: string;
  let closedDetailed: string;

  beforeAll(async () => {
    const closed = async (name: string, mode: AssessmentMode) => {
      const row = await f.admin.assessment.create({ programmeId: f.world.programmeId, name, year: 2023, mode });
      await f.admin.assessment.setStatus({ assessmentId: row.id, status: 'open' });
      await f.admin.assessment.setStatus({ assessmentId: row.id, status: 'closed' });
      return row.id;
    };
    closedRapid = await closed('Closed rapid', 'rapid');
    closedDetailed = await closed('Closed detailed', 'detailed');
  });

  type Which = 'published rapid' | 'closed rapid' | 'closed detailed';
  const assessmentId = (which: Which) =>
    which === 'published rapid' ? f.world.publishedAssessment.id : which === 'closed rapid' ? closedRapid : closedDetailed;
  const readOnly = (status: string) => `This assessment is ${status}: ratings can no longer be changed.`;
  const forbidden = 'You do not have permission to do this.';

  it.each<{ which: Which; actor: ActorKey; write: 'setThreat' | 'setCell'; team: string; message: string }>([
    { which: 'published rapid', actor: 'facilitator', write: 'setThreat', team: 'china', message: readOnly('published') },
    { which: 'published rapid', actor: 'facilitator', write: 'setThreat', team: 'ecoregional', message: readOnly('published') },
    { which: 'published rapid', actor: 'teamMember', write: 'setThreat', team: 'china', message: readOnly('published') },
    { which: 'published rapid', actor: 'otherTeamMember', write: 'setThreat', team: 'china', message: readOnly('published') },
    { which: 'published rapid', actor: 'observer', write: 'setThreat', team: 'china', message: forbidden },
    { which: 'closed rapid', actor: 'facilitator', write: 'setThreat', team: 'china', message: readOnly('closed') },
    { which: 'closed rapid', actor: 'facilitator', write: 'setThreat', team: 'ecoregional', message: readOnly('closed') },
    { which: 'closed rapid', actor: 'teamMember', write: 'setThreat', team: 'china', message: readOnly('closed') },
    { which: 'closed detailed', actor: 'facilitator', write: 'setCell', team: 'china', message: readOnly('closed') },
    { which: 'closed detailed', actor: 'teamMember', write: 'setCell', team: 'china', message: readOnly('closed') },
    { which: 'closed detailed', actor: 'facilitator', write: 'setThreat', team: 'ecoregional', message: readOnly('closed') },
    { which: 'closed detailed', actor: 'observer', write: 'setCell', team: 'china', message: forbidden },
  ])('$write on $team in the $which assessment as $actor is FORBIDDEN', async ({ which, actor, write, team, message }) => {
    const api = callers[actor];
    const base = { assessmentId: assessmentId(which), teamId: f.world.team(team).id, threatId: f.world.threats[0]!.id, rationale: 'too late' };
    const tableBefore = await f.admin.assessment.threatTable({ assessmentId: base.assessmentId });
    const before = await snapshot(f.world.handle.db);

    const result = await attempt(() =>
      write === 'setThreat'
        ? api.rating.setThreat({ ...base, rating: 'low' })
        : api.rating.setCell({ ...base, targetId: topTargets(f)[0]!.id, scope: 'low', severity: 'low', irreversibility: 'low' }),
    );

    expect(result).toEqual({ code: 'FORBIDDEN', message });
    expect(await snapshot(f.world.handle.db)).toEqual(before);
    expect(await f.admin.assessment.threatTable({ assessmentId: base.assessmentId })).toEqual(tableBefore);
  });

  it.each(['draft', 'open', 'closed'] as const)('a facilitator cannot move the published assessment back to %s', async (status) => {
    const before = await snapshot(f.world.handle.db);
    const result = await attempt(() => f.admin.assessment.setStatus({ assessmentId: f.world.publishedAssessment.id, status }));
    expect(result).toEqual({ code: 'BAD_REQUEST', message: `An assessment cannot move from published to ${status}.` });
    expect(await snapshot(f.world.handle.db)).toEqual(before);
  });

  it('everyone in the programme still reads them', async () => {
    for (const actor of ['facilitator', 'teamMember', 'otherTeamMember', 'observer'] as const) {
      const table = await callers[actor].assessment.threatTable({ assessmentId: f.world.publishedAssessment.id });
      expect(table.assessment.status).toBe('published');
      expect(table.rows).toHaveLength(15);
    }
  });
});
