import { expect, test, type Page } from '@playwright/test';
import { openOnline, openWorkshop, type Workshop } from '../support/workshop';

/** The seeded programme's top-level targets, the matrix's columns in order. */
const TARGETS = ['Asian big cats', 'Temperate forest', 'Boreal forest', 'Freshwater ecosystems', 'Steppe / Grassland'];

/** China's threat × target matrix as a person sees it. */
function matrix(page: Page) {
  const grid = page.getByRole('table', { name: 'Threat × target ratings: China' });
  const row = (header: string) => grid.getByRole('row').filter({ has: page.getByRole('rowheader', { name: header, exact: true }) });
  return {
    /** A cell's button is named by its place and then what it holds (`Fire × Asian big cats: High`). */
    cell: (threat: string, target: string) => grid.getByRole('button', { name: new RegExp(`^${threat} × ${target}: `) }),
    /** The last cell of a threat's row. */
    threatSummary: (threat: string) => row(threat).getByRole('cell').last(),
    targetSummary: (target: string) => row('Target summary').getByRole('cell').nth(TARGETS.indexOf(target)),
    overall: page.getByRole('status', { name: 'Overall threat rating' }),
  };
}

/** The selected cell's editor. */
function editor(page: Page) {
  const region = page.getByRole('region', { name: 'Rating editor' });
  return {
    heading: region.getByRole('heading'),
    scope: region.getByRole('combobox', { name: 'Scope', exact: true }),
    severity: region.getByRole('combobox', { name: 'Severity', exact: true }),
    irreversibility: region.getByRole('combobox', { name: 'Irreversibility', exact: true }),
    notApplicable: region.getByRole('checkbox', { name: 'Not applicable', exact: true }),
    rationale: region.getByRole('textbox', { name: 'Rationale', exact: true }),
    cellRating: region.getByRole('status', { name: 'Cell rating', exact: true }),
  };
}

/** The comparison (Table 1): cells after the row header are China, Mongolia, Russia, Teams apart, Ecoregional, Details. */
function comparison(page: Page) {
  const table = page.getByRole('table', { name: 'Team comparison (live)' });
  const row = (header: string) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: header, exact: true }) });
  return {
    china: (threat: string) => row(threat).getByRole('cell').nth(0),
    chinaOverall: row('Overall threat rating (computed)').getByRole('cell').nth(0),
    chinaTargetSummary: row('Target summary (computed)').getByRole('cell').nth(0),
  };
}

let workshop: Workshop;
test.afterEach(async () => workshop?.close());

