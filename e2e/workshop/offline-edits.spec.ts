import { expect, test, type WebSocketRoute } from '@playwright/test';
import { trpcMutation } from '../support/accounts';
import { openWorkshop, type Workshop } from '../support/workshop';

let workshop: Workshop;
test.afterEach(async () => workshop?.close());

test('edits made offline survive a reload and arrive when the connection returns', async ({ browser }) => {
  workshop = await openWorkshop(browser, 'rapid', `Offline workshop ${Date.now()}`);
  const path = `/assessments/${workshop.assessmentId}/teams/${workshop.teams.mongolia}`;
  const member = await workshop.members.mongolia.newPage();
  await member.goto(path);
  const connection = member.getByRole('status', { name: 'Connection' });
  await expect(connection).toHaveText('online');
  // The service worker has kept this page, so it can be reloaded offline.
  await expect(member.locator('html')).toHaveAttribute('data-offline-ready', 'true');

  const facilitator = await workshop.facilitator.newPage();
  await facilitator.goto(path);
  await expect(facilitator.getByRole('status', { name: 'Connection' })).toHaveText('online');

  await workshop.members.mongolia.setOffline(true);
  await expect(connection).toHaveText(/^offline/);
  await member.getByLabel('Rating of Overgrazing').selectOption({ label: 'Very High' });
  await member.getByLabel('Rating of Fire').selectOption({ label: 'Medium' });
  await expect(connection).toHaveText('offline (no network) — 2 unsent changes');
  await expect(facilitator.getByLabel('Rating of Overgrazing')).toHaveValue('');

  await member.reload();
  await expect(member.getByLabel('Rating of Overgrazing')).toHaveValue('very_high');
  await expect(member.getByLabel('Rating of Fire')).toHaveValue('medium');
  // The page came back from the local copy, and still knows those changes are not sent.
  await expect(connection).toHaveText('offline (no network) — 2 unsent changes');

  // A page never opened on this device says so, in the app's words, and leads back.
  await member.goto(`/assessments/${workshop.assessmentId}/teams/${workshop.teams.russia}`);
  await expect(member.getByRole('heading', { level: 1, name: 'You are offline' })).toBeVisible();
  await expect(member.getByText('This page was not opened on this device while it was online')).toBeVisible();
  await member.getByRole('button', { name: 'Go back' }).click();
  await expect(member.getByLabel('Rating of Overgrazing')).toHaveValue('very_high');
  await expect(connection).toHaveText('offline (no network) — 2 unsent changes');

  await workshop.members.mongolia.setOffline(false);
  await expect(connection).toHaveText('online');
  await expect(facilitator.getByLabel('Rating of Overgrazing')).toHaveValue('very_high');
  await expect(facilitator.getByLabel('Rating of Fire')).toHaveValue('medium');
});

test('the network up but the server not answering: the page says which, keeps the edit, and sends it once the server answers', async ({ browser }) => {
  workshop = await openWorkshop(browser, 'rapid', `Server away ${Date.now()}`);
  const path = `/assessments/${workshop.assessmentId}/teams/${workshop.teams.mongolia}`;
  const member = await workshop.members.mongolia.newPage();
  // The collaboration socket passes through a switch: off, the server is away (closed and refused) while the page's
  // network stays up.
  let serverAway = false;
  const sockets: WebSocketRoute[] = [];
  await member.routeWebSocket(/\/collab/, (socket) => {
    if (serverAway) return void socket.close({ code: 1011, reason: 'away' });
    socket.connectToServer();
    sockets.push(socket);
  });
  // A small phone: the state, however long, keeps the pinned bar's height (the table does not jump).
  await member.setViewportSize({ width: 360, height: 740 });
  await member.goto(path);
  const connection = member.getByRole('status', { name: 'Connection' });
  await expect(connection).toHaveText('online');
  const barHeight = () => member.evaluate(() => document.documentElement.style.getPropertyValue('--room-bar-height'));
  const online = await barHeight();

  serverAway = true;
  await Promise.all(sockets.map((socket) => socket.close({ code: 1011, reason: 'away' })));
  await expect(connection).toHaveText('offline (server down) — no unsent changes');
  await expect(connection).toHaveAccessibleDescription(/has a network, but the Heilong server does not answer/);
  await member.getByLabel('Rating of Fire').selectOption({ label: 'High' });
  await expect(connection).toHaveText('offline (server down) — 1 unsent change');
  expect(await barHeight()).toBe(online);

  serverAway = false;
  await expect(connection).toHaveText('online', { timeout: 15_000 });
  const facilitator = await workshop.facilitator.newPage();
  await facilitator.goto(path);
  await expect(facilitator.getByLabel('Rating of Fire')).toHaveValue('high');
});

