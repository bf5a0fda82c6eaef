import * as E from 'fp-ts/Either';
import type { BoardEventRecord } from '../../../src/domain';
import { asUuid } from '../../../src/domain';
import { fails, ok, quickApp, teamWithBoard, title } from './fixtures';

const setUp = async () => {
  const built = quickApp();
  const w = await teamWithBoard(built.app);
  const list = (await ok(built.app.lists.create(w.owner, w.teamId, w.boardId, { title: title('To Do') }, null))).value;
  return { ...built, w, listId: list.id };
};

describe('board mutations', () => {
  it('the same origin sent twice produces one event and answers with the same seq', async () => {
    const { app, w, listId } = await setUp();
    const origin = { clientId: 'tab-1', mid: 'm-42' };
    const first = await ok(app.cards.create(w.owner, w.teamId, w.boardId, { listId, title: title('Once') }, origin));
    const retry = await ok(app.cards.create(w.owner, w.teamId, w.boardId, { listId, title: title('Once') }, origin));
    expect(retry.seq).toBe(first.seq);
    expect(retry.value).toEqual(first.value);
    const snapshot = await ok(app.boards.get(w.owner, w.teamId, w.boardId));
    expect(snapshot.cards).toHaveLength(1);
    expect(snapshot.seq).toBe(first.seq);
  });

  it('a retried move answers with the original seq even after later changes', async () => {
    const { app, w, listId } = await setUp();
    const card = await ok(app.cards.create(w.owner, w.teamId, w.boardId, { listId, title: title('Card') }, null));
    const origin = { clientId: 'tab-1', mid: 'move-1' };
    const move = await ok(app.cards.move(w.owner, w.teamId, w.boardId, card.value.id, { toListId: listId }, origin));
    await ok(app.cards.update(w.owner, w.teamId, w.boardId, card.value.id, { title: title('Renamed') }, null));
    const retry = await ok(app.cards.move(w.owner, w.teamId, w.boardId, card.value.id, { toListId: listId }, origin));
    expect(retry.seq).toBe(move.seq);
    expect(retry.event).toEqual(move.event);
  });

  it('a card may be created with a client-chosen id, and that id cannot be used twice', async () => {
    const { app, w, listId } = await setUp();
    const id = asUuid('0194f6a2-0000-7000-8000-000000000001');
    const created = await ok(
      app.cards.create(w.owner, w.teamId, w.boardId, { listId, title: title('Offline'), id }, null),
    );
    expect(created.value.id).toBe(id);
    const again = await fails(
      app.cards.create(w.owner, w.teamId, w.boardId, { listId, title: title('Clash'), id }, null),
    );
    expect(again).toMatchObject({ kind: 'conflict', code: 'already_exists' });
  });

  it('concurrent mutations on one board get consecutive seqs with no duplicates', async () => {
    const { app, w, listId } = await setUp();
    const before = (await ok(app.boards.get(w.owner, w.teamId, w.boardId))).seq;
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        app.cards.create(w.owner, w.teamId, w.boardId, { listId, title: title(`Card ${i}`) }, null)(),
      ),
    );
    const seqs = results.map((r) => (E.isRight(r) ? r.right.seq : -1)).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 25 }, (_, i) => before + 1 + i));
    const cards = (await ok(app.boards.get(w.owner, w.teamId, w.boardId))).cards;
    expect(new Set(cards.map((c) => c.rank)).size).toBe(25);
  });

  it('two concurrent moves into the same spot never get the same rank', async () => {
    const { app, w, listId } = await setUp();
    const make = (t: string) => ok(app.cards.create(w.owner, w.teamId, w.boardId, { listId, title: title(t) }, null));
    const [a, b, c] = [await make('A'), await make('B'), await make('C')];
    const moveAfterA = (id: typeof b.value.id) =>
      app.cards.move(w.owner, w.teamId, w.boardId, id, { toListId: listId, position: { afterId: a.value.id } }, null)();
    await Promise.all([moveAfterA(b.value.id), moveAfterA(c.value.id)]);
    const cards = (await ok(app.boards.get(w.owner, w.teamId, w.boardId))).cards;
    expect(cards.map((x) => x.title)).toEqual(['A', 'C', 'B']);
    expect(cards[1]!.rank < cards[2]!.rank).toBe(true);
  });

  it("committed events are published to the board's subscribers", async () => {
    const { app, deps, w, listId } = await setUp();
    const received: BoardEventRecord[] = [];
    const stop = await deps.events.subscribe(w.teamId, w.boardId, (event) => received.push(event))();
    const card = await ok(app.cards.create(w.owner, w.teamId, w.boardId, { listId, title: title('Live') }, null));
    stop();
    await ok(app.cards.update(w.owner, w.teamId, w.boardId, card.value.id, { title: title('Quiet') }, null));
    expect(received).toEqual([card.event]);
  });

  it('a subscriber that throws does not fail the mutation', async () => {
    const { app, deps, w, listId } = await setUp();
    await deps.events.subscribe(w.teamId, w.boardId, () => {
      throw new Error('broken socket');
    })();
    const card = await ok(
      app.cards.create(w.owner, w.teamId, w.boardId, { listId, title: title('Still saved') }, null),
    );
    expect(card.value.title).toBe('Still saved');
  });

  it('events after a seq come oldest first with a flag for more', async () => {
    const { app, w, listId } = await setUp();
    for (const t of ['A', 'B', 'C'])
      await ok(app.cards.create(w.owner, w.teamId, w.boardId, { listId, title: title(t) }, null));
    const page = await ok(app.boards.events(w.owner, w.teamId, w.boardId, { after: 1, limit: 2 }));
    expect(page.events.map((e) => e.seq)).toEqual([2, 3]);
    expect(page.hasMore).toBe(true);
    const rest = await ok(app.boards.events(w.owner, w.teamId, w.boardId, { after: 3, limit: 10 }));
    expect(rest.events.map((e) => e.seq)).toEqual([4, 5]);
    expect(rest.hasMore).toBe(false);
  });

  it('an archived board refuses changes until it is restored', async () => {
    const { app, w, listId } = await setUp();
    await ok(app.boards.update(w.owner, w.teamId, w.boardId, { archived: true }, null));
    const error = await fails(app.cards.create(w.owner, w.teamId, w.boardId, { listId, title: title('No') }, null));
    expect(error).toMatchObject({ kind: 'conflict', code: 'board_archived' });
    await ok(app.boards.update(w.owner, w.teamId, w.boardId, { archived: false }, null));
    await ok(app.cards.create(w.owner, w.teamId, w.boardId, { listId, title: title('Yes') }, null));
  });

  it("comments are listed oldest first with their author's name and counted on the card", async () => {
    const { app, w, listId } = await setUp();
    const card = await ok(app.cards.create(w.owner, w.teamId, w.boardId, { listId, title: title('Discuss') }, null));
    const body = (s: string) => s as Parameters<typeof app.comments.create>[4]['body'];
    await ok(app.comments.create(w.owner, w.teamId, w.boardId, card.value.id, { body: body('First') }, null));
    await ok(app.comments.create(w.owner, w.teamId, w.boardId, card.value.id, { body: body('Second') }, null));
    const comments = await ok(app.comments.list(w.owner, w.teamId, w.boardId, card.value.id));
    expect(comments.map((c) => [c.authorName, c.body])).toEqual([
      ['Alice', 'First'],
      ['Alice', 'Second'],
    ]);
    const snapshot = await ok(app.boards.get(w.owner, w.teamId, w.boardId));
    expect(snapshot.cards[0]!.commentCount).toBe(2);
  });

  it('changing a returned snapshot does not change the stored board', async () => {
    const { app, w, listId } = await setUp();
    await ok(app.cards.create(w.owner, w.teamId, w.boardId, { listId, title: title('Stable') }, null));
    const snapshot = await ok(app.boards.get(w.owner, w.teamId, w.boardId));
    expect(() => {
      (snapshot.cards[0] as { title: string }).title = 'Hacked';
    }).toThrow(TypeError);
    expect((await ok(app.boards.get(w.owner, w.teamId, w.boardId))).cards[0]!.title).toBe('Stable');
  });

  it('resync announcements reach every resync listener until it stops listening', async () => {
    const { deps, w } = await setUp();
    const heard: string[] = [];
    const stop = deps.events.onResync((teamId, boardId) => heard.push(`${teamId}/${boardId}`));
    deps.events.announceResync(w.teamId, w.boardId);
    stop();
    deps.events.announceResync(w.teamId, w.boardId);
    expect(heard).toEqual([`${w.teamId}/${w.boardId}`]);
  });
});
