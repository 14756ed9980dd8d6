import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setRuntime, type Runtime } from '../runtime';
import { SessionEnds } from '../services/sessions';
import { authOptions } from './options';

/**
 * next-auth renews a session's cookie whenever a page asks for the session (a new expiry each time): the session's
 * end must not move with it, and a signed-out session's copy must come back naming nobody.
 */
type Token = Record<string, unknown>;
const jwt = (token: Token) => (authOptions.callbacks!.jwt as unknown as (p: { token: Token }) => Token)({ token });
const session = (token: Token) =>
  (authOptions.callbacks!.session as unknown as (p: { session: Token; token: Token }) => Token)({ session: { user: { name: 'N' }, expires: 'later' }, token });

let ends: SessionEnds;
beforeEach(() => {
  ends = new SessionEnds();
  setRuntime({ services: { sessionEnds: ends } } as unknown as Runtime);
});
afterEach(() => setRuntime(undefined as unknown as Runtime));

describe('session callbacks', () => {
  const now = () => Math.floor(Date.now() / 1000);

  it('signing in gives the session an id and an end; renewing keeps both', () => {
    const signedIn = jwt({ sub: 'u' });
    expect(signedIn).toMatchObject({ sub: 'u', sid: expect.any(String), until: expect.any(Number) });
    expect(jwt({ ...signedIn, exp: now() + 999 })).toMatchObject({ sub: 'u', sid: signedIn.sid, until: signedIn.until });
  });

  it('a live session names its person; a signed-out one, renewed, names nobody and keeps its end', () => {
    const token = jwt({ sub: 'u' });
    expect(session(token)).toMatchObject({ user: { id: 'u' } });
    ends.end(token.sid as string, (token.until as number) * 1000);
    const renewed = jwt(token);
    expect(renewed).toEqual({ sid: token.sid, until: token.until });
    expect(session(token)).toEqual({ expires: 'later' });
    expect(session(renewed)).toEqual({ expires: 'later' });
  });

  it('a session past its end names nobody, however recently its cookie was renewed', () => {
    expect(session({ sub: 'u', sid: 's', until: now() - 1, exp: now() + 600 })).toEqual({ expires: 'later' });
  });
});
