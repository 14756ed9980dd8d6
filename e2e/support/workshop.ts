import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { AssessmentMode } from '../../server/domain/method';
import { inviteUser, seededProgramme, signInOverHttp, trpcMutation } from './accounts';

export interface Workshop {
  assessmentId: string;
  threats: { id: string; name: string }[];
  teams: Record<'china' | 'mongolia' | 'russia' | 'ecoregional', string>;
  facilitator: BrowserContext;
  members: Record<'china' | 'mongolia' | 'russia', BrowserContext>;
  /** One more member of a country team, invited and signed in over HTTP; closed with the others. */
  addMember(team: 'china' | 'mongolia' | 'russia', label: string): Promise<BrowserContext>;
  close(): Promise<void>;
}

/**
 * A fresh open assessment and four signed-in browser contexts: the facilitator and
 * one member of each country team, all set up over HTTP.
 */
export async function openWorkshop(browser: Browser, mode: AssessmentMode, name: string): Promise<Workshop> {
  const facilitator = await browser.newContext();
  const { programmeId, teams, threats } = await seededProgramme(facilitator);
  const teamId = (key: string) => teams.find((t) => t.key === key)!.id;
  const assessment = await trpcMutation<{ id: string }>(facilitator.request, 'assessment.create', { programmeId, name, year: 2026, mode });
  await trpcMutation(facilitator.request, 'assessment.setStatus', { assessmentId: assessment.id, status: 'open' });

  const member = async (key: 'china' | 'mongolia' | 'russia', label: string) => {
    const account = await inviteUser(facilitator, programmeId, 'member', teamId(key), label);
    const context = await browser.newContext();
    await signInOverHttp(context.request, account.email, account.password);
    return context;
  };
  const members = {
    china: await member('china', 'Chen China'),
    mongolia: await member('mongolia', 'Bat Mongolia'),
    russia: await member('russia', 'Ivan Russia'),
  };
  const added: BrowserContext[] = [];
  return {
    assessmentId: assessment.id,
    threats,
    teams: { china: teamId('china'), mongolia: teamId('mongolia'), russia: teamId('russia'), ecoregional: teamId('ecoregional') },
    facilitator,
    members,
    addMember: async (key, label) => {
      const context = await member(key, label);
      added.push(context);
      return context;
    },
    close: async () => {
      await Promise.all([facilitator, ...Object.values(members), ...added].map((c) => c.close()));
    },
  };
}

/**
 * A new page of a context at `path`, once its connection to the shared documents is online. Sized before it loads:
 * resized after, the page's measurements (the pinned bar's height) follow a frame later, when a test may have read them.
 */
export async function openOnline(context: BrowserContext, path: string, viewport?: { width: number; height: number }): Promise<Page> {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  await page.goto(path);
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('online');
  return page;
}
