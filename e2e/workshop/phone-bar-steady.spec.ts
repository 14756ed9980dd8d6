import { expect, test } from '@playwright/test';
import { openOnline, openWorkshop, type Workshop } from '../support/workshop';

let workshop: Workshop;
test.afterEach(async () => workshop?.close());

const barHeight = (page: import('@playwright/test').Page) =>
  page.evaluate(() => document.documentElement.style.getPropertyValue('--room-bar-height'));

test('on a phone the pinned bar keeps its height as people move and join: a click lands where it was aimed', async ({ browser }) => {
  workshop = await openWorkshop(browser, 'rapid', `Steady bar ${Date.now()}`);
  const path = `/assessments/${workshop.assessmentId}/teams/${workshop.teams.russia}`;
  const page = await openOnline(workshop.members.russia, path);
  await page.setViewportSize({ width: 390, height: 844 });
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
  await aimed!.click();
  await expect(aimed!).toBeChecked();
  expect(await barHeight(page)).toBe(before);

  // Someone joining and moving to a cell does not push the page down either.
  const other = await openOnline(await workshop.addMember('russia', 'Olga Russia'), path);
  await other.getByRole('combobox', { name: `Rating of ${workshop.threats.at(-1)!.name}` }).focus();
  await expect(page.getByRole('list', { name: 'Online now' })).toContainText(`Olga Russia on ${workshop.threats.at(-1)!.name}`);
  expect(await barHeight(page)).toBe(before);
});
