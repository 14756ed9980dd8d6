import { describe, expect, it } from 'vitest';
import { lockedFor, networkOf, signInCounters, signInWait, type Failure, type ThrottleRule } from './throttle';

const at = (times: number[], account = 'ann'): Failure[] => times.map((time) => ({ at: time, account }));

describe('lockedFor, counting attempts', () => {
  const rule: ThrottleRule = { maxFailures: 3, windowMs: 1000, counts: 'attempts' };
  it.each<[string, number[], number, number]>([
    ['no failures', [], 5000, 0],
    ['fewer than the limit', [4000, 4500], 5000, 0],
    ['at the limit: locked until the oldest ages out', [4200, 4500, 4800], 5000, 200],
    ['old failures do not count', [1000, 4500, 4800], 5000, 0],
    ['more than the limit: locked until only max-1 remain in the window', [4100, 4200, 4500, 4800], 5000, 200],
    ['just after the window', [4000, 4500, 4800], 5000, 0],
    ['in any order', [4800, 4200, 4500], 5000, 200],
  ])('%s', (_, failures, now, expected) => {
    expect(lockedFor(at(failures), now, rule)).toBe(expected);
  });
});

describe('lockedFor, counting accounts', () => {
  const rule: ThrottleRule = { maxFailures: 3, windowMs: 1000, counts: 'accounts' };
  it.each<[string, Failure[], number]>([
    ['one person mistyping many times', at([4100, 4200, 4300, 4400, 4500]), 0],
    ['two accounts', [...at([4100, 4200]), ...at([4300], 'bob')], 0],
    ['three accounts: locked until the earliest of their latest failures (bob’s) ages out', [...at([4100, 4400]), ...at([4200], 'bob'), ...at([4300], 'cy')], 200],
    ['an account whose failures aged out does not count', [...at([3900]), ...at([4200], 'bob'), ...at([4300], 'cy')], 0],
  ])('%s', (_, failures, expected) => {
    expect(lockedFor(failures, 5000, rule)).toBe(expected);
  });
});

describe('networkOf', () => {
  it.each<[string, string]>([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
    ['2001:0DB8:0001:0002:0:0:0:9', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['unknown', 'unknown'],
    ['not:an:address', 'not:an:address'],
    ['203.0.113.7:4711', '203.0.113.7'],
    ['[2001:db8:1:2::1]:443', '2001:db8:1:2::/64'],
    ['[2001:db8:1:2::1]', '2001:db8:1:2::/64'],
    ['1::2::3', '1::2::3'],
  ])('%s → %s', (address, expected) => {
    expect(networkOf(address)).toBe(expected);
  });
});

describe('signInWait', () => {
  const counters = signInCounters('ann@example.org', '2001:db8:1:2::7');
  const [account, network] = [counters[0]!.key, counters[1]!.key];
  const minute = 60_000;
  const accounts = (count: number, time: number) => Array.from({ length: count }, (_, i) => ({ at: time, account: `guess-${i}` }));

  it('keys both counters by the network', () => {
    expect(counters).toEqual([
      { limit: 'account', key: 'account 2001:db8:1:2::/64 ann@example.org' },
      { limit: 'network', key: 'network 2001:db8:1:2::/64' },
    ]);
    // The next address in the same /64 is the same network; elsewhere is not.
    expect(signInCounters('ann@example.org', '2001:db8:1:2::8')).toEqual(counters);
    expect(signInCounters('ann@example.org', '198.51.100.1')[0]!.key).not.toBe(account);
  });

  it.each<[string, Record<string, Failure[]>, { waitMs: number; limit: string } | null]>([
    ['no failures', {}, null],
    ['four on the account', { [account]: at([0, 0, 0, 0]) }, null],
    ['five on the account', { [account]: at([0, 0, 0, 0, 0]) }, { waitMs: 15 * minute, limit: 'account' }],
    ['49 accounts from the network', { [network]: accounts(49, 0) }, null],
    ['50 accounts from the network', { [network]: accounts(50, 0) }, { waitMs: 15 * minute, limit: 'network' }],
    ['both: the longer wait wins', { [account]: at([-5 * minute, -5 * minute, -5 * minute, -5 * minute, -5 * minute]), [network]: accounts(50, 0) }, { waitMs: 15 * minute, limit: 'network' }],
  ])('%s', (_, failures, expected) => {
    expect(signInWait(counters, (key) => failures[key] ?? [], 0)).toEqual(expected);
  });
});
