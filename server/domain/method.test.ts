import { describe, expect, it } from 'vitest';
import { ratesCells, type AssessmentMode, type TeamKind } from './method';

describe('ratesCells', () => {
  it.each<[AssessmentMode, TeamKind, boolean]>([
    ['detailed', 'country', true],
    ['detailed', 'ecoregional', false],
    ['rapid', 'country', false],
    ['rapid', 'ecoregional', false],
  ])('%s assessment, %s team → %s', (mode, teamKind, expected) => {
    expect(ratesCells({ mode, teamKind })).toBe(expected);
  });
});
