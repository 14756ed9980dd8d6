import { randomUUID } from 'node:crypto';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { t } from '../../components/i18n/messages';
import { getRuntime } from '../runtime';
import { CLIENT_ADDRESS_HEADER } from './client-address';
import { ServiceError } from '../services/errors';
import { endSession, liveSession, SESSION_MAX_AGE_S, withSessionClaims } from '../services/sessions';
import { authenticate } from '../services/user';

/**
 * Email + password sign-in. Sessions are signed JWT cookies carrying the user id and
 * the session's own id and end (see `withSessionClaims`); roles are read from the
 * database on every request so changes apply at once.
 */
export const authOptions: NextAuthOptions = {
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: '/signin' },
  providers: [
    CredentialsProvider({
      name: 'Email',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, request) {
        // Set by the server on every request (main.ts); a request without it shares one counter with the others.
        const address = String(request?.headers?.[CLIENT_ADDRESS_HEADER] ?? 'unknown');
        try {
          return await authenticate(getRuntime().services, credentials?.email ?? '', credentials?.password ?? '', address);
        } catch (error) {
          // next-auth passes the thrown message to the sign-in form: ours, never a database's.
          if (error instanceof ServiceError) throw new Error(error.message);
          console.error('[auth] sign-in failed', error);
          throw new Error(t('error.internal'));
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token }) {
      // The session's own id and end, kept as the token is renewed: signing out ends what was opened with it.
      const claims = withSessionClaims(token, Math.floor(Date.now() / 1000), randomUUID);
      // A copy of a signed-out session's cookie, renewed, names nobody: it cannot outlive the record of its end.
      return liveSession(claims, Date.now(), getRuntime().services.sessionEnds) ? claims : { sid: claims.sid, until: claims.until };
    },
    session({ session, token }) {
      const live = liveSession(token, Date.now(), getRuntime().services.sessionEnds);
      return live ? { ...session, user: { ...session.user, id: live.userId } } : { expires: session.expires };
    },
  },
  events: {
    // The cookie is gone from this browser, but its other tabs' sockets were opened with it (they close now), and
    // a copy of it would still be signed (refused from now on, after restarts too).
    async signOut({ token }) {
      await endSession(getRuntime().services, token);
    },
  },
};
