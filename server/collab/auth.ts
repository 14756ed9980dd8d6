import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import { sessionFromCookies } from '../auth/session-cookie';
import type { SessionClaims, SessionEnds } from '../services/sessions';
import { CLOSE } from './protocol';

/**
 * Who is connecting: a short-lived ticket from tRPC's `collab.ticket` (scripts,
 * tests, other clients), or the browser's next-auth session cookie.
 */
export const TICKET_LIFETIME_MS = 60_000;

interface TicketClaims {
  /** user id */
  u: string;
  /** the session it was issued to, if any: signing out of it closes the sockets opened with the ticket too */
  s: string | null;
  /** room name */
  r: string;
  /** expiry, ms since epoch */
  e: number;
}

const sign = (secret: string, payload: string) => createHmac('sha256', `heilong-collab-ticket:${secret}`).update(payload).digest('base64url');

export function issueTicket(secret: string, userId: string, room: string, now: number, sessionId: string | null = null): string {
  const payload = Buffer.from(JSON.stringify({ u: userId, s: sessionId, r: room, e: now + TICKET_LIFETIME_MS } satisfies TicketClaims)).toString('base64url');
  return `${payload}.${sign(secret, payload)}`;
}

/** Whose the ticket is (and from which session) if it is genuine, for this room, and not expired. */
export function verifyTicket(secret: string, ticket: string, room: string, now: number): SessionClaims | null {
  const [payload, signature, ...rest] = ticket.split('.');
  if (!payload || !signature || rest.length) return null;
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<TicketClaims>;
    if (claims.r !== room || typeof claims.u !== 'string' || typeof claims.e !== 'number' || claims.e <= now) return null;
    return { userId: claims.u, sessionId: typeof claims.s === 'string' ? claims.s : null };
  } catch {
    return null;
  }
}

function readCookie(header: string | undefined, name: string): string | null {
  for (const part of header?.split(';') ?? []) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return null;
}

/** Who the live next-auth session cookie on the upgrade request belongs to, and which session it is. */
export function sessionOf(secret: string, request: IncomingMessage, ends: Pick<SessionEnds, 'hasEnded'>, now: number): Promise<SessionClaims | null> {
  return sessionFromCookies(secret, (name) => readCookie(request.headers.cookie, name), ends, now);
}

/**
 * The sockets opened with each browser session. Signing out removes the cookie from that browser, but its other
 * tabs' sockets stay signed in until told: they close when it signs out (4401: their pages ask to sign in again).
 */
export class SessionSockets {
  private readonly bySession = new Map<string, Set<WebSocket>>();
  private readonly unsubscribe: () => void;

  constructor(ends: SessionEnds) {
    this.unsubscribe = ends.subscribe((sessionId) => {
      for (const socket of this.bySession.get(sessionId) ?? []) socket.close(CLOSE.unauthenticated, 'signed out');
    });
  }

  add(sessionId: string, socket: WebSocket): void {
    const sockets = this.bySession.get(sessionId) ?? new Set();
    this.bySession.set(sessionId, sockets.add(socket));
    socket.once('close', () => {
      sockets.delete(socket);
      if (sockets.size === 0 && this.bySession.get(sessionId) === sockets) this.bySession.delete(sessionId);
    });
  }

  stop(): void {
    this.unsubscribe();
  }
}

/**
 * Whether a cookie-authenticated upgrade comes from one of this site's own pages. Browsers send the session cookie
 * with sockets that other sites' pages open too (same-site siblings, under SameSite=Lax): those must not act as the
 * person. The page's origin must be the host the socket is opened on, or the configured public address. A request
 * without an Origin header is not from a browser page, so no other site can have sent it.
 */
export function fromOwnPage(request: IncomingMessage, publicUrl: string): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    const { host, origin: normalized } = new URL(origin);
    return host === request.headers.host || normalized === new URL(publicUrl).origin;
  } catch {
    return false;
  }
}
