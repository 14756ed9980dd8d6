import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { describe, expect, it } from 'vitest';
import { t } from '../../components/i18n/messages';
import type { Actor, Services } from '../services/context';
import { appRouter } from './root';

/** What a client reads when tRPC itself refuses a request (no procedure, wrong method, unreadable input). */
async function errorMessage(path: string, init: RequestInit = {}, actor: Actor | null = null) {
  const response = await fetchRequestHandler({
    endpoint: '/api/trpc',
    req: new Request(`http://heilong.test/api/trpc/${path}`, init),
    router: appRouter,
    createContext: async () => ({ services: {} as Services, actor }),
  });
  const body = (await response.json()) as { error?: { message: string } };
  return { status: response.status, message: body.error?.message };
}

describe('tRPC’s own refusals read from the catalogue', () => {
  const someone: Actor = { userId: crypto.randomUUID(), email: 'someone@heilong.test', name: 'Someone', memberships: [] };

  it.each<[string, string, RequestInit, number]>([
    ['no such procedure', 'nothing.here', {}, 404],
    ['a mutation asked for with GET', 'assessment.setStatus', {}, 405],
    ['a query sent with POST', 'assessment.workspace', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }, 405],
    ['a body that is no JSON type', 'assessment.setStatus', { method: 'POST', body: 'status=open' }, 415],
    ['input that is not JSON', 'assessment.workspace?input=%7Bnot-json', {}, 400],
  ])('%s', async (_, path, init, status) => {
    expect(await errorMessage(path, init, someone)).toEqual({ status, message: t('error.request') });
  });

  it('a service’s refusal keeps its own message (here: not signed in)', async () => {
    expect(await errorMessage(`assessment.workspace?input=${encodeURIComponent(JSON.stringify({ assessmentId: crypto.randomUUID() }))}`))
      .toEqual({ status: 401, message: t('error.unauthorized') });
  });
});