test('a detailed assessment: two members of a team rate threat × target cells live, and the comparison follows', async ({ browser }) => {
  workshop = await openWorkshop(browser, 'detailed', `Detailed workshop ${Date.now()}`);
  const { assessmentId, teams } = workshop;
  const second = await workshop.addMember('china', 'Li China');
  const chinaPath = `/assessments/${assessmentId}/teams/${teams.china}`;
  const [chen, li, facilitator] = await Promise.all([
    openOnline(workshop.members.china, chinaPath),
    openOnline(second, chinaPath),
    openOnline(workshop.facilitator, `/assessments/${assessmentId}`),
  ]);
  const [chenMatrix, liMatrix] = [matrix(chen), matrix(li)];
  const [chenEditor, liEditor] = [editor(chen), editor(li)];
  const compare = comparison(facilitator);
  const rationale = 'Crown fires now reach the core of the tiger range';

  // (a) Chen rates Fire × Asian big cats. Scope High and Severity Very High give a High magnitude;
  // Irreversibility Very High lifts it one level: Very High.
  await chenMatrix.cell('Fire', 'Asian big cats').click();
  await expect(chenEditor.heading).toHaveText('Fire × Asian big cats');
  await chenEditor.scope.selectOption({ label: 'High' });
  await chenEditor.severity.selectOption({ label: 'Very High' });
  await expect(chenEditor.cellRating).toHaveText('Not rated');
  await chenEditor.rationale.fill(rationale);
  await chenEditor.rationale.press('Tab'); // leaving the field writes the rationale
  await chenEditor.irreversibility.selectOption({ label: 'Very High' });
  await expect(chenEditor.cellRating).toHaveText('Very High');

  // One Very High cell: the threat and the target summarise to High (2-prime); overall Very High (the threat
  // summaries roll up to Medium, but the one target rated reaches Very High: a majority of the rated targets, which
  // are the ones Miradi counts).
  for (const view of [chenMatrix, liMatrix]) {
    await expect(view.cell('Fire', 'Asian big cats')).toHaveText('Very High');
    await expect(view.threatSummary('Fire')).toHaveText('High');
    await expect(view.targetSummary('Asian big cats')).toHaveText('High');
    await expect(view.targetSummary('Temperate forest')).toHaveText('Not rated');
    await expect(view.overall).toHaveText('Very High');
  }
  // (e) The comparison shows China's computed threat summary and overall, live.
  await expect(compare.china('Fire')).toHaveText('High');
  await expect(compare.chinaOverall).toHaveText('Very High');
  // China rates per target: its target summaries are under its matrix, said as in the stored table (not left blank).
  await expect(compare.chinaTargetSummary).toHaveText('Per target');
  // The matrix's columns are targets; the comparison's are teams.
  await expect(chen.getByRole('table', { name: 'Threat × target ratings: China' }).getByRole('columnheader').first()).toHaveText('Threats \\ Targets');
  await expect(facilitator.getByRole('table', { name: 'Team comparison (live)' }).getByRole('columnheader').first()).toHaveText('Direct threats');

  // A second Very High cell for Fire: two Very High make the threat Very High.
  await chenMatrix.cell('Fire', 'Temperate forest').click();
  await expect(chenEditor.heading).toHaveText('Fire × Temperate forest');
  await chenEditor.scope.selectOption({ label: 'Very High' });
  await chenEditor.severity.selectOption({ label: 'Very High' });
  await chenEditor.irreversibility.selectOption({ label: 'High' });
  await expect(chenEditor.cellRating).toHaveText('Very High');
  await expect(liMatrix.cell('Fire', 'Temperate forest')).toHaveText('Very High');
  await expect(liMatrix.threatSummary('Fire')).toHaveText('Very High');
  await expect(liMatrix.targetSummary('Temperate forest')).toHaveText('High');
  await expect(liMatrix.overall).toHaveText('Very High');
  await expect(compare.china('Fire')).toHaveText('Very High');
  await expect(compare.chinaOverall).toHaveText('Very High');

  // (c) Presence: each sees where the other is, on the cell itself and in the list of people online.
  // Before Li picks a cell, the facilitator's comparison still says which team's page Li is on.
  const onComparison = facilitator.getByRole('list', { name: 'Online now' });
  await expect(onComparison.getByRole('listitem').filter({ hasText: 'Li China' })).toHaveText('Li China on China’s page');
  await liMatrix.cell('Fire', 'Boreal forest').click();
  await expect(chenMatrix.cell('Fire', 'Boreal forest')).toHaveAccessibleDescription('Here now: Li China');
  await expect(chenMatrix.cell('Fire', 'Boreal forest')).toHaveAttribute('title', 'Here now: Li China');
  await expect(liMatrix.cell('Fire', 'Temperate forest')).toHaveAccessibleDescription('Here now: Chen China');
  await expect(chen.getByRole('list', { name: 'Online now' }).getByRole('listitem').filter({ hasText: 'Li China' }))
    .toHaveText('Li China on Fire × Boreal forest');
  // The facilitator's comparison lists the people working in the teams' documents too, with their team.
  await expect(onComparison.getByRole('listitem').filter({ hasText: 'Li China' })).toHaveText('Li China on China: Fire × Boreal forest');
  await expect(onComparison.getByRole('listitem').filter({ hasText: 'Chen China' })).toHaveText('Chen China on China: Fire × Temperate forest');
  await expect(onComparison.getByRole('listitem').first()).toHaveText(/\(you\)/);
  // With nobody else there, a cell says only what it is: no description repeating its name.
  await expect(chenMatrix.cell('Fire', 'Asian big cats')).toHaveAccessibleName('Fire × Asian big cats: Very High');
  await expect(chenMatrix.cell('Fire', 'Asian big cats')).toHaveAccessibleDescription('');

  // (b) Li marks Fire × Temperate forest not applicable: the cell no longer counts, for both of them.
  await liMatrix.cell('Fire', 'Temperate forest').click();
  await expect(chenMatrix.cell('Fire', 'Boreal forest')).not.toHaveAccessibleDescription(/Here now/);
  await expect(chenMatrix.cell('Fire', 'Temperate forest')).toHaveAccessibleDescription('Here now: Li China');
  await expect(liEditor.scope).toHaveValue('very_high'); // Chen's criteria, live
  await chenEditor.scope.focus();
  await liEditor.notApplicable.check();
  // Chen was on Scope, which no longer takes changes: the focus moves to the box that says why, not off the editor.
  await expect(chenEditor.notApplicable).toBeFocused();
  await expect(liEditor.cellRating).toHaveText('Not applicable');
  await expect(chenEditor.notApplicable).toBeChecked();
  await expect(chenEditor.cellRating).toHaveText('Not applicable');
  // Not applicable sets the levels aside: kept and shown, not editable while they do not count.
  for (const view of [chenEditor, liEditor]) {
    await expect(view.scope).toBeDisabled();
    await expect(view.scope).toHaveValue('very_high');
  }
  await expect(liEditor.notApplicable).toHaveAccessibleDescription(/levels are kept but do not count/);
  for (const view of [chenMatrix, liMatrix]) {
    await expect(view.cell('Fire', 'Temperate forest')).toHaveText('–');
    await expect(view.cell('Fire', 'Temperate forest')).toHaveAccessibleName('Fire × Temperate forest: Not applicable');
    await expect(view.threatSummary('Fire')).toHaveText('High');
    await expect(view.targetSummary('Temperate forest')).toHaveText('Not rated');
    await expect(view.overall).toHaveText('Very High');
  }
  await expect(compare.china('Fire')).toHaveText('High');
  await expect(compare.chinaOverall).toHaveText('Very High');
  // The facilitator's details of Fire show what China's summary is computed from: its cells, with their rationale.
  await facilitator.getByRole('button', { name: 'Details of Fire' }).click();
  const chinaCells = facilitator.getByRole('list', { name: 'Landscapes in China: ratings per target' });
  await expect(chinaCells.getByRole('listitem')).toHaveText([
    `Asian big cats: Very High${rationale}`, 'Temperate forest: Not applicable', 'Boreal forest: Not rated',
    'Freshwater ecosystems: Not rated', 'Steppe / Grassland: Not rated',
  ]);
  // Chen, still on that cell, sees in its history who set it not applicable.
  await expect(chen.getByRole('list', { name: 'History: Fire × Temperate forest' }))
    .toContainText('Li China set not applicable to yes', { timeout: 15_000 });

  // (d) Li opens the first cell: Chen's values and rationale, and its history says who, when and why.
  await liMatrix.cell('Fire', 'Asian big cats').click();
  await expect(liEditor.cellRating).toHaveText('Very High');
  await expect(liEditor.rationale).toHaveValue(rationale);
  const history = li.getByRole('list', { name: 'History: Fire × Asian big cats' });
  const lastChange = history.getByRole('listitem').filter({ hasText: 'Chen China set irreversibility to Very High' });
  await expect(lastChange).toContainText(`Rationale at the time: ${rationale}`, { timeout: 15_000 });
  await expect(history.getByRole('listitem').filter({ hasText: 'Chen China changed the rationale' })).toContainText(`New rationale: ${rationale}`);
  await expect(history.getByRole('listitem').first()).toContainText('Chen China set irreversibility to Very High');
  await expect(history).toContainText('Chen China set scope to High');
  await expect(history).toContainText('Chen China set severity to Very High');
  const time = lastChange.getByRole('time');
  const at = Date.parse((await time.getAttribute('datetime'))!);
  expect(Math.abs(Date.now() - at)).toBeLessThan(5 * 60_000);
  // The month in words (teams in three countries read 11/3 as different days), in the reader's time zone.
  await expect(time).toHaveText(new RegExp(`^\\d{1,2} ${new Intl.DateTimeFormat('en-GB', { month: 'short' }).format(at)} \\d{4}, \\d{2}:\\d{2}$`));

  // A threat that does not occur in China's landscape: N/A for every target reads N/A ("–"), not "Not rated".
  for (const [i, target] of TARGETS.entries()) {
    await liMatrix.cell('Irresponsible mining', target).click();
    await liEditor.notApplicable.check();
    if (i < TARGETS.length - 1) await expect(liMatrix.threatSummary('Irresponsible mining')).toHaveText('Not rated');
  }
  for (const view of [liMatrix, chenMatrix]) await expect(view.threatSummary('Irresponsible mining')).toHaveText('–Not applicable');
  await expect(compare.china('Irresponsible mining')).toHaveText('–Not applicable');

  // Another team's member reads China's matrix: the page offers reading, not rating.
  const reader = await openOnline(workshop.members.mongolia, chinaPath);
  await expect(reader.getByText('Select a cell of the table to see its ratings and their history.')).toBeVisible();
  await expect(reader.getByText('Select a cell of the table to rate it.')).toHaveCount(0);
  await expect(chen.getByText('Select a cell of the table to rate it.')).toHaveCount(0);
});
