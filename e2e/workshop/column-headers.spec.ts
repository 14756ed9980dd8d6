import { expect, test, type Locator } from '@playwright/test';
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

    // The last column, scrolled to sideways on a phone: its header moves with it.
    await cell(last, 'Steppe / Grassland').focus();
    await expect(cell(last, 'Steppe / Grassland')).toBeInViewport();
    await expect.poll(() => textAboveAtTop(cell(last, 'Steppe / Grassland'))).toBe('Steppe / Grassland');

    // Moving up by keyboard to the first row brings each cell into view below the headers, never under them.
    for (const { name: threat } of workshop.threats.slice(0, -1).reverse()) {
      await member.keyboard.press('ArrowUp');
      await expect(cell(threat, 'Steppe / Grassland')).toBeFocused();
      await expectUncovered(cell(threat, 'Steppe / Grassland'));
    }
  });
}
