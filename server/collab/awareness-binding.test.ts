import { describe, expect, it } from 'vitest';
import { AwarenessOwners, type AwarenessEntry } from './awareness-binding';

const alice = { id: 'alice', name: 'Alice', colour: '#111111' };
const bob = { id: 'bob', name: 'Bob', colour: '#222222' };
const entry = (clientId: number, state: unknown = { focus: 'cell' }): AwarenessEntry => ({ clientId, clock: 1, state });

const OPTIONS = { claimedBy: () => undefined, clockOf: () => 0, forget: () => undefined, remember: 100 };

type Step = { connection: string; user: typeof alice; clientId: number } | { release: string };

/** Runs the steps in one room; returns, for the last step, the client ids it kept. */
function run(steps: Step[], claimedBy: Record<number, string> = {}) {
  const owners = new AwarenessOwners<string>({ ...OPTIONS, claimedBy: (clientId) => claimedBy[clientId] });
  const owned = new Map<string, Set<number>>();
  const ownedBy = (connection: string) => owned.get(connection) ?? owned.set(connection, new Set()).get(connection)!;
  let kept: number[] = [];
  for (const step of steps) {
    if ('release' in step) {
      owners.release(ownedBy(step.release));
      owned.delete(step.release);
      continue;
    }
    kept = owners.filter(step.connection, ownedBy(step.connection), [entry(step.clientId)], step.user).map((e) => e.clientId);
  }
  return kept;
}

describe('AwarenessOwners', () => {
  it.each<[string, Step[], Record<number, string>, number[]]>([
    ['a connection claims its first client id', [{ connection: 'a1', user: alice, clientId: 7 }], {}, [7]],
    ['and no second one', [{ connection: 'a1', user: alice, clientId: 7 }, { connection: 'a1', user: alice, clientId: 8 }], {}, []],
    ['another connection cannot speak for it', [{ connection: 'a1', user: alice, clientId: 7 }, { connection: 'b1', user: bob, clientId: 7 }], {}, []],
    ['nor take it over while its owner is away', [{ connection: 'a1', user: alice, clientId: 7 }, { release: 'a1' }, { connection: 'b1', user: bob, clientId: 7 }], {}, []],
    ['its owner takes it back on reconnecting', [{ connection: 'a1', user: alice, clientId: 7 }, { release: 'a1' }, { connection: 'a2', user: alice, clientId: 7 }], {}, [7]],
    ['a client id someone wrote content with is theirs', [{ connection: 'b1', user: bob, clientId: 7 }], { 7: 'alice' }, []],
    ['and theirs to use', [{ connection: 'a1', user: alice, clientId: 7 }], { 7: 'alice' }, [7]],
  ])('%s', (_name, steps, claimedBy, expected) => {
    expect(run(steps, claimedBy)).toEqual(expected);
  });

  it.each<[string, unknown, unknown]>([
    ['the signed-in user replaces whoever it claims to be', { user: alice, focus: 'x' }, { user: bob, focus: 'x' }],
    ['nothing but who and where is kept', { user: alice, focus: 'x', junk: 'y'.repeat(10_000) }, { user: bob, focus: 'x' }],
    ['a focus too long to name a cell is dropped', { focus: 'z'.repeat(201) }, { user: bob, focus: null }],
    ['leaving (no state) stays leaving', null, null],
  ])('%s', (_name, state, expected) => {
    const owners = new AwarenessOwners<string>(OPTIONS);
    const [kept] = owners.filter('b1', new Set(), [entry(3, state)], bob);
    expect(kept?.state).toEqual(expected);
  });

  it('continues the room\'s clock for a client id coming back, so its state is not ignored', () => {
    const clocks = new Map([[7, 12]]);
    const owners = new AwarenessOwners<string>({ ...OPTIONS, clockOf: (id) => clocks.get(id) ?? 0 });
    const first = new Set<number>();
    expect(owners.filter('a1', first, [{ clientId: 7, clock: 11, state: {} }], alice).map((e) => e.clock)).toEqual([13]);
    expect(owners.filter('a1', first, [{ clientId: 7, clock: 12, state: {} }], alice).map((e) => e.clock)).toEqual([14]);
    owners.release(first);
    clocks.set(7, 3);
    // A clock already ahead of the room's is kept as it is.
    expect(owners.filter('a2', new Set(), [{ clientId: 7, clock: 5, state: {} }], alice).map((e) => e.clock)).toEqual([5]);
  });

  it('forgets the oldest client ids whose connection is gone past its limit, never a connected one', () => {
    const forgotten: number[] = [];
    const owners = new AwarenessOwners<string>({ ...OPTIONS, forget: (id) => forgotten.push(id), remember: 3 });
    const connect = (connection: string, clientId: number, user = alice) => {
      const owned = new Set<number>();
      return { owned, kept: owners.filter(connection, owned, [entry(clientId)], user).map((e) => e.clientId) };
    };
    const staying = connect('a1', 1);
    const reloads = [2, 3, 4].map((clientId) => connect(`a-reload-${clientId}`, clientId));
    // Four remembered, but all connected: nothing is forgotten.
    expect(forgotten).toEqual([]);
    for (const reload of reloads) owners.release(reload.owned);
    // A fifth: past the limit, the oldest gone ones (2, 3) are forgotten; 1 is still connected.
    connect('a5', 5);
    expect(forgotten).toEqual([2, 3]);
    // One still remembered (4) stays its person's; a forgotten one can be claimed afresh (which makes 4 the oldest gone).
    expect(connect('b2', 4, bob).kept).toEqual([]);
    expect(connect('b1', 2, bob).kept).toEqual([2]);
    expect(forgotten).toEqual([2, 3, 4]);
    expect(staying.kept).toEqual([1]);
  });
});
