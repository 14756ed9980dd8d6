import { expect, test } from '@playwright/test';
import { trpcMutation } from '../support/accounts';
import { expectUncovered } from '../support/layout';
import { openWorkshop, type Workshop } from '../support/workshop';

let workshop: Workshop;
test.afterEach(async () => workshop?.close());

const PHONE = { width: 390, height: 844 };
const THREATS = ['Fire', 'Climate Change', 'Overgrazing', 'Poaching', 'Irresponsible mining', 'Unsustainable hunting', 'Water infrastructure', 'Crop farming expansion'];

test('on a phone, notices of changes not saved take at most a quarter of the screen and scroll within; the table stays in view', async ({ browser }) => {
  workshop = await openWorkshop(browser, 'rapid', `Phone notices ${Date.now()}`);
  const { assessmentId } = workshop;
  const member = await workshop.members.mongolia.newPage();
  await member.setViewportSize(PHONE);
  await member.goto(`/assessments/${assessmentId}/teams/${workshop.teams.mongolia}`);
  await expect(member.getByRole('status', { name: 'Connection' })).toHaveText('online');

  // Eight threats rated with reasons offline; the assessment closes meanwhile, so none of them is saved.
  await workshop.members.mongolia.setOffline(true);
  await expect(member.getByRole('status', { name: 'Connection' })).toHaveText(/^offline/);
  for (const threat of THREATS) {
    await member.getByLabel(`Rating of ${threat}`).selectOption({ label: 'High' });
    await member.getByLabel(`Rationale for ${threat}`).fill(`Seen in the ${threat.toLowerCase()} survey of this spring, in every landscape we visited.`);
  }
  await member.getByLabel(`Rating of ${THREATS[0]}`).focus();
  await trpcMutation(workshop.facilitator.request, 'assessment.setStatus', { assessmentId, status: 'closed' });
  await workshop.members.mongolia.setOffline(false);
  const notices = member.getByRole('region', { name: 'Notices about this page' });
  await expect(notices.getByRole('alert').filter({ hasText: 'were not saved' })).toContainText('and 4 more');
  await notices.getByText(`What stays on this device (${THREATS.length})`).click();
  const kept = notices.getByRole('list', { name: 'Changes not saved, as they are on this device' });
  await expect(kept.getByRole('listitem')).toHaveCount(THREATS.length);

  // The pinned bar (people, connection and notices) leaves most of the screen to the table …
  const barHeight = await member.evaluate(() => parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--room-bar-height')));
  expect(barHeight).toBeLessThanOrEqual(PHONE.height * 0.4);
  await member.getByRole('rowheader', { name: 'Fire', exact: true }).scrollIntoViewIfNeeded();
  await expectUncovered(member.getByRole('rowheader', { name: 'Fire', exact: true }));
  // … and every change kept on the device can still be scrolled to and read.
  const last = kept.getByRole('listitem').last();
  await last.scrollIntoViewIfNeeded();
  await expect(last).toBeInViewport();
  await expect(last).toContainText('Rationale: Seen in the');
});
