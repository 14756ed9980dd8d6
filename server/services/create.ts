import type { DatabaseHandle } from '../../db/client';
import { Rooms } from '../collab/rooms';
import { StoreThread } from '../collab/store-thread';
import { SessionEnds } from './sessions';
import type { Services } from './context';

/**
 * Builds the services of a process (the server, the command line, tests). Kept
 * apart from `context.ts`, which request handlers import: the app's bundles must
 * not pull in the worker threads.
 */
export interface ServicesConfig {
  publicUrl: string;
  authSecret: string;
  /** See StoreOptions.maxHeldBytes (default 256 MiB). */
  storageHoldBytes?: number;
}

export function createServices(handle: Pick<DatabaseHandle, 'db' | 'runBeside'>, { publicUrl, authSecret, storageHoldBytes }: ServicesConfig): Services {
  const { db } = handle;
  const services: Services = {
    db,
    authSecret,
    now: () => new Date(),
    signInFailures: new Map(),
    sessionEnds: new SessionEnds(),
    publicUrl,
    // Storage runs on a thread of its own, so commits never hold up the sockets.
    // Rooms read the clock through services, so tests that move `now` move it everywhere.
    rooms: new Rooms(db, new StoreThread(handle, storageHoldBytes === undefined ? {} : { maxHeldBytes: storageHoldBytes }), { now: () => services.now() }),
  };
  return services;
}
