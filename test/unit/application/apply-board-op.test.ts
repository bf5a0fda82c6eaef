import * as E from 'fp-ts/Either';
import { BoardOp, type BoardOpInput, type BoardOpKind, type BoardOpOf } from '../../../src/domain';
import { fails, joinAs, ok, quickApp, teamWithBoard } from './fixtures';

/** An op as a client sends it, decoded the way every edge does before calling `boards.apply`. */
const op = <K extends BoardOpKind>(input: Extract<BoardOpInput, { kind: K }>): BoardOpOf<K> => {
  const decoded = BoardOp.decode(input);
  if (E.isLeft(decoded)) throw new Error(`bad op in test: ${JSON.stringify(input)}`);
  return decoded.right as BoardOpOf<K>;
};

const setUp = async () => {
  const built = quickApp();
  const w = await teamWithBoard(built.app);
  const at = { teamId: w.teamId, boardId: w.boardId };
  return { ...built, w, at };
};

describe('boards.apply, the one entry for every board change', () => {
  it('runs every kind of op and answers the entity, its seq and the committed event', async () => {
    const { app, w, at } = await setUp();
    const apply = <K extends BoardOpKind>(input: Extract<BoardOpInput, { kind: K }>) =>
      ok(app.boards.apply(w.owner, at, op(input), null));
    const todo = await apply({ kind: 'list.create', title: 'To do' });
    const done = await apply({ kind: 'list.create', title: 'Done', afterListId: todo.value.id });
    const card = await apply({ kind: 'card.create', listId: todo.value.id, title: 'Fix login', labels: ['bug'] });
    const moved = await apply({ kind: 'card.move', cardId: card.value.id, toListId: done.value.id });
    const edited = await apply({ kind: 'card.update', cardId: card.value.id, dueDate: '2026-03-01' });
    const comment = await apply({ kind: 'comment.create', cardId: card.value.id, body: 'On it' });
    const renamed = await apply({ kind: 'list.update', listId: todo.value.id, title: 'Later' });
    const reordered = await apply({ kind: 'list.move', listId: todo.value.id, afterListId: done.value.id });
    const board = await apply({ kind: 'board.update', title: 'Roadmap 2026' });
    const cardGone = await apply({ kind: 'card.delete', cardId: card.value.id });
    const listGone = await apply({ kind: 'list.delete', listId: todo.value.id });

    expect(moved.value).toMatchObject({ id: card.value.id, listId: done.value.id });
    expect(edited.value.dueDate).toBe('2026-03-01');
    expect(comment.value).toMatchObject({ body: 'On it', cardId: card.value.id, authorName: expect.any(String) });
    expect(renamed.value.title).toBe('Later');
    expect(reordered.value.rank > done.value.rank).toBe(true);
    expect(board.value.title).toBe('Roadmap 2026');
    expect(cardGone.value).toEqual({ id: card.value.id });
    expect(listGone.value).toEqual({ id: todo.value.id });
    const seqs = [todo, done, card, moved, edited, comment, renamed, reordered, board, cardGone, listGone].map(
      (m) => m.seq,
    );
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
    expect(listGone.event).toMatchObject({ kind: 'list.deleted', seq: listGone.seq });
  });

  it('authorizes by the kind of op: a viewer may not comment, a member may not rename the board', async () => {
    const { app, w, at } = await setUp();
    const viewer = await joinAs(app, w, 'Vera', 'viewer');
    const member = await joinAs(app, w, 'Max', 'member');
    const list = await ok(app.boards.apply(w.owner, at, op({ kind: 'list.create', title: 'To do' }), null));
    const card = await ok(
      app.boards.apply(w.owner, at, op({ kind: 'card.create', listId: list.value.id, title: 'x' }), null),
    );
    const comment = op({ kind: 'comment.create', cardId: card.value.id, body: 'Hi' });
    expect(await fails(app.boards.apply(viewer, at, comment, null))).toMatchObject({ kind: 'forbidden' });
    expect(await fails(app.boards.apply(member, at, op({ kind: 'board.update', archived: true }), null))).toMatchObject(
      { kind: 'forbidden' },
    );
  });

  it('answers a resent origin with the first answer, whichever entry sent it first', async () => {
    const { app, w, at } = await setUp();
    const origin = { clientId: 'tab-1', mid: 'm-1' };
    const first = await ok(app.boards.apply(w.owner, at, op({ kind: 'list.create', title: 'Once' }), origin));
    const again = await ok(app.boards.apply(w.owner, at, op({ kind: 'list.create', title: 'Once' }), origin));
    expect(again.seq).toBe(first.seq);
    expect((await ok(app.boards.get(w.owner, at.teamId, at.boardId))).lists).toHaveLength(1);
  });
});
