import { applyEvent, cardsOfList, orderedLists, type BoardEvent, type BoardState } from '../../../src/domain';
import { AT, LATER, makeBoard, makeCard, makeList, record, replay, stateOf, uuid } from './fixtures';

const board = makeBoard();
const todo = makeList(board, { id: uuid(10), title: 'To Do', rank: 'a0' });
const done = makeList(board, { id: uuid(11), title: 'Done', rank: 'a1' });
const card = makeCard(todo, { id: uuid(20), title: 'Fix login', rank: 'a0' });
const base = stateOf(board, [todo, done], [card], 5);

/** Applies one event at the next seq and returns the (non-null) state. */
const step = (s: BoardState, ev: BoardEvent): BoardState => {
  const next = applyEvent(s, record(ev, s.seq + 1));
  if (next === null) throw new Error('the reducer dropped the board');
  return next;
};

describe('applyEvent', () => {
  test('board.created starts a board with no lists or cards at the event seq', () => {
    const s = applyEvent(null, record({ kind: 'board.created', data: { board } }, 1));
    expect(s).toEqual({ board, lists: {}, cards: {}, seq: 1 });
  });

  test('a second board.created does not wipe a board that already exists', () => {
    expect(applyEvent(base, record({ kind: 'board.created', data: { board } }, 6))).toBe(base);
  });

  test('an event before board.created leaves the board absent', () => {
    expect(
      applyEvent(null, record({ kind: 'card.deleted', data: { cardId: card.id, title: 'x', listId: todo.id } }, 2)),
    ).toBeNull();
  });

  test('board.updated renames the board and keeps it active unless archived is given', () => {
    const s = step(base, { kind: 'board.updated', data: { title: 'Sprint 13', previousTitle: 'Sprint 12' } });
    expect(s.board).toEqual({ ...board, title: 'Sprint 13' });
    expect(s.seq).toBe(6);
  });

  test('board.updated archives and restores the board', () => {
    const archived = step(base, { kind: 'board.updated', data: { archived: true, previousTitle: board.title } });
    expect(archived.board.archived).toBe(true);
    expect(archived.board.title).toBe(board.title);
    const restored = step(archived, { kind: 'board.updated', data: { archived: false, previousTitle: board.title } });
    expect(restored.board.archived).toBe(false);
  });

  test('list.reranked gives the named cards of that list their new ranks and leaves others alone', () => {
    const stray = { cardId: uuid(99), rank: 'a5' };
    const s = step(base, {
      kind: 'list.reranked',
      data: { listId: todo.id, title: 'To Do', ranks: [{ cardId: card.id, rank: 'a3' }, stray] },
    });
    expect(s.cards[card.id]?.rank).toBe('a3');
    expect(s.cards[stray.cardId]).toBeUndefined();
    const elsewhere = step(base, {
      kind: 'list.reranked',
      data: { listId: done.id, title: 'Done', ranks: [{ cardId: card.id, rank: 'a9' }] },
    });
    expect(elsewhere.cards[card.id]).toEqual(base.cards[card.id]);
  });

  test('list.created adds the list', () => {
    const doing = makeList(board, { id: uuid(12), title: 'Doing', rank: 'a0V' });
    const s = step(base, { kind: 'list.created', data: { list: doing } });
    expect(s.lists[doing.id]).toEqual(doing);
    expect(orderedLists(s).map((l) => l.title)).toEqual(['To Do', 'Doing', 'Done']);
  });

  test('list.updated changes only the given fields', () => {
    const s = step(base, {
      kind: 'list.updated',
      data: { listId: todo.id, changes: { title: 'Backlog' }, previousTitle: 'To Do' },
    });
    expect(s.lists[todo.id]).toEqual({ ...todo, title: 'Backlog' });
    expect(s.lists[done.id]).toBe(done);
  });

  test('list.moved gives the list its new rank', () => {
    const s = step(base, { kind: 'list.moved', data: { listId: todo.id, rank: 'a2', title: todo.title } });
    expect(orderedLists(s).map((l) => l.title)).toEqual(['Done', 'To Do']);
  });

  test('list.deleted removes the list and the cards it held', () => {
    const other = makeCard(done, { id: uuid(21), title: 'Ship it' });
    const s = step(stateOf(board, [todo, done], [card, other], 5), {
      kind: 'list.deleted',
      data: { listId: todo.id, title: todo.title, cardIds: [card.id] },
    });
    expect(Object.keys(s.lists)).toEqual([done.id]);
    expect(Object.keys(s.cards)).toEqual([other.id]);
  });

  test('card.created adds the card to its list', () => {
    const second = makeCard(todo, { id: uuid(21), title: 'Write docs', rank: 'a1' });
    const s = step(base, { kind: 'card.created', data: { card: second, listTitle: todo.title } });
    expect(cardsOfList(s, todo.id).map((c) => c.title)).toEqual(['Fix login', 'Write docs']);
  });

  test('card.updated patches the card, copies its labels and stamps updatedAt', () => {
    const labels = ['bug'];
    const s = step(base, {
      kind: 'card.updated',
      data: {
        cardId: card.id,
        changes: { description: 'Users get a 500', labels, dueDate: '2026-03-01' },
        title: card.title,
        updatedAt: LATER,
      },
    });
    expect(s.cards[card.id]).toEqual({
      ...card,
      description: 'Users get a 500',
      labels: ['bug'],
      dueDate: '2026-03-01',
      updatedAt: LATER,
    });
    expect(s.cards[card.id]?.labels).not.toBe(labels);
  });

  test('card.moved puts the card in the target list at the given rank', () => {
    const s = step(base, {
      kind: 'card.moved',
      data: {
        cardId: card.id,
        title: card.title,
        fromListId: todo.id,
        fromListTitle: todo.title,
        toListId: done.id,
        toListTitle: done.title,
        rank: 'a5',
        updatedAt: LATER,
      },
    });
    expect(cardsOfList(s, todo.id)).toEqual([]);
    expect(cardsOfList(s, done.id)).toEqual([{ ...card, listId: done.id, rank: 'a5', updatedAt: LATER }]);
  });

  test('card.deleted removes the card', () => {
    const s = step(base, { kind: 'card.deleted', data: { cardId: card.id, title: card.title, listId: todo.id } });
    expect(s.cards).toEqual({});
  });

  test('comment.created counts the comment on its card', () => {
    const comment = {
      id: uuid(30),
      teamId: board.teamId,
      boardId: board.id,
      cardId: card.id,
      authorId: card.createdBy,
      body: 'On it',
      createdAt: AT,
      editedAt: null,
    };
    const s = step(base, { kind: 'comment.created', data: { comment, cardTitle: card.title } });
    expect(s.cards[card.id]?.commentCount).toBe(1);
  });

  test.each([5, 4, 1])('an event at seq %i was applied already and is ignored by a state at seq 5', (seq) => {
    const ev = record({ kind: 'card.deleted', data: { cardId: card.id, title: card.title, listId: todo.id } }, seq);
    expect(applyEvent(base, ev)).toBe(base);
  });

  test('replaying a log twice gives the same board as replaying it once', () => {
    const log = [
      record({ kind: 'board.created', data: { board } }, 1),
      record({ kind: 'list.created', data: { list: todo } }, 2),
      record({ kind: 'card.created', data: { card, listTitle: todo.title } }, 3),
      record(
        {
          kind: 'card.updated',
          data: { cardId: card.id, changes: { title: 'Fix login page' }, title: 'Fix login page', updatedAt: LATER },
        },
        4,
      ),
    ];
    expect(replay([...log, ...log])).toEqual(replay(log));
  });

  const ghost = uuid(999);
  const forUnknownEntities: BoardEvent[] = [
    { kind: 'list.updated', data: { listId: ghost, changes: { title: 'x' }, previousTitle: 'y' } },
    { kind: 'list.moved', data: { listId: ghost, rank: 'a3', title: 'x' } },
    { kind: 'list.deleted', data: { listId: ghost, title: 'x', cardIds: [uuid(998)] } },
    { kind: 'card.updated', data: { cardId: ghost, changes: { title: 'x' }, title: 'x', updatedAt: LATER } },
    {
      kind: 'card.moved',
      data: {
        cardId: ghost,
        title: 'x',
        fromListId: todo.id,
        fromListTitle: 'To Do',
        toListId: done.id,
        toListTitle: 'Done',
        rank: 'a3',
        updatedAt: LATER,
      },
    },
    { kind: 'card.deleted', data: { cardId: ghost, title: 'x', listId: todo.id } },
    {
      kind: 'comment.created',
      data: {
        comment: {
          id: uuid(31),
          teamId: board.teamId,
          boardId: board.id,
          cardId: ghost,
          authorId: card.createdBy,
          body: 'hi',
          createdAt: AT,
          editedAt: null,
        },
        cardTitle: 'x',
      },
    },
  ];

  test.each(forUnknownEntities.map((ev) => [ev.kind, ev] as const))(
    '%s for an entity the board does not hold changes nothing but the seq',
    (_kind, ev) => {
      const s = step(base, ev);
      expect(s).toEqual({ ...base, seq: 6 });
    },
  );
});

describe('display order', () => {
  test('lists and cards with equal ranks fall back to id order so every client shows the same board', () => {
    const a = makeList(board, { id: uuid(41), rank: 'a0' });
    const b = makeList(board, { id: uuid(40), rank: 'a0' });
    const c1 = makeCard(a, { id: uuid(51), rank: 'a0' });
    const c2 = makeCard(a, { id: uuid(50), rank: 'a0' });
    const s = stateOf(board, [a, b], [c1, c2]);
    expect(orderedLists(s).map((l) => l.id)).toEqual([b.id, a.id]);
    expect(cardsOfList(s, a.id).map((c) => c.id)).toEqual([c2.id, c1.id]);
  });

  test('ranks compare in byte order, so an upper-case key sorts before a lower-case one', () => {
    const upper = makeCard(todo, { id: uuid(60), rank: 'Zz' });
    const lower = makeCard(todo, { id: uuid(61), rank: 'a0' });
    expect(cardsOfList(stateOf(board, [todo], [lower, upper]), todo.id).map((c) => c.rank)).toEqual(['Zz', 'a0']);
  });
});
