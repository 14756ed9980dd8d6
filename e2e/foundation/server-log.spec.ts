import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { openOnline, openWorkshop, type Workshop } from '../support/workshop';

let workshop: Workshop;
test.afterEach(async () => workshop?.close());

// Two copies of Yjs in the server process (the socket's, and one bundled into the pages' server rendering) break
// its constructor checks; Yjs says so in the log.
test('the server runs one copy of the document library: serving a live page logs no warning of a second', async ({ browser }) => {
  workshop = await openWorkshop(browser, 'rapid', `One Yjs ${Date.now()}`);
  const page = await openOnline(workshop.facilitator, `/assessments/${workshop.assessmentId}/teams/${workshop.teams.china}`);
  await page.getByLabel('Rating of Fire').selectOption({ label: 'High' });
  await page.goto(`/assessments/${workshop.assessmentId}`);
  await expect(page.getByRole('table', { name: 'Team comparison (live)' })).toContainText('High');
  expect(readFileSync(process.env.HEILONG_E2E_SERVER_LOG!, 'utf8')).not.toContain('Yjs was already imported');
});
