import { expect, test, type BrowserContext } from '@playwright/test';
import { seededProgramme, trpcMutation } from '../support/accounts';
import { expectUncovered } from '../support/layout';
import { openOnline } from '../support/workshop';

let facilitator: BrowserContext | undefined;
test.afterEach(async () => facilitator?.close());

test('on a desktop, a lower threat’s details open in view, clear of the pinned bar, and stay there while the rows scroll', async ({ browser }) => {
  facilitator = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { programmeId } = await seededProgramme(facilitator);
  const { id: assessmentId } = await trpcMutation<{ id: string }>(facilitator.request, 'assessment.create', {
    programmeId, name: `Details in view ${Date.now()}`, year: 2026, mode: 'detailed',
  });
  await trpcMutation(facilitator.request, 'assessment.setStatus', { assessmentId, status: 'open' });
  const page = await openOnline(facilitator, `/assessments/${assessmentId}`);

  await page.getByRole('button', { name: 'Details of Human & wildlife conflict' }).click();
  const panel = page.getByRole('region', { name: 'Agreed rating details' });
  const heading = panel.getByRole('heading', { name: 'Human & wildlife conflict', exact: true });
  await expect(heading).toBeFocused();
  await expectUncovered(heading);
  await expectUncovered(panel.getByRole('button', { name: 'Close details' }));

  // Back up to the first rows: the panel is still beside them.
  await page.getByRole('rowheader', { name: 'Fire', exact: true }).scrollIntoViewIfNeeded();
  await page.mouse.wheel(0, -2_000);
  await expectUncovered(heading);

  // Down to the end of the page, past the last row: the panel's top stays clear of the bar.
  await expect.poll(() => page.evaluate(() => {
    const page = document.documentElement;
    window.scrollTo(0, page.scrollHeight);
    return window.scrollY + window.innerHeight >= page.scrollHeight - 1;
  })).toBe(true);
  await expectUncovered(heading);
  await expectUncovered(panel.getByRole('button', { name: 'Close details' }));

  // Escape, from anywhere in the panel, closes it and takes the focus back to its Details button.
  await panel.getByRole('button', { name: 'Refresh history' }).focus();
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Details of Human & wildlife conflict' })).toBeFocused();
});
