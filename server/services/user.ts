import { eq } from 'drizzle-orm';
import { memberships, users } from '../../db/schema';
import { hashPassword, verifyPassword } from '../auth/password';
import { lockedFor, recentFailures, SIGN_IN_THROTTLE } from '../domain/throttle';
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
 * Checks an email and password. Wrong passwords and unknown emails fail alike;
 * repeated failures lock the email for a while.
 */
export async function authenticate(services: Services, email: string, password: string) {
  const key = normalizeEmail(email);
  const now = services.now().getTime();
  const failures = recentFailures(services.signInFailures.get(key) ?? [], now, SIGN_IN_THROTTLE);
  const wait = lockedFor(failures, now, SIGN_IN_THROTTLE);
  if (wait > 0) throw new ServiceError('TOO_MANY_REQUESTS', 'signIn.throttled', { minutes: Math.ceil(wait / 60_000) });

  const user = await services.db.query.users.findFirst({ where: eq(users.email, key) });
  // Hash even for unknown emails so timing does not reveal which accounts exist.
  const ok = user ? await verifyPassword(password, user.passwordHash) : (await hashPassword(password), false);
  if (!ok || !user) {
    services.signInFailures.set(key, [...failures, now]);
    throw new ServiceError('UNAUTHORIZED', 'signIn.failed');
  }
  services.signInFailures.delete(key);
  return { id: user.id, email: user.email, name: user.name };
}
