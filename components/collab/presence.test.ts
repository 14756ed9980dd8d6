import { describe, expect, it } from 'vitest';
import { focusMap, peopleOnline, userColour } from './presence';
import { combineConnections, connectionLabel } from './status';

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

  it('replaces a colour that is not a colour', () => {
    const [person] = peopleOnline(new Map([[1, { user: { id: 'x', name: 'X', colour: 'url(evil)' }, focus: null }]]), 0);
    expect(person!.user.colour).toBe(userColour('x'));
  });
});

describe('connection state', () => {
  it('reads online, syncing, or offline with the unsent changes', () => {
    expect(connectionLabel('online', 0)).toBe('online');
    expect(connectionLabel('syncing', 3)).toBe('syncing');
    expect(connectionLabel('offline', 0)).toBe('offline — no unsent changes');
    expect(connectionLabel('offline', 1)).toBe('offline — 1 unsent change');
    expect(connectionLabel('offline', 4)).toBe('offline — 4 unsent changes');
  });

  it('combines rooms: the worst state, unsent changes added up', () => {
    expect(combineConnections([{ status: 'online', unsent: 0 }, { status: 'online', unsent: 0 }])).toEqual({ status: 'online', unsent: 0 });
    expect(combineConnections([{ status: 'online', unsent: 0 }, { status: 'syncing', unsent: 1 }])).toEqual({ status: 'syncing', unsent: 1 });
    expect(combineConnections([{ status: 'offline', unsent: 2 }, { status: 'syncing', unsent: 1 }])).toEqual({ status: 'offline', unsent: 3 });
  });
});
