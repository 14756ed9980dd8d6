import { describe, expect, it } from 'vitest';
import { lockedFor, signInCounters, signInWait, type ThrottleRule } from './throttle';

const rule: ThrottleRule = { maxFailures: 3, windowMs: 1000 };

describe('lockedFor', () => {
  it.each<[string, number[], number, number]>([
    ['no failures', [], 5000, 0],
    ['fewer than the limit', [4000, 4500], 5000, 0],
    ['at the limit: locked until the oldest ages out', [4200, 4500, 4800], 5000, 200],
    ['old failures do not count', [1000, 4500, 4800], 5000, 0],
    ['more than the limit: locked until only max-1 remain in the window', [4100, 4200, 4500, 4800], 5000, 200],
    ['just after the window', [4000, 4500, 4800], 5000, 0],
  ])('%s', (_, failures, now, expected) => {
    expect(lockedFor(failures, now, rule)).toBe(expected);
  });
});

describe('signInWait', () => {
  const counters = signInCounters('ann@example.org', '203.0.113.7');
  const minute = 60_000;
  const times = (count: number, at: number) => Array.from({ length: count }, () => at);

  it('keys both counters by the address', () => {
    expect(counters).toEqual([
      { limit: 'account', key: 'account 203.0.113.7 ann@example.org' },
      { limit: 'address', key: 'address 203.0.113.7' },
    ]);
    expect(signInCounters('ann@example.org', '198.51.100.1').map((c) => c.key)).not.toContain(counters[0]!.key);
  });

  it.each<[string, Record<string, number[]>, { waitMs: number; limit: string } | null]>([
    ['no failures', {}, null],
    ['four on the account', { [counters[0]!.key]: times(4, 0) }, null],
    ['five on the account', { [counters[0]!.key]: times(5, 0) }, { waitMs: 15 * minute, limit: 'account' }],
    ['29 from the address', { [counters[1]!.key]: times(29, 0) }, null],
    ['30 from the address', { [counters[1]!.key]: times(30, 0) }, { waitMs: 15 * minute, limit: 'address' }],
    ['both: the longer wait wins', { [counters[0]!.key]: times(5, -5 * minute), [counters[1]!.key]: times(30, 0) }, { waitMs: 15 * minute, limit: 'address' }],
  ])('%s', (_, failures, expected) => {
    expect(signInWait(counters, (key) => failures[key] ?? [], 0)).toEqual(expected);
  });
});
