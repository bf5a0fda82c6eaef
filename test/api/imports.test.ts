import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { richExport } from '../support/trello-export';
import { addMember, bearer, createTeam, expectError, signUp, startServer, type TestUser } from './helpers';

const { http } = startServer();

const importUrl = (teamId: string, preview = false) =>
  `/api/teams/${teamId}/imports/trello${preview ? '?preview=1' : ''}`;

const send = (user: TestUser, url: string, json: unknown) =>
  request(http)
    .post(url)
    .set(bearer(user))
    .attach('file', Buffer.from(typeof json === 'string' ? json : JSON.stringify(json)), 'board.json');

interface SnapCard {
  id: string;
  title: string;
  archived: boolean;
  description: string;
  checklists: { title: string; items: { title: string; done: boolean }[] }[];
}

const snapshot = async (user: TestUser, teamId: string, boardId: string) => {
  const res = await request(http).get(`/api/teams/${teamId}/boards/${boardId}`).set(bearer(user));
  expect(res.status).toBe(200);
  return res.body as {
    board: { title: string; labels: { name: string; color: string }[] };
    lists: { id: string; title: string; archived: boolean }[];
    cards: SnapCard[];
  };
};

const team = async () => {
  const owner = await signUp(http, 'Olive');
  const teamId = await createTeam(http, owner);
  const mate = await signUp(http, 'Mia');
  await addMember(http, owner, teamId, mate, 'member');
  return { owner, teamId, mate };
};

describe('importing a Trello export', () => {
  test('a preview counts what the export holds, matches members and writes nothing', async () => {
    const { owner, teamId, mate } = await team();
    const res = await send(owner, importUrl(teamId, true), richExport(mate.name));
    expect(res.status).toBe(200);
    expect(res.body.preview).toMatchObject({
      boardName: 'Product roadmap',
      lists: 3,
      cards: 3,
      labels: 2,
      checklists: 2,
      checkItems: 3,
      comments: 2,
      attachments: 1,
      members: {
        matched: [{ trelloName: mate.name, userId: mate.id, name: mate.name }],
        unmatched: [{ trelloName: 'Stranger Danger', username: 'stranger' }],
      },
    });
    expect(res.body.preview.warnings.join('\n')).toMatch(/photo\.png/);
    const boards = await request(http).get(`/api/teams/${teamId}/boards`).set(bearer(owner));
    expect(boards.body.boards).toEqual([]);
  });

  test('an import makes one board with lists, cards, labels, checklists, comments and dates in order', async () => {
    const { owner, teamId, mate } = await team();
    const res = await send(owner, importUrl(teamId), richExport(mate.name));
    expect(res.status).toBe(201);
    expect(res.body.report).toMatchObject({ lists: 3, cards: 3, comments: 2, skipped: expect.any(Array) });
    const snap = await snapshot(owner, teamId, res.body.board.id);
    expect(snap.board.title).toBe('Product roadmap');
    expect(snap.board.labels).toEqual([
      expect.objectContaining({ name: 'Bug', color: 'red' }),
      expect.objectContaining({ name: 'Black', color: 'grey' }),
    ]);
    expect(snap.lists.map((l) => [l.title, l.archived])).toEqual([
      ['To do', false],
      ['Old stuff', true],
      ['Done', false],
    ]);
    expect(snap.cards.map((c) => [c.title, c.archived])).toEqual([
      ['First', false],
      ['Second', true],
      ['Third', false],
    ]);
    const first = snap.cards[0]!;
    expect(first).toMatchObject({
      labels: ['Bug', 'Black'],
      assignees: [mate.id],
      startAt: '2030-01-01T09:00:00.000Z',
      dueAt: '2030-01-05T17:00:00.000Z',
      dueDone: true,
    });
    expect(first.description).toBe(
      'Read the spec\n\nLinks:\n- [Spec](https://example.com/spec)\n- [photo.png](https://trello.com/1/cards/x/photo.png) (file on Trello)',
    );
    expect(first.checklists.map((c) => [c.title, c.items.map((i) => [i.title, i.done])])).toEqual([
      [
        'Steps',
        [
          ['One', true],
          ['Two', false],
        ],
      ],
      ['Later', [['Ship', false]]],
    ]);
    const comments = await request(http)
      .get(`/api/teams/${teamId}/boards/${res.body.board.id}/cards/${first.id}/comments`)
      .set(bearer(owner));
    expect((comments.body.comments as { body: string }[]).map((c) => c.body)).toEqual([
      'Someone Else wrote on 2024-01-01T10:00:00.000Z (imported from Trello):\n\nFirst comment',
      `${mate.name} wrote on 2024-02-02T10:00:00.000Z (imported from Trello):\n\nSecond comment`,
    ]);
  });

  test('the same export uploaded again says so and names the board it made', async () => {
    const { owner, teamId, mate } = await team();
    const file = JSON.stringify(richExport(mate.name));
    const first = await send(owner, importUrl(teamId), file);
    expect(first.status).toBe(201);
    const again = await send(mate, importUrl(teamId), file);
    expectError(again, 409, 'already_imported');
    expect(again.body.error.boardId).toBe(first.body.board.id);
    const preview = await send(owner, importUrl(teamId, true), file);
    expect(preview.body.preview.warnings[0]).toMatch(/already imported/);
    const boards = await request(http).get(`/api/teams/${teamId}/boards`).set(bearer(owner));
    expect(boards.body.boards).toHaveLength(1);
  });

  test('the same export may be imported into another team', async () => {
    const a = await team();
    const b = await team();
    const file = JSON.stringify(richExport('Nobody'));
    expect((await send(a.owner, importUrl(a.teamId), file)).status).toBe(201);
    expect((await send(b.owner, importUrl(b.teamId), file)).status).toBe(201);
  });

  test('a viewer may not import; someone outside the team hears the team does not exist', async () => {
    const { owner, teamId } = await team();
    const viewer = await signUp(http, 'Vera');
    await addMember(http, owner, teamId, viewer, 'viewer');
    expectError(await send(viewer, importUrl(teamId), richExport('x')), 403);
    expectError(await send(viewer, importUrl(teamId, true), richExport('x')), 403);
    const outsider = await signUp(http, 'Otto');
    expectError(await send(outsider, importUrl(teamId), richExport('x')), 404);
    const boards = await request(http).get(`/api/teams/${teamId}/boards`).set(bearer(owner));
    expect(boards.body.boards).toEqual([]);
  });

  test.each(['kanban-dannygosain.json', 'client-pipeline-astraube.json'])(
    'the real Trello export %s imports',
    async (name) => {
      const { owner, teamId } = await team();
      const file = readFileSync(path.join(__dirname, '../fixtures/trello', name), 'utf8');
      const exported = JSON.parse(file) as { name: string; cards: { name: string }[]; lists: unknown[] };
      const res = await send(owner, importUrl(teamId), file);
      expect(res.status).toBe(201);
      const snap = await snapshot(owner, teamId, res.body.board.id);
      expect(snap.board.title).toBe(exported.name);
      expect(snap.lists).toHaveLength(exported.lists.length);
      expect(snap.cards.map((c) => c.title).sort()).toEqual(exported.cards.map((c) => c.name).sort());
    },
  );
});
