import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type { BoardOp } from '../../../src/domain/board-op';
import type { BoardState } from '../../../src/domain/board-state';
import type { Card } from '../../../src/domain/board';
import * as commands from '../../../src/domain/commands';
import type { ChecklistOutcome } from '../../../src/domain/card-model-commands';
import * as edits from '../../../src/domain/checklist-edits';
import { notFound, validation, type AppError } from '../../../src/domain/errors';
import type { BoardEvent } from '../../../src/domain/events';

type CardModelOp = Exclude<
  BoardOp,
  {
    kind:
      | 'board.update'
      | 'list.create'
      | 'list.update'
      | 'list.move'
      | 'list.delete'
      | 'card.create'
      | 'card.update'
      | 'card.move'
      | 'card.delete'
      | 'comment.create';
  }
>;

const cardOf = (s: BoardState, id: string): E.Either<AppError, Card> => {
  const card = s.cards[id];
  return card ? E.right(card) : E.left(notFound('Card'));
};

const needsId = <T>(id: T | undefined, what: string): E.Either<AppError, T> =>
  id === undefined ? E.left(validation(`A ${what} needs an id to be created offline`)) : E.right(id);

/**
 * The provisional event of a card-model op (labels, members, checklists): the same pure decisions the
 * server makes, so the optimistic view shows what the server will most likely answer.
 */
export const decideCardModel = (s: BoardState, op: CardModelOp, at: string): E.Either<AppError, BoardEvent> => {
  const onCard = (cardId: string, decide: (card: Card) => E.Either<AppError, BoardEvent>) =>
    pipe(cardOf(s, cardId), E.chain(decide));
  const checklist = (cardId: string, edit: (card: Card) => E.Either<AppError, ChecklistOutcome>) =>
    pipe(
      cardOf(s, cardId),
      E.chain((card) => commands.changeChecklists(s.board, card, edit(card))),
    );
  switch (op.kind) {
    // Comments are not part of the board state: the predicted event changes only the card's count.
    case 'comment.update':
      return pipe(
        cardOf(s, op.cardId),
        E.map((c) => ({
          kind: 'comment.updated' as const,
          data: { commentId: op.commentId, cardId: c.id, cardTitle: c.title, body: op.body, editedAt: at },
        })),
      );
    case 'comment.delete':
      return pipe(
        cardOf(s, op.cardId),
        E.map((c) => ({
          kind: 'comment.deleted' as const,
          data: { commentId: op.commentId, cardId: c.id, cardTitle: c.title },
        })),
      );
    case 'label.create':
      return pipe(
        needsId(op.id, 'label'),
        E.chain((id) => commands.createLabel(s.board, { id, name: op.name, ...(op.color && { color: op.color }) })),
      );
    case 'label.update':
      return commands.updateLabel(s.board, op.labelId, { name: op.name, color: op.color });
    case 'label.delete':
      return commands.deleteLabel(s.board, op.labelId);
    case 'card.label.add':
      return onCard(op.cardId, (c) => commands.labelCard(s.board, c, op.labelId));
    case 'card.label.remove':
      return onCard(op.cardId, (c) => commands.unlabelCard(s.board, c, op.label));
    case 'card.member.add':
      return onCard(op.cardId, (c) => commands.assignMember(s.board, c, op.userId));
    case 'card.member.remove':
      return onCard(op.cardId, (c) => commands.unassignMember(s.board, c, op.userId));
    case 'checklist.create':
      return pipe(
        needsId(op.id, 'checklist'),
        E.chain((id) => checklist(op.cardId, (c) => edits.addChecklist(c, { id, title: op.title }))),
      );
    case 'checklist.update':
      return checklist(op.cardId, (c) => edits.renameChecklist(c, op.checklistId, op.title));
    case 'checklist.delete':
      return checklist(op.cardId, (c) => edits.deleteChecklist(c, op.checklistId));
    case 'checklist.item.create': {
      const { kind: _k, cardId, checklistId, id, ...place } = op;
      return pipe(
        needsId(id, 'checklist item'),
        E.chain((itemId) => checklist(cardId, (c) => edits.addItem(c, checklistId, { id: itemId, ...place }))),
      );
    }
    case 'checklist.item.update':
      return checklist(op.cardId, (c) =>
        edits.updateItem(c, op.checklistId, op.itemId, { title: op.title, done: op.done }),
      );
    case 'checklist.item.move': {
      const { kind: _k, cardId, checklistId, itemId, ...place } = op;
      return checklist(cardId, (c) => edits.moveItem(c, checklistId, itemId, place));
    }
    case 'checklist.item.delete':
      return checklist(op.cardId, (c) => edits.deleteItem(c, op.checklistId, op.itemId));
  }
};
