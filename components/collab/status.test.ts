import { describe, expect, it } from 'vitest';
import { combineConnections, connectionLabel, offlineCause, type OfflineCause } from './status';

describe('connection state', () => {
  it.each<[string, Parameters<typeof connectionLabel>, string]>([
    ['online', ['online', 0], 'online'],
    ['syncing, unsent changes not said', ['syncing', 3], 'syncing'],
    ['offline, closed for good: the notices say why', ['offline', 0], 'offline — no unsent changes'],
    ['no network, one change', ['offline', 1, 'network'], 'offline (no network) — 1 unsent change'],
    ['the server not answering', ['offline', 4, 'server'], 'offline (server down) — 4 unsent changes'],
  ])('reads %s', (_, args, expected) => {
    expect(connectionLabel(...args)).toBe(expected);
  });

  it.each<[boolean, boolean, OfflineCause]>([
    [false, false, 'network'],
    [false, true, 'network'],
    [true, false, 'server'],
    [true, true, null],
  ])('network up %s, closed for good %s: offline because of %s', (networkUp, closed, cause) => {
    expect(offlineCause(networkUp, closed)).toBe(cause);
  });

  it('combines rooms: the worst state, unsent changes added up', () => {
    expect(combineConnections([{ status: 'online', unsent: 0 }, { status: 'online', unsent: 0 }])).toEqual({ status: 'online', unsent: 0 });
    expect(combineConnections([{ status: 'online', unsent: 0 }, { status: 'syncing', unsent: 1 }])).toEqual({ status: 'syncing', unsent: 1 });
    expect(combineConnections([{ status: 'offline', unsent: 2 }, { status: 'syncing', unsent: 1 }])).toEqual({ status: 'offline', unsent: 3 });
  });
});
