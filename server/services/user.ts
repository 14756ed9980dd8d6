import { eq } from 'drizzle-orm';
import { memberships, users } from '../../db/schema';
import { hashPassword, verifyPassword } from '../auth/password';
import { MAX_EMAIL_LENGTH } from '../auth/password-policy';
import { SIGN_IN_THROTTLE, signInCounters, signInWait, type Failure, type SignInCounter } from '../domain/throttle';
import type { Actor, Services } from './context';
import { ServiceError } from './errors';

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export async function loadActor({ db }: Services, userId: string): Promise<Actor | null> {
  const user = await db.query.users.findFirst({ where: eq(users.id, userId) });
  if (!user) return null;
  const rows = await db.select().from(memberships).where(eq(memberships.userId, userId));
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    memberships: rows.map(({ programmeId, role, teamId }) => ({ programmeId, role, teamId })),
  };
}

/**
 * Checks an email and password from a client address. Wrong passwords and unknown
 * emails fail alike; repeated failures from the same network lock that account
 * there (and, past many accounts, that network) for a while.
 */
export async function authenticate(services: Services, email: string, password: string, address: string) {
  const account = normalizeEmail(email);
  // No account has a longer address, and the throttle's memory must not grow with what a client sends.
  if (account.length > MAX_EMAIL_LENGTH) throw new ServiceError('UNAUTHORIZED', 'signIn.failed');
  const now = services.now().getTime();
  const failures = services.signInFailures;
  const counters = signInCounters(account, address);
  const locked = signInWait(counters, (key) => failures.get(key) ?? [], now);
  if (locked) throw new ServiceError('TOO_MANY_REQUESTS', `signIn.throttled.${locked.limit}`, { minutes: Math.ceil(locked.waitMs / 60_000) });

  // Counted as a failure until the password proves right: attempts sent all at once must not all pass the check above.
  forgetExpiredFailures(failures, now);
  const attempt: Failure = { at: now, account };
  for (const { key } of counters) failures.set(key, [...recent(failures.get(key) ?? [], now), attempt]);

  let user;
  try {
    user = await services.db.query.users.findFirst({ where: eq(users.email, account) });
    // Hash even for unknown emails so timing does not reveal which accounts exist.
    const ok = user ? await verifyPassword(password, user.passwordHash) : (await hashPassword(password), false);
    if (!ok) user = undefined;
  } catch (error) {
    // The server failed, not the person: this attempt is no failure of theirs.
    forget(failures, counters, (failure) => failure === attempt);
    throw error;
  }
  if (!user) throw new ServiceError('UNAUTHORIZED', 'signIn.failed');
  // The person got in: their own earlier slips from here no longer count, on the account or the network.
  forget(failures, counters, (failure) => failure.account === account);
  return { id: user.id, email: user.email, name: user.name };
}


function forget(failures: Map<string, Failure[]>, counters: readonly SignInCounter[], which: (failure: Failure) => boolean): void {
  for (const { key } of counters) {
    const left = (failures.get(key) ?? []).filter((failure) => !which(failure));
    if (left.length) failures.set(key, left);
    else failures.delete(key);
  }
}

const LONGEST_WINDOW_MS = Math.max(...Object.values(SIGN_IN_THROTTLE).map((rule) => rule.windowMs));
/** Past this many counters, those whose failures all aged out are dropped (a scan, so not on every attempt). */
const SWEEP_ABOVE = 1000;

const recent = (list: readonly Failure[], now: number) => list.filter(({ at }) => now - at < LONGEST_WINDOW_MS);

/** Failures from many addresses must not pile up: counters with nothing recent are forgotten. */
function forgetExpiredFailures(failures: Map<string, Failure[]>, now: number): void {
  if (failures.size <= SWEEP_ABOVE) return;
  for (const [key, list] of failures) if (recent(list, now).length === 0) failures.delete(key);
}
