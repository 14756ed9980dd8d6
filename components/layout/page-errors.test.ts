import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { localPath, pageErrorOutcome, signInPath, type PageErrorOutcome } from './page-errors';

describe('pageErrorOutcome', () => {
  it.each<[string, unknown, PageErrorOutcome]>([
    ['signed out', new TRPCError({ code: 'UNAUTHORIZED' }), 'signIn'],
    ['no such thing, or not a member', new TRPCError({ code: 'NOT_FOUND' }), 'notFound'],
    ['not allowed', new TRPCError({ code: 'FORBIDDEN' }), 'notFound'],
    ['malformed id in the URL', new TRPCError({ code: 'BAD_REQUEST' }), 'notFound'],
    ['server failure', new TRPCError({ code: 'INTERNAL_SERVER_ERROR' }), 'rethrow'],
    ['throttled', new TRPCError({ code: 'TOO_MANY_REQUESTS' }), 'rethrow'],
    ['not a tRPC error', new Error('database down'), 'rethrow'],
  ])('%s → %s', (_, error, expected) => {
    expect(pageErrorOutcome(error)).toBe(expected);
  });
});

describe('signInPath', () => {
  it.each([
    ['/programmes/p1', '/signin?callbackUrl=%2Fprogrammes%2Fp1'],
    ['/assessments/a1/teams/t1', '/signin?callbackUrl=%2Fassessments%2Fa1%2Fteams%2Ft1'],
  ])('%s → %s', (path, expected) => {
    expect(signInPath(path)).toBe(expected);
  });
});

describe('localPath', () => {
  it.each<[string | undefined, string]>([
    ['/programmes/p1?tab=x#top', '/programmes/p1?tab=x#top'],
    [undefined, '/'],
    ['', '/'],
    ['https://evil.example/', '/'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['/\tevil.example', '/evil.example'],
    ['/\t/evil.example', '/'],
    ['javascript:alert(1)', '/'],
  ])('%j → %s', (requested, expected) => {
    expect(localPath(requested)).toBe(expected);
  });
});
