import * as E from 'fp-ts/Either';
import { commands, type AppError, type BoardEvent } from '../../../src/domain';
import { accepted, ALICE, AT, LATER, makeBoard, makeCard, makeList, refused, uuid } from './fixtures';

const board = makeBoard();
const todo = makeList(board, { id: uuid(10), title: 'To Do' });
const done = makeList(board, { id: uuid(11), title: 'Done', rank: 'a1' });
const card = makeCard(todo, { id: uuid(20), title: 'Fix login' });
const newCard = {
  id: uuid(21),
  title: 'Write docs',
  description: '',
  dueDate: null,
  labels: ['docs'],
  rank: 'a1',
  actor: ALICE,
  at: AT,
};

const archivedBoard = { ...board, archived: true };
const otherBoard = makeBoard({ id: uuid(2) });
const otherTeamBoard = makeBoard({ id: uuid(3), teamId: uuid(200) });
const listOn = (b: typeof board) => makeList(b, { id: uuid(90), title: 'Elsewhere' });
const cardOn = (b: typeof board) => makeCard(listOn(b), { id: uuid(91), title: 'Not yours' });

/** Every command that writes to a board, run against `b` with entities of this board. */
const writes: Record<string, (b: typeof board) => E.Either<AppError, BoardEvent>> = {
  createList: (b) => commands.createList(b, { id: uuid(12), title: 'Doing', rank: 'a0V', at: AT }),
  updateList: (b) => commands.updateList(b, todo, { title: 'Backlog' }),
  moveList: (b) => commands.moveList(b, todo, 'a2'),
  deleteList: (b) => commands.deleteList(b, todo, [card.id]),
  createCard: (b) => commands.createCard(b, todo, newCard),
  updateCard: (b) => commands.updateCard(b, card, { title: 'Fix login page' }, LATER),
  moveCard: (b) => commands.moveCard(b, card, todo, done, 'a0', LATER),
  deleteCard: (b) => commands.deleteCard(b, card),
  createComment: (b) => commands.createComment(b, card, { id: uuid(30), body: 'On it', author: ALICE, at: AT }),
};

describe('an archived board', () => {
  test.each(Object.keys(writes))('refuses %s as a conflict until it is restored', (name) => {
    const write = writes[name]!;
    expect(refused(write(archivedBoard))).toMatchObject({ kind: 'conflict', code: 'board_archived' });
    expect(E.isRight(write(board))).toBe(true);
  });

  test('can still be restored', () => {
    expect(accepted(commands.updateBoard(archivedBoard, { archived: false }))).toEqual({
      kind: 'board.updated',
      data: { archived: false, previousTitle: board.title },
    });
  });
});

describe.each([
  ['another board of the same team', otherBoard],
  ['a board of another team', otherTeamBoard],
])('an entity of %s', (_where, foreign) => {
  const foreignList = listOn(foreign);
  const foreignCard = cardOn(foreign);
  const attempts: Record<string, () => E.Either<AppError, BoardEvent>> = {
    'updating its list': () => commands.updateList(board, foreignList, { title: 'Mine now' }),
    'moving its list': () => commands.moveList(board, foreignList, 'a5'),
    'deleting its list': () => commands.deleteList(board, foreignList, []),
    'creating a card in its list': () => commands.createCard(board, foreignList, newCard),
    'updating its card': () => commands.updateCard(board, foreignCard, { title: 'Mine now' }, LATER),
    'moving its card here': () => commands.moveCard(board, foreignCard, foreignList, todo, 'a5', LATER),
    'moving a card into its list': () => commands.moveCard(board, card, todo, foreignList, 'a5', LATER),
    'deleting its card': () => commands.deleteCard(board, foreignCard),
    'commenting on its card': () =>
      commands.createComment(board, foreignCard, { id: uuid(30), body: 'hi', author: ALICE, at: AT }),
  };

  test.each(Object.keys(attempts))('answers not found to %s', (name) => {
    expect(refused(attempts[name]!())).toMatchObject({ kind: 'not_found' });
  });
});

