import { getServerSession } from 'next-auth';
import { getRuntime } from '../runtime';
import type { Actor } from '../services/context';
import { loadActor } from '../services/user';
import { authOptions } from './options';

/** The signed-in user of the current request (route handler or server component). */
export async function currentActor(): Promise<Actor | null> {
  const session = await getServerSession(authOptions);
  const userId = (session?.user as { id?: string } | undefined)?.id;
  return userId ? loadActor(getRuntime().services, userId) : null;
}
