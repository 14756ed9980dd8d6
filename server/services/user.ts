import { eq } from 'drizzle-orm';
import { memberships, users } from '../../db/schema';
import { hashPassword, verifyPassword } from '../auth/password';
import { recentFailures, SIGN_IN_THROTTLE, signInCounters, signInWait } from '../domain/throttle';
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
 * emails fail alike; repeated failures from the same address lock that account
 * (and, past a higher count, that address) for a while.
 */
export async function authenticate(services: Services, email: string, password: string, address: string) {
  const key = normalizeEmail(email);
  const now = services.now().getTime();
  const failures = services.signInFailures;
  const counters = signInCounters(key, address);
  const locked = signInWait(counters, (counter) => failures.get(counter) ?? [], now);
  if (locked) throw new ServiceError('TOO_MANY_REQUESTS', `signIn.throttled.${locked.limit}`, { minutes: Math.ceil(locked.waitMs / 60_000) });

  const user = await services.db.query.users.findFirst({ where: eq(users.email, key) });
  // Hash even for unknown emails so timing does not reveal which accounts exist.
  const ok = user ? await verifyPassword(password, user.passwordHash) : (await hashPassword(password), false);
  if (!ok || !user) {
    forgetExpiredFailures(failures, now);
    for (const { limit, key: counter } of counters) {
      failures.set(counter, [...recentFailures(failures.get(counter) ?? [], now, SIGN_IN_THROTTLE[limit]), now]);
    }
    throw new ServiceError('UNAUTHORIZED', 'signIn.failed');
  }
  failures.delete(counters.find((counter) => counter.limit === 'account')!.key);
  return { id: user.id, email: user.email, name: user.name };
}

const LONGEST_WINDOW_MS = Math.max(...Object.values(SIGN_IN_THROTTLE).map((rule) => rule.windowMs));

/** Counters whose failures all aged out are dropped, so failures from many addresses do not pile up. */
function forgetExpiredFailures(failures: Map<string, number[]>, now: number): void {
  for (const [counter, times] of failures) {
    if (times.every((at) => now - at >= LONGEST_WINDOW_MS)) failures.delete(counter);
  }
}
