import type { IncomingMessage } from 'node:http';

/**
 * The header the server sets on every request to the address it came from (main.ts);
 * whatever a client sent under this name is replaced, so handlers can trust it.
 */
export const CLIENT_ADDRESS_HEADER = 'x-heilong-client-address';

/**
 * Where a request came from: the connection's peer or, behind a reverse proxy
 * (HEILONG_BEHIND_PROXY=1), the address that proxy appended to X-Forwarded-For —
 * the last one, since anything before it is what the client claimed.
 */
export function clientAddress(request: Pick<IncomingMessage, 'headers' | 'socket'>, behindProxy: boolean): string {
  const peer = request.socket.remoteAddress ?? 'unknown';
  if (!behindProxy) return peer;
  const forwarded = request.headers['x-forwarded-for'];
  const hops = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded ?? '').split(',').map((hop) => hop.trim()).filter(Boolean);
  return hops.at(-1) ?? peer;
}
