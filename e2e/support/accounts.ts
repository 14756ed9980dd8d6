import { randomBytes } from 'node:crypto';
import type { APIRequestContext, BrowserContext } from '@playwright/test';

/** The facilitator the first-start spec creates through the printed link. */
export const FACILITATOR = { name: 'Fiona Facilitator', email: 'fiona@heilong.test', password: 'first-facilitator-pw' };

/** Signs a browser context in over HTTP (next-auth's credentials endpoint), no UI. */
export async function signInOverHttp(request: APIRequestContext, email: string, password: string): Promise<void> {
  const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const response = await request.post('/api/auth/callback/credentials', {
    form: { csrfToken, email, password, json: 'true' },
    maxRedirects: 0,
  });
  const session = (await (await request.get('/api/auth/session')).json()) as { user?: { email?: string } };
  if (session.user?.email !== email) throw new Error(`Sign-in over HTTP failed for ${email} (${response.status()})`);
}

export async function trpcMutation<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.post(`/api/trpc/${path}`, { data: input });
  const body = (await response.json()) as { result?: { data: T }; error?: { message: string } };
  if (!body.result) throw new Error(`${path} failed: ${body.error?.message}`);
  return body.result.data;
}

export async function trpcQuery<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const response = await request.get(`/api/trpc/${path}${query}`);
  const body = (await response.json()) as { result?: { data: T }; error?: { message: string } };
  if (!body.result) throw new Error(`${path} failed: ${body.error?.message}`);
  return body.result.data;
}

export interface Seeded {
  programmeId: string;
  teams: { id: string; key: string; name: string }[];
  threats: { id: string; name: string }[];
  assessments: { id: string; name: string }[];
}

/** The facilitator's view of the seeded programme, over HTTP. */
export async function seededProgramme(context: BrowserContext): Promise<Seeded> {
  await signInOverHttp(context.request, FACILITATOR.email, FACILITATOR.password);
  const [programme] = await trpcQuery<{ id: string }[]>(context.request, 'programme.list', undefined);
  const overview = await trpcQuery<Seeded & { programme: { id: string } }>(context.request, 'programme.overview', { programmeId: programme!.id });
  return { programmeId: programme!.id, teams: overview.teams, threats: overview.threats, assessments: overview.assessments };
}

/**
 * A new account with a role, made the way people are: the facilitator creates an
 * invitation over HTTP and the invitee accepts it. Returns the credentials.
 */
export async function inviteUser(
  facilitator: BrowserContext,
  programmeId: string,
  role: 'facilitator' | 'member' | 'observer',
  teamId: string | null,
  label: string,
) {
  const invite = await trpcMutation<{ token: string }>(facilitator.request, 'invite.create', { programmeId, role, teamId });
  const account = { name: label, email: `${label.toLowerCase().replace(/\W+/g, '-')}-${randomBytes(3).toString('hex')}@heilong.test`, password: `pw-${randomBytes(8).toString('hex')}` };
  await trpcMutation(facilitator.request, 'invite.accept', { token: invite.token, ...account });
  return account;
}
