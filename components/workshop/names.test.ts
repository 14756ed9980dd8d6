import { describe, expect, it } from 'vitest';
import { cellKey } from '@/server/collab/document';
import { makeNames } from './names';

const names = makeNames(
  [{ id: 'fire', name: 'Fire' }, { id: 'dams', name: 'Dams' }],
  [{ id: 'tiger', name: 'Tiger' }, { id: 'salmon', name: 'Salmon' }],
);

describe('makeNames', () => {
  it.each([
    ['fire', 'Fire'],
    [cellKey('dams', 'salmon'), 'Dams × Salmon'],
    ['unknown', null],
    [cellKey('fire', 'unknown'), null],
  ])('names %s as %s', (entry, name) => {
    expect(names.name(entry)).toBe(name);
  });

  it('puts threats and cells in table order: by row, a threat before its cells, cells by column, unknown ones last', () => {
    const entries = ['unknown', cellKey('dams', 'tiger'), cellKey('fire', 'salmon'), 'dams', cellKey('fire', 'tiger'), 'fire', cellKey('fire', 'unknown')];
    expect(entries.sort((a, b) => names.rank(a) - names.rank(b))).toEqual([
      'fire', cellKey('fire', 'tiger'), cellKey('fire', 'salmon'), cellKey('fire', 'unknown'), 'dams', cellKey('dams', 'tiger'), 'unknown',
    ]);
  });
});
