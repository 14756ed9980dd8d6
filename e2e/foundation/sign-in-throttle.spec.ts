import { expect, test, type Page } from '@playwright/test';
import { inviteUser, seededProgramme } from '../support/accounts';

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('five wrong passwords lock the account from this address; headers naming another address do not unlock it', async ({ browser }) => {
  const facilitator = await browser.newContext();
  const { programmeId } = await seededProgramme(facilitator);
  const account = await inviteUser(facilitator, programmeId, 'observer', null, 'Olga Throttled');
  await facilitator.close();

  const visitor = await browser.newContext();
  const page = await visitor.newPage();
  for (let i = 0; i < 5; i++) {
    await signIn(page, account.email, `wrong password ${i}`);
    await expect(page.getByRole('alert').filter({ hasText: 'Wrong email or password.' })).toBeVisible();
  }
  await signIn(page, account.email, account.password);
  await expect(page.getByRole('alert').filter({ hasText: 'Too many failed sign-ins for this account. Try again in 15 min.' })).toBeVisible();
  await expect(page.getByText(/Signed in as/)).toHaveCount(0);
  await visitor.close();

  // The address is the connection's: a client claiming another one (directly or as a proxy would) is still locked.
  const spoofer = await browser.newContext({ extraHTTPHeaders: { 'x-heilong-client-address': '198.51.100.1', 'x-forwarded-for': '198.51.100.2' } });
  const again = await spoofer.newPage();
  await signIn(again, account.email, account.password);
  await expect(again.getByRole('alert').filter({ hasText: 'Too many failed sign-ins for this account.' })).toBeVisible();
  await spoofer.close();
});
