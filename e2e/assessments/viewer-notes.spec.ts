import { expect, test, type BrowserContext } from '@playwright/test';
import { inviteUser, seededProgramme, signInOverHttp } from '../support/accounts';
import { openOnline, openWorkshop, type Workshop } from '../support/workshop';

let workshop: Workshop | undefined;
let observer: BrowserContext | undefined;
test.afterEach(async () => Promise.all([workshop?.close(), observer?.close()]));

const READ_ONLY = 'You can follow every team’s ratings here as they change, but not change them.';
const AGREED_BY_FACILITATORS = 'Facilitators set the agreed ratings. Your team rates on its own page (link above).';

test('the live assessment page says why it takes no input from an observer or a member, and says nothing to a facilitator', async ({ browser }) => {
  workshop = await openWorkshop(browser, 'rapid', `Viewer notes ${Date.now()}`);
  const path = `/assessments/${workshop.assessmentId}`;
  const { programmeId } = await seededProgramme(workshop.facilitator);
  const account = await inviteUser(workshop.facilitator, programmeId, 'observer', null, 'Olga Notes');
  observer = await browser.newContext();
  await signInOverHttp(observer.request, account.email, account.password);
  const agreedPicker = /^Agreed rating of Fire/;

  const observing = await openOnline(observer, path);
  await expect(observing.getByText(READ_ONLY)).toBeVisible();
  await expect(observing.getByText(AGREED_BY_FACILITATORS)).toHaveCount(0);
  await expect(observing.getByRole('combobox', { name: agreedPicker })).toHaveCount(0);

  const member = await openOnline(workshop.members.china, path);
  await expect(member.getByText(AGREED_BY_FACILITATORS)).toBeVisible();
  await expect(member.getByText(READ_ONLY)).toHaveCount(0);
  await expect(member.getByRole('combobox', { name: agreedPicker })).toHaveCount(0);

  const facilitating = await openOnline(workshop.facilitator, path);
  await expect(facilitating.getByRole('combobox', { name: agreedPicker })).toBeEnabled();
  await expect(facilitating.getByText(AGREED_BY_FACILITATORS)).toHaveCount(0);
  await expect(facilitating.getByText(READ_ONLY)).toHaveCount(0);
});
