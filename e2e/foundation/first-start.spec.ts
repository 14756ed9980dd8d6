import { expect, test } from '@playwright/test';
import { FACILITATOR } from '../support/accounts';

test('the printed first-start link creates the facilitator, who reaches the 2020 table', async ({ page }) => {
  const link = process.env.HEILONG_E2E_SETUP_LINK!;
  await page.goto(link);
  await expect(page.getByText('Create the first facilitator account')).toBeVisible();
  await page.getByLabel('Your name').fill(FACILITATOR.name);
  await page.getByLabel('Email').fill(FACILITATOR.email);
  await page.getByLabel(/^Password/).fill(FACILITATOR.password);
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page.getByText(`Signed in as ${FACILITATOR.name}`)).toBeVisible();
  await page.getByRole('link', { name: 'Amur-Heilong Ecoregion Complex' }).click();
  await page.getByRole('link', { name: /2020/ }).click();
  await expect(page.getByRole('table', { name: 'Direct threats per team' })).toBeVisible();

  // The link was single-use.
  await page.goto(link);
  await expect(page.getByRole('alert').filter({ hasText: /already been used/ })).toBeVisible();
});
