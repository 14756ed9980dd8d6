import { expect, test } from '@playwright/test';
import { inviteUser, seededProgramme, signInOverHttp, trpcMutation } from '../support/accounts';

test('a facilitator invites a team member through the page; an observer cannot invite', async ({ browser }) => {
  const facilitator = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const { programmeId, teams } = await seededProgramme(facilitator);
  const page = await facilitator.newPage();
  await page.goto(`/programmes/${programmeId}`);
  const invite = page.getByRole('region', { name: 'Invite someone' });
  // The role offered first is the everyday one, not facilitator (who can do everything).
  await expect(invite.getByLabel('Role', { exact: true }).locator('option').first()).toHaveText('team member');
  await invite.getByLabel('Role', { exact: true }).selectOption('member');
  await invite.getByLabel('Team', { exact: true }).selectOption({ label: 'Mongolia' });
  await invite.getByRole('button', { name: 'Create invitation link' }).click();
  const url = await invite.getByRole('status', { name: 'Invitation link' }).textContent();
  expect(url).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  // Valid until a date with its month in words, and one press copies the link.
  await expect(invite.getByText(/^Single-use link, valid until \d{1,2} [A-Z][a-z]{2,3} \d{4}, \d{2}:\d{2}:/)).toBeVisible();
  await invite.getByRole('button', { name: 'Copy link' }).click();
  await expect(invite.getByRole('status').filter({ hasText: 'Link copied.' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

  const invitee = await browser.newContext();
  const inviteePage = await invitee.newPage();
  await inviteePage.goto(new URL(url!).pathname);
  await expect(inviteePage.getByText('You are invited as team member of the Mongolia team.')).toBeVisible();

  // Someone already signed in is told that accepting would switch accounts.
  const signedIn = await facilitator.newPage();
  await signedIn.goto(new URL(url!).pathname);
  await expect(signedIn.getByRole('note')).toHaveText(/^You are signed in as .*accepting it signs you in as that account instead\.$/);
  await expect(inviteePage.getByRole('note')).toHaveCount(0);
  await signedIn.close();

  // The link pasted several times over is not valid, said in words (not the input checks' raw output).
  const token = new URL(url!).pathname.split('/').pop()!;
  const garbled = await invitee.newPage();
  await garbled.goto(`/invite/${token.repeat(5)}`);
  await expect(garbled.getByRole('alert').filter({ hasText: 'This invitation link is not valid. Check that you copied the whole link.' })).toBeVisible();

  const observer = await inviteUser(facilitator, programmeId, 'observer', null, 'Olga Observer');
  const observerContext = await browser.newContext();
  await signInOverHttp(observerContext.request, observer.email, observer.password);
  const observerPage = await observerContext.newPage();
  await observerPage.goto(`/programmes/${programmeId}`);
  await expect(observerPage.getByRole('heading', { name: 'Direct threats' })).toBeVisible();
  await expect(observerPage.getByRole('region', { name: 'Invite someone' })).toHaveCount(0);
  expect(teams.length).toBe(4);

  // The home page names each person's role in the programme, and a member's team.
  const mongolia = teams.find((team) => team.key === 'mongolia')!;
  const member = await inviteUser(facilitator, programmeId, 'member', mongolia.id, 'Bat Mongolia');
  const memberContext = await browser.newContext();
  await signInOverHttp(memberContext.request, member.email, member.password);
  const home = async (context: typeof memberContext) => {
    const homePage = await context.newPage();
    await homePage.goto('/');
    return homePage.getByRole('navigation', { name: 'Your programmes' }).getByRole('listitem');
  };
  await expect(await home(memberContext)).toHaveText('Amur-Heilong Ecoregion Complex (team member, Mongolia)');
  await expect(await home(observerContext)).toHaveText('Amur-Heilong Ecoregion Complex (observer)');
  await Promise.all([facilitator.close(), invitee.close(), observerContext.close(), memberContext.close()]);
});

test('accepting an invitation: a field too long is refused whole and in words, nothing typed is lost, and the link still works', async ({ browser }) => {
  const facilitator = await browser.newContext();
  const invitee = await browser.newContext();
  try {
    const { programmeId } = await seededProgramme(facilitator);
    const { token } = await trpcMutation<{ token: string }>(facilitator.request, 'invite.create', { programmeId, role: 'observer', teamId: null });
    const page = await invitee.newPage();
    await page.goto(`/invite/${token}`);
    const email = `long-${Date.now()}@heilong.test`;
    // A generated passphrase longer than accounts take, pasted: cut at the limit, it would not be the one kept.
    const tooLong = 'correct-horse-battery-staple-'.repeat(7) + 'x';
    await page.getByLabel('Your name').fill('Lena Long');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel(/^Password/).fill(tooLong);
    await expect(page.getByLabel(/^Password/)).toHaveValue(tooLong);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'A password can be at most 200 characters long.' })).toBeVisible();
    await expect(page.getByLabel('Your name')).toHaveValue('Lena Long');
    await expect(page.getByLabel(/^Password/)).toHaveValue(tooLong);

    await page.getByLabel(/^Password/).fill(tooLong.slice(0, 200));
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  } finally {
    await Promise.all([facilitator.close(), invitee.close()]);
  }
});

test('without the clipboard API (plain HTTP on a local network) Copy link still copies; refused that too, it selects the link and says so', async ({ browser }) => {
  const facilitator = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  try {
    const { programmeId } = await seededProgramme(facilitator);
    const page = await facilitator.newPage();
    // As on a page served over plain HTTP from another machine: no clipboard API at all.
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
    await page.goto(`/programmes/${programmeId}`);
    const invite = page.getByRole('region', { name: 'Invite someone' });
    const link = invite.getByRole('status', { name: 'Invitation link' });
    // The previous link stays on show until the new one arrives: wait for a different one.
    const createLink = async (previous = '') => {
      await invite.getByRole('button', { name: 'Create invitation link' }).click();
      await expect(link).toHaveText(/\/invite\//);
      if (previous) await expect(link).not.toHaveText(previous);
      return link.textContent();
    };
    await invite.getByLabel('Role', { exact: true }).selectOption('observer');
    const url = await createLink();
    await invite.getByRole('button', { name: 'Copy link' }).click();
    await expect(invite.getByRole('status').filter({ hasText: 'Link copied.' })).toBeVisible();
    const reader = await facilitator.newPage();
    await reader.goto('/');
    expect(await reader.evaluate(() => navigator.clipboard.readText())).toBe(url);
    await reader.close();

    // The older way refused as well: the link is left selected, and the page says to copy it from there.
    await page.evaluate(() => { document.execCommand = () => false; });
    const second = await createLink(url ?? '');
    await invite.getByRole('button', { name: 'Copy link' }).click();
    await expect(invite.getByRole('status').filter({ hasText: 'it is selected above, copy it from there' })).toBeVisible();
    expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(second);
  } finally {
    await facilitator.close();
  }
});
