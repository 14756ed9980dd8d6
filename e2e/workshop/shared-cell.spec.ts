import { expect, test, type Page } from '@playwright/test';
import { openOnline, openWorkshop, type Workshop } from '../support/workshop';

let workshop: Workshop;
test.afterEach(async () => workshop?.close());

/** The colour of a person's dot in the list of people online, as the browser paints it. */
function dotColour(page: Page, name: string) {
  return page.getByRole('list', { name: 'Online now' }).getByRole('listitem').filter({ hasText: name })
    .locator('span[aria-hidden="true"]').evaluate((dot) => getComputedStyle(dot).backgroundColor);
}

test('two people on one cell: a third sees both their colours on it, and both named', async ({ browser }) => {
  workshop = await openWorkshop(browser, 'detailed', `Shared cell ${Date.now()}`);
  const li = await workshop.addMember('china', 'Li China');
  const path = `/assessments/${workshop.assessmentId}/teams/${workshop.teams.china}`;
  const [chen, second, facilitator] = await Promise.all([openOnline(workshop.members.china, path), openOnline(li, path), openOnline(workshop.facilitator, path)]);
  const cellOn = (page: Page) => page.getByRole('table', { name: 'Threat × target ratings: China' })
    .getByRole('button', { name: /^Fire × Boreal forest: / });

  await cellOn(chen).click();
  await cellOn(second).click();
  const cell = cellOn(facilitator);
  await expect(cell).toHaveAccessibleDescription(/^Here now: (Chen China, Li China|Li China, Chen China)$/);

  const [chenColour, liColour] = [await dotColour(facilitator, 'Chen China'), await dotColour(facilitator, 'Li China')];
  expect(chenColour).not.toBe(liColour);
  const painted = () => cell.locator('xpath=..').evaluate((td) => getComputedStyle(td).boxShadow);
  await expect.poll(painted).toContain(chenColour);
  await expect.poll(painted).toContain(liColour);

  // One leaves the cell: only the other's colour remains.
  await second.getByRole('button', { name: /^Fire × Asian big cats: / }).click();
  await expect(cell).toHaveAccessibleDescription('Here now: Chen China');
  await expect.poll(painted).not.toContain(liColour);
  await expect.poll(painted).toContain(chenColour);
});
