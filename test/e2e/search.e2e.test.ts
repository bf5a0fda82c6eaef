import { openBoardAs, signUp, type TestUser } from './support/harness';
import { browserSuite } from './support/suite';

jest.setTimeout(120_000);

const suite = browserSuite({ width: 1400, height: 900 });

let alice: TestUser;
let teamId: string;

/** A board with one list holding `titles`, seeded over REST. */
const seedBoard = async (title: string, titles: string[]) => {
  const { board } = await alice.api<{ board: { id: string } }>('POST', `/api/teams/${teamId}/boards`, { title });
  const api = `/api/teams/${teamId}/boards/${board.id}`;
  const { list } = await alice.api<{ list: { id: string } }>('POST', `${api}/lists`, { title: 'To Do' });
  for (const t of titles) await alice.api('POST', `${api}/cards`, { listId: list.id, title: t });
  return { path: `/app/teams/${teamId}/boards/${board.id}` };
};

beforeAll(async () => {
  alice = await signUp(suite.server.url, 'Alice');
  ({
    team: { id: teamId },
  } = await alice.api<{ team: { id: string } }>('POST', '/api/teams', { name: 'Searchers' }));
});

test('/ then a few letters finds a card on another board, and its result opens that card', async () => {
  const here = await seedBoard('Here', ['Unrelated']);
  await seedBoard('Elsewhere', ['Deploy the billing service', 'Something else']);
  const page = await openBoardAs(await suite.newContext(), suite.server.url, alice, here.path);

  await page.locator('body').press('/');
  await page.keyboard.type('deplo');
  const results = page.getByRole('region', { name: 'Search results' });
  await results.getByRole('link', { name: /Deploy the billing service/ }).click();

  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  expect(await dialog.getByLabel('Title').inputValue()).toBe('Deploy the billing service');
  expect(await page.locator('h1').textContent()).toBe('Elsewhere');
  expect(new URL(page.url()).search).toBe('');
});