describe('patches', () => {
  test.each([
    ['a card', () => commands.updateCard(board, card, {}, LATER)],
    ['a card with only undefined fields', () => commands.updateCard(board, card, { title: undefined }, LATER)],
    ['a list', () => commands.updateList(board, todo, {})],
    ['a board', () => commands.updateBoard(board, {})],
  ])('an empty patch of %s is refused as invalid', (_what, decide) => {
    expect(refused(decide())).toMatchObject({ kind: 'validation', code: 'empty_patch' });
  });

  test('a card update records only the fields that change, with the title the card will have', () => {
    const ev = accepted(commands.updateCard(board, card, { description: 'Steps: ...', dueDate: undefined }, LATER));
    expect(ev).toEqual({
      kind: 'card.updated',
      data: { cardId: card.id, changes: { description: 'Steps: ...' }, title: 'Fix login', updatedAt: LATER },
    });
  });

  test('clearing a due date is a change, not an empty patch', () => {
    const ev = accepted(commands.updateCard(board, card, { dueDate: null }, LATER));
    expect(ev).toMatchObject({ data: { changes: { dueDate: null } } });
  });
});

describe('cards', () => {
  test('a new card belongs to the board, its team and its list, with no comments yet', () => {
    const ev = accepted(commands.createCard(board, todo, newCard));
    expect(ev).toEqual({
      kind: 'card.created',
      data: {
        listTitle: 'To Do',
        card: {
          id: newCard.id,
          title: 'Write docs',
          description: '',
          dueDate: null,
          labels: ['docs'],
          rank: 'a1',
          teamId: board.teamId,
          boardId: board.id,
          listId: todo.id,
          archived: false,
          commentCount: 0,
          createdAt: AT,
          updatedAt: AT,
          createdBy: ALICE,
          assignees: [],
          checklists: [],
          startAt: null,
          dueAt: null,
          dueDone: false,
          attachments: [],
          coverAttachmentId: null,
        },
      },
    });
  });

  test('a card cannot be added to an archived list', () => {
    const archived = { ...todo, archived: true };
    expect(refused(commands.createCard(board, archived, newCard))).toMatchObject({
      kind: 'conflict',
      code: 'list_archived',
    });
  });

  test('a card cannot be moved into an archived list', () => {
    const archived = { ...done, archived: true };
    expect(refused(commands.moveCard(board, card, todo, archived, 'a0', LATER))).toMatchObject({
      kind: 'conflict',
      code: 'list_archived',
    });
  });

  test('a placed move, create or list move records which placement rule placed it', () => {
    const moved = accepted(commands.moveCard(board, card, todo, done, 'a0', LATER, 'anchor_missing_end'));
    expect(moved).toMatchObject({ kind: 'card.moved', data: { placement: 'anchor_missing_end' } });
    const created = accepted(commands.createCard(board, todo, { ...newCard, placement: 'anchor_missing_before' }));
    expect(created).toMatchObject({ kind: 'card.created', data: { placement: 'anchor_missing_before' } });
    expect(accepted(commands.moveList(board, todo, 'a2', 'as_asked'))).toMatchObject({
      data: { placement: 'as_asked' },
    });
  });

  test('a move records both lists by id and title for the activity feed', () => {
    expect(accepted(commands.moveCard(board, card, todo, done, 'a0', LATER))).toEqual({
      kind: 'card.moved',
      data: {
        cardId: card.id,
        title: 'Fix login',
        fromListId: todo.id,
        fromListTitle: 'To Do',
        toListId: done.id,
        toListTitle: 'Done',
        rank: 'a0',
        updatedAt: LATER,
      },
    });
  });

  test('deleting a list takes the given cards with it', () => {
    expect(accepted(commands.deleteList(board, todo, [card.id]))).toEqual({
      kind: 'list.deleted',
      data: { listId: todo.id, title: 'To Do', cardIds: [card.id] },
    });
  });
});

describe('boards', () => {
  test('a new board is active and remembers who made it', () => {
    const ev = commands.createBoard({ id: uuid(5), teamId: uuid(100), title: 'Roadmap', actor: ALICE, at: AT });
    expect(ev).toEqual({
      kind: 'board.created',
      data: {
        board: {
          id: uuid(5),
          teamId: uuid(100),
          title: 'Roadmap',
          archived: false,
          createdAt: AT,
          createdBy: ALICE,
          labels: [],
        },
      },
    });
  });

  test('renaming a board records the previous title', () => {
    expect(accepted(commands.updateBoard(board, { title: 'Sprint 13' }))).toEqual({
      kind: 'board.updated',
      data: { title: 'Sprint 13', previousTitle: 'Sprint 12' },
    });
  });
});
