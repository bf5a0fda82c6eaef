import { describeEvent, type BoardEvent } from '../../../src/domain';
import { AT, LATER, makeBoard, makeCard, makeList, record, uuid } from './fixtures';

const board = makeBoard({ title: 'Sprint 12' });
const todo = makeList(board, { id: uuid(10), title: 'To Do' });
const done = makeList(board, { id: uuid(11), title: 'Done' });
const card = makeCard(todo, { id: uuid(20), title: 'Fix login' });

const moved = (toListId = done.id, toListTitle = done.title): BoardEvent => ({
  kind: 'card.moved',
  data: {
    cardId: card.id,
    title: card.title,
    fromListId: todo.id,
    fromListTitle: todo.title,
    toListId,
    toListTitle,
    rank: 'a1',
    updatedAt: LATER,
  },
});

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

describe('describeEvent', () => {
  test.each<[string, BoardEvent]>([
    ['Alice created the board "Sprint 12"', { kind: 'board.created', data: { board } }],
    [
      'Alice renamed the board from "Sprint 12" to "Sprint 13"',
      { kind: 'board.updated', data: { title: 'Sprint 13', previousTitle: 'Sprint 12' } },
    ],
    ['Alice archived the board', { kind: 'board.updated', data: { archived: true, previousTitle: 'Sprint 12' } }],
    ['Alice restored the board', { kind: 'board.updated', data: { archived: false, previousTitle: 'Sprint 12' } }],
    ['Alice added the list "To Do"', { kind: 'list.created', data: { list: todo } }],
    [
      'Alice renamed the list "To Do" to "Backlog"',
      { kind: 'list.updated', data: { listId: todo.id, changes: { title: 'Backlog' }, previousTitle: 'To Do' } },
    ],
    [
      'Alice archived the list "To Do"',
      { kind: 'list.updated', data: { listId: todo.id, changes: { archived: true }, previousTitle: 'To Do' } },
    ],
    [
      'Alice restored the list "To Do"',
      { kind: 'list.updated', data: { listId: todo.id, changes: { archived: false }, previousTitle: 'To Do' } },
    ],
    ['Alice reordered the list "Done"', { kind: 'list.moved', data: { listId: done.id, rank: 'Zz', title: 'Done' } }],
    ['Alice deleted the list "Done"', { kind: 'list.deleted', data: { listId: done.id, title: 'Done', cardIds: [] } }],
    ['Alice added "Fix login" to To Do', { kind: 'card.created', data: { card, listTitle: 'To Do' } }],
    [
      'Alice updated "Fix login page"',
      {
        kind: 'card.updated',
        data: { cardId: card.id, changes: { title: 'Fix login page' }, title: 'Fix login page', updatedAt: LATER },
      },
    ],
    [
      'Alice archived "Fix login"',
      {
        kind: 'card.updated',
        data: { cardId: card.id, changes: { archived: true }, title: 'Fix login', updatedAt: LATER },
      },
    ],
    [
      'Alice restored "Fix login"',
      {
        kind: 'card.updated',
        data: { cardId: card.id, changes: { archived: false }, title: 'Fix login', updatedAt: LATER },
      },
    ],
    ['Alice moved "Fix login" from To Do to Done', moved()],
    ['Alice reordered "Fix login" in To Do', moved(todo.id, todo.title)],
    [
      'Alice deleted "Fix login"',
      { kind: 'card.deleted', data: { cardId: card.id, title: 'Fix login', listId: todo.id } },
    ],
    ['Alice commented on "Fix login"', { kind: 'comment.created', data: { comment, cardTitle: 'Fix login' } }],
  ])('reads "%s"', (text, ev) => {
    expect(describeEvent(record(ev, 2), 'Alice')).toBe(text);
  });
});
