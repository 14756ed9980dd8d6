import type { CSSProperties } from 'react';
import { NOT_RATED_COLOUR, RATING_COLOURS, type MaybeRating } from '@/server/domain/rating';

/** Miradi's colour for a level (white when not rated), with text that stays readable on it. */
export function ratingStyle(rating: MaybeRating): CSSProperties {
  return { backgroundColor: rating ? RATING_COLOURS[rating] : NOT_RATED_COLOUR, color: rating === 'very_high' ? '#ffffff' : undefined };
}
