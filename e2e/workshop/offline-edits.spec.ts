import { expect, test } from '@playwright/test';
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
  await expect(connection).toHaveText('offline — 2 unsent changes');
  await expect(facilitator.getByLabel('Rating of Overgrazing')).toHaveValue('');

  await member.reload();
  await expect(member.getByLabel('Rating of Overgrazing')).toHaveValue('very_high');
  await expect(member.getByLabel('Rating of Fire')).toHaveValue('medium');
  // The page came back from the local copy, and still knows those changes are not sent.
  await expect(connection).toHaveText('offline — 2 unsent changes');

  await workshop.members.mongolia.setOffline(false);
  await expect(connection).toHaveText('online');
  await expect(facilitator.getByLabel('Rating of Overgrazing')).toHaveValue('very_high');
  await expect(facilitator.getByLabel('Rating of Fire')).toHaveValue('medium');
});

test('edits made offline that arrive after the assessment closed are refused, and the closed page shows what counts', async ({ browser }) => {
  workshop = await openWorkshop(browser, 'rapid', `Closed while offline ${Date.now()}`);
  const path = `/assessments/${workshop.assessmentId}/teams/${workshop.teams.mongolia}`;
  const member = await workshop.members.mongolia.newPage();
  await member.goto(path);
  const connection = member.getByRole('status', { name: 'Connection' });
  await expect(connection).toHaveText('online');
  await member.getByLabel('Rating of Fire').selectOption({ label: 'Low' });

  await workshop.members.mongolia.setOffline(true);
  await expect(connection).toHaveText(/^offline/);
  await member.getByLabel('Rating of Overgrazing').selectOption({ label: 'Very High' });
  await expect(connection).toHaveText('offline — 1 unsent change');
  await trpcMutation(workshop.facilitator.request, 'assessment.setStatus', { assessmentId: workshop.assessmentId, status: 'closed' });

  await workshop.members.mongolia.setOffline(false);
  await expect(member.getByRole('alert').filter({ hasText: 'A facilitator has closed this assessment' })).toBeVisible();
  await expect(member.getByLabel('Rating of Overgrazing')).toBeDisabled();

  // Reloaded, the page of the closed assessment shows the ratings that count: Fire as sent, Overgrazing never arrived.
  await member.reload();
  await expect(member.getByText('This assessment is closed: ratings are read-only.')).toBeVisible();
  const row = (threat: string) => member.getByRole('row').filter({ has: member.getByRole('rowheader', { name: threat, exact: true }) });
  await expect(row('Fire')).toContainText('Low');
  await expect(row('Overgrazing')).toContainText('Not rated');
  await expect(row('Overgrazing')).not.toContainText('Very High');
});
