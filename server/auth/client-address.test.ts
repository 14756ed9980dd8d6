import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress, isPrivateAddress, parseTrustedProxies, type TrustedProxies } from './client-address';

const request = (remoteAddress: string | undefined, forwarded?: string | string[]) =>
  ({ socket: { remoteAddress }, headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded } }) as unknown as IncomingMessage;

function proxies(setting: string): TrustedProxies {
  const parsed = parseTrustedProxies(setting);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed;
}

describe('clientAddress', () => {
  it.each<[string, IncomingMessage, string, string]>([
    ['the peer, directly', request('203.0.113.7'), '0', '203.0.113.7'],
    ['the peer, ignoring what a client claims when there is no proxy', request('203.0.113.7', '198.51.100.1'), '0', '203.0.113.7'],
    ['behind a proxy: the address it appended', request('10.0.0.2', '203.0.113.7'), '1', '203.0.113.7'],
    ['behind a proxy on this machine', request('::ffff:127.0.0.1', '203.0.113.7'), '1', '203.0.113.7'],
    ['behind a proxy: the last hop, not what the client put first', request('10.0.0.2', '198.51.100.1, 203.0.113.7'), '1', '203.0.113.7'],
    ['behind a proxy: repeated headers are one list', request('10.0.0.2', ['198.51.100.1', '203.0.113.7 ']), '1', '203.0.113.7'],
    ['behind a proxy that sent nothing: the peer', request('10.0.0.2', ''), '1', '10.0.0.2'],
    ['a public peer is no proxy, whatever it claims', request('198.51.100.9', '203.0.113.7'), '1', '198.51.100.9'],
    ['a closed socket has no peer', request(undefined), '0', 'unknown'],
    ['private mode: one hop only, however private the hops before it', request('10.0.0.2', '198.51.100.1, 10.0.0.3'), '1', '10.0.0.3'],
    ['listed proxy: the address it appended', request('10.0.0.5', '203.0.113.7'), '10.0.0.5', '203.0.113.7'],
    ['listed range, peer written IPv4-mapped', request('::ffff:10.0.1.9', '203.0.113.7'), '10.0.1.0/24', '203.0.113.7'],
    ['a private peer not in the list is no proxy', request('10.0.0.6', '203.0.113.7'), '10.0.0.5', '10.0.0.6'],
    ['a public proxy can be listed', request('198.51.100.9', '203.0.113.7'), '198.51.100.9', '203.0.113.7'],
    ['a chain of listed proxies is skipped back to the client', request('10.0.0.5', '198.51.100.1, 203.0.113.7, 10.0.1.3'), '10.0.0.5, 10.0.1.0/24', '203.0.113.7'],
    ['a chain stops at the first hop that is not a listed proxy', request('10.0.0.5', '10.0.0.5, 203.0.113.7'), '10.0.0.5', '203.0.113.7'],
    ['an IPv6 range', request('fd00:1::7', '2001:db8::1'), 'fd00:1::/32', '2001:db8::1'],
    ['hops with ports and brackets are matched as addresses', request('10.0.0.5', '203.0.113.7, [fd00:1::7]:443'), '10.0.0.5,fd00:1::/32', '203.0.113.7'],
  ])('%s', (_, req, setting, expected) => {
    expect(clientAddress(req, proxies(setting))).toBe(expected);
  });
});

describe('parseTrustedProxies', () => {
  it.each<[string, string]>([
    ['yes', '“yes” is not an IP address or range'],
    ['10.0.0.5,', '“” is not an IP address or range'],
    ['10.0.0.256', '“10.0.0.256” is not an IP address or range'],
    ['10.0.0.0/8/8', '“10.0.0.0/8/8” is not an IP address or range'],
    ['10.0.0.0/33', '“10.0.0.0/33”: a range\'s prefix length is a number from 0 to 32'],
    ['10.0.0.0/-1', '“10.0.0.0/-1”: a range\'s prefix length is a number from 0 to 32'],
    ['fd00::/129', '“fd00::/129”: a range\'s prefix length is a number from 0 to 128'],
    ['fd00::/', '“fd00::/”: a range\'s prefix length is a number from 0 to 128'],
  ])('refuses %s', (setting, error) => {
    expect(parseTrustedProxies(setting)).toEqual({ error });
  });
});

describe('isPrivateAddress', () => {
  it.each<[string, boolean]>([
    ['127.0.0.1', true], ['10.1.2.3', true], ['192.168.0.10', true], ['172.16.0.1', true], ['172.31.255.255', true],
    ['172.32.0.1', false], ['203.0.113.7', false], ['::ffff:10.0.0.2', true], ['::ffff:198.51.100.1', false],
    ['::1', true], ['fd12:3456::1', true], ['fc00::1', true], ['fe80::1', true], ['2001:db8::1', false], ['unknown', false],
    ['fc::1', false], ['fd1:2::1', false], ['fe8::1', false],
  ])('%s → %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});
