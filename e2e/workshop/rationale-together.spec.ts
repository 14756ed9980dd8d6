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

  // A long paste keeps what fits, and says how much did not; near the limit the room left is shown.
  await member.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await mine.fill('y'.repeat(100));
  await member.evaluate(() => navigator.clipboard.writeText('x'.repeat(4010)));
  await mine.press('ControlOrMeta+V');
  await expect(mine).toHaveValue('y'.repeat(100) + 'x'.repeat(3900));
  const pasteCut = member.getByRole('alert').filter({ hasText: 'Your paste did not fit' });
  await expect(pasteCut).toHaveText('Your paste did not fit: its last 110 characters were left out (a rationale holds at most 4000).');
  await expect(mine).toHaveAccessibleDescription(/its last 110 characters were left out/);
  await mine.press('Backspace');
  await expect(pasteCut).toHaveCount(0);
  await expect(mine).toHaveAccessibleDescription('1 characters left');
  await mine.fill('x'.repeat(4000));
  await expect(mine).toHaveAccessibleDescription('At the limit of 4000 characters.');
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

  // Leaving the text box while offered someone else's words saves one's own (theirs stays in the history), also by
  // Tab onto the offer's button, which then offers to put theirs back: Tab and Enter do not lose anyone's words.
  await mine.focus();
  await theirs.fill('Stable');
  await theirs.press('Tab');
  await expect(offer).toContainText('“Stable”');
  await mine.press('End');
  await mine.pressSequentially(' since 2017');
  await mine.press('Tab');
  const ours = 'Fire frequency is stable, burnt area doubled since 2017';
  await expect(theirs).toHaveValue(ours);
  const putBack = member.getByRole('status').filter({ hasText: 'Yours is saved, in place of theirs' });
  await expect(putBack).toContainText('“Stable”');
  await expect(putBack.getByRole('button', { name: 'Use their text instead' })).toBeFocused();
  await member.keyboard.press('Enter');
  await expect(theirs).toHaveValue('Stable');
  await expect(mine).toHaveValue('Stable');
  await expect(mine).toBeFocused();
  await expect(putBack).toHaveCount(0);

  // Offered theirs back, but someone saves newer words meanwhile: the offer is of those, and taking them writes nothing.
  await theirs.fill('Stable, checked');
  await theirs.press('Tab');
  await expect(offer).toContainText('“Stable, checked”');
  await mine.press('End');
  await mine.pressSequentially(' by us');
  await mine.press('Tab');
  await expect(theirs).toHaveValue('Stable by us');
  await expect(putBack).toContainText('“Stable, checked”');
  await theirs.fill('Newest words');
  await theirs.press('Tab');
  await expect(offer).toContainText('“Newest words”');
  await member.keyboard.press('Enter');
  await expect(mine).toHaveValue('Newest words');
  await member.waitForTimeout(1500);
  await expect(theirs).toHaveValue('Newest words');

  // Saved over theirs and left for good: the offer goes with the person.
  await theirs.fill('Stable again');
  await theirs.press('Tab');
  await expect(offer).toContainText('“Stable again”');
  await mine.press('End');
  await mine.pressSequentially(', mine');
  await member.getByLabel('Rating of Fire').focus();
  await expect(theirs).toHaveValue('Newest words, mine');
  await expect(mine).toHaveValue('Newest words, mine');
  await expect(member.getByRole('status').filter({ hasText: /in place of theirs|while you were writing/ })).toHaveCount(0);
});
