import sharp from 'sharp';
import { eventually, openBoardAs, type TestUser } from './support/harness';
import { browserSuite } from './support/suite';
import { card, dialog, teamOfTwo } from './support/team-of-two';

jest.setTimeout(120_000);

const suite = browserSuite({ width: 1400, height: 900 });
const { newContext } = suite;

let alice: TestUser;
let bob: TestUser;
let teamId: string;

beforeAll(async () => {
  ({ alice, bob, teamId } = await teamOfTwo(suite.server.url, 'Files'));
});

test('a file attached in the card dialog shows up on a teammate’s board live, and becomes the cover', async () => {
  const { board } = await alice.api<{ board: { id: string } }>('POST', `/api/teams/${teamId}/boards`, {
    title: 'Design',
  });
  const api = `/api/teams/${teamId}/boards/${board.id}`;
  const { list } = await alice.api<{ list: { id: string } }>('POST', `${api}/lists`, { title: 'To Do' });
  await alice.api('POST', `${api}/cards`, { listId: list.id, title: 'Logo' });
  const path = `/app/teams/${teamId}/boards/${board.id}`;
  const a = await openBoardAs(await newContext(), suite.server.url, alice, path);
  const b = await openBoardAs(await newContext(), suite.server.url, bob, path);

  await card(a, 'Logo').click();
  await dialog(a).waitFor();
  const image = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#3366cc' } })
    .png()
    .toBuffer();
  await dialog(a)
    .getByLabel('Attach files')
    .setInputFiles({ name: 'logo draft.png', mimeType: 'image/png', buffer: image });

  await eventually(async () =>
    expect(await dialog(a).getByTestId('attachment').textContent()).toContain('logo draft.png'),
  );
  await eventually(async () =>
    expect(await card(b, 'Logo').getByTestId('attachment-count').textContent()).toBe('1 file'),
  );

  await dialog(a).getByRole('button', { name: 'Make cover' }).click();
  await eventually(async () => expect(await card(b, 'Logo').getByTestId('card-cover').count()).toBe(1));
  const loaded = await card(b, 'Logo')
    .getByTestId('card-cover')
    .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth);
  expect(loaded).toBe(320);
});
