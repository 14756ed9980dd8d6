import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { inviteUser, seededProgramme, signInOverHttp } from '../support/accounts';
import { openOnline } from '../support/workshop';

const contexts: BrowserContext[] = [];
test.afterEach(async () => Promise.all(contexts.splice(0).map((c) => c.close())));

/** Starts recording whether the page shows an alert with this text at any moment, however briefly. */
async function watchAlerts(page: Page, text: string): Promise<() => Promise<boolean>> {
  await page.evaluate((wanted) => {
    const seen = () => [...document.querySelectorAll('[role="alert"]')].some((alert) => alert.textContent?.includes(wanted));
    const record = window as unknown as { alertSeen?: boolean };
    record.alertSeen = seen();
    new MutationObserver(() => { record.alertSeen ||= seen(); }).observe(document.body, { childList: true, subtree: true, characterData: true });
  }, text);
  return () => page.evaluate(() => (window as unknown as { alertSeen?: boolean }).alertSeen === true);
}

test('a facilitator creates an assessment, opens it, closes it while a team rates, and publishes it', async ({ browser }) => {
  const facilitator = await browser.newContext();
  const member = await browser.newContext();
  contexts.push(facilitator, member);
  const { programmeId, teams } = await seededProgramme(facilitator);
  const china = teams.find((team) => team.key === 'china')!;
  const account = await inviteUser(facilitator, programmeId, 'member', china.id, 'Lin Lifecycle');
  await signInOverHttp(member.request, account.email, account.password);
  const name = `Revision ${Date.now()}`;

  // Created from the programme page, as a draft, and opened at once.
  const programme = await facilitator.newPage();
  await programme.goto(`/programmes/${programmeId}`);
  const form = programme.getByRole('region', { name: 'New assessment' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Plan year').fill('2026');
  await form.getByLabel('Method').selectOption({ label: 'rapid assessment' });
  await form.getByRole('button', { name: 'Create assessment' }).click();
  await expect(programme.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(programme.getByText('2026 · rapid assessment · draft')).toBeVisible();
  // Each page names itself in its tab: a workshop keeps several open.
  await expect(programme).toHaveTitle(`${name} — Heilong`);
  const assessmentUrl = programme.url();

  // A name the programme already has (in any case) is refused, and nothing typed is lost.
  await programme.goto(`/programmes/${programmeId}`);
  await expect(programme).toHaveTitle('Amur-Heilong Ecoregion Complex — Heilong');
  await form.getByLabel('Name').fill(name.toUpperCase());
  await form.getByLabel('Plan year').fill('2029');
  await form.getByLabel('Method').selectOption({ label: 'threat × target assessment' });
  // Sent from the keyboard: the answer comes, and the keyboard is still on the button.
  const create = form.getByRole('button', { name: 'Create assessment' });
  await create.focus();
  await programme.keyboard.press('Enter');
  await expect(form.getByRole('alert')).toHaveText(`This programme already has an assessment called “${name.toUpperCase()}”.`);
  await expect(create).toBeFocused();
  await expect(form.getByLabel('Name')).toHaveValue(name.toUpperCase());
  await expect(form.getByLabel('Plan year')).toHaveValue('2029');
  await expect(form.getByLabel('Method')).toHaveValue('detailed');
  await expect(programme.getByRole('link', { name: name.toUpperCase(), exact: true })).toHaveCount(0);
  // Stopped by the browser's own check of the year, the form no longer shows the answer about the old name.
  await form.getByLabel('Plan year').fill('1800');
  await create.click();
  await expect(form.getByRole('alert')).toHaveCount(0);
  // A name of spaces alone is refused by the page itself: nothing is sent, and the year typed stays.
  const creations: string[] = [];
  programme.on('request', (request) => { if (request.url().includes('assessment.create')) creations.push(request.url()); });
  await form.getByLabel('Plan year').fill('2029');
  await form.getByLabel('Name').fill('   ');
  await create.click();
  await expect(form.getByRole('alert')).toHaveText('Enter a name for the assessment.');
  await expect(form.getByLabel('Plan year')).toHaveValue('2029');
  // A name too long is not cut short without a word: it is kept whole, and the page says how long it may be.
  const long = `Revision ${'x'.repeat(120)}`;
  await form.getByLabel('Name').fill(long);
  await create.click();
  await expect(form.getByRole('alert')).toHaveText('An assessment name can be at most 120 characters long.');
  await expect(form.getByLabel('Name')).toHaveValue(long);
  expect(creations).toEqual([]);
  await programme.goto(assessmentUrl);

  // Only facilitators get the controls.
  const memberPage = await member.newPage();
  await memberPage.goto(`/programmes/${programmeId}`);
  await expect(memberPage.getByRole('link', { name })).toBeVisible();
  await expect(memberPage.getByRole('region', { name: 'New assessment' })).toHaveCount(0);
  await memberPage.goto(assessmentUrl);
  await expect(memberPage.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(memberPage.getByRole('region', { name: 'Assessment status' })).toHaveCount(0);

  // A member already on the team's page of the draft sees it open without a reload.
  const early = await openOnline(member, `${new URL(assessmentUrl).pathname}/teams/${china.id}`);
  await expect(early.getByText('2026 · rapid assessment · draft')).toBeVisible();

  const status = programme.getByRole('region', { name: 'Assessment status' });
  await status.getByRole('button', { name: 'Open for rating' }).click();
  await expect(programme.getByText('2026 · rapid assessment · open')).toBeVisible();
  await expect(early.getByText('2026 · rapid assessment · open')).toBeVisible();
  await early.close();

  // The member goes straight to rating from the programme page; the facilitator closes while their page is open.
  await memberPage.goto(`/programmes/${programmeId}`);
  const rateLink = memberPage.getByRole('listitem').filter({ hasText: name }).getByRole('link', { name: `Rate for ${china.name}` });
  await expect(rateLink).toHaveAttribute('href', `${new URL(assessmentUrl).pathname}/teams/${china.id}`);
  const rating = await openOnline(member, (await rateLink.getAttribute('href'))!);
  await rating.getByLabel('Rating of Fire').selectOption({ label: 'High' });
  await expect(programme.getByRole('table', { name: 'Team comparison (live)' })
    .getByRole('row').filter({ has: programme.getByRole('rowheader', { name: 'Fire', exact: true }) })).toContainText('High');
  const closedNoticeShown = await watchAlerts(programme, 'A facilitator has closed this assessment');
  // The member is writing a rationale when it closes: the words stay on screen, said to be unsaved, to be copied.
  // In a second tab, the member has stepped to a level with the arrow keys, not yet confirmed.
  const browsing = await openOnline(member, new URL(rating.url()).pathname);
  await browsing.getByLabel('Rating of Poaching').focus();
  await browsing.keyboard.press('ArrowDown');
  await expect(browsing.getByText('Not saved yet', { exact: true })).toBeVisible();
  // Typed just before the close, within the pause after which a rationale is saved.
  const words = 'Burnt area doubled since 2019';
  const rationaleBox = rating.getByRole('textbox', { name: 'Rationale for Fire' });
  await rationaleBox.fill(words);
  await status.getByRole('button', { name: 'Close rating' }).click();
  await expect(programme.getByText('2026 · rapid assessment · closed')).toBeVisible();
  // The facilitator who closed it is not told to reload: their page shows the stored table by itself.
  expect(await closedNoticeShown()).toBe(false);
  // The stored table holds the member's rating.
  await expect(programme.getByRole('table', { name: 'Direct threats per team' })
    .getByRole('row').filter({ has: programme.getByRole('rowheader', { name: 'Fire', exact: true }) })).toContainText('High');
  // Nothing was published for it, so no value is marked "*" and nothing under the table explains a mark.
  await expect(programme.getByText(/The published value differs/)).toHaveCount(0);

  // The member is told at once, and can no longer change anything.
  const closedNotice = rating.getByRole('alert').filter({ hasText: 'A facilitator has closed this assessment' });
  await expect(closedNotice).toContainText('ratings can no longer be changed');
  await expect(rating.getByLabel('Rating of Fire')).toBeDisabled();
  await expect(rating.getByText('2026 · rapid assessment · closed')).toBeVisible();
  await expect(rationaleBox).toHaveValue(words);
  await expect(rationaleBox).not.toBeEditable();
  // The level that was never confirmed is not saved, and the picker says which it was.
  await expect(browsing.getByLabel('Rating of Poaching')).toHaveValue('');
  await expect(browsing.getByText('Not saved: Very High')).toBeVisible();
  await expect(rationaleBox).toHaveAccessibleDescription(/Not saved: .* Copy your text to keep it/);
  await expect(programme.getByRole('table', { name: 'Direct threats per team' })).not.toContainText(words);

  // Reopened: the member's open page takes changes again without a reload.
  await status.getByRole('button', { name: 'Reopen for rating' }).click();
  await expect(programme.getByText('2026 · rapid assessment · open')).toBeVisible();
  await expect(closedNotice).toHaveCount(0);
  await expect(rating.getByText('2026 · rapid assessment · open')).toBeVisible();
  await rating.getByLabel('Rating of Fire').selectOption({ label: 'Medium' });
  await expect(programme.getByRole('table', { name: 'Team comparison (live)' })
    .getByRole('row').filter({ has: programme.getByRole('rowheader', { name: 'Fire', exact: true }) })).toContainText('Medium');
  // … and the rationale kept on screen is saved now, after the usual pause.
  await expect(rationaleBox).toBeEditable();
  // The history opens below all fifteen rows: it comes into view, focused, and closing it goes back to its button.
  const historyButton = rating.getByRole('button', { name: 'History of Fire' });
  await historyButton.click();
  const historyHeading = rating.getByRole('heading', { name: 'History: Fire' });
  await expect(historyHeading).toBeFocused();
  await expect(historyHeading).toBeInViewport();
  await expect(rating.getByRole('list', { name: 'History: Fire' }).getByRole('listitem').filter({ hasText: words })).toHaveCount(1, { timeout: 15_000 });
  await rating.getByRole('button', { name: 'Close history' }).click();
  await expect(historyButton).toBeFocused();
  await status.getByRole('button', { name: 'Close rating' }).click();
  await expect(programme.getByRole('table', { name: 'Direct threats per team' })
    .getByRole('row').filter({ has: programme.getByRole('rowheader', { name: 'Fire', exact: true }) })).toContainText('Medium');
  await expect(closedNotice).toBeVisible();

  // Publishing asks first, with Cancel focused; Escape or Cancel keeps it closed and goes back to Publish.
  await status.getByRole('button', { name: 'Publish' }).click();
  const confirm = status.getByRole('alertdialog', { name: 'Publish' });
  await expect(confirm).toHaveAccessibleDescription(/Publishing is final/);
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await programme.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(status.getByRole('button', { name: 'Publish' })).toBeFocused();
  await status.getByRole('button', { name: 'Publish' }).click();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(programme.getByText('2026 · rapid assessment · closed')).toBeVisible();
  await status.getByRole('button', { name: 'Publish' }).click();
  await confirm.getByRole('button', { name: 'Publish for good' }).click();
  await expect(programme.getByText('2026 · rapid assessment · published')).toBeVisible();
  await expect(status).toBeFocused();
  await expect(status).toContainText('can no longer change');
  await expect(status.getByRole('button')).toHaveCount(0);
  // The member's open page says it is published, not merely closed.
  await expect(rating.getByText('2026 · rapid assessment · published')).toBeVisible();
  await expect(rating.getByRole('alert').filter({ hasText: 'A facilitator has published this assessment' })).toBeVisible();
  await expect(closedNotice).toHaveCount(0);

  // The programme lists it as published, and members are no longer asked to rate it.
  await programme.goto(`/programmes/${programmeId}`);
  await expect(programme.getByRole('listitem').filter({ hasText: name })).toContainText('published');
  await memberPage.reload();
  await expect(memberPage.getByRole('listitem').filter({ hasText: name })).toContainText('published');
  await expect(rateLink).toHaveCount(0);
});
