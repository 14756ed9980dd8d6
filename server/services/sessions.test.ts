import { describe, expect, it } from 'vitest';
import { liveSession, SESSION_MAX_AGE_S, SessionEnds, sessionIdOf, withSessionClaims } from './sessions';

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

describe('withSessionClaims', () => {
  const NOW = 1_000_000;
  it.each<[string, Record<string, unknown>, { sid: string; until: number }]>([
    ['signing in: a new id, and an end one maximum age away', { sub: 'u' }, { sid: 'new', until: NOW + SESSION_MAX_AGE_S }],
    ['renewed: the same id and end (renewing never moves the end)', { sub: 'u', sid: 's', until: NOW + 5, exp: NOW + 9 }, { sid: 's', until: NOW + 5 }],
    ['a token from before sessions had ids keeps next-auth\'s token id as its own', { sub: 'u', jti: 'j' }, { sid: 'j', until: NOW + SESSION_MAX_AGE_S }],
  ])('%s', (_, token, expected) => {
    expect(withSessionClaims(token, NOW, () => 'new')).toMatchObject({ ...token, ...expected });
  });
});

describe('liveSession', () => {
  const NOW_S = 1_000_000;
  const ends = { hasEnded: (id: string) => id === 'signed-out' };
  it.each<[string, Record<string, unknown> | null, { userId: string; sessionId: string | null } | null]>([
    ['a live session', { sub: 'u', sid: 's', exp: NOW_S + 60, until: NOW_S + 60 }, { userId: 'u', sessionId: 's' }],
    ['a token from before sessions had ids: known by its token id', { sub: 'u', jti: 'j', exp: NOW_S + 60 }, { userId: 'u', sessionId: 'j' }],
    ['no token', null, null],
    ['a token naming nobody (a signed-out copy, renewed)', { sid: 's', until: NOW_S + 60 }, null],
    ['past the cookie\'s expiry', { sub: 'u', sid: 's', exp: NOW_S, until: NOW_S + 60 }, null],
    ['past the session\'s end, though renewed', { sub: 'u', sid: 's', exp: NOW_S + 60, until: NOW_S - 1 }, null],
    ['signed out', { sub: 'u', sid: 'signed-out', exp: NOW_S + 60, until: NOW_S + 60 }, null],
    ['a token from before sessions had ids, signed out', { sub: 'u', jti: 'signed-out', exp: NOW_S + 60 }, null],
  ])('%s', (_, claims, expected) => {
    expect(liveSession(claims, NOW_S * 1000, ends)).toEqual(expected);
  });
});
