import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';
import { plainAddress } from '../domain/throttle';

/**
 * The header the server sets on every request to the address it came from (main.ts);
 * whatever a client sent under this name is replaced, so handlers can trust it.
 */
export const CLIENT_ADDRESS_HEADER = 'x-heilong-client-address';

/** Which reverse proxies may tell Heilong where a request came from (HEILONG_BEHIND_PROXY). */
export interface TrustedProxies {
  /** This connection's peer is a proxy whose X-Forwarded-For counts. */
  isProxyPeer(address: string): boolean;
  /** This hop of X-Forwarded-For is another of the proxies (in a chain), so the client is further back. */
  isProxyHop(address: string): boolean;
}

/**
 * Where a request came from: the connection's peer or, when that peer is a trusted
 * reverse proxy, the address the proxies appended to X-Forwarded-For — taken from the
 * end, since anything before the proxies' own hops is what the client claimed. A
 * client reaching the server directly cannot name its own address.
 */
export function clientAddress(request: Pick<IncomingMessage, 'headers' | 'socket'>, proxies: TrustedProxies): string {
  const peer = request.socket.remoteAddress ?? 'unknown';
  if (!proxies.isProxyPeer(peer)) return peer;
  const forwarded = request.headers['x-forwarded-for'];
  const hops = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded ?? '').split(',').map((hop) => hop.trim()).filter(Boolean);
  let last = hops.length - 1;
  while (last > 0 && proxies.isProxyHop(hops[last]!)) last -= 1;
  return hops[last] ?? peer;
}

const NOBODY = () => false;

/**
 * Reads HEILONG_BEHIND_PROXY: `0`, no proxy; `1`, one proxy on this machine or a
 * private network (any such peer is believed: only for networks that are yours);
 * otherwise the proxies' addresses and ranges, comma-separated
 * (`10.0.0.5, 10.0.1.0/24, fd00::/64`), each believed and skipped over in a chain.
 * Returns what is wrong with the setting instead when it cannot be read.
 */
export function parseTrustedProxies(setting: string): TrustedProxies | { error: string } {
  if (setting === '0') return { isProxyPeer: NOBODY, isProxyHop: NOBODY };
  if (setting === '1') return { isProxyPeer: isPrivateAddress, isProxyHop: NOBODY };
  const list = new BlockList();
  for (const entry of setting.split(',').map((part) => part.trim())) {
    const [address = '', prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    const bits = family === 4 ? 32 : 128;
    if (family === 0 || rest.length > 0) return { error: `“${entry}” is not an IP address or range` };
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else if (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits) list.addSubnet(address, Number(prefix), type);
    else return { error: `“${entry}”: a range's prefix length is a number from 0 to ${bits}` };
  }
  const listed = (address: string) => {
    const plain = plainAddress(address);
    const family = isIP(plain);
    return family !== 0 && list.check(plain, family === 4 ? 'ipv4' : 'ipv6');
  };
  return { isProxyPeer: listed, isProxyHop: listed };
}

const PRIVATE_IPV4 = [/^127\./, /^10\./, /^192\.168\./, /^172\.(1[6-9]|2\d|3[01])\./];
// Loopback, unique local (fc00::/7) and link-local (fe80::/10): the first group written in full.
const PRIVATE_IPV6 = [/^::1$/, /^f[cd][0-9a-f]{2}:/, /^fe[89ab][0-9a-f]:/];

/** Loopback, RFC 1918 and their IPv6 counterparts (also IPv4 written IPv4-mapped). */
export function isPrivateAddress(address: string): boolean {
  const plain = plainAddress(address);
  return (plain.includes(':') ? PRIVATE_IPV6 : PRIVATE_IPV4).some((pattern) => pattern.test(plain));
}
