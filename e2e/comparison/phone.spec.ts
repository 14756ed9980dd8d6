import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { seededProgramme, trpcMutation, type Seeded } from '../support/accounts';
import { expectUncovered } from '../support/layout';
import { openOnline } from '../support/workshop';

const PHONE = { width: 390, height: 844 };
/** A long address pasted into a rationale: one word with nowhere a browser would break it by itself (no hyphens, no spaces). */
const ADDRESS = `https://example.org/reports/${'amur_heilong_fire_survey_'.repeat(6)}2026.pdf`;

/** The page itself never scrolls sideways: wide tables scroll inside their own box. */
async function expectNoSidewaysScroll(page: Page) {
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
}

/** Scrolls a table's own box to its right end; true if there was anything to scroll (it is wider than the phone). */
const scrollToRightEnd = (table: Locator) => table.evaluate((element) => {
  const box = element.parentElement!;
  box.scrollLeft = box.scrollWidth;
  return box.scrollLeft > 0;
});

/** Brought up or down to, the row header is on screen, whole, and not covered by the cells scrolled under it, with the table still at its right end. */
async function expectPinned(table: Locator, header: Locator) {
  await header.scrollIntoViewIfNeeded();
  await expect(header).toBeInViewport({ ratio: 1 });
  await header.click({ trial: true, timeout: 2_000 });
  expect(await table.evaluate((element) => {
    const box = element.parentElement!;
    return box.scrollWidth - box.clientWidth - box.scrollLeft;
  })).toBeLessThanOrEqual(1);
}

let facilitator: BrowserContext | undefined;
test.afterEach(async () => facilitator?.close());

/** A fresh open rapid assessment, its teams' ratings of Fire entered over HTTP by the facilitator. */
async function rapidAssessment(context: BrowserContext, seeded: Seeded) {
  const team = (key: string) => seeded.teams.find((x) => x.key === key)!.id;
  const fire = seeded.threats.find((x) => x.name === 'Fire')!.id;
  const { id: assessmentId } = await trpcMutation<{ id: string }>(context.request, 'assessment.create', {
    // One long word (no space to break at), as names pasted from file names are: it must wrap, not widen the page.
    programmeId: seeded.programmeId, name: `Phone_comparison_${'x'.repeat(80)}_${Date.now()}`, year: 2026, mode: 'rapid',
  });
  await trpcMutation(context.request, 'assessment.setStatus', { assessmentId, status: 'open' });
  const rate = (key: string, values: object) => trpcMutation(context.request, 'rating.setThreat', { assessmentId, teamId: team(key), threatId: fire, ...values });
  await rate('china', { rating: 'high', rationale: `Burnt area doubled: ${ADDRESS}` });
  await rate('mongolia', { rating: 'low' });
  await rate('russia', { rating: null, notApplicable: true });
  await rate('ecoregional', { rating: null, notApplicable: true, rationale: `Agreed after the survey ${ADDRESS}` });
  return { assessmentId, ecoregional: team('ecoregional') };
}

