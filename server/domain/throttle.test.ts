import { describe, expect, it } from 'vitest';
import { lockedFor, type ThrottleRule } from './throttle';

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
