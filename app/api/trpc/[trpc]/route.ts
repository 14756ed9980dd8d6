import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { currentSession } from '@/server/auth/session';
import { getRuntime } from '@/server/runtime';
import { appRouter } from '@/server/trpc/root';

const handler = (req: Request) =>
  fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: async () => {
      const session = await currentSession();
      return { services: getRuntime().services, actor: session?.actor ?? null, sessionId: session?.sessionId ?? null };
    },
  });

export { handler as GET, handler as POST };
