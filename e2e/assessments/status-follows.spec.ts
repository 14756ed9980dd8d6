import { expect, test, type BrowserContext } from '@playwright/test';
import { inviteUser, seededProgramme, signInOverHttp, trpcMutation } from '../support/accounts';
import { openOnline } from '../support/workshop';

const contexts: BrowserContext[] = [];
test.afterEach(async () => Promise.all(contexts.splice(0).map((c) => c.close())));

test('an open assessment page follows another facilitator closing and reopening it: heading, controls and notice', async ({ browser }) => {
  const first = await browser.newContext();
  contexts.push(first);
  const { programmeId, teams } = await seededProgramme(first);
  const name = `Status follows ${Date.now()}`;
  const { id: assessmentId } = await trpcMutation<{ id: string }>(first.request, 'assessment.create', { programmeId, name, year: 2026, mode: 'rapid' });
  await trpcMutation(first.request, 'assessment.setStatus', { assessmentId, status: 'open' });
  const signedIn = async (role: 'facilitator' | 'observer', label: string) => {
    const account = await inviteUser(first, programmeId, role, null, label);
    const context = await browser.newContext();
    contexts.push(context);
    await signInOverHttp(context.request, account.email, account.password);
    return context;
  };
  const path = `/assessments/${assessmentId}`;
  const closing = await openOnline(first, path);
  const other = await openOnline(await signedIn('facilitator', 'Farid Second'), path);
  const observer = await openOnline(await signedIn('observer', 'Olga Follows'), path);
  const closedNotice = 'A facilitator has closed this assessment';

  await closing.getByRole('region', { name: 'Assessment status' }).getByRole('button', { name: 'Close rating' }).click();
  await expect(closing.getByText('2026 · rapid assessment · closed')).toBeVisible();
  // The other facilitator's page offers the moves from closed, without a reload; the observer hears of it too.
  await expect(other.getByText('2026 · rapid assessment · closed')).toBeVisible();
  const otherControl = other.getByRole('region', { name: 'Assessment status' });
  await expect(otherControl.getByRole('button', { name: 'Reopen for rating' })).toBeVisible();
  await expect(otherControl.getByRole('button', { name: 'Close rating' })).toHaveCount(0);
  await expect(other.getByRole('alert').filter({ hasText: closedNotice })).toBeVisible();
  await expect(observer.getByText('2026 · rapid assessment · closed')).toBeVisible();
  await expect(observer.getByRole('alert').filter({ hasText: closedNotice })).toBeVisible();

  // The first page, shown anew as closed, says "open" only once its live table is back: never above its read-only note.
  await expect(closing.getByText('This assessment is closed: everything here is read-only.')).toBeVisible();
  await closing.evaluate(() => {
    const seen = window as unknown as { saidOpenWhileReadOnly: boolean };
    seen.saidOpenWhileReadOnly = false;
    new MutationObserver(() => {
      const text = document.body.innerText;
      if (text.includes('rapid assessment · open') && text.includes('everything here is read-only')) seen.saidOpenWhileReadOnly = true;
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });

  // Reopened from the other page: the first follows, and the notices go.
  await otherControl.getByRole('button', { name: 'Reopen for rating' }).click();
  await expect(other.getByText('2026 · rapid assessment · open')).toBeVisible();
  await expect(closing.getByText('2026 · rapid assessment · open')).toBeVisible();
  await expect(closing.getByRole('region', { name: 'Assessment status' }).getByRole('button', { name: 'Close rating' })).toBeVisible();
  expect(await closing.evaluate(() => (window as unknown as { saidOpenWhileReadOnly: boolean }).saidOpenWhileReadOnly)).toBe(false);
  await expect(observer.getByText('2026 · rapid assessment · open')).toBeVisible();
  await expect(observer.getByRole('alert').filter({ hasText: closedNotice })).toHaveCount(0);
  await expect(otherControl.getByRole('alert')).toHaveCount(0);

  // A question about the old status goes with it: asked to confirm publishing, the other sees it reopened instead.
  const closingControl = closing.getByRole('region', { name: 'Assessment status' });
  await closingControl.getByRole('button', { name: 'Close rating' }).click();
  await otherControl.getByRole('button', { name: 'Publish' }).click();
  await expect(otherControl.getByRole('alertdialog')).toBeVisible();
  await closingControl.getByRole('button', { name: 'Reopen for rating' }).click();
  await expect(otherControl.getByRole('alertdialog')).toHaveCount(0);
  await expect(otherControl.getByRole('button', { name: 'Close rating' })).toBeVisible();
  // A keyboard user whose button went with a move made elsewhere stays with the control.
  await otherControl.getByRole('button', { name: 'Close rating' }).focus();
  await closingControl.getByRole('button', { name: 'Close rating' }).click();
  await expect(otherControl.getByRole('button', { name: 'Reopen for rating' })).toBeVisible();
  await expect(otherControl).toBeFocused();

  // A team's page open while the assessment is published says so at once, note included (it said "closed").
  const teamPage = await openOnline(observer.context(), `${path}/teams/${teams.find((team) => team.key === 'china')!.id}`);
  await expect(teamPage.getByText('This assessment is closed: ratings are read-only.')).toBeVisible();
  await trpcMutation(first.request, 'assessment.setStatus', { assessmentId, status: 'published' });
  await expect(teamPage.getByText('2026 · rapid assessment · published')).toBeVisible();
  await expect(teamPage.getByText('This assessment is published: ratings are read-only.')).toBeVisible();
  await expect(teamPage.getByText('This assessment is closed: ratings are read-only.')).toHaveCount(0);
});

