/**
 * Open Standards / Miradi "simple" threat-rating rules. Pure functions, no I/O,
 * shared by the server (exports, versions) and the browser (live summaries).
 */

export const RATING_LEVELS = ['low', 'medium', 'high', 'very_high'] as const;
export type Rating = (typeof RATING_LEVELS)[number];
/** `null` is "not set" (a criterion) or "not rated" (a computed value). */
export type MaybeRating = Rating | null;

export type RatingCounts = Record<Rating, number>;

/** Miradi's colours for each level; `null` (not rated) is white. */
export const RATING_COLOURS: Record<Rating, string> = {
  very_high: '#c15046',
  high: '#efd61d',
  medium: '#bae5ba',
  low: '#50a550',
};
export const NOT_RATED_COLOUR = '#ffffff';

export function isRating(value: unknown): value is Rating {
  return typeof value === 'string' && (RATING_LEVELS as readonly string[]).includes(value);
}

const rank = (r: Rating): number => RATING_LEVELS.indexOf(r);
const atRank = (i: number): Rating => RATING_LEVELS[Math.max(0, Math.min(RATING_LEVELS.length - 1, i))]!;

export function compareRatings(a: MaybeRating, b: MaybeRating): number {
  return (a === null ? -1 : rank(a)) - (b === null ? -1 : rank(b));
}

export function maxRating(...ratings: MaybeRating[]): MaybeRating {
  return ratings.reduce<MaybeRating>((best, r) => (compareRatings(r, best) > 0 ? r : best), null);
}

export function minRating(a: MaybeRating, b: MaybeRating): MaybeRating {
  if (a === null || b === null) return null;
  return rank(a) <= rank(b) ? a : b;
}

export interface CellCriteria {
  scope: MaybeRating;
  severity: MaybeRating;
  irreversibility: MaybeRating;
  notApplicable?: boolean;
}

/**
 * Magnitude = min(Scope, Severity); Irreversibility Very High lifts it one level
 * (capped), Low lowers it one level (floored), Medium and High leave it.
 */
export function cellRating({ scope, severity, irreversibility, notApplicable }: CellCriteria): MaybeRating {
  if (notApplicable) return null;
  const magnitude = minRating(scope, severity);
  if (magnitude === null || irreversibility === null) return null;
  if (irreversibility === 'very_high') return atRank(rank(magnitude) + 1);
  if (irreversibility === 'low') return atRank(rank(magnitude) - 1);
  return magnitude;
}

export function countRatings(ratings: readonly MaybeRating[]): RatingCounts {
  const counts: RatingCounts = { low: 0, medium: 0, high: 0, very_high: 0 };
  for (const r of ratings) if (r !== null) counts[r] += 1;
  return counts;
}

/** 7 Low = 1 Medium, 5 Medium = 1 High, 3 High = 1 Very High, cascading upwards. */
const THREE_FIVE_SEVEN: ReadonlyArray<[from: Rating, to: Rating, per: number]> = [
  ['low', 'medium', 7],
  ['medium', 'high', 5],
  ['high', 'very_high', 3],
];

/** Counts after the 3-5-7 rule: the promoted ratings are added to the level above. */
export function applyThreeFiveSeven(ratings: readonly MaybeRating[]): RatingCounts {
  const counts = countRatings(ratings);
  for (const [from, to, per] of THREE_FIVE_SEVEN) counts[to] += Math.floor(counts[from] / per);
  return counts;
}

/** The 2-prime rule on counts (usually taken after 3-5-7). */
export function twoPrime(counts: RatingCounts): MaybeRating {
  if (counts.very_high >= 2) return 'very_high';
  if (counts.very_high === 1 || counts.high >= 2) return 'high';
  if (counts.high === 1 || counts.medium >= 2) return 'medium';
  if (counts.medium > 0 || counts.low > 0) return 'low';
  return null;
}

