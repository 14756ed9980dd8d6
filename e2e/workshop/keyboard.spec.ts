import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectUncovered } from '../support/layout';
import { openOnline, openWorkshop, type Workshop } from '../support/workshop';

const DESKTOP = { width: 1366, height: 900 };

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A team's matrix and the selected cell's editor, as a person sees them. */
function matrix(page: Page, team: string) {
  const grid = page.getByRole('table', { name: `Threat × target ratings: ${team}` });
  const region = page.getByRole('region', { name: 'Rating editor' });
  return {
    grid,
    /** A cell's button is named by its place and then what it holds (`Fire × Asian big cats: High`). */
    cell: (threat: string, target: string) => grid.getByRole('button', { name: new RegExp(`^${escapeRegExp(`${threat} × ${target}`)}: `) }),
    focusInGrid: () => grid.evaluate((element) => element.contains(document.activeElement)),
    tabStops: () => grid.getByRole('button').evaluateAll((buttons) => buttons.filter((b) => (b as HTMLElement).tabIndex >= 0).length),
    editor: {
      region,
      heading: region.getByRole('heading'),
      close: region.getByRole('button', { name: 'Close editor' }),
      scope: region.getByRole('combobox', { name: 'Scope', exact: true }),
      severity: region.getByRole('combobox', { name: 'Severity', exact: true }),
      irreversibility: region.getByRole('combobox', { name: 'Irreversibility', exact: true }),
      notApplicable: region.getByRole('checkbox', { name: 'Not applicable', exact: true }),
      cellRating: region.getByRole('status', { name: 'Cell rating', exact: true }),
    },
  };
}

/** Presses a key `times` times, a beat apart, as a person browsing a list does (each step its own update, if written). */
async function press(page: Page, key: string, times = 1) {
  for (let i = 0; i < times; i++) {
    await page.keyboard.press(key);
    await page.waitForTimeout(150);
  }
}

let workshop: Workshop;
test.afterEach(async () => workshop?.close());

