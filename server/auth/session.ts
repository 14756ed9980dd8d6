import { cookies } from 'next/headers';
import { getRuntime } from '../runtime';
import type { Actor } from '../services/context';
import { loadActor } from '../services/user';
import { sessionFromCookies } from './session-cookie';

/**
 * The signed-in person of the current request (route handler or server component) and their session's id, read
 * from the session cookie as the collaboration server reads it.
 */
export async function currentSession(): Promise<{ actor: Actor; sessionId: string | null } | null> {
  const { services } = getRuntime();
  const jar = await cookies();
  const session = await sessionFromCookies(services.authSecret, (name) => jar.get(name)?.value, services.sessionEnds, services.now().getTime());
  const actor = session && (await loadActor(services, session.userId));
  return actor ? { actor, sessionId: session.sessionId } : null;
}

export async function currentActor(): Promise<Actor | null> {
  return (await currentSession())?.actor ?? null;
}
