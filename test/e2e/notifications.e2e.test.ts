import type { Page } from 'playwright-core';
import { eventually, joinTeam, openBoardAs, seedBoard, signUp, type TestUser } from './support/harness';
import { browserSuite } from './support/suite';

jest.setTimeout(180_000);

const suite = browserSuite({ width: 1400, height: 900 });

let alice: TestUser;
let bob: TestUser;
let boardPath: string;

beforeAll(async () => {
  [alice, bob] = await Promise.all([signUp(suite.server.url, 'Alice'), signUp(suite.server.url, 'Bob')]);
  const { team } = await alice.api<{ team: { id: string } }>('POST', '/api/teams', { name: 'Mentions' });
  await joinTeam(alice, bob, team.id, 'member');
  boardPath = (await seedBoard(alice, team.id, 'Launch', { 'To Do': ['Fix login'] })).path;
});

const bellLabel = (page: Page) => page.getByTestId('inbox-bell').getAttribute('aria-label', { timeout: 1000 });

test('A mentions B in a comment: B’s bell counts it live in every tab, and the inbox opens the card', async () => {
  const bobContext = await suite.newContext();
  const bobTabs = [await suite.logIn(await bobContext.newPage(), bob), await bobContext.newPage()];
  await bobTabs[1]!.goto(`${suite.server.url}/app`);
  // Bob was invited to the team and accepted: answering the invitation marked its notification read.
  for (const tab of bobTabs) await eventually(async () => expect(await bellLabel(tab)).toBe('Notifications, 0 unread'));

  const a = await openBoardAs(await suite.newContext(), suite.server.url, alice, boardPath);
  await a.locator('[data-testid="card"]', { hasText: 'Fix login' }).click();
  const box = a.getByRole('dialog').getByRole('combobox', { name: 'Write a comment' });
  await box.pressSequentially('Please look, @Bo');
  await a.getByRole('option', { name: 'Bob' }).waitFor();
  await box.press('Enter');
  expect(await box.inputValue()).toBe(`Please look, <@${bob.id}> `);
  await a.getByRole('dialog').getByRole('button', { name: 'Comment' }).click();
  await a.getByRole('dialog').getByTestId('mention').filter({ hasText: '@Bob' }).waitFor();

  for (const tab of bobTabs) await eventually(async () => expect(await bellLabel(tab)).toBe('Notifications, 1 unread'));
  const b = bobTabs[0]!;
  await b.getByTestId('inbox-bell').click();
  const item = b.getByTestId('notification').first();
  expect(await item.textContent()).toContain('Alice mentioned you');
  // The panel reads the team's members when it opens; until they arrive a chip shows "@unknown".
  await eventually(async () => expect(await item.getByTestId('mention').textContent()).toBe('@Bob'));
  await suite.shoot(b, 'notifications-inbox');

  await b.getByRole('link', { name: 'Fix login' }).click();
  await b.waitForURL((url) => url.pathname === boardPath);
  await b.getByRole('dialog').getByRole('heading', { name: 'Fix login' }).waitFor();
  expect(new URL(b.url()).searchParams.get('card')).toBeNull();
  await b.keyboard.press('Escape');
  await eventually(async () => expect(await bellLabel(b)).toBe('Notifications, 0 unread'));
});
