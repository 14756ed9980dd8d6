import { TRPCError } from '@trpc/server';
import { notFound, redirect } from 'next/navigation';

/** Where a server-rendered page sends a tRPC failure. */
export type PageErrorOutcome = 'signIn' | 'notFound' | 'rethrow';

export function pageErrorOutcome(error: unknown): PageErrorOutcome {
  if (!(error instanceof TRPCError)) return 'rethrow';
  switch (error.code) {
    case 'UNAUTHORIZED':
      return 'signIn';
    // Not a member and no such thing look alike on purpose (ids must not confirm
    // programmes). BAD_REQUEST is an id in the URL that is not a uuid: no such page.
    case 'NOT_FOUND':
    case 'FORBIDDEN':
    case 'BAD_REQUEST':
      return 'notFound';
    default:
      return 'rethrow';
  }
}

/**
 * Where to go after signing in: `requested` if it is a path on this site, otherwise the home page. Browsers read
 * `/\evil.example` (and tabs or newlines in `//`) as another site, so the path is resolved the way a browser
 * resolves it and must stay on the same origin.
 */
export function localPath(requested: string | undefined): string {
  if (!requested?.startsWith('/')) return '/';
  const here = 'http://heilong.invalid';
  const url = new URL(requested, here);
  return url.origin === here ? `${url.pathname}${url.search}${url.hash}` : '/';
}

/** The sign-in page, coming back to `path` afterwards (it accepts local paths only, see `localPath`). */
export function signInPath(path: string): string {
  return `/signin?callbackUrl=${encodeURIComponent(path)}`;
}

/**
 * For `api.x(...).catch(orPageError(path))` in a page: signed-out visitors go to
 * sign in and come back to `path`; what they may not see is "not found"; anything
 * else is a real failure and reaches the error page.
 */
export function orPageError(path: string) {
  return (error: unknown): never => {
    const outcome = pageErrorOutcome(error);
    if (outcome === 'signIn') redirect(signInPath(path));
    if (outcome === 'notFound') notFound();
    throw error;
  };
}
