import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { BoardStore } from '../../src/application/ports';
import { applyEvent, checklistEdits, commands, validation, type BoardState } from '../../src/domain';
import { boardCreated, boardWorld, createCardDecision, gapProbe } from './board-fixtures';
import { fail, newId, ok, ticker, type Subject } from './fixtures';

/**
 * The BoardStore contract: every adapter (memory, Postgres) must pass it unchanged. Each case works in
 * a fresh team, so one store serves the whole suite.
 */
export const registerBoardStoreContract = (name: string, factory: () => Promise<Subject<BoardStore>>): void => {
  describe(`BoardStore contract: ${name}`, () => {
    let subject: Subject<BoardStore>;
    let store: BoardStore;

    beforeAll(async () => {
      subject = await factory();
      store = subject.port;
    });
    afterAll(() => subject.close());

    it('a new board starts its event log at seq 1', async () => {
      const w = await boardWorld(store, 'Launch');
      const [created] = await ok(store.eventsAfter(w.teamId, w.boardId, 0, 10));
      expect(created).toMatchObject({ kind: 'board.created', seq: 1, teamId: w.teamId, actor: w.actor });
      expect(await ok(store.board(w.teamId, w.boardId))).toMatchObject({ title: 'Launch', archived: false });
    });

    it('mutations append events with consecutive seqs', async () => {
      const w = await boardWorld(store);
      const todo = await w.addList('To Do');
      await w.addCard(todo.id, 'Write the spec');
      const seqs = (await ok(store.eventsAfter(w.teamId, w.boardId, 0, 10))).map((e) => e.seq);
      expect(seqs).toEqual([1, 2, 3]);
      expect((await ok(store.snapshot(w.teamId, w.boardId))).seq).toBe(3);
    });

    it('a repeated origin replays the original event and appends nothing', async () => {
      const w = await boardWorld(store);
      const todo = await w.addList('To Do');
      const origin = { clientId: 'browser-1', mid: 'm-42' };
      const first = await w.mutate(createCardDecision(todo.id, 'Once', {}, newId(), ticker()()), origin);
      const again = await w.mutate(createCardDecision(todo.id, 'Twice', {}, newId(), ticker()()), origin);
      expect(again).toEqual(first);
      expect(again.origin).toEqual(origin);
      expect(await ok(store.eventsAfter(w.teamId, w.boardId, 0, 10))).toHaveLength(3);
    });

    it('a repeated board creation with the same origin replays it', async () => {
      const w = await boardWorld(store);
      const boardId = newId();
      const ctx = { ...w.ctx({ clientId: 'c', mid: 'create-1' }), boardId };
      const ev = boardCreated({ id: boardId, teamId: w.teamId, title: 'Twice', actor: w.actor, at: ctx.at });
      const first = await ok(store.createBoard(ctx, ev));
      expect(await ok(store.createBoard(ctx, ev))).toEqual(first);
      expect((await ok(store.listBoards(w.teamId))).map((b) => b.id)).toEqual([w.boardId, boardId]);
    });

    it("another team's board, list and card are not found", async () => {
      const w = await boardWorld(store);
      const todo = await w.addList('To Do');
      const card = await w.addCard(todo.id, 'Secret');
      const stranger = newId();
      expect((await fail(store.board(stranger, w.boardId))).kind).toBe('not_found');
      expect((await fail(store.list(stranger, w.boardId, todo.id))).kind).toBe('not_found');
      expect((await fail(store.card(stranger, w.boardId, card.id))).kind).toBe('not_found');
      expect((await fail(store.snapshot(stranger, w.boardId))).kind).toBe('not_found');
      expect(await ok(store.listBoards(stranger))).toEqual([]);
      const intruder = await boardWorld(store);
      const err = await fail(
        store.mutate(intruder.ctx(), (tx) =>
          pipe(
            tx.card(card.id),
            TE.chainEitherK((c) => commands.deleteCard(tx.board, c)),
          ),
        ),
      );
      expect(err.kind).toBe('not_found');
    });

    it('a mutation of a board that does not exist is not found', async () => {
      const w = await boardWorld(store);
      const ctx = { ...w.ctx(), boardId: newId() };
      expect(
        (await fail(store.mutate(ctx, (tx) => TE.fromEither(commands.updateBoard(tx.board, { title: 'x' }))))).kind,
      ).toBe('not_found');
    });

    it('cardGap answers the neighbours around an anchor, leaving out the moving card', async () => {
      const w = await boardWorld(store);
      const todo = await w.addList('To Do');
      const done = await w.addList('Done');
      const [a, b, c] = [await w.addCard(todo.id, 'A'), await w.addCard(todo.id, 'B'), await w.addCard(todo.id, 'C')];
      const gapOf = gapProbe(store, w, todo.id);
      const asAsked = { placement: 'as_asked' };
      expect(await gapOf({ afterId: a.id }, null)).toEqual({ lower: a.rank, upper: b.rank, ...asAsked });
      expect(await gapOf({ beforeId: c.id }, null)).toEqual({ lower: b.rank, upper: c.rank, ...asAsked });
      expect(await gapOf({}, null)).toEqual({ lower: c.rank, upper: null, ...asAsked });
      expect(await gapOf({ afterId: a.id }, b.id)).toEqual({ lower: a.rank, upper: c.rank, ...asAsked });
      expect(await gapOf({}, c.id)).toEqual({ lower: b.rank, upper: null, ...asAsked });
      expect(await gapProbe(store, w, done.id)({}, null)).toEqual({ lower: null, upper: null, ...asAsked });
      expect((await ok(store.eventsAfter(w.teamId, w.boardId, 0, 50))).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    });

    it('a card inserted before the first card sorts first', async () => {
      const w = await boardWorld(store);
      const todo = await w.addList('To Do');
      const first = await w.addCard(todo.id, 'First');
      const earlier = await w.addCard(todo.id, 'Earlier', { beforeId: first.id });
      expect(earlier.rank < first.rank).toBe(true);
    });

    it('a card id that already exists is rejected as already_exists and nothing is written', async () => {
      const w = await boardWorld(store);
      const todo = await w.addList('To Do');
      const card = await w.addCard(todo.id, 'Original');
      const err = await fail(store.mutate(w.ctx(), createCardDecision(todo.id, 'Copy', {}, card.id, ticker()())));
      expect(err).toMatchObject({ kind: 'conflict', code: 'already_exists' });
      expect(await ok(store.card(w.teamId, w.boardId, card.id))).toEqual(card);
      expect((await ok(store.snapshot(w.teamId, w.boardId))).seq).toBe(3);
    });

    it('a creation of a board whose id exists is rejected as already_exists', async () => {
      const w = await boardWorld(store);
      const ctx = w.ctx();
      const ev = boardCreated({ id: w.boardId, teamId: w.teamId, title: 'Again', actor: w.actor, at: ctx.at });
      expect(await fail(store.createBoard(ctx, ev))).toMatchObject({ kind: 'conflict', code: 'already_exists' });
    });

    it('eventsAfter pages forward and eventsBefore pages backward through the log', async () => {
      const w = await boardWorld(store);
      for (const title of ['A', 'B', 'C', 'D']) await w.addList(title);
      const seqs = async (p: Promise<readonly { seq: number }[]>) => (await p).map((e) => e.seq);
      expect(await seqs(ok(store.eventsAfter(w.teamId, w.boardId, 1, 2)))).toEqual([2, 3]);
      expect(await seqs(ok(store.eventsAfter(w.teamId, w.boardId, 3, 10)))).toEqual([4, 5]);
      expect(await seqs(ok(store.eventsAfter(w.teamId, w.boardId, 5, 10)))).toEqual([]);
      expect(await seqs(ok(store.eventsBefore(w.teamId, w.boardId, null, 2)))).toEqual([5, 4]);
      expect(await seqs(ok(store.eventsBefore(w.teamId, w.boardId, 4, 10)))).toEqual([3, 2, 1]);
    });

    it('the snapshot equals the fold of the whole log through applyEvent', async () => {
      const w = await boardWorld(store);
      const todo = await w.addList('To Do');
      const done = await w.addList('Done');
      const a = await w.addCard(todo.id, 'A');
      await w.addCard(todo.id, 'B');
      const at = ticker(Date.parse('2025-04-01T00:00:00.000Z'));
      await w.mutate((tx) =>
        pipe(
          tx.card(a.id),
          TE.chainEitherK((c) => commands.updateCard(tx.board, c, { dueDate: '2025-05-01', labels: ['urgent'] }, at())),
        ),
      );
      await w.mutate((tx) =>
        pipe(
          TE.Do,
          TE.bind('card', () => tx.card(a.id)),
          TE.bind('from', () => tx.list(todo.id)),
          TE.bind('to', () => tx.list(done.id)),
          TE.chainEitherK(({ card, from, to }) => commands.moveCard(tx.board, card, from, to, 'a5', at())),
        ),
      );
      await w.mutate((tx) =>
        pipe(
          tx.card(a.id),
          TE.chainEitherK((c) =>
            commands.createComment(tx.board, c, { id: newId(), body: 'Shipped', author: w.actor, at: at() }),
          ),
        ),
      );
      await w.mutate((tx) => TE.fromEither(commands.updateBoard(tx.board, { title: 'Roadmap 2025' })));
      const log = await ok(store.eventsAfter(w.teamId, w.boardId, 0, 100));
      const folded = log.reduce<BoardState | null>(applyEvent, null);
      expect(await ok(store.snapshot(w.teamId, w.boardId))).toEqual(folded);
    });

    it('the card model (labels, members, checklists, dates) reads back as the fold of the log', async () => {
      const w = await boardWorld(store);
      const todo = await w.addList('To Do');
      const a = await w.addCard(todo.id, 'A');
      const b = await w.addCard(todo.id, 'B');
      const at = ticker(Date.parse('2025-04-01T00:00:00.000Z'));
      const [bug, docs, list, item1, item2] = [newId(), newId(), newId(), newId(), newId()];
      const onCard = (
        id: typeof a.id,
        decide: (c: typeof a, board: BoardState['board']) => ReturnType<typeof commands.labelCard>,
      ) =>
        w.mutate((tx) =>
          pipe(
            tx.card(id),
            TE.chainEitherK((c) => decide(c, tx.board)),
          ),
        );
      await w.mutate((tx) => TE.fromEither(commands.createLabel(tx.board, { id: bug, name: 'bug', color: 'red' })));
      await w.mutate((tx) => TE.fromEither(commands.createLabel(tx.board, { id: docs, name: 'docs' })));
      await onCard(a.id, (c, board) => commands.labelCard(board, c, bug));
      await onCard(b.id, (c, board) => commands.labelCard(board, c, bug));
      await onCard(b.id, (c, board) => commands.labelCard(board, c, docs));
      await w.mutate((tx) => TE.fromEither(commands.updateLabel(tx.board, bug, { name: 'defect', color: 'purple' })));
      await w.mutate((tx) => TE.fromEither(commands.deleteLabel(tx.board, docs)));
      await onCard(a.id, (c, board) => commands.assignMember(board, c, w.actor));
      await onCard(b.id, (c, board) => commands.assignMember(board, c, w.actor));
      await onCard(b.id, (c, board) => commands.unassignMember(board, c, w.actor));
      await onCard(a.id, (c, board) =>
        commands.changeChecklists(board, c, checklistEdits.addChecklist(c, { id: list, title: 'QA' })),
      );
      await onCard(a.id, (c, board) =>
        commands.changeChecklists(board, c, checklistEdits.addItem(c, list, { id: item1, title: 'Chrome' })),
      );
      await onCard(a.id, (c, board) =>
        commands.changeChecklists(
          board,
          c,
          checklistEdits.addItem(c, list, { id: item2, title: 'Firefox', beforeItemId: item1 }),
        ),
      );
      await onCard(a.id, (c, board) =>
        commands.changeChecklists(board, c, checklistEdits.updateItem(c, list, item1, { done: true })),
      );
      await onCard(a.id, (c, board) =>
        commands.updateCard(
          board,
          c,
          { startAt: '2025-04-02T08:00+02:00', dueAt: '2025-04-03T12:00:00Z', dueDone: true },
          at(),
        ),
      );
      const log = await ok(store.eventsAfter(w.teamId, w.boardId, 0, 100));
      const folded = log.reduce<BoardState | null>(applyEvent, null);
      const snapshot = await ok(store.snapshot(w.teamId, w.boardId));
      expect(snapshot).toEqual(folded);
      expect(snapshot.board.labels).toEqual([{ id: bug, name: 'defect', color: 'purple' }]);
      expect(snapshot.cards[b.id]).toMatchObject({ labels: ['defect'], assignees: [] });
      expect(snapshot.cards[a.id]).toMatchObject({
        labels: ['defect'],
        assignees: [w.actor],
        startAt: '2025-04-02T06:00:00.000Z',
        dueAt: '2025-04-03T12:00:00.000Z',
        dueDone: true,
      });
      expect(snapshot.cards[a.id]!.checklists[0]!.items.map((i) => [i.title, i.done])).toEqual([
        ['Firefox', false],
        ['Chrome', true],
      ]);
    });

    it('deleting a list removes its cards and their comments', async () => {
      const w = await boardWorld(store);
      const todo = await w.addList('To Do');
      const card = await w.addCard(todo.id, 'Doomed');
      await w.addCard(todo.id, 'Also doomed');
      await w.mutate((tx) =>
        pipe(
          TE.Do,
          TE.bind('list', () => tx.list(todo.id)),
          TE.bind('ids', () => tx.cardIdsOf(todo.id)),
          TE.chainEitherK(({ list, ids }) => commands.deleteList(tx.board, list, ids)),
        ),
      );
      const snap = await ok(store.snapshot(w.teamId, w.boardId));
      expect(snap.lists).toEqual({});
      expect(snap.cards).toEqual({});
      expect((await fail(store.card(w.teamId, w.boardId, card.id))).kind).toBe('not_found');
    });

    it('concurrent mutations on one board produce gap-free seqs', async () => {
      const w = await boardWorld(store);
      const todo = await w.addList('To Do');
      const when = ticker();
      await Promise.all(
        Array.from({ length: 12 }, (_, i) => w.mutate(createCardDecision(todo.id, `Card ${i}`, {}, newId(), when()))),
      );
      const seqs = (await ok(store.eventsAfter(w.teamId, w.boardId, 0, 100))).map((e) => e.seq);
      expect(seqs).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
      const ranks = Object.values((await ok(store.snapshot(w.teamId, w.boardId))).cards).map((c) => c.rank);
      expect(new Set(ranks).size).toBe(12);
    });

    it('comments are listed oldest first and counted on their card', async () => {
      const w = await boardWorld(store);
      const todo = await w.addList('To Do');
      const card = await w.addCard(todo.id, 'Discuss');
      const at = ticker(Date.parse('2025-06-01T00:00:00.000Z'));
      for (const body of ['First!', 'Second']) {
        await w.mutate((tx) =>
          pipe(
            tx.card(card.id),
            TE.chainEitherK((c) =>
              commands.createComment(tx.board, c, { id: newId(), body, author: w.actor, at: at() }),
            ),
          ),
        );
      }
      expect((await ok(store.comments(w.teamId, w.boardId, card.id))).map((c) => c.body)).toEqual(['First!', 'Second']);
      expect((await ok(store.card(w.teamId, w.boardId, card.id))).commentCount).toBe(2);
      expect((await fail(store.comments(w.teamId, w.boardId, newId()))).kind).toBe('not_found');
    });

    it("a board's comments come in one read, oldest first, across its cards", async () => {
      const w = await boardWorld(store);
      const todo = await w.addList('To Do');
      const [a, b] = [await w.addCard(todo.id, 'A'), await w.addCard(todo.id, 'B')];
      const at = ticker(Date.parse('2025-06-01T00:00:00.000Z'));
      for (const [card, body] of [
        [a, 'on A'],
        [b, 'on B'],
        [a, 'A again'],
      ] as const) {
        await w.mutate((tx) =>
          pipe(
            tx.card(card.id),
            TE.chainEitherK((c) =>
              commands.createComment(tx.board, c, { id: newId(), body, author: w.actor, at: at() }),
            ),
          ),
        );
      }
      const all = await ok(store.boardComments(w.teamId, w.boardId));
      expect(all.map((c) => [c.cardId, c.body])).toEqual([
        [a.id, 'on A'],
        [b.id, 'on B'],
        [a.id, 'A again'],
      ]);
      expect((await fail(store.boardComments(w.teamId, newId()))).kind).toBe('not_found');
    });

    it('a refused decision writes nothing', async () => {
      const w = await boardWorld(store);
      const err = await fail(store.mutate(w.ctx(), () => TE.left(validation('No thanks'))));
      expect(err.kind).toBe('validation');
      expect(await ok(store.eventsAfter(w.teamId, w.boardId, 0, 10))).toHaveLength(1);
    });
  });
};
