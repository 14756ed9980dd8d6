import { describe, expect, it } from 'vitest';
import { SessionEnds, sessionIdOf } from './sessions';

describe('sessionIdOf', () => {
  it.each<[Record<string, unknown> | null | undefined, string | null]>([
    [{ sid: 'own', jti: 'token' }, 'own'],
    [{ jti: 'token' }, 'token'],
    [{ sid: 7 }, null],
    [{}, null],
    [null, null],
    [undefined, null],
  ])('%o → %s', (claims, id) => {
    expect(sessionIdOf(claims)).toBe(id);
  });
});

describe('SessionEnds', () => {
  it('tells its listeners, and remembers an ended session until its cookie would have expired', () => {
    const ends = new SessionEnds();
    const told: string[] = [];
    const stop = ends.subscribe((id) => told.push(id));
    ends.end('a', 2_000, 1_000);
    expect(told).toEqual(['a']);
    expect(ends.hasEnded('a')).toBe(true);
    expect(ends.hasEnded('b')).toBe(false);
    ends.end('b', 10_000, 3_000);
    expect(ends.hasEnded('a')).toBe(false);
    stop();
    ends.end('c', 10_000, 3_000);
    expect(told).toEqual(['a', 'b']);
  });
});