/** Summary of a threat over its targets, or of a target over its threats. */
export function rollUp(ratings: readonly MaybeRating[]): MaybeRating {
  return twoPrime(applyThreeFiveSeven(ratings));
}

export function highestAfterThreeFiveSeven(ratings: readonly MaybeRating[]): MaybeRating {
  const counts = applyThreeFiveSeven(ratings);
  for (let i = RATING_LEVELS.length - 1; i >= 0; i--) if (counts[RATING_LEVELS[i]!] > 0) return RATING_LEVELS[i]!;
  return null;
}

/**
 * The highest level reached by more than half of the targets, each target taken at
 * its highest level after 3-5-7. As in Miradi (`getProjectMajorityRating`), only targets
 * with a level count: one with nothing rated (yet, or no threat applies) is left out.
 */
export function majorityOverride(ratingsPerTarget: ReadonlyArray<readonly MaybeRating[]>): MaybeRating {
  const highest = ratingsPerTarget.map(highestAfterThreeFiveSeven).filter((r): r is Rating => r !== null);
  for (let i = RATING_LEVELS.length - 1; i >= 0; i--) {
    const reached = highest.filter((r) => rank(r) >= i).length;
    if (reached * 2 > highest.length) return RATING_LEVELS[i]!;
  }
  return null;
}

/** Overall = the higher of the roll-up of all threat summaries and the majority override. */
export function overallRating(
  threatSummaries: readonly MaybeRating[],
  ratingsPerTarget: ReadonlyArray<readonly MaybeRating[]>,
): MaybeRating {
  return maxRating(rollUp(threatSummaries), majorityOverride(ratingsPerTarget));
}

export interface MatrixSummary<ThreatId extends string, TargetId extends string> {
  threatSummaries: Record<ThreatId, MaybeRating>;
  targetSummaries: Record<TargetId, MaybeRating>;
  overall: MaybeRating;
}

/**
 * Summaries of one team's threats × targets matrix. `rating(threat, target)` is the
 * cell's computed rating (null when not set or not applicable).
 */
export function summarizeMatrix<ThreatId extends string, TargetId extends string>(
  threatIds: readonly ThreatId[],
  targetIds: readonly TargetId[],
  rating: (threatId: ThreatId, targetId: TargetId) => MaybeRating,
): MatrixSummary<ThreatId, TargetId> {
  const perTarget = targetIds.map((target) => threatIds.map((threat) => rating(threat, target)));
  const threatSummaries = Object.fromEntries(
    threatIds.map((threat, i) => [threat, rollUp(perTarget.map((column) => column[i]!))]),
  ) as Record<ThreatId, MaybeRating>;
  const targetSummaries = Object.fromEntries(
    targetIds.map((target, i) => [target, rollUp(perTarget[i]!)]),
  ) as Record<TargetId, MaybeRating>;
  return {
    threatSummaries,
    targetSummaries,
    overall: overallRating(Object.values<MaybeRating>(threatSummaries), perTarget),
  };
}

/**
 * A threat marked not applicable for every target does not occur in the landscape: its summary reads "not
 * applicable", not "not rated" (which means work left to do).
 */
export function notApplicableThroughout(cellsNotApplicable: readonly boolean[]): boolean {
  return cellsNotApplicable.length > 0 && cellsNotApplicable.every(Boolean);
}

/**
 * A rapid assessment (Table 1): the team rates each threat directly and its
 * landscape is its one target, so the column is both the threat summaries and
 * that target's ratings.
 */
export function summarizeRapidColumn(threatRatings: readonly MaybeRating[]): { targetSummary: MaybeRating; overall: MaybeRating } {
  return { targetSummary: rollUp(threatRatings), overall: overallRating(threatRatings, [threatRatings]) };
}

/** Strategy rating = min(Impact, Feasibility); unknown if either is missing. */
export function strategyRating(impact: MaybeRating, feasibility: MaybeRating): MaybeRating {
  return minRating(impact, feasibility);
}
