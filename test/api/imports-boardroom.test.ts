import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/Either';
import request from 'supertest';
import { BoardOp, type BoardOpInput, type BoardId, type TeamId, type UserId } from '../../src/domain';
import { addMember, bearer, createBoard, createTeam, expectError, signUp, startServer, type TestUser } from './helpers';

const server = startServer();
const { http } = server;

const apply = async (user: TestUser, teamId: string, boardId: string, input: BoardOpInput) => {
  const op = BoardOp.decode(input);
  if (E.isLeft(op)) throw new Error(`bad op ${input.kind}`);
  const target = { teamId: teamId as TeamId, boardId: boardId as BoardId };
  const done = await server.app.boards.apply({ userId: user.id as UserId }, target, op.right, null)();
  if (E.isLeft(done)) throw new Error(`${input.kind}: ${done.left.message}`);
  return done.right.value as { id: string };
};

const exportJson = async (user: TestUser, teamId: string, boardId: string) => {
  const res = await request(http)
    .get(`/api/teams/${teamId}/boards/${boardId}/export?format=json`)
    .set(bearer(user))
    .buffer(true)
    .parse((r, cb) => {
      let text = '';
      r.on('data', (c: Buffer) => (text += c.toString('utf8')));
      r.on('end', () => cb(null, text));
    });
  expect(res.status).toBe(200);
  return res.body as string;
};

/** A board with one of everything an export holds, made through board ops. */
const richBoard = async (owner: TestUser, mate: TestUser, teamId: string) => {
  const { boardId } = await createBoard(http, owner, teamId, 'Launch <plan>');
  const op = (input: BoardOpInput) => apply(owner, teamId, boardId, input);
  const todo = await op({ kind: 'list.create', title: 'To do' });
  const old = await op({ kind: 'list.create', title: 'Old' });
  await op({ kind: 'label.create', name: 'Bug', color: 'red' });
  await op({ kind: 'label.create', name: 'Idea', color: 'sky' });
  const a = await op({ kind: 'card.create', listId: todo.id, title: 'A', description: 'Alpha\nline', labels: ['Bug'] });
  await op({ kind: 'card.create', listId: todo.id, title: 'B', dueDate: '2030-02-03' });
  const c = await op({ kind: 'card.create', listId: old.id, title: 'C', labels: ['Idea', 'Bug'] });
  await op({
    kind: 'card.update',
    cardId: a.id,
    startAt: '2030-01-01T08:00:00.000Z',
    dueAt: '2030-01-02T08:00:00.000Z',
  });
  await op({ kind: 'card.update', cardId: a.id, dueDone: true });
  await op({ kind: 'card.member.add', cardId: a.id, userId: mate.id });
  const [steps, one] = [randomUUID(), randomUUID()];
  await op({ kind: 'checklist.create', cardId: a.id, title: 'Steps', id: steps });
  await op({ kind: 'checklist.item.create', cardId: a.id, checklistId: steps, title: 'One', id: one });
  await op({ kind: 'checklist.item.create', cardId: a.id, checklistId: steps, title: 'Two' });
  await op({ kind: 'checklist.item.update', cardId: a.id, checklistId: steps, itemId: one, done: true });
  await op({ kind: 'comment.create', cardId: a.id, body: 'First!' });
  await apply(mate, teamId, boardId, { kind: 'comment.create', cardId: a.id, body: 'Second, by <b>Mia</b>' });
  await op({ kind: 'card.update', cardId: c.id, archived: true });
  await op({ kind: 'list.update', listId: old.id, archived: true });
  return boardId;
};

interface ExportedComment {
  body: string;
  authorName: string;
  createdAt: string;
}
interface ExportedCard {
  listId: string;
  comments: ExportedComment[];
  checklists: { title: string; items: { title: string; done: boolean }[] }[];
  [k: string]: unknown;
}
interface Exported {
  board: { title: string; archived: boolean; labels: { name: string; color: string }[] };
  lists: { id: string; title: string; archived: boolean }[];
  cards: ExportedCard[];
}

const HEADER = /^(.*) wrote on (\S+):\n\n([\s\S]*)$/;

/**
 * What a round trip must keep: everything but ids, ranks (new ones, in the same order), timestamps of
 * the import itself, and who wrote each comment — the importer writes them, so the original author and
 * date are read back from the header the import puts at the start of each comment's text.
 */
const comparable = (file: string, imported: boolean) => {
  const e = JSON.parse(file) as Exported;
  const listIndex = new Map(e.lists.map((l, i) => [l.id, i]));
  return {
    board: { title: e.board.title, labels: e.board.labels.map((l) => ({ name: l.name, color: l.color })) },
    lists: e.lists.map((l) => ({ title: l.title, archived: l.archived })),
    cards: e.cards.map((c) => ({
      list: listIndex.get(c.listId),
      ...Object.fromEntries(
        [
          'title',
          'description',
          'dueDate',
          'labels',
          'archived',
          'assignees',
          'startAt',
          'dueAt',
          'dueDone',
          'commentCount',
        ].map((k) => [k, c[k]]),
      ),
      checklists: c.checklists.map((cl) => ({ title: cl.title, items: cl.items.map((i) => [i.title, i.done]) })),
      comments: c.comments.map((m) => {
        if (!imported) return { author: m.authorName, at: m.createdAt, body: m.body };
        const [, author, at, body] = HEADER.exec(m.body) ?? [];
        return { author, at, body };
      }),
    })),
  };
};

describe('importing a Boardroom export', () => {
  test('export → import → export keeps the board, except ids, ranks and who wrote the comments', async () => {
    const owner = await signUp(http, 'Olive');
    const mate = await signUp(http, 'Mia');
    const teamId = await createTeam(http, owner);
    await addMember(http, owner, teamId, mate, 'member');
    const boardId = await richBoard(owner, mate, teamId);
    const first = await exportJson(owner, teamId, boardId);
    const res = await request(http)
      .post(`/api/teams/${teamId}/imports/boardroom`)
      .set(bearer(owner))
      .attach('file', Buffer.from(first), 'launch.json');
    expect(res.status).toBe(201);
    expect(res.body.board.id).not.toBe(boardId);
    const second = await exportJson(owner, teamId, res.body.board.id);
    const before = comparable(first, false);
    expect(before.cards[0]!.comments).toHaveLength(2);
    expect(comparable(second, true)).toEqual(before);
  });

  test('a Trello export sent as a Boardroom export is invalid_import', async () => {
    const owner = await signUp(http, 'Olive');
    const teamId = await createTeam(http, owner);
    const res = await request(http)
      .post(`/api/teams/${teamId}/imports/boardroom`)
      .set(bearer(owner))
      .attach('file', Buffer.from(JSON.stringify({ id: 'x', name: 'T', lists: [], cards: [] })), 'b.json');
    expectError(res, 400, 'invalid_import');
  });
});
