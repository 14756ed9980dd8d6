import { and, count, eq, isNull } from 'drizzle-orm';
import { invites, memberships, programmes, teams, USER_EMAIL_UNIQUE, users } from '../../db/schema';
import { violatedUniqueConstraint } from '../../db/unavailable';
import type { Database } from '../../db/client';
import { hashToken, newToken, TOKEN_PATTERN } from '../auth/tokens';
import { hashPassword } from '../auth/password';
import type { MessageKey } from '../../components/i18n/messages';
import { inviteTeamProblem, type InviteTeamProblem, type Role } from '../domain/policy';
import type { Actor, Services } from './context';
import { notFound, ServiceError } from './errors';
import { normalizeEmail } from './user';

export const INVITE_LIFETIME_MS = 7 * 24 * 60 * 60_000;
export const SETUP_LIFETIME_MS = 24 * 60 * 60_000;

export interface InviteRequest {
  programmeId: string;
  role: Role;
  teamId?: string | null;
}

// Which message each rule breach shows (the rule itself is the domain's).
const TEAM_PROBLEMS: Record<InviteTeamProblem, MessageKey> = {
  teamNotAllowed: 'error.invite.teamNotAllowed',
  teamRequired: 'error.invite.teamRequired',
  teamNotInProgramme: 'error.teamNotInProgramme',
};

async function checkTeam(db: Database, { programmeId, role, teamId = null }: InviteRequest) {
  const team = teamId
    ? (await db.query.teams.findFirst({ where: and(eq(teams.id, teamId), eq(teams.programmeId, programmeId)) })) ?? null
    : null;
  const problem = inviteTeamProblem(role, teamId, team);
  if (problem) throw new ServiceError('BAD_REQUEST', TEAM_PROBLEMS[problem]);
  return team?.id ?? null;
}

async function insertInvite(services: Services, request: InviteRequest, createdBy: string | null, lifetimeMs: number, setup = false) {
  const token = newToken();
  const expiresAt = new Date(services.now().getTime() + lifetimeMs);
  await services.db.insert(invites).values({
    tokenHash: hashToken(token),
    programmeId: request.programmeId,
    role: request.role,
    teamId: request.teamId ?? null,
    createdBy,
    setup,
    expiresAt,
  });
  return { token, url: `${services.publicUrl}/invite/${token}`, expiresAt };
}

/** `actor` null: an administrator on the command line. */
export async function createInvite(services: Services, actor: Actor | null, request: InviteRequest) {
  const teamId = await checkTeam(services.db, request);
  return insertInvite(services, { ...request, teamId }, actor?.userId ?? null, INVITE_LIFETIME_MS);
}

/**
 * On a database with no users, the one way in: a link that creates the first
 * facilitator. Earlier unused set-up links are withdrawn so only the newest works.
 */
export async function createSetupInviteIfNoUsers(services: Services, programmeId: string) {
  const [row] = await services.db.select({ n: count() }).from(users);
  if ((row?.n ?? 0) > 0) return null;
  await services.db.delete(invites).where(and(eq(invites.setup, true), isNull(invites.usedAt)));
  return insertInvite(services, { programmeId, role: 'facilitator' }, null, SETUP_LIFETIME_MS, true);
}

async function findUsableInvite(db: Database, token: string, now: Date) {
  if (!TOKEN_PATTERN.test(token)) throw new ServiceError('BAD_REQUEST', 'error.invite.invalid');
  const invite = await db.query.invites.findFirst({ where: eq(invites.tokenHash, hashToken(token)) });
  if (!invite) throw new ServiceError('NOT_FOUND', 'error.invite.invalid');
  if (invite.usedAt) throw new ServiceError('CONFLICT', 'error.invite.used');
  if (invite.expiresAt <= now) throw new ServiceError('BAD_REQUEST', 'error.invite.expired');
  return invite;
}

export async function previewInvite(services: Services, token: string) {
  const invite = await findUsableInvite(services.db, token, services.now());
  const programme = await services.db.query.programmes.findFirst({ where: eq(programmes.id, invite.programmeId) });
  if (!programme) throw notFound('programme');
  const team = invite.teamId ? await services.db.query.teams.findFirst({ where: eq(teams.id, invite.teamId) }) : undefined;
  return {
    programmeName: programme.name,
    role: invite.role,
    teamName: team?.name ?? null,
    firstFacilitator: invite.setup,
    expiresAt: invite.expiresAt,
  };
}

export interface NewAccount {
  name: string;
  email: string;
  password: string;
}

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Inside the caller's transaction, so a taken email leaves no membership (or spent invite) behind. */
async function insertUserWithMembership(
  tx: Transaction,
  user: { email: string; name: string; passwordHash: string },
  membership: { programmeId: string; role: Role; teamId: string | null },
): Promise<string> {
  const existing = await tx.query.users.findFirst({ where: eq(users.email, user.email) });
  if (existing) throw new ServiceError('CONFLICT', 'error.emailTaken');
  const [row] = await tx.insert(users).values({ ...user, name: user.name.trim() }).returning({ id: users.id }).catch((error: unknown) => {
    // Someone signed up with that address since the check above.
    if (violatedUniqueConstraint(error) === USER_EMAIL_UNIQUE) throw new ServiceError('CONFLICT', 'error.emailTaken');
    throw error;
  });
  await tx.insert(memberships).values({ userId: row!.id, programmeId: membership.programmeId, role: membership.role, teamId: membership.teamId });
  return row!.id;
}

/** Creates the account and its membership, and spends the invite, all or nothing. */
export async function acceptInvite(services: Services, token: string, account: NewAccount) {
  const email = normalizeEmail(account.email);
  // Check the token before paying for the hash, so junk tokens cost nothing.
  await findUsableInvite(services.db, token, services.now());
  const passwordHash = await hashPassword(account.password);
  return services.db.transaction(async (tx) => {
    const invite = await findUsableInvite(tx as unknown as Database, token, services.now());
    // Spend the invite first, conditionally, so two concurrent uses cannot both succeed.
    const spent = await tx
      .update(invites)
      .set({ usedAt: services.now() })
      .where(and(eq(invites.id, invite.id), isNull(invites.usedAt)))
      .returning({ id: invites.id });
    if (spent.length === 0) throw new ServiceError('CONFLICT', 'error.invite.used');
    const userId = await insertUserWithMembership(tx, { email, name: account.name, passwordHash }, invite);
    await tx.update(invites).set({ usedBy: userId }).where(eq(invites.id, invite.id));
    return { userId, email };
  });
}

/** For administrators (command line, demo accounts): a user with a role, no invite. */
export async function createUserWithRole(
  services: Services,
  account: NewAccount,
  request: InviteRequest,
) {
  const teamId = await checkTeam(services.db, request);
  const email = normalizeEmail(account.email);
  const passwordHash = await hashPassword(account.password);
  return services.db.transaction(async (tx) => {
    const userId = await insertUserWithMembership(tx, { email, name: account.name, passwordHash }, { ...request, teamId });
    return { userId, email };
  });
}
