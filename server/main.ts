import { createServer } from 'node:http';
import next from 'next';
import { CLIENT_ADDRESS_HEADER, clientAddress } from './auth/client-address';
import { announceSetupLink, createDemoMembers, loadEnvOrExit, openServices, seedDefault } from './bootstrap';
import { createCollabServer } from './collab/server';
import { setRuntime } from './runtime';
import { restoreSessionEnds } from './services/sessions';

/**
 * The one process: the Next.js app and its API on one port. Validates settings,
 * migrates and seeds the database, then serves.
 */
const env = loadEnvOrExit();
const { handle, services } = await openServices(env);
// Sessions signed out before a restart stay signed out.
await restoreSessionEnds(services);
// next-auth reads its settings from the environment.
process.env.NEXTAUTH_SECRET = services.authSecret;
process.env.NEXTAUTH_URL = env.publicUrl;
if (env.HEILONG_SEED === '1') {
  const programmeId = await seedDefault(services);
  await announceSetupLink(services, programmeId);
  if (env.HEILONG_DEMO === '1') await createDemoMembers(services, programmeId);
}
// Storage for live rooms runs on its own thread: if it cannot start, say so now rather than at the first workshop.
await services.rooms.store.start();
setRuntime({ env, services });

const app = next({ dev: env.HEILONG_DEV === '1', dir: new URL('..', import.meta.url).pathname, hostname: env.HOST, port: env.PORT });
await app.prepare();
const handleRequest = app.getRequestHandler();
const server = createServer((req, res) => {
  // Sign-in throttling counts failures per client address: set here, from the connection, never from the client.
  req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req, env.HEILONG_BEHIND_PROXY);
  void handleRequest(req, res);
});
// The collaboration socket shares the port; other upgrades (dev reloading) go to Next.
const collab = createCollabServer({ services, secret: services.authSecret });
const handleNextUpgrade = app.getUpgradeHandler();
server.on('upgrade', (req, socket, head) => {
  if (!collab.handleUpgrade(req, socket, head)) void handleNextUpgrade(req, socket, head);
});

server.listen(env.PORT, env.HOST, () => {
  console.log(`Heilong is running at ${env.publicUrl} (${handle.kind === 'pglite' ? 'embedded database' : 'PostgreSQL'})`);
});

if (env.HEILONG_COLLAB_METRICS === '1') {
  // For `npm run bench:collab`: SIGUSR2 prints every receipt → commit latency (ms) recorded so far, as one line.
  process.on('SIGUSR2', async () => console.log(`HEILONG_COLLAB_METRICS ${JSON.stringify({ durableMs: await services.rooms.store.durableLatencies() })}`));
}

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  server.close();
  await collab.close();
  await app.close?.();
  await handle.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