test('on a phone the live comparison keeps threats in view, opens details where the person is, and stays on the screen', async ({ browser }) => {
  facilitator = await browser.newContext({ viewport: PHONE });
  const seeded = await seededProgramme(facilitator);
  const { assessmentId, ecoregional } = await rapidAssessment(facilitator, seeded);
  const overview = await facilitator.newPage();
  await overview.goto(`/programmes/${seeded.programmeId}`);
  await expect(overview.getByRole('link', { name: /^Phone_comparison_/ }).first()).toBeVisible();
  await expectNoSidewaysScroll(overview);
  await overview.close();
  const page = await openOnline(facilitator, `/assessments/${assessmentId}`);
  const table = page.getByRole('table', { name: 'Team comparison (live)' });
  await expect(table.getByRole('columnheader').first()).toHaveText('Direct threats');
  await expect(table.getByRole('row', { name: /^Fire/ }).getByRole('cell').nth(2)).toHaveText('–Not applicable');
  await expectNoSidewaysScroll(page);

  // The "–" and the suggested median are explained.
  await expect(page.getByRole('definition').filter({ hasText: 'Not applicable' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Use median (High) for Fire' }))
    .toHaveAccessibleDescription(/even number .* the higher of the two middle/);

  // A shadow at the box's right edge says more columns lie past it (a phone shows no scroll bar until one scrolls).
  const moreColumns = table.locator('xpath=../../*[@data-more-columns]');
  await expect(moreColumns).toBeVisible();

  // Scrolled to the agreed pickers at the right end, every row still says which threat it is, and the table what it is.
  expect(await scrollToRightEnd(table)).toBe(true);
  await expect(moreColumns).toHaveCount(0);
  await expect(page.getByText('Team comparison (live)', { exact: true })).toBeInViewport({ ratio: 1 });
  await expect(table.getByRole('combobox', { name: 'Agreed rating of Fire' })).toBeInViewport();
  await expectPinned(table, table.getByRole('rowheader', { name: 'Fire', exact: true }));
  await expectPinned(table, table.getByRole('rowheader', { name: 'Overall threat rating (computed)' }));
  await expectNoSidewaysScroll(page);

  // Details open in view, focused, and a long address in a rationale wraps instead of widening the page.
  await table.getByRole('button', { name: 'Details of Fire' }).click();
  const details = page.getByRole('region', { name: 'Agreed rating details' });
  const heading = details.getByRole('heading', { name: 'Fire', exact: true });
  await expect(heading).toBeInViewport();
  await expect(heading).toBeFocused();
  // … and not under the bar pinned to the top of the window.
  const [headingBox, barBox] = [await heading.boundingBox(), await page.getByRole('list', { name: 'Online now' }).boundingBox()];
  expect(headingBox!.y).toBeGreaterThanOrEqual(barBox!.y + barBox!.height);
  await expect(details).toContainText(ADDRESS);
  await expect(details.getByRole('list', { name: 'History: Ecoregional level: Fire' })).toContainText(ADDRESS, { timeout: 15_000 });
  await expectNoSidewaysScroll(page);
  // Closing them hands focus back to the button that opened them.
  await details.getByRole('button', { name: 'Close details' }).click();
  await expect(details).toHaveCount(0);
  await expect(table.getByRole('button', { name: 'Details of Fire' })).toBeFocused();
  // A long threat name: the person's own line in the bar grows as the panel opens, and the panel still clears it.
  await table.getByRole('button', { name: 'Details of Human & wildlife conflict' }).click();
  const longDetails = page.getByRole('region', { name: 'Agreed rating details' });
  await expect(page.getByRole('list', { name: 'Online now' })).toContainText('on the agreed rating of Human & wildlife conflict');
  await expectUncovered(longDetails.getByRole('heading', { name: 'Human & wildlife conflict', exact: true }));
  await expectUncovered(longDetails.getByRole('button', { name: 'Close details' }));
  await longDetails.getByRole('button', { name: 'Close details' }).click();

  // The agreed team's own page says what the comparison says, and shows the whole rationale.
  const agreed = await openOnline(facilitator, `/assessments/${assessmentId}/teams/${ecoregional}`);
  const picker = agreed.getByRole('combobox', { name: 'Rating of Fire' });
  await expect.poll(() => picker.evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.text)).toBe('Not applicable');
  const rationale = agreed.getByRole('textbox', { name: 'Rationale for Fire' });
  await expect(rationale).toHaveValue(/^Agreed after the survey/);
  await expect.poll(() => rationale.evaluate((box) => box.scrollHeight - box.clientHeight)).toBeLessThanOrEqual(1);
  await agreed.getByRole('button', { name: 'History of Fire' }).click();
  await expect(agreed.getByRole('list', { name: 'History: Fire' })).toContainText(ADDRESS, { timeout: 15_000 });
  await expectNoSidewaysScroll(agreed);
});

test('on a phone the published 2020 table scrolls inside its own box, threats pinned, its marks explained', async ({ browser }) => {
  facilitator = await browser.newContext({ viewport: PHONE });
  const seeded = await seededProgramme(facilitator);
  const published = seeded.assessments.find((x) => x.name === '2020 rapid assessment (Table 1)')!;
  const page = await facilitator.newPage();
  await page.goto(`/assessments/${published.id}`);
  const table = page.getByRole('table', { name: 'Direct threats per team' });
  await expect(table.getByRole('rowheader', { name: 'Fire', exact: true })).toBeVisible();
  await expectNoSidewaysScroll(page);
  // The pinned column draws its own right border only once the cells scroll under it (else the line would be doubled).
  const ownBorder = () => table.getByRole('rowheader', { name: 'Fire', exact: true }).evaluate((cell) => getComputedStyle(cell).boxShadow.includes('inset'));
  expect(await ownBorder()).toBe(false);

  expect(await scrollToRightEnd(table)).toBe(true);
  await expect.poll(ownBorder).toBe(true);
  await expectPinned(table, table.getByRole('rowheader', { name: 'Fire', exact: true }));
  await expectPinned(table, table.getByRole('rowheader', { name: 'Target summary (computed)' }));
  await expectNoSidewaysScroll(page);

  // The marks in the table are explained under it.
  await expect(page.getByRole('term').filter({ hasText: '–' })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: 'Not applicable' })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: 'The published value differs' })).toBeVisible();
});
