import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { currentActor } from '@/server/auth/session';
import { getRuntime } from '@/server/runtime';
import { appRouter } from '@/server/trpc/root';

const handler = (req: Request) =>
  fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: async () => ({ services: getRuntime().services, actor: await currentActor() }),
  });

export { handler as GET, handler as POST };
