import type { Application } from '../../../src/application/api';
import type { CardId, ListId } from '../../../src/domain';
import { fails, ok, quickApp, teamWithBoard, title, type TeamWorld } from './fixtures';

const setUp = async () => {
  const { app } = quickApp();
  const w = await teamWithBoard(app);
  const todo = (await ok(app.lists.create(w.owner, w.teamId, w.boardId, { title: title('To Do') }, null))).value;
  const done = (await ok(app.lists.create(w.owner, w.teamId, w.boardId, { title: title('Done') }, null))).value;
  const ids: Record<string, CardId> = {};
  for (const name of ['A', 'B', 'C']) {
    ids[name] = (
      await ok(app.cards.create(w.owner, w.teamId, w.boardId, { listId: todo.id, title: title(name) }, null))
    ).value.id;
  }
  return { app, w, todo: todo.id, done: done.id, ids };
};

/** Titles of a list's cards in display order, checking that ranks strictly increase. */
const titlesIn = async (app: Application, w: TeamWorld, listId: ListId): Promise<string[]> => {
  const cards = (await ok(app.boards.get(w.owner, w.teamId, w.boardId))).cards.filter((c) => c.listId === listId);
  cards.slice(1).forEach((card, i) => expect(cards[i]!.rank < card.rank).toBe(true));
  return cards.map((c) => c.title);
};

