import { expect, test } from '@playwright/test';
import { openOnline, openWorkshop, type Workshop } from '../support/workshop';

let workshop: Workshop;
test.afterEach(async () => workshop?.close());

test('two people writing one rationale: nobody\'s words are replaced under their cursor', async ({ browser }) => {
  workshop = await openWorkshop(browser, 'rapid', `Rationale together ${Date.now()}`);
  const path = `/assessments/${workshop.assessmentId}/teams/${workshop.teams.china}`;
  const member = await openOnline(workshop.members.china, path);
  const facilitator = await openOnline(workshop.facilitator, path);
  const mine = member.getByLabel('Rationale for Fire');
  const theirs = facilitator.getByLabel('Rationale for Fire');

  // A long paste keeps what fits, and says so; near the limit the room left is shown.
  await mine.fill('x'.repeat(4100));
  await expect(mine).toHaveValue('x'.repeat(4000));
  await expect(mine).toHaveAccessibleDescription('At the limit of 4000 characters: anything longer was cut off.');
  await mine.fill('x'.repeat(3950));
  await expect(member.getByText('50 characters left')).toBeVisible();
  await mine.fill('');
  await expect(member.getByText(/characters left|At the limit/)).toHaveCount(0);

  // The member writes and pauses: it is saved, and the member stays in the field.
  await mine.fill('Burnt area doubled since 2017');
  await expect(theirs).toHaveValue('Burnt area doubled since 2017');
  await expect(mine).toBeFocused();

  // Meanwhile the facilitator saves other words into the same rationale.
  await theirs.fill('Fire frequency is stable');
  await theirs.press('Tab');

  // The member still has their own words, and is offered the facilitator's beside them.
  const offer = member.getByRole('status').filter({ hasText: 'Someone else saved this rationale while you were writing' });
  await expect(offer).toContainText('“Fire frequency is stable”');
  await expect(mine).toHaveValue('Burnt area doubled since 2017');
  await expect(mine).toHaveAccessibleDescription(/Fire frequency is stable/);
  // Typing on does not save over the facilitator's words by itself (pausing saves only once there is no offer).
  await mine.pressSequentially(' (satellite data)');
  await member.waitForTimeout(1500);
  await expect(theirs).toHaveValue('Fire frequency is stable');

  // Taking theirs puts their words in the field, and the member goes on writing from there.
  await offer.getByRole('button', { name: 'Use their text instead' }).click();
  await expect(mine).toHaveValue('Fire frequency is stable');
  await expect(mine).toBeFocused();
  await expect(offer).toHaveCount(0);
  await mine.press('End');
  await mine.pressSequentially(', burnt area doubled');
  await mine.press('Tab');
  await expect(theirs).toHaveValue('Fire frequency is stable, burnt area doubled');

  // Leaving the field while offered someone else's words saves one's own (theirs stays in the history).
  await mine.focus();
  await theirs.fill('Stable');
  await theirs.press('Tab');
  await expect(offer).toContainText('“Stable”');
  await mine.press('End');
  await mine.pressSequentially(' since 2017');
  // (Tab would go to the offer's button first: the offer is part of the field.)
  await member.getByLabel('Rating of Fire').focus();
  await expect(theirs).toHaveValue('Fire frequency is stable, burnt area doubled since 2017');
  await expect(mine).toHaveValue('Fire frequency is stable, burnt area doubled since 2017');
});