test('the matrix by keyboard alone: one Tab stop, arrows between cells, each confirmed level saved once, focus back on the cell', async ({ browser }) => {
  workshop = await openWorkshop(browser, 'detailed', `Keyboard workshop ${Date.now()}`);
  const path = `/assessments/${workshop.assessmentId}/teams/${workshop.teams.china}`;
  const [page, other] = await Promise.all([
    openOnline(workshop.members.china, path, DESKTOP),
    openOnline(await workshop.addMember('china', 'Li China'), path),
  ]);
  const { grid, cell, editor, focusInGrid, tabStops } = matrix(page, 'China');
  const theirs = matrix(other, 'China');

  // The grid is one Tab stop: in on its first cell, and the next Tab leaves it.
  await expect(grid.getByRole('button')).toHaveCount(75);
  expect(await tabStops()).toBe(1);
  await page.getByText('How ratings work').focus();
  await page.keyboard.press('Tab');
  await expect(cell('Fire', 'Asian big cats')).toBeFocused();
  await page.keyboard.press('Tab');
  expect(await focusInGrid()).toBe(false);
  await page.keyboard.press('Shift+Tab');
  await expect(cell('Fire', 'Asian big cats')).toBeFocused();

  // Arrows move between cells; the grid remembers where the person was.
  await press(page, 'ArrowDown', 3);
  await press(page, 'ArrowRight');
  await expect(cell('Overgrazing', 'Temperate forest')).toBeFocused();
  await press(page, 'End');
  await expect(cell('Overgrazing', 'Steppe / Grassland')).toBeFocused();
  await press(page, 'Home');
  await press(page, 'ArrowRight');
  await expect(cell('Overgrazing', 'Temperate forest')).toBeFocused();
  expect(await tabStops()).toBe(1);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(cell('Overgrazing', 'Temperate forest')).toBeFocused();

  // Enter opens the cell's editor, with the focus on its first picker.
  await page.keyboard.press('Enter');
  await expect(editor.heading).toHaveText('Overgrazing × Temperate forest');
  await expect(editor.scope).toBeFocused();
  await theirs.cell('Overgrazing', 'Temperate forest').click(); // a teammate watching the same cell

  // Browsing Scope with the arrows holds each level back; Enter saves the one shown.
  await press(page, 'ArrowDown', 3);
  await expect(editor.scope).toHaveValue('medium');
  await expect(editor.scope).toHaveAccessibleDescription(/Not saved yet/);
  const unsavedMark = editor.region.getByText('Not saved yet', { exact: true });
  await expect(unsavedMark).toBeVisible();
  await page.waitForTimeout(500);
  await expect(theirs.editor.scope).toHaveValue('');
  await press(page, 'Enter');
  await expect(theirs.editor.scope).toHaveValue('medium');
  await expect(editor.scope).not.toHaveAccessibleDescription(/Not saved yet/);
  await expect(unsavedMark).toHaveCount(0);

  // Severity: browsed, then saved by leaving it with Tab.
  await page.keyboard.press('Tab');
  await expect(editor.severity).toBeFocused();
  await press(page, 'ArrowDown', 2);
  await page.waitForTimeout(500);
  await expect(theirs.editor.severity).toHaveValue('');
  await page.keyboard.press('Tab');
  await expect(editor.irreversibility).toBeFocused();
  await expect(theirs.editor.severity).toHaveValue('high');

  // Irreversibility: Escape takes a browsed level back (and leaves the editor open), then one is saved.
  await press(page, 'ArrowDown', 2);
  await press(page, 'Escape');
  await expect(editor.irreversibility).toHaveValue('');
  await expect(editor.irreversibility).toBeFocused();
  await press(page, 'ArrowDown');
  await press(page, 'Enter');
  // Medium and High make Medium; Very High irreversibility lifts it to High.
  await expect(editor.cellRating).toHaveText('High');
  await expect(theirs.editor.cellRating).toHaveText('High');

  // The history holds the three levels confirmed, and none of those browsed past.
  const history = page.getByRole('list', { name: 'History: Overgrazing × Temperate forest' });
  await expect(history.getByRole('listitem')).toHaveText([
    /set irreversibility to Very High/, /set severity to High/, /set scope to Medium/,
  ], { timeout: 15_000 });
  await page.getByRole('button', { name: 'Refresh history' }).click();
  await page.waitForTimeout(1_000);
  await expect(history.getByRole('listitem')).toHaveCount(3);

  // Escape from the history beside the editor closes the editor too, and returns the focus to the cell.
  await page.getByRole('button', { name: 'Refresh history' }).focus();
  await page.keyboard.press('Escape');
  await expect(editor.region).toHaveCount(0);
  await expect(cell('Overgrazing', 'Temperate forest')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(editor.region).toHaveCount(1);

  // Escape (nothing held back) closes the editor and returns the focus to the cell.
  await editor.irreversibility.focus();
  await page.keyboard.press('Escape');
  await expect(editor.region).toHaveCount(0);
  await expect(cell('Overgrazing', 'Temperate forest')).toBeFocused();
  await expect(cell('Overgrazing', 'Temperate forest')).toHaveAccessibleName('Overgrazing × Temperate forest: High');

  // Space opens it too; "Close editor" also returns the focus to the cell.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  await expect(editor.heading).toHaveText('Unsustainable hunting × Temperate forest');
  await expect(editor.scope).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(editor.close).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(editor.region).toHaveCount(0);
  await expect(cell('Unsustainable hunting', 'Temperate forest')).toBeFocused();

  // Not applicable sets a cell's levels aside (shown, not editable): opened again, it has the focus on that box.
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(editor.scope).toBeFocused();
  await editor.notApplicable.focus();
  await page.keyboard.press('Space');
  await expect(editor.cellRating).toHaveText('Not applicable');
  await expect(editor.scope).toBeDisabled();
  await expect(editor.scope).toHaveValue('medium');
  await page.keyboard.press('Escape');
  await expect(cell('Overgrazing', 'Temperate forest')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(editor.notApplicable).toBeFocused();
  // Unticked, the levels count again and can be changed.
  await page.keyboard.press('Space');
  await expect(editor.cellRating).toHaveText('High');
  await expect(editor.scope).toBeEnabled();
});

test('on a desktop the editor of a bottom-row cell stays clear of the pinned bar; read-only pickers look read-only', async ({ browser }) => {
  workshop = await openWorkshop(browser, 'detailed', `Keyboard layout ${Date.now()}`);
  const page = await openOnline(workshop.members.china, `/assessments/${workshop.assessmentId}/teams/${workshop.teams.china}`, DESKTOP);
  const { cell, editor } = matrix(page, 'China');

  // The review's case: the bottom row's first cell, clicked.
  await cell('Human & wildlife conflict', 'Asian big cats').click();
  await expect(editor.heading).toHaveText('Human & wildlife conflict × Asian big cats');
  for (const part of [editor.heading, editor.close, editor.scope]) await expectUncovered(part);
  // Scrolled to the very end of the page, the editor is still there and clear of the bar.
  await page.mouse.wheel(0, 5_000);
  await expect.poll(() => page.evaluate(() => window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1)).toBe(true);
  for (const part of [editor.heading, editor.close, editor.scope]) await expectUncovered(part);

  // By keyboard: Ctrl+End reaches the last cell, Enter opens its editor in full view.
  await cell('Fire', 'Asian big cats').focus();
  await page.keyboard.press('Control+End');
  await expect(cell('Human & wildlife conflict', 'Steppe / Grassland')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(editor.heading).toHaveText('Human & wildlife conflict × Steppe / Grassland');
  await expect(editor.scope).toBeFocused();
  for (const part of [editor.heading, editor.close, editor.scope]) await expectUncovered(part);

  // Another team's cells are read-only: the pickers show their values as text, not as controls, and Enter
  // puts the focus on the one control there is (Close editor).
  await page.goto(`/assessments/${workshop.assessmentId}/teams/${workshop.teams.mongolia}`);
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('online');
  const mongolia = matrix(page, 'Mongolia');
  await mongolia.cell('Fire', 'Asian big cats').focus();
  await page.keyboard.press('Enter');
  await expect(mongolia.editor.scope).toBeDisabled();
  await expect(mongolia.editor.close).toBeFocused();
  const look = (picker: Locator) => picker.evaluate((el) => {
    const style = getComputedStyle(el);
    return { appearance: style.appearance, border: style.borderTopColor, opacity: style.opacity };
  });
  expect(await look(mongolia.editor.scope)).toEqual({ appearance: 'none', border: 'rgba(0, 0, 0, 0)', opacity: '1' });
  await page.goto(`/assessments/${workshop.assessmentId}/teams/${workshop.teams.china}`);
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('online');
  await cell('Fire', 'Asian big cats').click();
  expect(await look(editor.scope)).not.toEqual(expect.objectContaining({ appearance: 'none' }));
});

test('on a phone, a cell the arrows move to comes into view beside the pinned threat column, not under it', async ({ browser }) => {
  workshop = await openWorkshop(browser, 'detailed', `Keyboard phone workshop ${Date.now()}`);
  const page = await openOnline(workshop.members.china, `/assessments/${workshop.assessmentId}/teams/${workshop.teams.china}`, { width: 390, height: 844 });
  const { cell } = matrix(page, 'China');
  const targets = ['Asian big cats', 'Temperate forest', 'Boreal forest', 'Freshwater ecosystems', 'Steppe / Grassland'];

  await cell('Fire', targets[0]!).focus();
  await press(page, 'End');
  await expectUncovered(cell('Fire', targets.at(-1)!));
  // Back to the left, one cell at a time: the box scrolls each one out from under the threat names.
  for (const target of targets.slice(0, -1).reverse()) {
    await press(page, 'ArrowLeft');
    await expect(cell('Fire', target)).toBeFocused();
    await expectUncovered(cell('Fire', target));
  }
});
