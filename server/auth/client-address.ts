import type { IncomingMessage } from 'node:http';
import { plainAddress } from '../domain/throttle';

/**
 * The header the server sets on every request to the address it came from (main.ts);
 * whatever a client sent under this name is replaced, so handlers can trust it.
 */
export const CLIENT_ADDRESS_HEADER = 'x-heilong-client-address';

/**
 * Where a request came from: the connection's peer or, behind a reverse proxy
 * (HEILONG_BEHIND_PROXY=1), the address that proxy appended to X-Forwarded-For —
 * the last one, since anything before it is what the client claimed. Only a peer on
 * this machine or a private network is taken for the proxy: a client reaching the
 * server directly cannot name its own address.
 */
export function clientAddress(request: Pick<IncomingMessage, 'headers' | 'socket'>, behindProxy: boolean): string {
  const peer = request.socket.remoteAddress ?? 'unknown';
  if (!behindProxy || !isPrivateAddress(peer)) return peer;
  const forwarded = request.headers['x-forwarded-for'];
  const hops = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded ?? '').split(',').map((hop) => hop.trim()).filter(Boolean);
  return hops.at(-1) ?? peer;
}

const PRIVATE_IPV4 = [/^127\./, /^10\./, /^192\.168\./, /^172\.(1[6-9]|2\d|3[01])\./];
// Loopback, unique local (fc00::/7) and link-local (fe80::/10): the first group written in full.
const PRIVATE_IPV6 = [/^::1$/, /^f[cd][0-9a-f]{2}:/, /^fe[89ab][0-9a-f]:/];

/** Loopback, RFC 1918 and their IPv6 counterparts (also IPv4 written IPv4-mapped). */
export function isPrivateAddress(address: string): boolean {
  const plain = plainAddress(address);
  return (plain.includes(':') ? PRIVATE_IPV6 : PRIVATE_IPV4).some((pattern) => pattern.test(plain));
}
