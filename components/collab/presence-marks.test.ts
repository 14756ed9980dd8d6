import { describe, expect, it } from 'vitest';
import type { Person } from './presence';
import { PRESENCE_RINGS_CLASS, presenceMarks, RINGS_DEPTH_PX } from './presence-marks';

describe('presenceMarks', () => {
  const person = (name: string, colour: string): Person => ({ user: { id: name, name, colour }, self: false, focus: 'cell', clientId: 1 });
  const [ann, bo, cy, di] = [person('Ann', '#1d4ed8'), person('Bo', '#c2410c'), person('Cy', '#7c3aed'), person('Di', '#0f766e')];
  it.each<[string, Person[] | undefined, string | undefined, string | undefined]>([
    ['nobody: no mark, nothing said', undefined, undefined, undefined],
    ['an empty list: the same', [], undefined, undefined],
    ['one person: one ring of their colour', [ann], 'inset 0 0 0 3px #1d4ed8, inset 0 0 0 4px #ffffff', 'Here now: Ann'],
    ['two people: a ring each, both colours seen, a white edge inside', [ann, bo], 'inset 0 0 0 3px #1d4ed8, inset 0 0 0 5px #c2410c, inset 0 0 0 6px #ffffff', 'Here now: Ann, Bo'],
    ['four people: three rings, everyone named', [ann, bo, cy, di], 'inset 0 0 0 3px #1d4ed8, inset 0 0 0 5px #c2410c, inset 0 0 0 7px #7c3aed, inset 0 0 0 8px #ffffff', 'Here now: Ann, Bo, Cy, Di'],
    ['someone who may not change the cell is said to be viewing it', [ann, { ...bo, user: { ...bo.user, viewing: true } }], 'inset 0 0 0 3px #1d4ed8, inset 0 0 0 5px #c2410c, inset 0 0 0 6px #ffffff', 'Here now: Ann, Bo (viewing)'],
  ])('%s', (_, people, rings, said) => {
    const marks = presenceMarks(people);
    expect((marks.style as Record<string, string>)['--presence-rings']).toBe(rings);
    expect(marks.className).toBe(rings ? PRESENCE_RINGS_CLASS : '');
    expect(marks.description).toBe(said);
    expect(marks.title).toBe(said);
  });

  it('the rings reach as far in as the widest set of them, with its white edge', () => {
    expect(RINGS_DEPTH_PX).toBe(8);
  });
});
