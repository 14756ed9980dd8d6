import { cache } from 'react';
import { currentActor } from '../auth/session';
import { getRuntime } from '../runtime';
import { createCaller } from './root';

/** tRPC for server components: the same procedures and checks as over HTTP. */
export const serverApi = cache(async () => {
  const actor = await currentActor();
  return { actor, api: createCaller({ services: getRuntime().services, actor }) };
});
