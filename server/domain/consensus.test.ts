import { describe, expect, it } from 'vitest';
import { medianRating, spread } from './consensus';
import type { MaybeRating } from './rating';

const L = 'low', M = 'medium', H = 'high', V = 'very_high';

describe('spread', () => {
  it.each<[MaybeRating[], number | null]>([
    [[], null],
    [[H], null],
    [[H, null, null], null],
    [[H, H, H], 0],
    [[L, M, H], 2],
    [[L, V], 3],
    [[M, null, H], 1],
  ])('%o → %s', (ratings, expected) => expect(spread(ratings)).toBe(expected));
});

describe('medianRating', () => {
  it.each<[MaybeRating[], MaybeRating]>([
    [[], null],
    [[null, null], null],
    [[L], null],
    [[null, V, null], null],
    [[L, M, V], M],
    [[V, L, M], M],
    [[L, H], H],
    [[L, M, H, V], H],
    [[M, null, M, L], M],
    [[L, L, V], L],
  ])('%o → %s', (ratings, expected) => expect(medianRating(ratings)).toBe(expected));
});
