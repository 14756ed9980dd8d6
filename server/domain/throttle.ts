/**
 * Sign-in throttling: after `maxFailures` failed attempts within `windowMs`, an
 * account is locked until the oldest failure in the window ages out. Pure: the
 * caller keeps the failure timestamps and passes the clock.
 */
export interface ThrottleRule {
  maxFailures: number;
  windowMs: number;
}

export const SIGN_IN_THROTTLE: ThrottleRule = { maxFailures: 5, windowMs: 15 * 60_000 };

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
