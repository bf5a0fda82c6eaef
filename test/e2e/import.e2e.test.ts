import path from 'node:path';
import { boardTitles, eventually, signUp, type TestUser } from './support/harness';
import { browserSuite } from './support/suite';

jest.setTimeout(120_000);

const suite = browserSuite({ width: 1400, height: 900 });

// A real "Export as JSON" of a Trello board, published by someone outside this project (see its README).
const EXPORT = path.resolve(__dirname, '../fixtures/trello/kanban-dannygosain.json');

let alice: TestUser;
let teamId: string;

beforeAll(async () => {
  alice = await signUp(suite.server.url, 'Alice');
  ({
    team: { id: teamId },
  } = await alice.api<{ team: { id: string } }>('POST', '/api/teams', { name: 'Imports' }));
});

test('a Trello export is previewed, imported through the teams page and opens as a board; again, it says so', async () => {
  const page = await suite.logIn(await suite.newPage(), alice);
  const team = page.getByRole('region', { name: /Imports/ });

  await team.getByRole('button', { name: 'Import from Trello into Imports' }).click();
  await team.getByLabel('Trello export (JSON file)').setInputFiles(EXPORT);
  const preview = team.getByRole('heading', { name: 'Preview of “Kanban”' });
  await preview.waitFor();
  expect(await preview.evaluate((el) => el === document.activeElement)).toBe(true);
  const counts = await team.getByTestId('import-counts').innerText();
  expect(counts).toMatch(/Lists\s+5/);
  expect(counts).toMatch(/Cards\s+2/);
  await suite.shoot(page, 'import-preview');

  await team.getByRole('button', { name: 'Import', exact: true }).click();
  await team.getByRole('heading', { name: 'Imported' }).waitFor({ timeout: 60_000 });
  await eventually(async () => expect(await team.getByRole('link', { name: 'Kanban', exact: true }).count()).toBe(1));
  await suite.shoot(page, 'import-done');

  await team.getByRole('link', { name: 'Open Kanban' }).click();
  await page.locator('[data-testid="list"]').first().waitFor();
  const boardUrl = page.url();
  expect(boardUrl).toMatch(new RegExp(`/app/teams/${teamId}/boards/[0-9a-f-]+$`));
  await eventually(async () =>
    expect(await boardTitles(page)).toEqual({
      'List Triage': ['UCD'],
      'List Backlog': [],
      'List Refined': ['Jenkins'],
      'List Do it': [],
      'List Done': [],
    }),
  );

  await page.goBack();
  await team.getByRole('button', { name: 'Import from Trello into Imports' }).click();
  await team.getByLabel('Trello export (JSON file)').setInputFiles(EXPORT);
  await team.getByRole('button', { name: 'Import', exact: true }).click();
  await eventually(async () => expect(await team.getByRole('alert').innerText()).toMatch(/already imported/));
  await team.getByRole('link', { name: 'Open the board it was imported into' }).click();
  await page.waitForURL(boardUrl);
  expect(await team.count()).toBe(0);
});

test('a file that is not JSON is refused with the server’s message and no Import is offered', async () => {
  const page = await suite.logIn(await suite.newPage(), alice);
  const team = page.getByRole('region', { name: /Imports/ });
  await team.getByRole('button', { name: 'Import from Trello into Imports' }).click();
  await team
    .getByLabel('Trello export (JSON file)')
    .setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('<html>not json</html>') });

  await eventually(async () => expect(await team.getByRole('alert').innerText()).toBe('The file is not valid JSON'));
  expect(await team.getByRole('button', { name: 'Import', exact: true }).count()).toBe(0);
  expect(await team.getByLabel('Trello export (JSON file)').evaluate((el) => el === document.activeElement)).toBe(true);
});

test('a Boardroom JSON export is imported back through the teams page as a new board with its lists and cards', async () => {
  const { board } = await alice.api<{ board: { id: string } }>('POST', `/api/teams/${teamId}/boards`, {
    title: 'Launch',
  });
  const base = `/api/teams/${teamId}/boards/${board.id}`;
  const { list } = await alice.api<{ list: { id: string } }>('POST', `${base}/lists`, { title: 'Doing' });
  await alice.api('POST', `${base}/cards`, { listId: list.id, title: 'Press release' });
  const exported = await alice.api<unknown>('GET', `${base}/export?format=json`);
  const page = await suite.logIn(await suite.newPage(), alice);
  const team = page.getByRole('region', { name: /Imports/ });

  await team.getByRole('button', { name: 'Import a Boardroom export into Imports' }).click();
  await team.getByLabel('Boardroom export (JSON file)').setInputFiles({
    name: 'launch.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(exported)),
  });
  await team.getByRole('heading', { name: 'Preview of “Launch”' }).waitFor();
  await team.getByRole('button', { name: 'Import', exact: true }).click();
  await team.getByRole('heading', { name: 'Imported' }).waitFor({ timeout: 60_000 });
  await team.getByRole('link', { name: /^Open / }).click();

  await page.waitForURL(
    (url) => url.pathname.startsWith(`/app/teams/${teamId}/boards/`) && !url.pathname.endsWith(board.id),
  );
  await eventually(async () => expect(await boardTitles(page)).toEqual({ 'List Doing': ['Press release'] }));
});
