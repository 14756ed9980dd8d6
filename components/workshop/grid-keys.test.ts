import { describe, expect, it } from 'vitest';
import { gridMove, type GridPlace } from './grid-keys';

const size = { rows: 15, cols: 5 };
const middle = { row: 7, col: 2 };

describe('gridMove', () => {
  it.each<[string, boolean, GridPlace, GridPlace | null]>([
    ['ArrowDown', false, middle, { row: 8, col: 2 }],
    ['ArrowUp', false, middle, { row: 6, col: 2 }],
    ['ArrowRight', false, middle, { row: 7, col: 3 }],
    ['ArrowLeft', false, middle, { row: 7, col: 1 }],
    ['Home', false, middle, { row: 7, col: 0 }],
    ['End', false, middle, { row: 7, col: 4 }],
    ['Home', true, middle, { row: 0, col: 0 }],
    ['End', true, middle, { row: 14, col: 4 }],
    ['Enter', false, middle, null],
    ['a', false, middle, null],
  ])('%s (Ctrl %s) from the middle', (key, ctrl, at, expected) => {
    expect(gridMove(key, ctrl, at, size)).toEqual(expected);
  });

  it.each<[string, GridPlace]>([
    ['ArrowUp', { row: 0, col: 3 }],
    ['ArrowLeft', { row: 4, col: 0 }],
    ['ArrowDown', { row: 14, col: 1 }],
    ['ArrowRight', { row: 2, col: 4 }],
  ])('%s at the edge stays put', (key, at) => {
    expect(gridMove(key, false, at, size)).toEqual(at);
  });
});
