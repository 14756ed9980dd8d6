import { expect, test, type Page } from '@playwright/test';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { writeThreat } from '../../server/collab/document';
import { MESSAGE, READ_ONLY_REASON, readAuthSignal, roomName } from '../../server/collab/protocol';
import { openOnline, openWorkshop, type Workshop } from '../support/workshop';

const comparisonRow = (page: Page, threat: string) =>
  page.getByRole('table', { name: 'Team comparison (live)' }).getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: threat, exact: true }) });

/** Cells after the row header: China, Mongolia, Russia, Teams apart, Ecoregional, Details. */
const comparisonCell = (page: Page, threat: string, column: number) => comparisonRow(page, threat).getByRole('cell').nth(column);

let workshop: Workshop;
test.afterEach(async () => workshop?.close());

test('four people rate at once and see each other live; nobody writes another team’s ratings', async ({ browser, baseURL }) => {
  const name = `Live workshop ${Date.now()}`;
  workshop = await openWorkshop(browser, 'rapid', name);
  const { assessmentId, teams } = workshop;
  const assessmentPage = `/assessments/${assessmentId}`;
  const teamPage = (team: keyof typeof teams) => `${assessmentPage}/teams/${teams[team]}`;

  // Each member: their team's page and the comparison. The facilitator: the comparison and China's page.
  const [china, mongolia, russia] = await Promise.all([
    openOnline(workshop.members.china, teamPage('china')),
    openOnline(workshop.members.mongolia, teamPage('mongolia')),
    openOnline(workshop.members.russia, teamPage('russia')),
  ]);
  const [chinaCompare, mongoliaCompare, russiaCompare, facilitatorCompare, facilitatorChina] = await Promise.all([
    openOnline(workshop.members.china, assessmentPage),
    openOnline(workshop.members.mongolia, assessmentPage),
    openOnline(workshop.members.russia, assessmentPage),
    openOnline(workshop.facilitator, assessmentPage),
    openOnline(workshop.facilitator, teamPage('china')),
  ]);

  // Each page names itself in its tab: a workshop keeps several open.
  await expect(china).toHaveTitle(`Landscapes in China — ${name} — Heilong`);

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
  // Each picker wears its level's Miradi colour (Low #50a550; Very High #c15046 with white text).
  await expect(facilitatorChina.getByLabel('Rating of Fire')).toHaveCSS('background-color', 'rgb(80, 165, 80)');
  await expect(russia.getByLabel('Rating of Fire')).toHaveCSS('background-color', 'rgb(193, 80, 70)');
  await expect(russia.getByLabel('Rating of Fire')).toHaveCSS('color', 'rgb(255, 255, 255)');
  const chinaOverall = facilitatorChina.getByRole('row', { name: /Overall threat rating \(computed\)/ });
  await expect(facilitatorChina.getByRole('table', { name: 'Threat ratings: China' }).getByRole('columnheader').first()).toHaveText('Direct threats');
  await expect(chinaOverall).toContainText('Low');
  await china.getByLabel('Rating of Climate Change').selectOption({ label: 'Very High' });
  await china.getByLabel('Rating of Poaching').selectOption({ label: 'Very High' });
  await expect(chinaOverall).toContainText('Very High');

  // Presence: China's member and the facilitator see each other on China's page.
  await expect(china.getByRole('list', { name: 'Online now' })).toContainText('Fiona Facilitator');
  await expect(facilitatorChina.getByRole('list', { name: 'Online now' })).toContainText('Chen China');
  // Counted too, as the line may go on past the screen's edge: the comparison pages are not present in the rooms they read.
  await expect(china.getByRole('heading', { level: 2, name: 'Online now (2)' })).toBeVisible();
  // The agreed column's own page tells those on it from those on the comparison (present in the same document).
  const agreedPage = await openOnline(workshop.facilitator, teamPage('ecoregional'));
  const onAgreedPage = agreedPage.getByRole('list', { name: 'Online now' });
  // (A member cannot change the agreed column: in its document they are viewing, not editing.)
  await expect(onAgreedPage.getByRole('listitem').filter({ hasText: 'Bat Mongolia' })).toHaveText('Bat Mongolia viewing the team comparison');
  await expect(facilitatorCompare.getByRole('list', { name: 'Online now' }).getByRole('listitem').filter({ hasText: 'Bat Mongolia' }))
    .not.toContainText('team comparison');
  await agreedPage.close();

  // The agreed value: the median is offered, the facilitator takes it, everyone sees it.
  // The agreed column counts what is agreed so far; a threat only one team rated gets no median to take.
  const agreedProgress = (page: Page, done: number) => page.getByText(`Ecoregional level: agreed for ${done} of 15 threats`);
  await expect(agreedProgress(facilitatorCompare, 0)).toBeVisible();
  await expect(facilitatorCompare.getByRole('button', { name: /Use median .* for Poaching/ })).toHaveCount(0);
  await expect(facilitatorCompare.getByRole('button', { name: 'Use median (High) for Fire' }))
    .toHaveAccessibleDescription(/middle of the country teams’ ratings/);
  // Taken with the keyboard: the button goes, and the focus moves to the cell's picker, not to the page's start.
  await facilitatorCompare.getByRole('button', { name: 'Use median (High) for Fire' }).focus();
  await facilitatorCompare.keyboard.press('Enter');
  await expect(facilitatorCompare.getByRole('combobox', { name: /^Agreed rating of Fire/ })).toBeFocused();
  for (const page of [chinaCompare, mongoliaCompare, russiaCompare]) {
    await expect(comparisonCell(page, 'Fire', 4)).toHaveText(/High/);
    await expect(agreedProgress(page, 1)).toBeVisible();
  }
  await expect(chinaCompare.getByRole('button', { name: /Use median/ })).toHaveCount(0);
  // Someone with a threat's details open is on its agreed rating, said as such (a bare "on Fire" would read as a cell).
  await facilitatorCompare.getByRole('button', { name: 'Details of Fire' }).click();
  await expect(chinaCompare.getByRole('list', { name: 'Online now' }).getByRole('listitem').filter({ hasText: 'Fiona Facilitator' }))
    .toContainText('on the agreed rating of Fire');
  await facilitatorCompare.getByRole('button', { name: 'Close details' }).click();

  // China's member cannot edit Russia's ratings in the UI …
  const chinaOnRussia = await openOnline(workshop.members.china, teamPage('russia'));
  await expect(chinaOnRussia.getByText('You can read these ratings but not change them.')).toBeVisible();
  await expect(chinaOnRussia.getByLabel('Rating of Fire')).toHaveCount(0);

  // … nor by writing to Russia's document through the socket: a rating and rationale for Overgrazing,
  // which nobody has rated, so no earlier value of Russia's could hide them if the server took them.
  const overgrazing = workshop.threats.find((t) => t.name === 'Overgrazing')!.id;
  const forgedRationale = 'forged by another team';
  const forged = new Y.Doc();
  writeThreat(forged, overgrazing, { rating: 'very_high', rationale: forgedRationale });
  const frame = encoding.createEncoder();
  encoding.writeVarUint(frame, MESSAGE.sync);
  encoding.writeVarUint(frame, 2); // sync: update
  encoding.writeVarUint8Array(frame, Y.encodeStateAsUpdate(forged));
  const socketUrl = `${baseURL!.replace(/^http/, 'ws')}/collab/${roomName({ assessmentId, teamId: teams.russia })}`;
  // Every message the server sends on that socket, until it refuses the write (or 5 s pass).
  const denied = 0; // y-protocols' "permission denied" auth message (see readAuthSignal)
  const received = await chinaOnRussia.evaluate(async ({ url, bytes, auth, denied }) => new Promise<number[][]>((resolve) => {
    const socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    const messages: number[][] = [];
    const done = () => { clearTimeout(timer); socket.close(); resolve(messages); };
    const timer = setTimeout(done, 5000);
    socket.onmessage = (event) => {
      const message = [...new Uint8Array(event.data as ArrayBuffer)];
      messages.push(message);
      if (message[0] === auth && message[1] === denied) done();
    };
    socket.onclose = done;
    socket.onopen = () => socket.send(new Uint8Array(bytes));
  }), { url: socketUrl, bytes: [...encoding.toUint8Array(frame)], auth: MESSAGE.auth, denied });
  const said = received.flatMap((message) => {
    const decoder = decoding.createDecoder(new Uint8Array(message));
    return decoding.readVarUint(decoder) === MESSAGE.auth ? [readAuthSignal(decoder)] : [];
  });
  // On connecting: the assessment is open (it takes changes); then this person's write is refused.
  expect(said).toEqual([{ kind: 'status', status: 'open' }, { kind: 'denied', reason: READ_ONLY_REASON }]);

  // Russia makes a later change; once it has reached the facilitator, nothing forged is there, and Fire is still Russia's.
  await russia.getByLabel('Rating of Climate Change').selectOption({ label: 'High' });
  await expect(comparisonCell(facilitatorCompare, 'Climate Change', 2)).toHaveText('High');
  await expect(comparisonCell(facilitatorCompare, 'Overgrazing', 2)).toHaveText('Not rated');
  await facilitatorCompare.getByRole('button', { name: 'Details of Overgrazing' }).click();
  const details = facilitatorCompare.getByRole('region', { name: 'Agreed rating details' });
  await expect(details).toContainText('Landscapes in Russia: Not rated');
  await expect(details).not.toContainText(forgedRationale);
  await expect(comparisonCell(facilitatorCompare, 'Fire', 2)).toHaveText('Very High');
  await expect(russia.getByLabel('Rating of Overgrazing')).toHaveValue('');
  await expect(russia.getByLabel('Rationale for Overgrazing')).toHaveValue('');
  await expect(russia.getByLabel('Rating of Fire')).toHaveValue('very_high');
  // Nor did the server keep it: a fresh load shows Russia's ratings only.
  await chinaOnRussia.reload();
  const russiaTable = chinaOnRussia.getByRole('table', { name: 'Threat ratings: Russia' });
  await expect(russiaTable.getByRole('row', { name: /^Fire/ })).toContainText('Very High');
  await expect(russiaTable.getByRole('row', { name: /^Overgrazing/ })).toContainText('Not rated');
  await expect(russiaTable).not.toContainText(forgedRationale);
});
