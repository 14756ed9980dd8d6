import { expect, test, type Page } from '@playwright/test';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { writeThreat } from '../../server/collab/document';
import { roomName } from '../../server/collab/protocol';
import { openWorkshop, type Workshop } from '../support/workshop';

const comparisonRow = (page: Page, threat: string) =>
  page.getByRole('table', { name: 'Team comparison (live)' }).getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: threat, exact: true }) });

/** Cells after the row header: China, Mongolia, Russia, Teams apart, Ecoregional, Details. */
const comparisonCell = (page: Page, threat: string, column: number) => comparisonRow(page, threat).getByRole('cell').nth(column);

let workshop: Workshop;
test.afterEach(async () => workshop?.close());

test('four people rate at once and see each other live; nobody writes another team’s ratings', async ({ browser, baseURL }) => {
  workshop = await openWorkshop(browser, 'rapid', `Live workshop ${Date.now()}`);
  const { assessmentId, teams } = workshop;
  const assessmentPage = `/assessments/${assessmentId}`;
  const teamPage = (team: keyof typeof teams) => `${assessmentPage}/teams/${teams[team]}`;

  // Each member: their team's page and the comparison. The facilitator: the comparison and China's page.
  const open = async (context: typeof workshop.facilitator, path: string) => {
    const page = await context.newPage();
    await page.goto(path);
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('online');
    return page;
  };
  const [china, mongolia, russia] = await Promise.all([
    open(workshop.members.china, teamPage('china')),
    open(workshop.members.mongolia, teamPage('mongolia')),
    open(workshop.members.russia, teamPage('russia')),
  ]);
  const [chinaCompare, mongoliaCompare, russiaCompare, facilitatorCompare, facilitatorChina] = await Promise.all([
    open(workshop.members.china, assessmentPage),
    open(workshop.members.mongolia, assessmentPage),
    open(workshop.members.russia, assessmentPage),
    open(workshop.facilitator, assessmentPage),
    open(workshop.facilitator, teamPage('china')),
  ]);

  // All three rate Fire at the same moment.
  await Promise.all([
    china.getByLabel('Rating of Fire').selectOption({ label: 'Low' }),
    mongolia.getByLabel('Rating of Fire').selectOption({ label: 'High' }),
    russia.getByLabel('Rating of Fire').selectOption({ label: 'Very High' }),
  ]);

  for (const page of [chinaCompare, mongoliaCompare, russiaCompare, facilitatorCompare]) {
    await expect(comparisonCell(page, 'Fire', 0)).toHaveText(/Low/);
    await expect(comparisonCell(page, 'Fire', 1)).toHaveText(/High/);
    await expect(comparisonCell(page, 'Fire', 2)).toHaveText(/Very High/);
    await expect(comparisonCell(page, 'Fire', 3)).toHaveText('3 levels apart');
  }
  // The facilitator sees China's column live on China's page, with its computed summaries.
  await expect(facilitatorChina.getByLabel('Rating of Fire')).toHaveValue('low');
  const chinaOverall = facilitatorChina.getByRole('row', { name: /Overall threat rating \(computed\)/ });
  await expect(chinaOverall).toContainText('Low');
  await china.getByLabel('Rating of Climate Change').selectOption({ label: 'Very High' });
  await china.getByLabel('Rating of Poaching').selectOption({ label: 'Very High' });
  await expect(chinaOverall).toContainText('Very High');

  // Presence: China's member and the facilitator see each other on China's page.
  await expect(china.getByRole('list', { name: 'Online now' })).toContainText('Fiona Facilitator');
  await expect(facilitatorChina.getByRole('list', { name: 'Online now' })).toContainText('Chen China');

  // The agreed value: the median is offered, the facilitator takes it, everyone sees it.
  await facilitatorCompare.getByRole('button', { name: 'Use median (High) for Fire' }).click();
  for (const page of [chinaCompare, mongoliaCompare, russiaCompare]) {
    await expect(comparisonCell(page, 'Fire', 4)).toHaveText(/High/);
  }
  await expect(chinaCompare.getByRole('button', { name: /Use median/ })).toHaveCount(0);

  // China's member cannot edit Russia's ratings in the UI …
  const chinaOnRussia = await open(workshop.members.china, teamPage('russia'));
  await expect(chinaOnRussia.getByText('You can read these ratings but not change them.')).toBeVisible();
  await expect(chinaOnRussia.getByLabel('Rating of Fire')).toHaveCount(0);

  // … nor by writing to Russia's document through the socket.
  const fire = workshop.threats.find((t) => t.name === 'Fire')!.id;
  const forged = new Y.Doc();
  writeThreat(forged, fire, { rating: 'low', rationale: 'forged by another team' });
  const frame = encoding.createEncoder();
  encoding.writeVarUint(frame, 0); // sync
  encoding.writeVarUint(frame, 2); // update
  encoding.writeVarUint8Array(frame, Y.encodeStateAsUpdate(forged));
  const socketUrl = `${baseURL!.replace(/^http/, 'ws')}/collab/${roomName({ assessmentId, teamId: teams.russia })}`;
  const answered = await chinaOnRussia.evaluate(async ({ url, bytes }) => new Promise<boolean>((resolve) => {
    const socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    let messages = 0;
    socket.onmessage = () => (messages += 1);
    socket.onopen = () => {
      socket.send(new Uint8Array(bytes));
      setTimeout(() => { socket.close(); resolve(messages > 0); }, 1000);
    };
  }), { url: socketUrl, bytes: [...encoding.toUint8Array(frame)] });
  expect(answered).toBe(true);

  // Russia makes a later change; once it has arrived everywhere, Fire is still Russia's own value.
  await russia.getByLabel('Rating of Climate Change').selectOption({ label: 'High' });
  await expect(comparisonCell(facilitatorCompare, 'Climate Change', 2)).toHaveText(/High/);
  await expect(comparisonCell(facilitatorCompare, 'Fire', 2)).toHaveText(/Very High/);
  await expect(russia.getByLabel('Rating of Fire')).toHaveValue('very_high');
  await chinaOnRussia.reload();
  await expect(chinaOnRussia.getByRole('table', { name: 'Threat ratings: Russia' }).getByRole('row', { name: /^Fire/ })).toContainText('Very High');
});
