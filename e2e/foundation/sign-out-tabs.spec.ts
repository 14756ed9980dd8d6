import { expect, test } from '@playwright/test';
import { openOnline, openWorkshop, type Workshop } from '../support/workshop';

let workshop: Workshop;
test.afterEach(async () => workshop?.close());

test('signing out in one tab ends the live documents of the others: they write nothing more and ask to sign in again', async ({ browser }) => {
  workshop = await openWorkshop(browser, 'rapid', `Sign out ${Date.now()}`);
  const path = `/assessments/${workshop.assessmentId}/teams/${workshop.teams.china}`;
  const [leaving, left] = [await openOnline(workshop.members.china, path), await openOnline(workshop.members.china, path)];
  const facilitator = await openOnline(workshop.facilitator, path);
  await left.getByLabel('Rating of Fire').selectOption({ label: 'Low' });
  await expect(facilitator.getByLabel('Rating of Fire')).toHaveValue('low');

  await leaving.getByRole('button', { name: 'Sign out' }).click();
  await expect(leaving.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' })).toBeVisible();

  // The other tab was opened with the same session: its socket is closed for good, and its page says why.
  const ended = left.getByRole('alert').filter({ hasText: 'Your session has ended. Sign in again to keep working.' });
  await expect(ended).toBeVisible();
  await expect(ended.getByRole('link', { name: 'Sign in again' })).toHaveAttribute('href', `/signin?callbackUrl=${encodeURIComponent(path)}`);
  await expect(left.getByLabel('Rating of Fire')).toBeDisabled();
  await expect(facilitator.getByLabel('Rating of Fire')).toHaveValue('low');
  await expect(facilitator.getByRole('list', { name: 'Online now' })).not.toContainText('Chen China');
});

test('a copy of a signed-out session\'s cookie signs nobody in', async ({ browser }) => {
  workshop = await openWorkshop(browser, 'rapid', `Copied cookie ${Date.now()}`);
  const path = `/assessments/${workshop.assessmentId}/teams/${workshop.teams.china}`;
  const page = await openOnline(workshop.members.china, path);
  const elsewhere = await browser.newContext();
  try {
    await elsewhere.addCookies(await workshop.members.china.cookies());
    // While the session lasts, the copy is that person.
    expect((await elsewhere.request.get('/api/trpc/user.me')).status()).toBe(200);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' })).toBeVisible();

    expect((await elsewhere.request.get('/api/trpc/user.me')).status()).toBe(401);
    // Asking next-auth for the session renews the cookie: the renewed copy names nobody either.
    const renewal = await elsewhere.request.get('/api/auth/session');
    expect((await renewal.json()) as object).not.toHaveProperty('user');
    expect((await elsewhere.request.get('/api/trpc/user.me')).status()).toBe(401);
    const other = await elsewhere.newPage();
    await other.goto(path);
    await expect(other.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' })).toBeVisible();
    await expect(other.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
    await expect(other.getByLabel('Rating of Fire')).toHaveCount(0);
  } finally {
    await elsewhere.close();
  }
});
