import { decode } from 'next-auth/jwt';
import { liveSession, type SessionClaims, type SessionEnds } from '../services/sessions';

/** next-auth's session cookie (with the `__Secure-` prefix when the site is served over HTTPS). */
const SESSION_COOKIES = ['__Secure-next-auth.session-token', 'next-auth.session-token'];

/**
 * The live session a request's cookies carry, if any. One reading for pages and the API (their cookies) and the
 * collaboration sockets (the upgrade request's header): who is signed in is decided the same way everywhere.
 */
export async function sessionFromCookies(
  secret: string,
  cookie: (name: string) => string | null | undefined,
  ends: Pick<SessionEnds, 'hasEnded'>,
  now: number,
): Promise<SessionClaims | null> {
  for (const name of SESSION_COOKIES) {
    const token = cookie(name);
    if (!token) continue;
    const live = liveSession(await decode({ token, secret }).catch(() => null), now, ends);
    if (live) return live;
  }
  return null;
}
