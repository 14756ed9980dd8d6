import type { CSSProperties } from 'react';
import { NOT_RATED_COLOUR, RATING_COLOURS, type MaybeRating } from '@/server/domain/rating';

/** Miradi's colour for a level (white when not rated), with text that stays readable on it. */
export function ratingStyle(rating: MaybeRating): CSSProperties {
  return { backgroundColor: rating ? RATING_COLOURS[rating] : NOT_RATED_COLOUR, color: rating === 'very_high' ? '#ffffff' : undefined };
}

/**
 * A cell's `data-rating`: the level, or why there is none. Both "not applicable"
 * and "not rated" are white, so this is where they can still be told apart.
 */
export function ratingData(rating: MaybeRating, notApplicable: boolean): string {
  return rating ?? (notApplicable ? 'not_applicable' : 'none');
}
