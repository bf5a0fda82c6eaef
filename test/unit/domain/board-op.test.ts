import * as E from 'fp-ts/Either';
import { BOARD_OP_KINDS, BoardOp, opBody } from '../../../src/domain';

const card = '018f6f2e-1b2c-7d3e-8f40-5a6b7c8d9e0f';
const list = '018f6f2e-1b2c-7d3e-8f40-5a6b7c8d9e10';
const other = '018f6f2e-1b2c-7d3e-8f40-5a6b7c8d9e11';

const accepts = (op: unknown): boolean => E.isRight(BoardOp.decode(op));
const firstMessage = (op: unknown): string | undefined => {
  const result = BoardOp.decode(op);
  return E.isLeft(result) ? result.left[0]?.message : undefined;
};

describe('BoardOp', () => {
  test.each([
    ['a board rename', { kind: 'board.update', title: 'Roadmap' }],
    ['a board archive', { kind: 'board.update', archived: true }],
    ['a list create with a client id', { kind: 'list.create', id: list, title: 'Doing', afterListId: other }],
    ['a list update', { kind: 'list.update', listId: list, title: 'Done', archived: false }],
    ['a list move to the end', { kind: 'list.move', listId: list }],
    ['a list delete', { kind: 'list.delete', listId: list }],
    [
      'a card create with every field',
      {
        kind: 'card.create',
        id: card,
        listId: list,
        title: 'Fix login',
        description: '',
        dueDate: '2026-02-28',
        labels: ['bug'],
        beforeCardId: other,
      },
    ],
    ['a card update clearing the due date', { kind: 'card.update', cardId: card, dueDate: null }],
    ['a card move after a neighbour', { kind: 'card.move', cardId: card, toListId: list, afterCardId: other }],
    ['a card delete', { kind: 'card.delete', cardId: card }],
    ['a comment', { kind: 'comment.create', cardId: card, body: 'Looks good', id: other }],
  ])('accepts %s', (_what, op) => {
    expect(accepts(op)).toBe(true);
  });

  test.each([
    ['an unknown kind', { kind: 'card.teleport', cardId: card }],
    ['no kind at all', { cardId: card, toListId: list }],
    ['a kind that is not text', { kind: 7 }],
    ['an array', [{ kind: 'card.delete', cardId: card }]],
    ['null', null],
    ['a move without its target list', { kind: 'card.move', cardId: card }],
    ['a move naming a rank instead of neighbours', { kind: 'card.move', cardId: card, toListId: list, rank: 'a0' }],
    ['a card id that is not a UUID', { kind: 'card.delete', cardId: 'card-1' }],
    ['an uppercase UUID', { kind: 'card.delete', cardId: card.toUpperCase() }],
    ['a blank title', { kind: 'list.create', title: '   ' }],
    ['a title with NUL', { kind: 'card.create', listId: list, title: 'a\u0000b' }],
    ['a description with NUL', { kind: 'card.update', cardId: card, description: 'x\u0000' }],
    ['a comment with NUL', { kind: 'comment.create', cardId: card, body: '\u0000' }],
    ['a due date that does not exist', { kind: 'card.update', cardId: card, dueDate: '2026-02-30' }],
    ['duplicate labels', { kind: 'card.update', cardId: card, labels: ['a', 'a'] }],
    ['archived as text', { kind: 'list.update', listId: list, archived: 'yes' }],
  ])('refuses %s', (_what, op) => {
    expect(accepts(op)).toBe(false);
  });

  it('names the known kinds when the kind is unknown', () => {
    expect(firstMessage({ kind: 'card.teleport' })).toContain('card.move');
  });

  it('names the unknown field of the op whose kind it has, not of every other op', () => {
    expect(firstMessage({ kind: 'card.move', cardId: card, toListId: list, titel: 'x' })).toBe(
      'has unknown field "titel"',
    );
  });

  it('hands the core branded values that encode back to the JSON that was sent', () => {
    const sent = { kind: 'card.move', cardId: card, toListId: list, beforeCardId: other };
    const decoded = BoardOp.decode(sent);
    expect(E.isRight(decoded) && BoardOp.encode(decoded.right)).toEqual(sent);
  });

  it('has one codec per kind, each checked by `is` the same way as by decode', () => {
    expect(BOARD_OP_KINDS).toHaveLength(26);
    expect(BoardOp.is({ kind: 'card.delete', cardId: card })).toBe(true);
    expect(BoardOp.is({ kind: 'card.delete', cardId: card, extra: 1 })).toBe(false);
    expect(BoardOp.is({ kind: 'nope' })).toBe(false);
  });
});

describe('opBody', () => {
  const MoveCardBody = opBody('card.move', ['cardId'], 'MoveCardBody');

  it('is the op without its kind and the ids the path carries', () => {
    expect(E.isRight(MoveCardBody.decode({ toListId: list, afterCardId: other }))).toBe(true);
  });

  test.each([
    ['the kind', { kind: 'card.move', toListId: list }],
    ['the id the path carries', { cardId: card, toListId: list }],
  ])('refuses %s in the body', (_what, body) => {
    expect(E.isRight(MoveCardBody.decode(body))).toBe(false);
  });
});