describe('moving a card', () => {
  it('new cards go to the end of the list in creation order', async () => {
    const { app, w, todo } = await setUp();
    expect(await titlesIn(app, w, todo)).toEqual(['A', 'B', 'C']);
  });

  it('a card moved after another lands right after it', async () => {
    const { app, w, todo, ids } = await setUp();
    await ok(
      app.cards.move(w.owner, w.teamId, w.boardId, ids.A!, { toListId: todo, position: { afterId: ids.B! } }, null),
    );
    expect(await titlesIn(app, w, todo)).toEqual(['B', 'A', 'C']);
  });

  it('a card moved before another lands right before it', async () => {
    const { app, w, todo, ids } = await setUp();
    await ok(
      app.cards.move(w.owner, w.teamId, w.boardId, ids.C!, { toListId: todo, position: { beforeId: ids.A! } }, null),
    );
    expect(await titlesIn(app, w, todo)).toEqual(['C', 'A', 'B']);
  });

  it('a card moved without a position goes to the end of the list', async () => {
    const { app, w, todo, ids } = await setUp();
    await ok(app.cards.move(w.owner, w.teamId, w.boardId, ids.A!, { toListId: todo }, null));
    expect(await titlesIn(app, w, todo)).toEqual(['B', 'C', 'A']);
  });

  it('a card moved to another list leaves the first and joins the second where asked', async () => {
    const { app, w, todo, done, ids } = await setUp();
    await ok(app.cards.move(w.owner, w.teamId, w.boardId, ids.A!, { toListId: done }, null));
    const moved = await ok(
      app.cards.move(w.owner, w.teamId, w.boardId, ids.C!, { toListId: done, position: { beforeId: ids.A! } }, null),
    );
    expect(moved.value).toMatchObject({ id: ids.C, listId: done });
    expect(moved.event).toMatchObject({
      kind: 'card.moved',
      seq: moved.seq,
      data: { fromListTitle: 'To Do', toListTitle: 'Done' },
    });
    expect(await titlesIn(app, w, todo)).toEqual(['B']);
    expect(await titlesIn(app, w, done)).toEqual(['C', 'A']);
  });

  it('many moves into the same spot keep ranks strictly ordered', async () => {
    const { app, w, todo, ids } = await setUp();
    for (let i = 0; i < 30; i += 1) {
      const mover = i % 2 === 0 ? ids.C! : ids.B!;
      await ok(
        app.cards.move(w.owner, w.teamId, w.boardId, mover, { toListId: todo, position: { afterId: ids.A! } }, null),
      );
    }
    expect(await titlesIn(app, w, todo)).toEqual(['A', 'B', 'C']);
  });

  it('moving after a card that is no longer in the target list puts the card at its end and says so', async () => {
    const { app, w, done, ids } = await setUp();
    await ok(app.cards.move(w.owner, w.teamId, w.boardId, ids.C!, { toListId: done }, null));
    const moved = await ok(
      app.cards.move(w.owner, w.teamId, w.boardId, ids.A!, { toListId: done, position: { afterId: ids.B! } }, null),
    );
    expect(moved.event).toMatchObject({ kind: 'card.moved', data: { placement: 'anchor_missing_end' } });
    expect(await titlesIn(app, w, done)).toEqual(['C', 'A']);
  });

  it('moving after a card that has gone but before one still there lands before that one', async () => {
    const { app, w, todo, done, ids } = await setUp();
    await ok(app.cards.move(w.owner, w.teamId, w.boardId, ids.A!, { toListId: done }, null));
    const position = { afterId: ids.A!, beforeId: ids.B! };
    const moved = await ok(app.cards.move(w.owner, w.teamId, w.boardId, ids.C!, { toListId: todo, position }, null));
    expect(moved.event).toMatchObject({ data: { placement: 'anchor_missing_before' } });
    expect(await titlesIn(app, w, todo)).toEqual(['C', 'B']);
  });

  it('a move placed as asked records that in its event', async () => {
    const { app, w, todo, ids } = await setUp();
    const position = { afterId: ids.B! };
    const moved = await ok(app.cards.move(w.owner, w.teamId, w.boardId, ids.A!, { toListId: todo, position }, null));
    expect(moved.event).toMatchObject({ data: { placement: 'as_asked' } });
  });

  it('a move is still refused when the card or the target list is gone', async () => {
    const { app, w, todo, done, ids } = await setUp();
    await ok(app.cards.delete(w.owner, w.teamId, w.boardId, ids.A!, null));
    const position = { afterId: ids.B! };
    const goneCard = await fails(
      app.cards.move(w.owner, w.teamId, w.boardId, ids.A!, { toListId: todo, position }, null),
    );
    expect(goneCard.kind).toBe('not_found');
    await ok(app.lists.delete(w.owner, w.teamId, w.boardId, done, null));
    const goneList = await fails(app.cards.move(w.owner, w.teamId, w.boardId, ids.B!, { toListId: done }, null));
    expect(goneList.kind).toBe('not_found');
  });

  it('a card created after a card that has moved away goes to the end of the list and says so', async () => {
    const { app, w, todo, done, ids } = await setUp();
    await ok(app.cards.move(w.owner, w.teamId, w.boardId, ids.A!, { toListId: done }, null));
    const input = { listId: todo, title: title('D'), position: { afterId: ids.A! } };
    const created = await ok(app.cards.create(w.owner, w.teamId, w.boardId, input, null));
    expect(created.event).toMatchObject({ kind: 'card.created', data: { placement: 'anchor_missing_end' } });
    expect(await titlesIn(app, w, todo)).toEqual(['B', 'C', 'D']);
  });

  it('a list moved after a list that was deleted goes to the end of the board and says so', async () => {
    const { app, w, todo, done } = await setUp();
    const extra = (await ok(app.lists.create(w.owner, w.teamId, w.boardId, { title: title('Extra') }, null))).value;
    await ok(app.lists.delete(w.owner, w.teamId, w.boardId, extra.id, null));
    const moved = await ok(app.lists.move(w.owner, w.teamId, w.boardId, todo, { afterId: extra.id }, null));
    expect(moved.event).toMatchObject({ kind: 'list.moved', data: { placement: 'anchor_missing_end' } });
    const snapshot = await ok(app.boards.get(w.owner, w.teamId, w.boardId));
    expect(snapshot.lists.map((l) => l.id)).toEqual([done, todo]);
  });

  it('a card cannot be moved into an archived list', async () => {
    const { app, w, done, ids } = await setUp();
    await ok(app.lists.update(w.owner, w.teamId, w.boardId, done, { archived: true }, null));
    const error = await fails(app.cards.move(w.owner, w.teamId, w.boardId, ids.A!, { toListId: done }, null));
    expect(error).toMatchObject({ kind: 'conflict', code: 'list_archived' });
  });

  it('lists can be reordered and keep their cards', async () => {
    const { app, w, todo, done } = await setUp();
    await ok(app.lists.move(w.owner, w.teamId, w.boardId, done, { beforeId: todo }, null));
    const snapshot = await ok(app.boards.get(w.owner, w.teamId, w.boardId));
    expect(snapshot.lists.map((l) => l.title)).toEqual(['Done', 'To Do']);
    expect(snapshot.cards.map((c) => c.title)).toEqual(['A', 'B', 'C']);
  });

  it('deleting a list deletes its cards', async () => {
    const { app, w, todo, ids } = await setUp();
    const deleted = await ok(app.lists.delete(w.owner, w.teamId, w.boardId, todo, null));
    expect(deleted.value).toEqual({ id: todo });
    expect((await ok(app.boards.get(w.owner, w.teamId, w.boardId))).cards).toEqual([]);
    expect(
      (await fails(app.cards.update(w.owner, w.teamId, w.boardId, ids.A!, { title: title('Gone') }, null))).kind,
    ).toBe('not_found');
  });
});
