import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Services } from '../services/context';
import { loadActor } from '../services/user';
import { fromOwnPage, sessionOf, SessionSockets, verifyTicket } from './auth';
import { connectPeers, Connection, type RoomPeers } from './connection';
import { ConnectionCounter, DEFAULT_LIMITS, type CollabLimits } from './limits';
import { checkRoomAccess } from './permissions';
import { CLOSE, COLLAB_PATH, parseRoomName, TICKET_PARAM } from './protocol';
import { RoomNotFoundError } from './rooms';

export interface CollabServer {
  /** Handles the upgrade if it is for the collaboration path; returns false otherwise. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  close(): Promise<void>;
}

export interface CollabOptions {
  services: Services;
  secret: string;
  limits?: Partial<CollabLimits>;
  log?: (message: string, error?: unknown) => void;
}

/** A path's percent-escapes decoded; null for a broken escape (`%E0%A4%A`), which names no room. */
function decodedPath(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

const asBytes = (data: RawData): Uint8Array =>
  Array.isArray(data) ? new Uint8Array(Buffer.concat(data)) : data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

/**
 * The y-websocket endpoint at COLLAB_PATH/<room>: authenticate, authorize, apply
 * limits, then hand the socket to a Connection in its room. Failures close the
 * socket with a declared 44xx code, which y-websocket clients do not retry.
 */
export function createCollabServer({ services, secret, limits: overrides, log = console.error }: CollabOptions): CollabServer {
  const limits = { ...DEFAULT_LIMITS, ...overrides };
  // ws's own cap is a backstop at twice the limit; frames between the two get our close code.
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes * 2 });
  const perUser = new ConnectionCounter(limits.maxConnectionsPerUser);
  const perRoom = new ConnectionCounter(limits.maxConnectionsPerRoom);
  const peersByRoom = new Map<string, RoomPeers>();
  const sessionSockets = new SessionSockets(services.sessionEnds);

  async function accept(socket: WebSocket, request: IncomingMessage, received: Uint8Array[], onFrame: { handle: ((data: Uint8Array) => void) | null }) {
    const url = new URL(request.url ?? '/', 'http://collab');
    const name = decodedPath(url.pathname.slice(COLLAB_PATH.length + 1));
    if (name === null) return socket.close(CLOSE.notFound, 'no such room');
    const ref = parseRoomName(name);
    const ticket = url.searchParams.get(TICKET_PARAM);
    const now = services.now().getTime();
    const who = ticket ? verifyTicket(secret, ticket, name, now)
      : fromOwnPage(request, services.publicUrl) ? await sessionOf(secret, request, services.sessionEnds, now) : null;
    // A ticket's session may have signed out since it was issued, or a cookie's while it was being read.
    if (!who || (who.sessionId && services.sessionEnds.hasEnded(who.sessionId))) return socket.close(CLOSE.unauthenticated, 'sign in again');
    const { userId, sessionId } = who;
    // From here on, signing out of that session closes the socket, also while its room is still loading.
    if (sessionId) sessionSockets.add(sessionId, socket);
    const actor = await loadActor(services, userId);
    if (!actor) return socket.close(CLOSE.unauthenticated, 'unknown user');
    if (!ref) return socket.close(CLOSE.notFound, 'no such room');
    const access = await checkRoomAccess(services, actor, ref);
    if (!access.ok) return socket.close(access.close, access.close === CLOSE.forbidden ? 'not a member of this programme' : 'no such room');
    if (!perUser.tryAdd(userId)) return socket.close(CLOSE.tooManyConnections, 'too many connections for this user');
    if (!perRoom.tryAdd(name)) {
      perUser.remove(userId);
      return socket.close(CLOSE.tooManyConnections, 'too many connections in this room');
    }
    const release = () => {
      perUser.remove(userId);
      perRoom.remove(name);
    };
    if (socket.readyState !== socket.OPEN) return release();

    let room;
    try {
      room = await services.rooms.acquire(ref);
    } catch (error) {
      release();
      if (error instanceof RoomNotFoundError) return socket.close(CLOSE.notFound, 'no such room');
      throw error;
    }
    if (socket.readyState !== socket.OPEN) {
      release();
      return services.rooms.release(room);
    }
    let peers = peersByRoom.get(name);
    if (!peers) {
      peers = connectPeers(room, limits);
      peersByRoom.set(name, peers);
    }
    const connection = new Connection(socket, actor, room, peers);
    peers.connections.add(connection);
    const roomPeers = peers;
    socket.once('close', () => {
      connection.leave();
      roomPeers.connections.delete(connection);
      if (roomPeers.connections.size === 0 && peersByRoom.get(name) === roomPeers) {
        roomPeers.detach();
        peersByRoom.delete(name);
      }
      release();
      services.rooms.release(room);
    });
    // The document is fully loaded: only now does the first sync message go out.
    connection.start();
    onFrame.handle = (data) => connection.receive(data);
    for (const data of received.splice(0)) connection.receive(data);
  }

  wss.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    // ws refuses a frame past its own cap by closing with 1009, which clients retry at once, forever: say 4413.
    const close = socket.close.bind(socket);
    socket.close = (code?: number, reason?: string | Buffer) => (code === 1009 ? close(CLOSE.tooLarge, 'message too large') : close(code, reason));
    const received: Uint8Array[] = [];
    let receivedBytes = 0;
    const onFrame: { handle: ((data: Uint8Array) => void) | null } = { handle: null };
    socket.on('message', (data: RawData) => {
      // A socket being closed (refused, or over a limit) is done: what it still sends is dropped, not kept.
      if (socket.readyState !== socket.OPEN) return;
      const bytes = asBytes(data);
      if (bytes.byteLength > limits.maxFrameBytes) return socket.close(CLOSE.tooLarge, 'message too large');
      if (onFrame.handle) return onFrame.handle(bytes);
      // Frames wait while the socket is signed in and its room loaded; not more of them than one frame may hold.
      receivedBytes += bytes.byteLength;
      if (receivedBytes > limits.maxFrameBytes) return socket.close(CLOSE.tooLarge, 'too much sent before the room was open');
      received.push(bytes);
    });
    socket.on('error', () => socket.terminate());
    let alive = true;
    socket.on('pong', () => (alive = true));
    const ping = setInterval(() => {
      if (!alive) return socket.terminate();
      alive = false;
      socket.ping();
    }, 30_000);
    socket.once('close', () => clearInterval(ping));
    accept(socket, request, received, onFrame).catch((error: unknown) => {
      log('[collab] connection failed', error);
      socket.close(CLOSE.restarting, 'server error');
    });
  });

  return {
    handleUpgrade(request, socket, head) {
      const path = new URL(request.url ?? '/', 'http://collab').pathname;
      if (path !== COLLAB_PATH && !path.startsWith(`${COLLAB_PATH}/`)) return false;
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
      return true;
    },
    async close() {
      sessionSockets.stop();
      for (const client of wss.clients) client.close(CLOSE.restarting, 'server restarting');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await services.rooms.close();
    },
  };
}
