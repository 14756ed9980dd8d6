import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createCollabServer, type CollabServer } from '../collab/server';
import type { CollabLimits } from '../collab/limits';
import { COLLAB_PATH, roomName, TICKET_PARAM, type RoomRef } from '../collab/protocol';
import { TEST_SECRET, type World } from './world';

/** The collaboration server alone (no Next.js) on a free port, for integration tests. */
export async function startCollab(world: World, limits: Partial<CollabLimits> = {}) {
  const http: Server = createServer((_req, res) => res.writeHead(404).end());
  const collab: CollabServer = createCollabServer({ services: world.services, secret: TEST_SECRET, limits, log: () => undefined });
  http.on('upgrade', (req, socket, head) => {
    if (!collab.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}${COLLAB_PATH}`;
  return {
    url,
    async stop() {
      await collab.close();
      await new Promise((resolve) => http.close(resolve));
    },
  };
}

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  closed: Promise<{ code: number; reason: string }>;
  destroy(): void;
}

/** A real y-websocket client, authenticated with a ticket from tRPC (or the given one). */
export async function connectClient(world: World, url: string, userId: string, ref: RoomRef, ticket?: string): Promise<TestClient> {
  const params = { [TICKET_PARAM]: ticket ?? (await (await world.callerFor(userId)).collab.ticket(ref)).ticket };
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url, roomName(ref), doc, {
    params,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    provider.on('closed', (event) => resolve({ code: event.code, reason: event.reason })));
  return { doc, provider, closed, destroy: () => { provider.destroy(); doc.destroy(); } };
}

export function whenSynced(client: TestClient): Promise<void> {
  return client.provider.synced ? Promise.resolve() : new Promise((resolve) => client.provider.once('sync', (synced: boolean) => synced && resolve()));
}

/** Polls until `check` passes (or throws its last failure after `timeoutMs`). */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() - start > timeoutMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
