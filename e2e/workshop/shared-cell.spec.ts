import { expect, test, type Locator, type Page } from '@playwright/test';
import { paintedAt } from '../support/layout';
import { openOnline, openWorkshop, type Workshop } from '../support/workshop';

let workshop: Workshop;
test.afterEach(async () => workshop?.close());

/** The colour of a person's dot in the list of people online, as the browser paints it. */
function dotColour(page: Page, name: string) {
  return page.getByRole('list', { name: 'Online now' }).getByRole('listitem').filter({ hasText: name })
    .locator('span[aria-hidden="true"]').evaluate((dot) => getComputedStyle(dot).backgroundColor);
}

/** Chen's and Li's colours, once all three are listed: colours are shared out among those on the page, so a late one may shift them. */
async function coloursOfBoth(page: Page) {
  await expect(page.getByRole('list', { name: 'Online now' }).getByRole('listitem')).toHaveCount(3);
  return [await dotColour(page, 'Chen China'), await dotColour(page, 'Li China')];
}

/** The colours painted just inside a cell's top edge, half-way along: the outer ring, then the next one in. */
async function ringsOf(page: Page, cell: Locator): Promise<string[]> {
  const box = (await cell.boundingBox())!;
  const x = box.x + box.width / 2;
  return [await paintedAt(page, x, box.y + 1), await paintedAt(page, x, box.y + 4)];
}

test('two people on one cell of the matrix: a third sees a ring of each one’s colour on it, and both named', async ({ browser }) => {
  workshop = await openWorkshop(browser, 'detailed', `Shared cell ${Date.now()}`);
  const li = await workshop.addMember('china', 'Li China');
  const path = `/assessments/${workshop.assessmentId}/teams/${workshop.teams.china}`;
  const [chen, second, facilitator] = await Promise.all([openOnline(workshop.members.china, path), openOnline(li, path), openOnline(workshop.facilitator, path)]);
  const colours = await coloursOfBoth(facilitator);
  const cellOn = (page: Page, target = 'Boreal forest') => page.getByRole('table', { name: 'Threat × target ratings: China' })
    .getByRole('button', { name: new RegExp(`^Fire × ${target}: `) });
  await cellOn(chen).click();
  await cellOn(second).click();
  const cell = cellOn(facilitator);
  await expect(cell).toHaveAccessibleDescription(/^Here now: (Chen China, Li China|Li China, Chen China)$/);
  expect(colours[0]).not.toBe(colours[1]);
  await expect.poll(async () => (await ringsOf(facilitator, cell)).sort()).toEqual([...colours].sort());

  // One leaves the cell: only the other's colour remains.
  await cellOn(second, 'Asian big cats').click();
  await expect(cell).toHaveAccessibleDescription('Here now: Chen China');
  await expect.poll(async () => (await ringsOf(facilitator, cell))[0]).toBe(colours[0]);
  await expect.poll(async () => (await ringsOf(facilitator, cell))[1]).not.toBe(colours[1]);
});

test('two people on one agreed rating of the comparison: their rings show over its picker too', async ({ browser }) => {
  workshop = await openWorkshop(browser, 'rapid', `Shared agreed rating ${Date.now()}`);
  const li = await workshop.addMember('china', 'Li China');
  const path = `/assessments/${workshop.assessmentId}`;
  const [chen, second, facilitator] = await Promise.all([openOnline(workshop.members.china, path), openOnline(li, path), openOnline(workshop.facilitator, path)]);
  const colours = await coloursOfBoth(facilitator);
  await chen.getByRole('button', { name: 'Details of Fire' }).click();
  await second.getByRole('button', { name: 'Details of Fire' }).click();
  const picker = facilitator.getByRole('combobox', { name: 'Agreed rating of Fire' });
  // Members cannot change the agreed rating: they are named as viewing it.
  await expect(picker).toHaveAccessibleDescription(/^Here now: (Chen China \(viewing\), Li China \(viewing\)|Li China \(viewing\), Chen China \(viewing\))$/);
  // The picker fills the cell but for a few pixels: the inner ring is drawn over its edge, not hidden under it.
  await expect.poll(async () => (await ringsOf(facilitator, picker.locator('xpath=ancestor::td[1]'))).sort()).toEqual([...colours].sort());
});
