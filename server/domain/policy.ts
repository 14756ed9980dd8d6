/**
 * Who may do what. Pure functions over a user's membership in a programme; tRPC
 * procedures and the collaboration server both decide with these.
 */
import type { TeamKind } from './method';

export const ROLES = ['facilitator', 'member', 'observer'] as const;
export type Role = (typeof ROLES)[number];

export const ASSESSMENT_STATUSES = ['draft', 'open', 'closed', 'published'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

export interface Membership {
  programmeId: string;
  role: Role;
  /** Set for members: the one team they rate for. */
  teamId: string | null;
}

export interface TeamRef {
  id: string;
  kind: TeamKind;
}

export function canReadProgramme(membership: Membership | null): membership is Membership {
  return membership !== null;
}

/** Invites, assessments and their status: the facilitators' work. */
export function canManageProgramme(membership: Membership | null): boolean {
  return membership?.role === 'facilitator';
}

/** Closed and published assessments are evidence: nobody edits them. */
export function isAssessmentEditable(status: AssessmentStatus): boolean {
  return status === 'draft' || status === 'open';
}

/**
 * A country team's ratings are written by its members and the facilitators; the
 * ecoregional column is agreed, so only facilitators set it.
 */
export function canWriteTeamRatings(membership: Membership | null, team: TeamRef, status: AssessmentStatus): boolean {
  if (!membership || !isAssessmentEditable(status)) return false;
  if (membership.role === 'facilitator') return true;
  return membership.role === 'member' && team.kind === 'country' && membership.teamId === team.id;
}

export type InviteTeamProblem = 'teamNotAllowed' | 'teamRequired' | 'teamNotInProgramme';

/**
 * The team an invite (or an administrator's new account) carries. A member rates for
 * exactly one country team, so they need one; facilitators and observers see every
 * team and belong to none. `team` is the requested team as found in the programme
 * (null when it is not there). Returns what is wrong, or null.
 */
export function inviteTeamProblem(role: Role, teamId: string | null, team: TeamRef | null): InviteTeamProblem | null {
  if (role !== 'member') return teamId ? 'teamNotAllowed' : null;
  if (!teamId) return 'teamRequired';
  if (!team) return 'teamNotInProgramme';
  // The agreed column is the facilitators'; a member invited to it would have nothing to rate.
  return team.kind === 'country' ? null : 'teamRequired';
}

/** Status moves forward; a published assessment is final. Reopening a closed one is allowed. */
const TRANSITIONS = {
  draft: ['open'],
  open: ['closed'],
  closed: ['open', 'published'],
  published: [],
} as const satisfies Record<AssessmentStatus, readonly AssessmentStatus[]>;

/** A status an assessment can be moved to (it starts as a draft and never returns to one). */
export type ReachableStatus = (typeof TRANSITIONS)[AssessmentStatus][number];

export function canChangeStatus(from: AssessmentStatus, to: AssessmentStatus): boolean {
  return (nextStatuses(from) as readonly AssessmentStatus[]).includes(to);
}

/** Where a facilitator may move an assessment next, in the order to offer them. */
export function nextStatuses(from: AssessmentStatus): readonly ReachableStatus[] {
  return TRANSITIONS[from];
}
