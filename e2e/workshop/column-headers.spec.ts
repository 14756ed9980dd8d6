import { expect, test, type Locator } from '@playwright/test';
import { trpcMutation } from '../support/accounts';
import { expectUncovered } from '../support/layout';
import { openWorkshop, type Workshop } from '../support/workshop';

let workshop: Workshop;
test.afterEach(async () => workshop?.close());

const LAPTOP = { width: 1280, height: 720 };
const PHONE = { width: 390, height: 844 };

/** What a person reads just below the pinned bar, straight above `cell`: the text of whatever is drawn on top there. */
function textAboveAtTop(cell: Locator) {
  return cell.evaluate((element) => {
    const barBottom = Number.parseFloat(document.documentElement.style.getPropertyValue('--room-bar-height')) || 0;
    const box = element.getBoundingClientRect();
    return document.elementFromPoint(box.left + box.width / 2, barBottom + 8)?.textContent?.trim() ?? null;
  });
}

/**
 * Whether, just below the pinned bar, each column's own name is what is drawn near both of its edges: the copy of
 * the headers lines up with the columns under it.
 */
function headersAlignedBelowBar(table: Locator) {
  return table.evaluate((element) => {
    const barBottom = Number.parseFloat(document.documentElement.style.getPropertyValue('--room-bar-height')) || 0;
    const [pinned, ...others] = [...(element as HTMLTableElement).tHead!.rows[0]!.cells];
    // Columns in view: whole in the table's scrolling box and not scrolled under the pinned first column.
    const shown = element.parentElement!.getBoundingClientRect();
    const inView = others.filter((cell) => {
      const { left, right } = cell.getBoundingClientRect();
      return left >= pinned!.getBoundingClientRect().right - 1 && right <= Math.min(shown.right, window.innerWidth) - 4;
    });
    return inView.length > 0 && [pinned!, ...inView].every((cell) => {
      const { left, right } = cell.getBoundingClientRect();
      const drawn = (x: number) => document.elementFromPoint(x, barBottom + 8)?.closest('th')?.textContent;
      return drawn(left + 4) === cell.textContent && drawn(right - 4) === cell.textContent;
    });
  });
}

for (const [device, viewport] of [['a laptop', LAPTOP], ['a phone', PHONE]] as const) {
  test(`on ${device}, far down a team's matrix the column headers stay below the pinned bar and follow the sideways scroll`, async ({ browser }) => {
    workshop = await openWorkshop(browser, 'detailed', `Column headers ${Date.now()}`);
    const member = await workshop.members.china.newPage();
    await member.setViewportSize(viewport);
    await member.goto(`/assessments/${workshop.assessmentId}/teams/${workshop.teams.china}`);
    await expect(member.getByRole('status', { name: 'Connection' })).toHaveText('online');
    const grid = member.getByRole('table', { name: 'Threat × target ratings: China' });
    const first = workshop.threats[0]!.name;
    const last = workshop.threats.at(-1)!.name;
    const cell = (threat: string, target: string) => grid.getByRole('button', { name: new RegExp(`^${threat} × ${target}: `) });

    // At the top the table's own headers are in view, and nothing is drawn over the first row.
    await expect(grid.getByRole('columnheader', { name: 'Asian big cats' })).toBeInViewport();
    await expectUncovered(cell(first, 'Asian big cats'));

    // Far down, each column still says which target it rates.
    await cell(last, 'Temperate forest').scrollIntoViewIfNeeded();
    await member.evaluate(() => window.scrollBy(0, 200));
    await expect(grid.getByRole('columnheader', { name: 'Asian big cats' })).not.toBeInViewport();
    await expect.poll(() => textAboveAtTop(cell(last, 'Temperate forest'))).toBe('Temperate forest');
    await expect.poll(() => headersAlignedBelowBar(grid)).toBe(true);

    if (viewport === PHONE) {
      // A sideways wheel (or swipe) on the headers scrolls the table under them.
      const scrolledBy = () => grid.evaluate((table) => table.parentElement!.scrollLeft);
      const barBottom = await member.evaluate(() => Number.parseFloat(document.documentElement.style.getPropertyValue('--room-bar-height')));
      const column = (await cell(last, 'Temperate forest').boundingBox())!;
      await member.mouse.move(column.x + column.width / 2, barBottom + 8);
      await member.mouse.wheel(120, 0);
      await expect.poll(scrolledBy).toBeGreaterThan(0);
      await expect.poll(() => headersAlignedBelowBar(grid)).toBe(true);
      await grid.evaluate((table) => { table.parentElement!.scrollLeft = 0; });
    }

    // The last column, scrolled to sideways on a phone: its header moves with it.
    await cell(last, 'Steppe / Grassland').focus();
    await expect(cell(last, 'Steppe / Grassland')).toBeInViewport();
    await expect.poll(() => textAboveAtTop(cell(last, 'Steppe / Grassland'))).toBe('Steppe / Grassland');
    await expect.poll(() => headersAlignedBelowBar(grid)).toBe(true);

    // Moving up by keyboard to the first row brings each cell into view below the headers, never under them.
    for (const { name: threat } of workshop.threats.slice(0, -1).reverse()) {
      await member.keyboard.press('ArrowUp');
      await expect(cell(threat, 'Steppe / Grassland')).toBeFocused();
      await expectUncovered(cell(threat, 'Steppe / Grassland'));
    }
  });
}

test('far down the live comparison, the column headers line up with their columns, also when a column widens', async ({ browser }) => {
  workshop = await openWorkshop(browser, 'rapid', `Comparison headers ${Date.now()}`);
  const { assessmentId, teams, threats } = workshop;
  const facilitator = await workshop.facilitator.newPage();
  // A short laptop window: the table is longer than the window below the bar.
  await facilitator.setViewportSize({ width: 1280, height: 560 });
  await facilitator.goto(`/assessments/${assessmentId}`);
  await expect(facilitator.getByRole('status', { name: 'Connection' })).toHaveText('online');
  const table = facilitator.getByRole('table', { name: 'Team comparison (live)' });
  const last = threats.at(-1)!;
  await table.getByRole('rowheader', { name: last.name, exact: true }).scrollIntoViewIfNeeded();
  await facilitator.evaluate(() => window.scrollBy(0, 100));
  await expect(table.getByRole('columnheader', { name: 'Details' })).not.toBeInViewport();
  await expect.poll(() => headersAlignedBelowBar(table)).toBe(true);

  // The teams rate the last threat: the agreed column offers their median, and the columns share the width anew.
  for (const [team, rating] of [['china', 'very_high'], ['mongolia', 'high'], ['russia', 'very_high']] as const) {
    await trpcMutation(workshop.members[team].request, 'rating.setThreat', { assessmentId, teamId: teams[team], threatId: last.id, rating });
  }
  await expect(table.getByRole('button', { name: `Use median (Very High) for ${last.name}` })).toBeVisible();
  await expect.poll(() => headersAlignedBelowBar(table)).toBe(true);
});
