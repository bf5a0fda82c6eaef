import type { Page } from 'playwright-core';
import { eventually, openBoardAs, signUp, type TestUser, joinTeam } from './support/harness';
import { browserSuite } from './support/suite';

jest.setTimeout(120_000);

const suite = browserSuite({ width: 1400, height: 900 });

let alice: TestUser;
let bob: TestUser;
let victor: TestUser;
let teamId: string;

interface ServerCard {
  id: string;
  title: string;
  description: string;
  labels: string[];
}

/** A board with one list holding `titles`, seeded over REST. */
const seedBoard = async (title: string, titles: string[]) => {
  const { board } = await alice.api<{ board: { id: string } }>('POST', `/api/teams/${teamId}/boards`, { title });
  const api = `/api/teams/${teamId}/boards/${board.id}`;
  const { list } = await alice.api<{ list: { id: string } }>('POST', `${api}/lists`, { title: 'To Do' });
  for (const t of titles) await alice.api('POST', `${api}/cards`, { listId: list.id, title: t });
  return { path: `/app/teams/${teamId}/boards/${board.id}`, api };
};

/** The card with this id (or title) as the server holds it. */
const serverCard = async (api: string, idOrTitle: string) => {
  const s = await alice.api<{ cards: ServerCard[] }>('GET', api);
  return s.cards.find((c) => c.id === idOrTitle || c.title === idOrTitle)!;
};

const { newContext } = suite;

const card = (page: Page, title: string) => page.locator('[data-testid="card"]', { hasText: title });
const dialog = (page: Page) => page.getByRole('dialog');
const cardIdOf = async (page: Page, title: string) => (await card(page, title).getAttribute('data-card-id'))!;

/** Opens a card from the keyboard, the way a keyboard user does: focus it, press Enter. */
const openCard = async (page: Page, title: string) => {
  await card(page, title).focus();
  await page.keyboard.press('Enter');
  await dialog(page).waitFor();
};

beforeAll(async () => {
  [alice, bob, victor] = await Promise.all([
    signUp(suite.server.url, 'Alice'),
    signUp(suite.server.url, 'Bob'),
    signUp(suite.server.url, 'Victor'),
  ]);
  ({
    team: { id: teamId },
  } = await alice.api<{ team: { id: string } }>('POST', '/api/teams', { name: 'Dialogs' }));
  await joinTeam(alice, bob, teamId, 'member');
  await joinTeam(alice, victor, teamId, 'viewer');
});

test('a title saved from an open dialog keeps the description and labels a teammate saved meanwhile', async () => {
  const board = await seedBoard('Merge', ['Card X']);
  const a = await openBoardAs(await newContext(), suite.server.url, alice, board.path);
  const b = await openBoardAs(await newContext(), suite.server.url, bob, board.path);
  const id = await cardIdOf(a, 'Card X');

  await openCard(b, 'Card X');
  await openCard(a, 'Card X');
  await dialog(a).getByLabel('Description').fill('Steps to reproduce');
  await dialog(a).getByLabel('Labels (comma separated)').fill('bug, p1');
  await dialog(a).getByRole('button', { name: 'Save' }).click();
  await eventually(async () => expect(await card(b, 'Card X').textContent()).toContain('p1'));

  await dialog(b).getByLabel('Title').fill('Card X renamed');
  await dialog(b).getByRole('button', { name: 'Save' }).click();

  await eventually(async () =>
    expect(await serverCard(board.api, id)).toMatchObject({
      title: 'Card X renamed',
      description: 'Steps to reproduce',
      labels: ['bug', 'p1'],
    }),
  );
  for (const page of [a, b]) {
    await eventually(async () => expect(await card(page, 'Card X renamed').textContent()).toContain('bug'));
    await openCard(page, 'Card X renamed');
    expect(await dialog(page).getByLabel('Description').inputValue()).toBe('Steps to reproduce');
    await page.keyboard.press('Escape');
  }
});

