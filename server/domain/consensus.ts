import { RATING_LEVELS, type MaybeRating, type Rating } from './rating';

/**
 * How far country teams are apart on a threat, and what to suggest as the agreed
 * rating. Not-rated teams are left out of both.
 */

const rated = (ratings: readonly MaybeRating[]) =>
  ratings.filter((r): r is Rating => r !== null).map((r) => RATING_LEVELS.indexOf(r)).sort((a, b) => a - b);

/** Levels between the lowest and highest rating: 0 = all agree, 3 = Low vs Very High; null if fewer than two rated. */
export function spread(ratings: readonly MaybeRating[]): number | null {
  const levels = rated(ratings);
  return levels.length < 2 ? null : levels[levels.length - 1]! - levels[0]!;
}

/**
 * The teams' median, the suggestion for the agreed rating. With an even number the
 * higher of the two middle levels is taken: for threats, the precautionary reading.
 * Null until at least two teams rated: one team's rating is no common ground.
 */
export function medianRating(ratings: readonly MaybeRating[]): MaybeRating {
  const levels = rated(ratings);
  if (levels.length < 2) return null;
  return RATING_LEVELS[levels[Math.floor(levels.length / 2)]!]!;
}