test('edits refused because the assessment closed are named but not shown while it is closed, and arrive once it is reopened', async ({ browser }) => {
  workshop = await openWorkshop(browser, 'rapid', `Closed while offline ${Date.now()}`);
  const { assessmentId } = workshop;
  const path = `/assessments/${assessmentId}/teams/${workshop.teams.mongolia}`;
  const setStatus = (status: string) => trpcMutation(workshop.facilitator.request, 'assessment.setStatus', { assessmentId, status });
  const member = await workshop.members.mongolia.newPage();
  await member.goto(path);
  const connection = member.getByRole('status', { name: 'Connection' });
  await expect(connection).toHaveText('online');
  const facilitator = await workshop.facilitator.newPage();
  await facilitator.goto(path);
  await expect(facilitator.getByRole('status', { name: 'Connection' })).toHaveText('online');
  await member.getByLabel('Rating of Fire').selectOption({ label: 'Low' });
  await expect(facilitator.getByLabel('Rating of Fire')).toHaveValue('low');
  const closedNotice = member.getByRole('alert').filter({ hasText: 'A facilitator has closed this assessment' });
  const notSaved = member.getByRole('alert').filter({ hasText: 'reached the server after the assessment was closed, and were not saved' });
  /** The member rates offline, the facilitator closes, and the member's page comes back online to be told so. */
  const rateOfflineThenClosed = async (threat: string, label: string, rationale?: string) => {
    await workshop.members.mongolia.setOffline(true);
    await expect(connection).toHaveText(/^offline/);
    await member.getByLabel(`Rating of ${threat}`).selectOption({ label });
    if (rationale) {
      await member.getByLabel(`Rationale for ${threat}`).fill(rationale);
      await member.getByLabel(`Rating of ${threat}`).focus();
    }
    await setStatus('closed');
    await workshop.members.mongolia.setOffline(false);
    await expect(closedNotice).toBeVisible();
    // The page says plainly what was not saved and what becomes of it, and shows the rating that counts instead.
    await expect(notSaved).toContainText('Your changes stay on this device and are sent if it is reopened.');
    await expect(notSaved).toContainText(`Not saved: ${threat}.`);
  };

  // Made offline, arriving after the close: refused. Reopened while the page stays open: sent, and later edits follow.
  await rateOfflineThenClosed('Overgrazing', 'Very High', 'Herds doubled since 2020');
  await expect(member.getByLabel('Rating of Overgrazing')).toHaveValue('');
  await expect(member.getByLabel('Rating of Overgrazing')).toBeDisabled();
  await expect(member.getByLabel('Rationale for Overgrazing')).toHaveValue('');
  // The values as they are on this device, the rationale too, can still be read (and copied) on request.
  await member.getByText('What stays on this device (1)').click();
  const kept = member.getByRole('list', { name: 'Changes not saved, as they are on this device' });
  await expect(kept.getByRole('listitem')).toHaveText(['Overgrazing: Rating: Very HighRationale: Herds doubled since 2020']);
  await expect(facilitator.getByLabel('Rating of Overgrazing')).toHaveValue('');
  await setStatus('open');
  await expect(closedNotice).toHaveCount(0);
  await expect(notSaved).toHaveCount(0);
  await expect(member.getByLabel('Rating of Overgrazing')).toHaveValue('very_high');
  await expect(facilitator.getByLabel('Rating of Overgrazing')).toHaveValue('very_high');
  await member.getByLabel('Rating of Poaching').selectOption({ label: 'High' });
  await expect(facilitator.getByLabel('Rating of Poaching')).toHaveValue('high');

  // Refused again, and the page reloaded while closed: it shows the ratings that count, not the browser's own copy.
  await rateOfflineThenClosed('Fire', 'Medium');
  await expect(member.getByLabel('Rating of Fire')).toHaveValue('low');
  await member.reload();
  const closedNote = member.getByText('This assessment is closed: ratings are read-only.');
  await expect(closedNote).toBeVisible();
  const row = (threat: string) => member.getByRole('row').filter({ has: member.getByRole('rowheader', { name: threat, exact: true }) });
  await expect(row('Fire')).toContainText('Low');
  await expect(row('Fire')).not.toContainText('Medium');

  // Reopened: that page turns into the one that takes changes by itself, and the refused edit arrives.
  await setStatus('open');
  await expect(closedNote).toHaveCount(0);
  await expect(member.getByLabel('Rating of Fire')).toBeEnabled();
  await expect(facilitator.getByLabel('Rating of Fire')).toHaveValue('medium');
});
