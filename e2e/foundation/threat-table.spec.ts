import { readFileSync } from 'node:fs';
import { expect, test, type Locator } from '@playwright/test';
import { inviteUser, seededProgramme } from '../support/accounts';

// Miradi's colours, as the browser reports them.
const COLOUR = { very_high: 'rgb(193, 80, 70)', high: 'rgb(239, 214, 29)', medium: 'rgb(186, 229, 186)', low: 'rgb(80, 165, 80)', none: 'rgb(255, 255, 255)' } as const;
const LABEL = { very_high: 'Very High', high: 'High', medium: 'Medium', low: 'Low' } as const;
type Level = keyof typeof LABEL;

const seed = JSON.parse(readFileSync('db/seed/ahec.json', 'utf8')) as {
  teams: { key: string }[];
  threats: { key: string; name: string }[];
  assessments: { threatRatings: Record<string, Record<string, Level | 'not_applicable'>> }[];
};

async function expectCell(cell: Locator, rating: Level | 'none', text: RegExp | string) {
  await expect(cell).toHaveText(text);
  await expect(cell).toHaveCSS('background-color', COLOUR[rating]);
}

test('a team member signs in through the browser and reads the 2020 table as published', async ({ browser, page }) => {
  const facilitator = await browser.newContext();
  const { programmeId, teams } = await seededProgramme(facilitator);
  const china = teams.find((t) => t.key === 'china')!;
  const member = await inviteUser(facilitator, programmeId, 'member', china.id, 'China member');
  await facilitator.close();

  await page.goto('/');
  await page.getByRole('link', { name: 'Sign in' }).first().click();
  await page.getByLabel('Email').fill(member.email);
  await page.getByLabel('Password').fill(member.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Signed in as China member')).toBeVisible();

  await page.getByRole('link', { name: 'Amur-Heilong Ecoregion Complex' }).click();
  await page.getByRole('link', { name: '2020 rapid assessment (Table 1)' }).click();
  const table = page.getByRole('table', { name: 'Direct threats per team' });
  // The columns are teams, not targets: the threats' header says what the rows are.
  await expect(table.getByRole('columnheader')).toHaveText(['Direct threats', 'Landscapes in China', 'Landscapes in Mongolia', 'Landscapes in Russia', 'Ecoregional level']);

  // All 60 cells: text and Miradi colour, in the plan's order.
  const ratings = seed.assessments[0]!.threatRatings;
  // Header, body and footer are all row groups: the body is the one with the threats.
  const body = table.getByRole('rowgroup').filter({ has: page.getByRole('rowheader', { name: seed.threats[0]!.name, exact: true }) });
  await expect(body.getByRole('row')).toHaveCount(15);
  for (const [i, threat] of seed.threats.entries()) {
    const row = body.getByRole('row').nth(i);
    await expect(row.getByRole('rowheader')).toHaveText(threat.name);
    const cells = row.getByRole('cell');
    for (const [j, team] of seed.teams.entries()) {
      const value = ratings[threat.key]![team.key]!;
      if (value === 'not_applicable') await expectCell(cells.nth(j), 'none', /Not applicable/);
      else await expectCell(cells.nth(j), value, LABEL[value]);
    }
  }

  // Summary rows: as published, and computed beside them, differences marked.
  const footer = table.getByRole('rowgroup').filter({ has: page.getByRole('row', { name: /as published/ }) });
  const published = footer.getByRole('row', { name: /as published/ }).getByRole('cell');
  const targetSummary = footer.getByRole('row', { name: /Target summary \(computed\)/ }).getByRole('cell');
  const overall = footer.getByRole('row', { name: /Overall threat rating \(computed\)/ }).getByRole('cell');
  for (let j = 0; j < 4; j++) {
    await expectCell(published.nth(j), 'very_high', 'Very High');
    await expectCell(overall.nth(j), 'very_high', 'Very High');
  }
  const computed: Level[] = ['high', 'high', 'very_high', 'high'];
  for (const [j, level] of computed.entries()) {
    const marked = level !== 'very_high';
    await expectCell(targetSummary.nth(j), level, marked ? `${LABEL[level]} *` : LABEL[level]);
    if (marked) await expect(targetSummary.nth(j)).toHaveAttribute('title', /differs from the value computed/);
  }
  // Under the table, a key to its marks: "*" and "–".
  await expect(page.getByRole('definition').filter({ hasText: 'The published value differs from the value computed' })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: 'Not applicable' })).toBeVisible();
});

test('a wrong password is refused with a clear message', async ({ page }) => {
  await page.goto('/signin');
  await page.getByLabel('Email').fill('fiona@heilong.test');
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Wrong email or password.' })).toBeVisible();
  await expect(page.getByText(/Signed in as/)).toHaveCount(0);
});
