import { expect, test } from '@playwright/test';
import { seededProgramme } from '../support/accounts';

test('the first Tab shows a link past the header; following it, the next Tab is in the page itself', async ({ browser }) => {
  const facilitator = await browser.newContext();
  try {
    const { programmeId } = await seededProgramme(facilitator);
    const page = await facilitator.newPage();
    await page.goto(`/programmes/${programmeId}`);
    const skip = page.getByRole('link', { name: 'Skip to the page’s content' });
    await expect(skip).not.toBeInViewport();
    await page.keyboard.press('Tab');
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    // Past Heilong's name, the signed-in line and Sign out: on the page's first control or link.
    const focusedInMain = await page.evaluate(() => document.querySelector('main')!.contains(document.activeElement));
    expect(focusedInMain).toBe(true);
  } finally {
    await facilitator.close();
  }
});
