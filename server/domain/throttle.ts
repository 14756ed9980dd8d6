/**
 * Sign-in throttling: after `maxFailures` failed attempts within `windowMs`, a
 * counter is locked until the oldest failure in the window ages out. Pure: the
 * caller keeps the failure timestamps and passes the clock.
 */
export interface ThrottleRule {
  maxFailures: number;
  windowMs: number;
}

/**
 * Two counters per attempt, both keyed by the client's address, so nobody elsewhere
 * can lock a person out by failing on purpose: one account from one address (guessing
 * a person's password), and one address over all accounts (one password tried on many).
 */
export const SIGN_IN_THROTTLE = {
  account: { maxFailures: 5, windowMs: 15 * 60_000 },
  address: { maxFailures: 30, windowMs: 15 * 60_000 },
} as const satisfies Record<string, ThrottleRule>;

export type SignInLimit = keyof typeof SIGN_IN_THROTTLE;

export interface SignInCounter {
  limit: SignInLimit;
  key: string;
}

/** The counters a sign-in attempt is checked against and, when it fails, counted in. */
export function signInCounters(email: string, address: string): SignInCounter[] {
  return [
    { limit: 'account', key: `account ${address} ${email}` },
    { limit: 'address', key: `address ${address}` },
  ];
}

export function recentFailures(failures: readonly number[], now: number, rule: ThrottleRule): number[] {
  return failures.filter((at) => now - at < rule.windowMs);
}

/** Milliseconds until another attempt is allowed; 0 when allowed now. */
export function lockedFor(failures: readonly number[], now: number, rule: ThrottleRule): number {
  const recent = recentFailures(failures, now, rule);
  if (recent.length < rule.maxFailures) return 0;
  const oldestThatCounts = recent[recent.length - rule.maxFailures]!;
  return Math.max(0, oldestThatCounts + rule.windowMs - now);
}

/** The longest wait any of the counters imposes, and whose it is (null when the attempt may go ahead). */
export function signInWait(
  counters: readonly SignInCounter[],
  failuresOf: (key: string) => readonly number[],
  now: number,
): { waitMs: number; limit: SignInLimit } | null {
  let longest: { waitMs: number; limit: SignInLimit } | null = null;
  for (const { limit, key } of counters) {
    const waitMs = lockedFor(failuresOf(key), now, SIGN_IN_THROTTLE[limit]);
    if (waitMs > 0 && (!longest || waitMs > longest.waitMs)) longest = { waitMs, limit };
  }
  return longest;
}
