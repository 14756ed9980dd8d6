import { expect, test } from '@playwright/test';
import { seededProgramme } from '../support/accounts';

test('an unknown assessment says so and leads back home; a signed-out visitor is sent to sign in first', async ({ browser }) => {
  const facilitator = await browser.newContext();
  const { programmeId } = await seededProgramme(facilitator);
  const page = await facilitator.newPage();
  await page.goto('/assessments/00000000-0000-4000-8000-000000000000');
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Back to your programmes' }).click();
  await expect(page).toHaveURL('/');

  const visitor = await browser.newContext();
  const outside = await visitor.newPage();
  await outside.goto(`/programmes/${programmeId}`);
  await expect(outside).toHaveURL(new RegExp(`/signin\\?callbackUrl=${encodeURIComponent(`/programmes/${programmeId}`)}`));
  await expect(outside.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  // Every page names its icon, and the icon is there (browsers asked for /favicon.ico and got a 404 before).
  const icon = await outside.locator('link[rel="icon"]').getAttribute('href');
  expect((await visitor.request.get(icon!)).status()).toBe(200);
  await Promise.all([facilitator.close(), visitor.close()]);
});
