import { eventually, openBoardAs, type TestUser } from './support/harness';
import { browserSuite } from './support/suite';
import { card, dialog, teamOfTwo } from './support/team-of-two';

jest.setTimeout(150_000);

const suite = browserSuite({ width: 1400, height: 900 });

let alice: TestUser;
let bob: TestUser;
let teamId: string;

beforeAll(async () => {
  ({ alice, bob, teamId } = await teamOfTwo(suite.server.url, 'Card model'));
});

test('a label, an assignee, a checklist and a due time set in the dialog show on a teammate’s card front, in their own zone', async () => {
  const { board } = await alice.api<{ board: { id: string } }>('POST', `/api/teams/${teamId}/boards`, {
    title: 'Launch',
  });
  const api = `/api/teams/${teamId}/boards/${board.id}`;
  const { list } = await alice.api<{ list: { id: string } }>('POST', `${api}/lists`, { title: 'To Do' });
  await alice.api('POST', `${api}/cards`, { listId: list.id, title: 'Press release' });
  const path = `/app/teams/${teamId}/boards/${board.id}`;
  // Alice in Paris, Bob in New York: the due time is typed on one wall clock and read on the other.
  const a = await openBoardAs(
    await suite.newContext(undefined, { timezoneId: 'Europe/Paris', locale: 'en-GB' }),
    suite.server.url,
    alice,
    path,
  );
  const b = await openBoardAs(
    await suite.newContext(undefined, { timezoneId: 'America/New_York', locale: 'en-GB' }),
    suite.server.url,
    bob,
    path,
  );

  await card(a, 'Press release').click();
  const d = dialog(a);
  await d.getByRole('button', { name: 'Create label' }).click();
  await d.getByLabel('Label name').fill('Urgent');
  await d.getByText('red', { exact: true }).click();
  await d.getByRole('button', { name: 'Create label' }).click();
  await d.getByRole('button', { name: 'Alice (you)' }).click();
  await d.getByLabel('Add a checklist').fill('Steps');
  await d.getByLabel('Add a checklist').press('Enter');
  await d.getByLabel('Add an item to Steps').fill('Draft');
  await d.getByLabel('Add an item to Steps').press('Enter');
  await d.getByLabel('Add an item to Steps').fill('Publish');
  await d.getByLabel('Add an item to Steps').press('Enter');
  await d.getByRole('checkbox', { name: 'Draft' }).check();
  await d.getByLabel('Due date and time').fill('2030-01-15T10:00');
  await d.getByLabel('Due date and time').press('Enter');
  await eventually(async () =>
    expect(await d.getByText(/Times are in your time zone: .*Europe\/Paris/).count()).toBe(1),
  );
  expect(await d.getByRole('button', { name: 'Urgent', exact: true }).getAttribute('aria-pressed')).toBe('true');
  await suite.shoot(a, 'card-model-dialog');
  await a.keyboard.press('Escape');

  const front = card(b, 'Press release');
  await eventually(async () => expect(await front.getByTestId('label-chip').textContent()).toBe('Urgent'));
  expect(await front.getByTestId('label-chip').getAttribute('data-color')).toBe('red');
  await eventually(async () => expect(await front.getByRole('img', { name: 'Alice' }).count()).toBe(1));
  await eventually(async () => expect(await front.getByTestId('checklist-badge').textContent()).toContain('1/2'));
  // 10:00 in Paris is 09:00 UTC, which is 04:00 in New York.
  await eventually(async () =>
    expect(await front.getByTestId('due-badge').textContent()).toBe('Due: 15 Jan 2030, 04:00'),
  );
  await suite.shoot(b, 'card-model-front');

  const snapshot = await bob.api<{ cards: { title: string; dueAt: string; assignees: string[]; labels: string[] }[] }>(
    'GET',
    api,
  );
  expect(snapshot.cards.find((c) => c.title === 'Press release')).toMatchObject({
    dueAt: '2030-01-15T09:00:00.000Z',
    assignees: [alice.id],
    labels: ['Urgent'],
  });
});

test('checklist and member edits made offline are kept, sent on reconnect, and both browsers converge', async () => {
  const { board } = await alice.api<{ board: { id: string } }>('POST', `/api/teams/${teamId}/boards`, {
    title: 'Offline card model',
  });
  const api = `/api/teams/${teamId}/boards/${board.id}`;
  const { list } = await alice.api<{ list: { id: string } }>('POST', `${api}/lists`, { title: 'To Do' });
  const { card: created } = await alice.api<{ card: { id: string } }>('POST', `${api}/cards`, {
    listId: list.id,
    title: 'Field trip',
  });
  await alice.api('POST', `${api}/cards/${created.id}/checklists`, { title: 'Pack' });
  const path = `/app/teams/${teamId}/boards/${board.id}`;
  const bobContext = await suite.newContext();
  const a = await openBoardAs(await suite.newContext(), suite.server.url, alice, path);
  const b = await openBoardAs(bobContext, suite.server.url, bob, path);

  await bobContext.setOffline(true);
  await eventually(async () => expect(await b.getByTestId('connection').getAttribute('data-state')).toBe('offline'));
  await card(b, 'Field trip').click();
  const d = dialog(b);
  await d.getByLabel('Add an item to Pack').fill('Tent');
  await d.getByLabel('Add an item to Pack').press('Enter');
  await d.getByLabel('Add an item to Pack').fill('Map');
  await d.getByLabel('Add an item to Pack').press('Enter');
  await d.getByRole('checkbox', { name: 'Tent' }).check();
  await d.getByRole('button', { name: 'Bob (you)' }).click();
  await b.keyboard.press('Escape');
  // Shown at once from this device's queue, while the server has none of it yet.
  await eventually(async () =>
    expect(await card(b, 'Field trip').getByTestId('checklist-badge').textContent()).toContain('1/2'),
  );
  const whileOffline = await alice.api<{ cards: { checklists: { items: unknown[] }[] }[] }>('GET', api);
  expect(whileOffline.cards[0]?.checklists[0]?.items).toEqual([]);

  await bobContext.setOffline(false);
  await eventually(
    async () => expect(await card(a, 'Field trip').getByTestId('checklist-badge').textContent()).toContain('1/2'),
    30_000,
  );
  await eventually(async () => expect(await card(a, 'Field trip').getByRole('img', { name: 'Bob' }).count()).toBe(1));
  const after = await alice.api<{
    cards: { assignees: string[]; checklists: { items: { title: string; done: boolean }[] }[] }[];
  }>('GET', api);
  expect(after.cards[0]?.assignees).toEqual([bob.id]);
  expect(after.cards[0]?.checklists[0]?.items.map((i) => [i.title, i.done])).toEqual([
    ['Tent', true],
    ['Map', false],
  ]);
});
