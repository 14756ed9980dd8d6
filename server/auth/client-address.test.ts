import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress, isPrivateAddress } from './client-address';

const request = (remoteAddress: string | undefined, forwarded?: string | string[]) =>
  ({ socket: { remoteAddress }, headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded } }) as unknown as IncomingMessage;

describe('clientAddress', () => {
  it.each<[string, IncomingMessage, boolean, string]>([
    ['the peer, directly', request('203.0.113.7'), false, '203.0.113.7'],
    ['the peer, ignoring what a client claims when there is no proxy', request('203.0.113.7', '198.51.100.1'), false, '203.0.113.7'],
    ['behind a proxy: the address it appended', request('10.0.0.2', '203.0.113.7'), true, '203.0.113.7'],
    ['behind a proxy on this machine', request('::ffff:127.0.0.1', '203.0.113.7'), true, '203.0.113.7'],
    ['behind a proxy: the last hop, not what the client put first', request('10.0.0.2', '198.51.100.1, 203.0.113.7'), true, '203.0.113.7'],
    ['behind a proxy: repeated headers are one list', request('10.0.0.2', ['198.51.100.1', '203.0.113.7 ']), true, '203.0.113.7'],
    ['behind a proxy that sent nothing: the peer', request('10.0.0.2', ''), true, '10.0.0.2'],
    ['a public peer is no proxy, whatever it claims', request('198.51.100.9', '203.0.113.7'), true, '198.51.100.9'],
    ['a closed socket has no peer', request(undefined), false, 'unknown'],
  ])('%s', (_, req, behindProxy, expected) => {
    expect(clientAddress(req, behindProxy)).toBe(expected);
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
