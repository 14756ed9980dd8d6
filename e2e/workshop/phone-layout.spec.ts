import { expect, test } from '@playwright/test';
import { openOnline, openWorkshop, type Workshop } from '../support/workshop';

let workshop: Workshop;
test.afterEach(async () => workshop?.close());

test('on a phone the threat column stays in view, the cell editor opens on screen, and the scale is explained', async ({ browser }) => {
  workshop = await openWorkshop(browser, 'detailed', `Phone workshop ${Date.now()}`);
  const page = await openOnline(workshop.members.china, `/assessments/${workshop.assessmentId}/teams/${workshop.teams.china}`, { width: 390, height: 844 });
  const grid = page.getByRole('table', { name: 'Threat × target ratings: China' });

  // The last target is off to the right; reaching it keeps the threat's name beside it.
  await grid.getByRole('button', { name: /^Fire × Steppe \/ Grassland: / }).click();
  await expect(grid.getByRole('rowheader', { name: 'Fire', exact: true })).toBeInViewport({ ratio: 1 });
  // The page's heading has scrolled away: the pinned bar still says whose ratings these are.
  await expect(page.getByRole('heading', { level: 1 })).not.toBeInViewport();
  await expect(page.getByText('China', { exact: true })).toBeInViewport();

  // The editor opens where the person is, not below all fifteen rows.
  const editor = page.getByRole('region', { name: 'Rating editor' });
  await expect(editor.getByRole('heading', { name: 'Fire × Steppe / Grassland' })).toBeInViewport();
  const scope = editor.getByRole('combobox', { name: 'Scope', exact: true });
  await expect(scope).toBeInViewport({ ratio: 1 });
  await expect(editor).toContainText('How much of the target the threat can be expected to affect');
  await scope.selectOption({ label: 'High' });
  await expect(editor).toContainText('Much of the target (31–70%).');
  await expect(scope).toHaveAccessibleDescription('Much of the target (31–70%).');

  // A cell stays visible above the editor that opens for it, wherever it is in the table.
  for (const [threat, target] of [['Overgrazing', 'Boreal forest'], ['Human & wildlife conflict', 'Asian big cats']]) {
    const cell = grid.getByRole('button', { name: new RegExp(`^${threat} × ${target}: `) });
    await cell.click();
    await expect(editor.getByRole('heading', { name: `${threat} × ${target}` })).toBeInViewport();
    await expect(async () => {
      const [cellBox, editorBox, barBox] = [await cell.boundingBox(), await editor.boundingBox(), await page.getByRole('list', { name: 'Online now' }).boundingBox()];
      expect(cellBox!.y + cellBox!.height).toBeLessThanOrEqual(editorBox!.y);
      expect(cellBox!.y).toBeGreaterThanOrEqual(barBox!.y + barBox!.height);
    }).toPass();
  }
  // Big enough for a finger: at least 24 px (WCAG 2.2's smallest target).
  expect((await editor.getByRole('button', { name: 'Close editor' }).boundingBox())!.height).toBeGreaterThanOrEqual(24);
  await editor.getByRole('button', { name: 'Close editor' }).click();
  await expect(editor).toHaveCount(0);

  // The scale and the roll-up rules are one tap away.
  await page.getByText('How ratings work').click();
  const severity = page.getByRole('definition').filter({ hasText: 'Likely to destroy or eliminate the target' });
  await expect(severity).toBeVisible();
  await expect(page.getByRole('region', { name: 'How ratings roll up' })).toContainText('3-5-7');
});
