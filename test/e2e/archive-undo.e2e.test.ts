import type { Page } from 'playwright-core';
import { boardTitles, eventually, joinTeam, openBoardAs, seedBoard, signUp, type TestUser } from './support/harness';
import { browserSuite } from './support/suite';

jest.setTimeout(120_000);

const suite = browserSuite({ width: 1400, height: 900 });

let alice: TestUser;
let bob: TestUser;
let teamId: string;

const card = (page: Page, title: string) => page.locator('[data-testid="card"]', { hasText: title });
const toast = (page: Page) => page.getByTestId('toast');

beforeAll(async () => {
  [alice, bob] = await Promise.all([signUp(suite.server.url, 'Alice'), signUp(suite.server.url, 'Bob')]);
  ({
    team: { id: teamId },
  } = await alice.api<{ team: { id: string } }>('POST', '/api/teams', { name: 'Archive' }));
  await joinTeam(alice, bob, teamId, 'member');
});

test('an archived card shows in the archive and comes back on restore, for everyone', async () => {
  const board = await seedBoard(alice, teamId, 'Shelf', { 'To Do': ['Keep', 'Shelve me'] });
  const a = await openBoardAs(await suite.newContext(), suite.server.url, alice, board.path);
  const b = await openBoardAs(await suite.newContext(), suite.server.url, bob, board.path);

  // "c" archives the focused card; the toast offers to undo it.
  await card(a, 'Shelve me').focus();
  await a.keyboard.press('c');
  await eventually(async () => expect((await boardTitles(a))['List To Do']).toEqual(['Keep']));
  await eventually(async () => expect(await toast(a).textContent()).toContain('Card archived'));
  await eventually(async () => expect((await boardTitles(b))['List To Do']).toEqual(['Keep']));

  await a.getByRole('button', { name: 'Archive', exact: true }).click();
  const panel = a.getByTestId('archive-panel');
  await eventually(async () => expect(await panel.getByTestId('archived-card').allTextContents()).toHaveLength(1));
  expect(await panel.getByTestId('archived-card').textContent()).toContain('Shelve me');
  await suite.shoot(a, 'archive-panel');

  await panel.getByRole('button', { name: 'Restore card Shelve me' }).click();
  await eventually(async () => expect((await boardTitles(a))['List To Do']).toEqual(['Keep', 'Shelve me']));
  await eventually(async () => expect(await panel.getByTestId('archived-card').count()).toBe(0));
  await eventually(async () => expect((await boardTitles(b))['List To Do']).toEqual(['Keep', 'Shelve me']));
  const snapshot = await alice.api<{ cards: { title: string; archived: boolean }[] }>('GET', board.api);
  expect(snapshot.cards.find((c) => c.title === 'Shelve me')?.archived).toBe(false);
});

test('Ctrl+Z takes back a move, and another browser sees the card back where it was', async () => {
  const board = await seedBoard(alice, teamId, 'Undo', { 'To Do': ['First', 'Second', 'Third'] });
  const a = await openBoardAs(await suite.newContext(), suite.server.url, alice, board.path);
  const b = await openBoardAs(await suite.newContext(), suite.server.url, bob, board.path);

  await card(a, 'First').focus();
  await a.keyboard.press('Space');
  await a.waitForTimeout(300);
  await a.keyboard.press('ArrowDown');
  await a.waitForTimeout(300);
  await a.keyboard.press('Space');
  await eventually(async () => expect((await boardTitles(b))['List To Do']).toEqual(['Second', 'First', 'Third']));
  await eventually(async () => expect(await toast(a).textContent()).toContain('Card moved'));

  await a.keyboard.press('Control+z');

  await eventually(async () => expect((await boardTitles(a))['List To Do']).toEqual(['First', 'Second', 'Third']));
  await eventually(async () => expect(await toast(a).textContent()).toContain('Undone: card moved'));
  await eventually(async () => expect((await boardTitles(b))['List To Do']).toEqual(['First', 'Second', 'Third']));
  await suite.shoot(b, 'undo-seen-by-bob');
});
