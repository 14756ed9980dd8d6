import { describe, expect, it } from 'vitest';
import { overflowEdges, overflowMask, type OverflowEdges } from './overflow-edges';

describe('overflowEdges', () => {
  it.each<[string, { scrollLeft: number; scrollWidth: number; clientWidth: number }, OverflowEdges]>([
    ['everything fits', { scrollLeft: 0, scrollWidth: 300, clientWidth: 300 }, 'none'],
    ['more past the end, at the start', { scrollLeft: 0, scrollWidth: 500, clientWidth: 300 }, 'end'],
    ['scrolled part way: more on both sides', { scrollLeft: 100, scrollWidth: 500, clientWidth: 300 }, 'both'],
    ['scrolled to the end', { scrollLeft: 200, scrollWidth: 500, clientWidth: 300 }, 'start'],
    ['a rounding pixel short of the end counts as the end', { scrollLeft: 199.5, scrollWidth: 500, clientWidth: 300 }, 'start'],
    ['a rounding pixel wider than the box counts as fitting', { scrollLeft: 0, scrollWidth: 301, clientWidth: 300 }, 'none'],
  ])('%s → %s', (_name, metrics, expected) => {
    expect(overflowEdges(metrics)).toBe(expected);
  });
});

describe('overflowMask', () => {
  it('fades only towards the sides with more past them', () => {
    expect(overflowMask('none')).toBeUndefined();
    expect(overflowMask('end')).toBe('linear-gradient(to left, transparent, black 2rem)');
    expect(overflowMask('start')).toBe('linear-gradient(to right, transparent, black 2rem)');
    expect(overflowMask('both')).toContain('calc(100% - 2rem)');
  });
});