test('an open dialog follows a teammate’s change to a field the person has not touched', async () => {
  const board = await seedBoard('Follow', ['Card F']);
  const a = await openBoardAs(await newContext(), suite.server.url, alice, board.path);
  const b = await openBoardAs(await newContext(), suite.server.url, bob, board.path);

  await openCard(b, 'Card F');
  await openCard(a, 'Card F');
  await dialog(a).getByLabel('Description').fill('Written by Alice');
  await dialog(a).getByRole('button', { name: 'Save' }).click();

  await eventually(async () => expect(await dialog(b).getByLabel('Description').inputValue()).toBe('Written by Alice'));
  expect(await dialog(b).getByRole('alert').count()).toBe(0);
});

test('a field both people changed is shown as a conflict and overwritten only when the person chooses', async () => {
  const board = await seedBoard('Conflict', ['Card Y']);
  const a = await openBoardAs(await newContext(), suite.server.url, alice, board.path);
  const b = await openBoardAs(await newContext(), suite.server.url, bob, board.path);
  const id = await cardIdOf(a, 'Card Y');

  await openCard(b, 'Card Y');
  await dialog(b).getByLabel('Description').fill('Bob’s notes');
  await openCard(a, 'Card Y');
  await dialog(a).getByLabel('Description').fill('Alice’s notes');
  await dialog(a).getByRole('button', { name: 'Save' }).click();

  const conflict = dialog(b).getByTestId('conflict-description');
  await eventually(async () =>
    expect(await conflict.textContent()).toContain('Alice changed the description while you were editing it.'),
  );
  expect(await conflict.textContent()).toContain('Theirs: Alice’s notes');
  expect(await dialog(b).getByLabel('Description').inputValue()).toBe('Bob’s notes');
  expect(await dialog(b).getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
  expect((await serverCard(board.api, id)).description).toBe('Alice’s notes');
  await suite.shoot(b, 'dialog-conflict');

  await conflict.getByRole('button', { name: 'Keep yours' }).click();
  await dialog(b).getByRole('button', { name: 'Save' }).click();
  await eventually(async () => expect((await serverCard(board.api, id)).description).toBe('Bob’s notes'));
});

test('the dialog keeps focus inside, closes with Escape and gives focus back to its card', async () => {
  const board = await seedBoard('Focus', ['First', 'Second']);
  const page = await openBoardAs(await newContext(), suite.server.url, alice, board.path);
  const id = await cardIdOf(page, 'Second');
  await openCard(page, 'Second');

  const insideDialog = () => page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]'));
  for (let i = 0; i < 14; i++) {
    await page.keyboard.press('Tab');
    expect(await insideDialog()).toBe(true);
  }
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Shift+Tab');
    expect(await insideDialog()).toBe(true);
  }
  await page.keyboard.press('Escape');

  await dialog(page).waitFor({ state: 'detached' });
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-card-id'))).toBe(id);
});

test('a viewer’s dialog is read-only: no fields to edit, no save', async () => {
  const board = await seedBoard('Read only', ['Locked card']);
  await alice.api('PATCH', `${board.api}/cards/${(await serverCard(board.api, 'Locked card')).id}`, {
    description: 'Only members can change this',
  });
  const v = await openBoardAs(await newContext(), suite.server.url, victor, board.path);
  await card(v, 'Locked card').click();
  await dialog(v).waitFor();

  expect(await dialog(v).locator('input, textarea, select, [contenteditable="true"]').count()).toBe(0);
  expect(await dialog(v).getByText('View only: you can read this card but not change it.').isVisible()).toBe(true);
  expect(await dialog(v).getByText('Only members can change this').isVisible()).toBe(true);
  expect(await dialog(v).getByRole('button', { name: 'Save' }).count()).toBe(0);
  expect(await card(v, 'Locked card').getAttribute('aria-disabled')).toBeNull();
  await suite.shoot(v, 'dialog-viewer');
  await v.keyboard.press('Escape');
  await dialog(v).waitFor({ state: 'detached' });
});

test('on a phone the dialog fills the screen', async () => {
  const board = await seedBoard('Phone', ['Small screen']);
  const page = await openBoardAs(await newContext({ width: 390, height: 844 }), suite.server.url, alice, board.path);
  await openCard(page, 'Small screen');

  const box = (await dialog(page).boundingBox())!;
  expect(box).toEqual({ x: 0, y: 0, width: 390, height: 844 });
  await suite.shoot(page, 'dialog-phone');
});
