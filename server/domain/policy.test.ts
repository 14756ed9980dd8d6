import { describe, expect, it } from 'vitest';
import {
  canChangeStatus,
  nextStatuses,
  canManageProgramme,
  canReadProgramme,
  canWriteTeamRatings,
  inviteTeamProblem,
  type AssessmentStatus,
  type InviteTeamProblem,
  type Membership,
  type Role,
  type TeamRef,
} from './policy';

const P = 'programme';
const china = { id: 'china', kind: 'country' } as const;
const russia = { id: 'russia', kind: 'country' } as const;
const eco = { id: 'eco', kind: 'ecoregional' } as const;
const facilitator: Membership = { programmeId: P, role: 'facilitator', teamId: null };
const chinaMember: Membership = { programmeId: P, role: 'member', teamId: 'china' };
const observer: Membership = { programmeId: P, role: 'observer', teamId: null };

describe('canWriteTeamRatings', () => {
  it.each<[string, Membership | null, TeamRef, AssessmentStatus, boolean]>([
    ['facilitator, own programme, open', facilitator, china, 'open', true],
    ['facilitator sets the agreed column', facilitator, eco, 'open', true],
    ['member of the team', chinaMember, china, 'open', true],
    ['member, draft', chinaMember, china, 'draft', true],
    ['member of another team', chinaMember, russia, 'open', false],
    ['member cannot set the agreed column', chinaMember, eco, 'open', false],
    ['observer', observer, china, 'open', false],
    ['anonymous', null, china, 'open', false],
    ['closed is read-only for members', chinaMember, china, 'closed', false],
    ['closed is read-only for facilitators', facilitator, china, 'closed', false],
    ['published is read-only for all', facilitator, eco, 'published', false],
  ])('%s', (_, membership, team, status, expected) => {
    expect(canWriteTeamRatings(membership, team, status)).toBe(expected);
  });
});

describe('programme rights', () => {
  it.each<[Membership | null, boolean, boolean]>([
    [facilitator, true, true],
    [chinaMember, true, false],
    [observer, true, false],
    [null, false, false],
  ])('%o reads %s, manages %s', (membership, reads, manages) => {
    expect(canReadProgramme(membership)).toBe(reads);
    expect(canManageProgramme(membership)).toBe(manages);
  });
});

describe('canChangeStatus', () => {
  it.each<[AssessmentStatus, AssessmentStatus, boolean]>([
    ['draft', 'open', true],
    ['open', 'closed', true],
    ['closed', 'published', true],
    ['closed', 'open', true],
    ['draft', 'published', false],
    ['open', 'published', false],
    ['published', 'open', false],
    ['published', 'closed', false],
    ['open', 'draft', false],
  ])('%s → %s: %s', (from, to, expected) => {
    expect(canChangeStatus(from, to)).toBe(expected);
  });
});

describe('nextStatuses', () => {
  it.each<[AssessmentStatus, AssessmentStatus[]]>([
    ['draft', ['open']],
    ['open', ['closed']],
    ['closed', ['open', 'published']],
    ['published', []],
  ])('%s → %j', (from, expected) => {
    expect(nextStatuses(from)).toEqual(expected);
    for (const to of expected) expect(canChangeStatus(from, to)).toBe(true);
  });
});

describe('inviteTeamProblem', () => {
  it.each<[string, Role, string | null, TeamRef | null, InviteTeamProblem | null]>([
    ['member of a country team', 'member', 'china', china, null],
    ['member without a team', 'member', null, null, 'teamRequired'],
    ['member of the agreed (ecoregional) team', 'member', 'eco', eco, 'teamRequired'],
    ['member of a team not in the programme', 'member', 'elsewhere', null, 'teamNotInProgramme'],
    ['facilitator without a team', 'facilitator', null, null, null],
    ['facilitator with a team', 'facilitator', 'china', china, 'teamNotAllowed'],
    ['observer without a team', 'observer', null, null, null],
    ['observer with a team, even one not in the programme', 'observer', 'elsewhere', null, 'teamNotAllowed'],
  ])('%s', (_, role, teamId, team, expected) => {
    expect(inviteTeamProblem(role, teamId, team)).toBe(expected);
  });
});
