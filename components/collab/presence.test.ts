import { describe, expect, it } from 'vitest';
import { focusMap, peopleAcross, peopleOnline, userColour, withDistinctColours, type Person } from './presence';

const user = (id: string, name: string) => ({ id, name, colour: '#123456' });

describe('presence', () => {
  it('gives each person a stable colour', () => {
    expect(userColour('a')).toBe(userColour('a'));
    expect(userColour('a')).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('lists people once each, you first, then by name, ignoring states without a user', () => {
    const states = new Map<number, unknown>([
      [1, { user: user('u-zoe', 'Zoe'), focus: null }],
      [2, {}],
      [3, { user: user('u-me', 'Me'), focus: 't1:g1' }],
      [4, { user: user('u-ann', 'Ann'), focus: null }],
      [5, { user: user('u-ann', 'Ann'), focus: 't2' }],
      [6, null],
      [7, { user: { id: 5, name: 'bad' } }],
    ]);
    const people = peopleOnline(states, 3);
    expect(people.map((p) => [p.user.name, p.self, p.focus])).toEqual([['Me', true, 't1:g1'], ['Ann', false, 't2'], ['Zoe', false, null]]);
    expect([...focusMap(people)].map(([focus, on]) => [focus, on.map((p) => p.user.name)])).toEqual([['t2', ['Ann']]]);
  });

  it('says who is only viewing as the server said it, and nobody else', () => {
    const people = peopleOnline(new Map<number, unknown>([
      [1, { user: { ...user('u-obs', 'Obs'), viewing: true }, focus: 't1' }],
      [2, { user: { ...user('u-mem', 'Mem'), viewing: false }, focus: 't2' }],
      [3, { user: { ...user('u-odd', 'Odd'), viewing: 'yes' }, focus: 't3' }],
    ]), 0);
    expect(people.map((p) => [p.user.name, p.user.viewing])).toEqual([['Mem', false], ['Obs', true], ['Odd', false]]);
  });

  it('replaces a colour that is not a colour', () => {
    // Alone on the page, a person has their stable colour.
    const [person] = peopleOnline(new Map([[1, { user: { id: 'x', name: 'X', colour: 'url(evil)' }, focus: null }]]), 0);
    expect(person!.user.colour).toBe(userColour('x'));
  });
});

describe('peopleAcross', () => {
  const at = (id: string, focus: string | null, self = false): Person => ({ clientId: 0, user: user(id, id), focus, self });
  const rows = (people: ReturnType<typeof peopleAcross>) => people.map((p) => [p.user.id, p.room, p.focus, p.self]);

  it.each<[string, { room: string; people: Person[] }[], (string | boolean | null)[][]]>([
    ['nobody', [], []],
    ['one room', [{ room: 'agreed', people: [at('ann', 'f1'), at('me', null, true)] }], [['me', 'agreed', null, true], ['ann', 'agreed', 'f1', false]]],
    ['people in other rooms are listed too, by name', [
      { room: 'agreed', people: [at('me', null, true)] },
      { room: 'china', people: [at('zoe', 'f1:t1')] },
      { room: 'russia', people: [at('bob', null)] },
    ], [['me', 'agreed', null, true], ['bob', 'russia', null, false], ['zoe', 'china', 'f1:t1', false]]],
    ['someone in two rooms is listed once, at the first room where they have a place', [
      { room: 'agreed', people: [at('ann', null)] },
      { room: 'china', people: [at('ann', 'f2:t1')] },
      { room: 'russia', people: [at('ann', 'f3:t1')] },
    ], [['ann', 'china', 'f2:t1', false]]],
    ['the page\'s own room wins when they have a place there', [
      { room: 'agreed', people: [at('ann', 'f1')] },
      { room: 'china', people: [at('ann', 'f2:t1')] },
    ], [['ann', 'agreed', 'f1', false]]],
    ['you are you wherever you are listed', [
      { room: 'agreed', people: [at('me', null, true)] },
      { room: 'china', people: [at('me', 'f1:t1')] },
    ], [['me', 'china', 'f1:t1', true]]],
  ])('%s', (_, rooms, expected) => {
    expect(rows(peopleAcross(rooms))).toEqual(expected);
  });
});

describe('withDistinctColours', () => {
  const person = (id: string): Person => ({ clientId: 0, user: user(id, id), focus: null, self: false });
  const ids = Array.from({ length: 200 }, (_, i) => `user-${i}`);
  // Two people whose stable colours are the same, and a third with another.
  const [first, second] = ids.filter((id) => userColour(id) === userColour(ids[0]!)).sort();
  const other = ids.find((id) => userColour(id) !== userColour(first!))!;
  const colours = (people: Person[]) => Object.fromEntries(withDistinctColours(people).map((p) => [p.user.id, p.user.colour]));

  it.each<[string, string[]]>([
    ['nobody', []],
    ['one person', [first!]],
    ['two people with different stable colours', [first!, other]],
    ['two people with the same stable colour', [second!, first!]],
    ['ten people', ids.slice(0, 10)],
  ])('%s: each their own colour', (_, people) => {
    const given = colours(people.map(person));
    expect(new Set(Object.values(given)).size).toBe(people.length);
  });

  it('the ten colours look different: no two closer than 25 in CIE L*a*b* (two purples once were 7 apart)', () => {
    const all = Object.values(colours(ids.slice(0, 10).map(person)));
    const distances = all.flatMap((a, i) => all.slice(i + 1).map((b) => labDistance(a, b)));
    expect(Math.min(...distances)).toBeGreaterThanOrEqual(25);
  });

  it('the first by id keeps their stable colour; whoever shares it takes another', () => {
    expect(colours([person(second!), person(first!), person(other)])).toMatchObject({ [first!]: userColour(first!), [other]: userColour(other) });
    expect(colours([person(second!), person(first!)])[second!]).not.toBe(userColour(first!));
  });

  it('everyone looking at the same people sees the same colours, in whatever order they list them', () => {
    const people = ids.slice(0, 7).map(person);
    expect(colours([...people].reverse())).toEqual(colours(people));
  });

  it('past the ten colours, colours repeat rather than fail', () => {
    const given = withDistinctColours(ids.slice(0, 13).map(person));
    expect(given).toHaveLength(13);
    expect(new Set(given.map((p) => p.user.colour)).size).toBe(10);
  });
});

/** CIE76 colour difference of two #rrggbb colours (sRGB, D65): about 2.3 is just noticeable, under ~20 reads alike. */
function labDistance(a: string, b: string): number {
  const lab = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
    const [x, y, z] = [(0.4124 * r! + 0.3576 * g! + 0.1805 * bl!) / 0.95047, 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!, (0.0193 * r! + 0.1192 * g! + 0.9505 * bl!) / 1.08883].map(f);
    return [116 * y! - 16, 500 * (x! - y!), 200 * (y! - z!)];
  };
  const [p, q] = [lab(a), lab(b)];
  return Math.hypot(...p.map((v, i) => v - q[i]!));
}
