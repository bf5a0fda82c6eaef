import type { Page } from 'playwright-core';
import { eventually, joinTeam, openBoardAs, seedBoard, signUp, type TestUser } from './support/harness';
import { browserSuite } from './support/suite';

jest.setTimeout(120_000);

const suite = browserSuite({ width: 1400, height: 900 });

let alice: TestUser;
let bob: TestUser;
let boardPath: string;

beforeAll(async () => {
  [alice, bob] = await Promise.all([signUp(suite.server.url, 'Alice'), signUp(suite.server.url, 'Bob')]);
  const { team } = await alice.api<{ team: { id: string } }>('POST', '/api/teams', { name: 'Presence' });
  await joinTeam(alice, bob, team.id, 'member');
  boardPath = (await seedBoard(alice, team.id, 'Together', { 'To Do': ['Fix login', 'Write docs'] })).path;
});

const avatarsText = (page: Page) => page.getByTestId('presence-avatars').textContent({ timeout: 1000 });
const card = (page: Page, title: string) => page.locator('[data-testid="card"]', { hasText: title });

test('two people on a board see each other in the header, and who has which card open', async () => {
  const [pageA, pageB] = [
    await openBoardAs(await suite.newContext(), suite.server.url, alice, boardPath),
    await openBoardAs(await suite.newContext(), suite.server.url, bob, boardPath),
  ];
  await eventually(async () => expect(await avatarsText(pageA)).toContain('Also on this board: Bob'));
  await eventually(async () => expect(await avatarsText(pageB)).toContain('Also on this board: Alice'));

  await card(pageB, 'Fix login').click();
  await pageB.getByRole('dialog').waitFor();
  const marker = card(pageA, 'Fix login').getByTestId('editing-marker');
  await marker.waitFor();
  expect(await marker.getAttribute('title')).toBe('Bob has this card open');
  expect(await card(pageA, 'Write docs').getByTestId('editing-marker').count()).toBe(0);

  await card(pageA, 'Fix login').click();
  await eventually(async () =>
    expect(await pageA.getByTestId('also-editing').textContent({ timeout: 1000 })).toContain('Bob is also editing'),
  );
  await eventually(async () =>
    expect(await pageB.getByTestId('also-editing').textContent({ timeout: 1000 })).toContain('Alice is also editing'),
  );
  await suite.shoot(pageA, 'presence-dialog');

  await pageB.keyboard.press('Escape');
  await pageA.getByTestId('also-editing').waitFor({ state: 'detached' });
  await pageB.context().close();
  await pageA.getByTestId('presence-avatars').waitFor({ state: 'detached' });
});
