import { describe, expect, it } from 'vitest';
import type { TableColumnSummary } from '@/server/domain/threat-table';
import { anyDiffers, anyNotApplicable, differsFromPublished } from './table-marks';

const column = (summary: Partial<TableColumnSummary>): TableColumnSummary => ({
  published: undefined, computedTargetSummary: undefined, computedOverall: null, ...summary,
});

describe('differsFromPublished', () => {
  it('marks a computed value only against a different published one', () => {
    expect(differsFromPublished('very_high', 'high')).toBe(true);
    expect(differsFromPublished('very_high', null)).toBe(true);
    expect(differsFromPublished('high', 'high')).toBe(false);
    expect(differsFromPublished(null, null)).toBe(false);
  });

  it('has nothing to compare when nothing was published, or the column has no such summary', () => {
    expect(differsFromPublished(undefined, 'high')).toBe(false);
    expect(differsFromPublished('high', undefined)).toBe(false);
  });
});

describe('anyDiffers', () => {
  it('is false for a closed assessment: nothing published, nothing marked', () => {
    expect(anyDiffers([column({ computedTargetSummary: 'high', computedOverall: 'high' }), column({ computedOverall: 'low' })])).toBe(false);
  });

  it('is true when a target summary or an overall rating differs from the published value', () => {
    expect(anyDiffers([column({ published: 'very_high', computedTargetSummary: 'very_high', computedOverall: 'very_high' }), column({ published: 'very_high', computedTargetSummary: 'high', computedOverall: 'very_high' })])).toBe(true);
    expect(anyDiffers([column({ published: 'high', computedOverall: 'medium' })])).toBe(true);
  });

  it('does not mark a column rated per target (no target summary) for its target summary', () => {
    expect(anyDiffers([column({ published: 'high', computedTargetSummary: undefined, computedOverall: 'high' })])).toBe(false);
  });
});

describe('anyNotApplicable', () => {
  const rows = [
    { cells: { a: { rating: 'high' as const, notApplicable: false }, b: { rating: null, notApplicable: true } } },
    { cells: { a: { rating: null, notApplicable: false }, b: { rating: 'low' as const, notApplicable: false } } },
  ];

  it('looks only at the given columns', () => {
    expect(anyNotApplicable(rows, ['a', 'b'])).toBe(true);
    expect(anyNotApplicable(rows, ['a'])).toBe(false);
    expect(anyNotApplicable(rows, ['missing'])).toBe(false);
    expect(anyNotApplicable([], ['a'])).toBe(false);
  });
});
