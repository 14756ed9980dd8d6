import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createCollabServer, type CollabServer } from '../collab/server';
import type { CollabLimits } from '../collab/limits';
import { COLLAB_PATH, MESSAGE, readAuthSignal, roomName, TICKET_PARAM, type RoomRef } from '../collab/protocol';
import type { AssessmentMode } from '../domain/method';
import type { AssessmentStatus } from '../domain/policy';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { openWorld, TEST_SECRET, type World } from './world';

/** The collaboration server alone (no Next.js) on a free port, for integration tests. */
export async function startCollab(world: World, limits: Partial<CollabLimits> = {}) {
  const http: Server = createServer((_req, res) => res.writeHead(404).end());
  const collab: CollabServer = createCollabServer({ services: world.services, secret: TEST_SECRET, limits, log: () => undefined });
  /** The URL of every upgrade request, in arrival order: counts connection attempts. */
  const upgrades: string[] = [];
  http.on('upgrade', (req, socket, head) => {
    upgrades.push(req.url ?? '');
    if (!collab.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}${COLLAB_PATH}`;
  return {
    url,
    upgrades,
    async stop() {
      await collab.close();
      await new Promise((resolve) => http.close(resolve));
    },
  };
}

export type Collab = Awaited<ReturnType<typeof startCollab>>;

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  closed: Promise<{ code: number; reason: string }>;
  /** Reasons of the permission-denied messages the server sent (read-only writes, a closed assessment). */
  denials: string[];
  /** The assessment's statuses as the server said them (on connecting, and whenever a facilitator changes it). */
  told: AssessmentStatus[];
  /** Every 'status' event, in order. */
  statuses: string[];
  destroy(): void;
}

export interface ClientOptions {
  /** Query parameters (the ticket, or none). */
  params?: Record<string, string>;
  /** Connect at once (default) or wait for `provider.connect()`. */
  connect?: boolean;
  /** The document to synchronise (default: a new one). */
  doc?: Y.Doc;
  WebSocketPolyfill?: typeof globalThis.WebSocket;
}

/** A real y-websocket client on any room name, with any query parameters. */
export function openClient(url: string, room: string, options: ClientOptions = {}): TestClient {
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(url, room, doc, {
    params: options.params ?? {},
    connect: options.connect ?? true,
    WebSocketPolyfill: options.WebSocketPolyfill ?? (WebSocket as unknown as typeof globalThis.WebSocket),
    disableBc: true,
  });
  const client = { denials: [] as string[], told: [] as AssessmentStatus[] };
  // As the browser does (components/collab/room.ts): record what the server says of writing.
  provider.messageHandlers[MESSAGE.auth] = (_encoder, decoder) => {
    const signal = readAuthSignal(decoder);
    if (signal?.kind === 'denied') client.denials.push(signal.reason);
    else if (signal) client.told.push(signal.status);
  };
  const statuses: string[] = [];
  provider.on('status', ({ status }) => statuses.push(status));
  if (provider.wsconnecting) statuses.push('connecting');
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    provider.on('closed', (event) => resolve({ code: event.code, reason: event.reason })));
  return Object.assign(client, { doc, provider, closed, statuses, destroy: () => { provider.destroy(); doc.destroy(); } });
}

/** A real y-websocket client, authenticated with a ticket from tRPC (or the given one). */
export async function connectClient(
  world: World, url: string, userId: string, ref: RoomRef, ticket?: string, options: Omit<ClientOptions, 'params'> = {},
): Promise<TestClient> {
  const params = { [TICKET_PARAM]: ticket ?? (await (await world.callerFor(userId)).collab.ticket(ref)).ticket };
  return openClient(url, roomName(ref), { ...options, params });
}

export function whenSynced(client: TestClient): Promise<void> {
  return client.provider.synced ? Promise.resolve() : new Promise((resolve) => {
    const onSync = (synced: boolean) => {
      if (!synced) return;
      client.provider.off('sync', onSync);
      resolve();
    };
    client.provider.on('sync', onSync);
  });
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

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A rapid or detailed assessment in the given status (draft → open → closed → published). */
export async function createAssessment(world: World, name: string, mode: AssessmentMode = 'rapid', status: AssessmentStatus = 'open') {
  const admin = await world.callerFor(world.ids.facilitator);
  const row = await admin.assessment.create({ programmeId: world.programmeId, name, year: 2026, mode });
  const path = ['open', 'closed', 'published'] as const;
  for (const next of path.slice(0, status === 'draft' ? 0 : path.indexOf(status) + 1)) {
    await admin.assessment.setStatus({ assessmentId: row.id, status: next });
  }
  return row.id;
}

/**
 * A bare WebSocket on a room, for what WebsocketProvider cannot express (spoofed
 * awareness, garbage frames). Records the frames it receives and how it closed.
 */
export function rawSocket(url: string, room: string, ticket?: string) {
  const socket = new WebSocket(`${url}/${room}${ticket ? `?${TICKET_PARAM}=${encodeURIComponent(ticket)}` : ''}`);
  socket.binaryType = 'nodebuffer';
  const received: Uint8Array[] = [];
  socket.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
  socket.on('error', () => undefined);
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('close', () => reject(new Error('closed before opening')));
  });
  opened.catch(() => undefined);
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString() })));
  return {
    socket,
    received,
    opened,
    closed,
    send: (bytes: Uint8Array) => socket.send(bytes),
    /** Message types of the frames received so far. */
    types: () => received.map((frame) => decoding.readVarUint(decoding.createDecoder(frame))),
  };
}

/** A y-websocket awareness frame carrying an already encoded awareness update. */
export function awarenessFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.awareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** A y-websocket sync "update" frame. */
export function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.sync);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/**
 * The fixture of a collaboration test file: a seeded world and a server for the
 * file, and clients that are closed after each test.
 */
export function collabSuite() {
  const suite = {
    world: undefined as unknown as World,
    collab: undefined as unknown as Collab,
    clients: [] as TestClient[],
    threat: (key: string) => suite.world.threats.find((t) => t.key === key)!.id,
    /** A synced client of `userId` in the room, closed after the test. */
    async join(userId: string, ref: RoomRef): Promise<TestClient> {
      const client = await connectClient(suite.world, suite.collab.url, userId, ref);
      suite.clients.push(client);
      await whenSynced(client);
      return client;
    },
  };
  beforeAll(async () => {
    suite.world = await openWorld();
    suite.collab = await startCollab(suite.world);
  });
  afterEach(() => {
    for (const client of suite.clients.splice(0)) client.destroy();
  });
  afterAll(async () => {
    await suite.collab?.stop();
    await suite.world?.close();
  });
  return suite;
}
