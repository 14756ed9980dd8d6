/**
 * Sign-in throttling. Pure: the caller keeps the failures and passes the clock.
 *
 * Two counters per attempt, both keyed by where it comes from, so nobody elsewhere can lock a person out by
 * failing on purpose: one account from one network (guessing a person's password), and one network over all
 * accounts (one password tried on many). A workshop's venue Wi-Fi puts everyone behind one address, so the
 * network's counter counts distinct accounts, not attempts: people mistyping their own passwords do not lock
 * the room out.
 */
export interface ThrottleRule {
  maxFailures: number;
  windowMs: number;
  /** What reaches the limit: every failed attempt, or each account that failed (its latest failure). */
  counts: 'attempts' | 'accounts';
}

export const SIGN_IN_THROTTLE = {
  account: { maxFailures: 5, windowMs: 15 * 60_000, counts: 'attempts' },
  network: { maxFailures: 50, windowMs: 15 * 60_000, counts: 'accounts' },
} as const satisfies Record<string, ThrottleRule>;

export type SignInLimit = keyof typeof SIGN_IN_THROTTLE;

export interface Failure {
  at: number;
  account: string;
}

export interface SignInCounter {
  limit: SignInLimit;
  key: string;
}

/** The counters a sign-in attempt is checked against and, when it fails, counted in. */
export function signInCounters(account: string, address: string): SignInCounter[] {
  const network = networkOf(address);
  return [
    { limit: 'account', key: `account ${network} ${account}` },
    { limit: 'network', key: `network ${network}` },
  ];
}

/**
 * The network an address stands for: an IPv4 address itself (also when written IPv4-mapped), an IPv6
 * address's /64, which one household or host usually has whole and could otherwise step through.
 */
export function networkOf(address: string): string {
  const plain = plainAddress(address);
  if (!plain.includes(':')) return plain;
  const halves = plain.split('::');
  if (halves.length > 2) return plain;
  const [head = '', tail] = halves;
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array(Math.max(0, 8 - headGroups.length - tailGroups.length)).fill('0'), ...tailGroups];
  if (groups.length !== 8 || groups.some((group) => !/^[0-9a-f]{1,4}$/.test(group))) return plain;
  return `${groups.slice(0, 4).map((group) => parseInt(group, 16).toString(16)).join(':')}::/64`;
}

/** An address as one thing: without a port or brackets (proxies may add them), zone, case or IPv4-mapping. */
export function plainAddress(address: string): string {
  return withoutPort(address).replace(/%.*$/, '').toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}

/** Proxies may report `[v6]:port` or `v4:port`; the port says nothing about who it is. */
function withoutPort(address: string): string {
  const bracketed = address.match(/^\[([^\]]+)\](?::\d+)?$/);
  if (bracketed) return bracketed[1]!;
  return /^\d+\.\d+\.\d+\.\d+:\d+$/.test(address) ? address.slice(0, address.lastIndexOf(':')) : address;
}

/** The failures that count against a rule now: within its window and, by accounts, each account's latest. */
function countedFailures(failures: readonly Failure[], now: number, rule: ThrottleRule): number[] {
  const recent = failures.filter(({ at }) => now - at < rule.windowMs);
  if (rule.counts === 'attempts') return recent.map(({ at }) => at).sort((a, b) => a - b);
  const latest = new Map<string, number>();
  for (const { at, account } of recent) latest.set(account, Math.max(at, latest.get(account) ?? at));
  return [...latest.values()].sort((a, b) => a - b);
}

/** Milliseconds until another attempt is allowed; 0 when allowed now. */
export function lockedFor(failures: readonly Failure[], now: number, rule: ThrottleRule): number {
  const counted = countedFailures(failures, now, rule);
  if (counted.length < rule.maxFailures) return 0;
  const oldestThatCounts = counted[counted.length - rule.maxFailures]!;
  return Math.max(0, oldestThatCounts + rule.windowMs - now);
}

/** The longest wait any of the counters imposes, and whose it is (null when the attempt may go ahead). */
export function signInWait(
  counters: readonly SignInCounter[],
  failuresOf: (key: string) => readonly Failure[],
  now: number,
): { waitMs: number; limit: SignInLimit } | null {
  let longest: { waitMs: number; limit: SignInLimit } | null = null;
  for (const { limit, key } of counters) {
    const waitMs = lockedFor(failuresOf(key), now, SIGN_IN_THROTTLE[limit]);
    if (waitMs > 0 && (!longest || waitMs > longest.waitMs)) longest = { waitMs, limit };
  }
  return longest;
}
