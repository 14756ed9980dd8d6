import { expect, test } from '@playwright/test';
import { openOnline, openWorkshop, type Workshop } from '../support/workshop';

let workshop: Workshop;
test.afterEach(async () => workshop?.close());

const barHeight = (page: import('@playwright/test').Page) =>
  page.evaluate(() => document.documentElement.style.getPropertyValue('--room-bar-height'));

test('on a phone the pinned bar keeps its height as people move and join: a click lands where it was aimed', async ({ browser }) => {
  workshop = await openWorkshop(browser, 'rapid', `Steady bar ${Date.now()}`);
  const path = `/assessments/${workshop.assessmentId}/teams/${workshop.teams.russia}`;
  const page = await openOnline(workshop.members.russia, path, { width: 390, height: 844 });
  await page.evaluate(() => window.scrollTo(0, 0));
  const before = await barHeight(page);

  // A checkbox low on the screen: pressing on it puts the person on its row ("on Unsustainable hunting" in the bar).
  const threats = workshop.threats.map((threat) => page.getByRole('checkbox', { name: `Not applicable: ${threat.name}` }));
  let aimed = null;
  for (const box of threats) {
    const place = await box.boundingBox();
    if (place && place.y > 600 && place.y + place.height < 820) {
      aimed = box;
      break;
    }
  }
  expect(aimed, 'a checkbox in the lower part of the screen').not.toBeNull();
  // Big enough for a finger (the browser's own box is 13 px).
  expect(Math.min((await aimed!.boundingBox())!.width, (await aimed!.boundingBox())!.height)).toBeGreaterThanOrEqual(24);
  await aimed!.click();
  await expect(aimed!).toBeChecked();
  expect(await barHeight(page)).toBe(before);

  // Someone joining and moving to a cell does not push the page down either.
  const other = await openOnline(await workshop.addMember('russia', 'Olga Russia'), path);
  await other.getByRole('combobox', { name: `Rating of ${workshop.threats.at(-1)!.name}` }).focus();
  const online = page.getByRole('list', { name: 'Online now' });
  await expect(online).toContainText(`Olga Russia on ${workshop.threats.at(-1)!.name}`);
  expect(await barHeight(page)).toBe(before);

  // The line is longer than the phone is wide: it fades out where it goes on, and scrolls by keyboard too.
  await expect(online).toHaveAttribute('data-overflow', 'end');
  await expect(online).toHaveCSS('mask-image', /linear-gradient/);
  // Focused by keyboard, it shows its focus outline: the fade, which would hide it, is off meanwhile.
  await page.getByRole('link', { name: 'Heilong' }).focus();
  for (let i = 0; i < 20 && !(await online.evaluate((list) => list === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(online).toBeFocused();
  await expect(online).toHaveCSS('mask-image', 'none');
  await expect(online).toHaveCSS('outline-style', 'solid');
  await page.keyboard.press('ArrowRight');
  await expect(online).toHaveAttribute('data-overflow', 'both');
  await expect(async () => {
    await page.keyboard.press('ArrowRight');
    await expect(online).toHaveAttribute('data-overflow', 'start', { timeout: 100 });
  }).toPass();
  // Scrolled to its end: the last person's place ends inside the line.
  const [line, last] = [await online.boundingBox(), await online.getByRole('listitem').last().boundingBox()];
  expect(last!.x + last!.width).toBeLessThanOrEqual(line!.x + line!.width + 2); // (sub-pixel widths)
  expect(await barHeight(page)).toBe(before);
});
