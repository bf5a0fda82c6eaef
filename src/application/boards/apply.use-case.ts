import type { TaskEither } from 'fp-ts/TaskEither';
import type { AppError, BoardOpKind, BoardOpOf, Origin } from '../../domain';
import type { Actor, ApplyBoardOp, BoardTarget, Mutation, OpResults, Position } from '../api';
import { cardModelHandlers } from '../cards/card-model.use-case';
import { createCard } from '../cards/create-card.use-case';
import { deleteCard } from '../cards/delete-card.use-case';
import { moveCard } from '../cards/move-card.use-case';
import { updateCard } from '../cards/update-card.use-case';
import { createComment } from '../comments/create-comment.use-case';
import { deleteComment, updateComment } from '../comments/edit-comment.use-case';
import type { AppDeps } from '../deps';
import { createList } from '../lists/create-list.use-case';
import { deleteList } from '../lists/delete-list.use-case';
import { moveList } from '../lists/move-list.use-case';
import { updateList } from '../lists/update-list.use-case';
import { updateBoard } from './update-board.use-case';

type Handlers = {
  readonly [K in BoardOpKind]: (
    actor: Actor,
    target: BoardTarget,
    op: BoardOpOf<K>,
    origin: Origin | null,
  ) => TaskEither<AppError, Mutation<OpResults[K]>>;
};

/** Placement from `after…Id` / `before…Id` op fields, leaving out the absent ones. */
const position = <Id extends string>(afterId: Id | undefined, beforeId: Id | undefined): Position<Id> => ({
  ...(afterId !== undefined && { afterId }),
  ...(beforeId !== undefined && { beforeId }),
});

const handlers = (deps: AppDeps): Handlers => ({
  'board.update': (actor, { teamId, boardId }, { kind: _k, ...input }, origin) =>
    updateBoard(deps)(actor, teamId, boardId, input, origin),
  'list.create': (actor, { teamId, boardId }, { kind: _k, afterListId, beforeListId, ...input }, origin) =>
    createList(deps)(actor, teamId, boardId, { ...input, position: position(afterListId, beforeListId) }, origin),
  'list.update': (actor, { teamId, boardId }, { kind: _k, listId, ...input }, origin) =>
    updateList(deps)(actor, teamId, boardId, listId, input, origin),
  'list.move': (actor, { teamId, boardId }, op, origin) =>
    moveList(deps)(actor, teamId, boardId, op.listId, position(op.afterListId, op.beforeListId), origin),
  'list.delete': (actor, { teamId, boardId }, op, origin) =>
    deleteList(deps)(actor, teamId, boardId, op.listId, origin),
  'card.create': (actor, { teamId, boardId }, { kind: _k, afterCardId, beforeCardId, ...input }, origin) =>
    createCard(deps)(actor, teamId, boardId, { ...input, position: position(afterCardId, beforeCardId) }, origin),
  'card.update': (actor, { teamId, boardId }, { kind: _k, cardId, ...input }, origin) =>
    updateCard(deps)(actor, teamId, boardId, cardId, input, origin),
  'card.move': (actor, { teamId, boardId }, op, origin) =>
    moveCard(deps)(
      actor,
      teamId,
      boardId,
      op.cardId,
      { toListId: op.toListId, position: position(op.afterCardId, op.beforeCardId) },
      origin,
    ),
  'card.delete': (actor, { teamId, boardId }, op, origin) =>
    deleteCard(deps)(actor, teamId, boardId, op.cardId, origin),
  'comment.create': (actor, { teamId, boardId }, { cardId, body, id }, origin) =>
    createComment(deps)(actor, teamId, boardId, cardId, { body, ...(id !== undefined && { id }) }, origin),
  'comment.update': updateComment(deps),
  'comment.delete': deleteComment(deps),
  ...cardModelHandlers(deps),
});

/**
 * Applies one board op: dispatches on its kind to the decision for that change. Every REST route and
 * WebSocket `mutate` frame ends here, so authorization, dedupe by origin and publishing are one path.
 */
export const applyBoardOp = (deps: AppDeps): ApplyBoardOp => {
  const table = handlers(deps);
  return (actor, target, op, origin) =>
    // The table is indexed by the op's own kind, so the handler and the op agree; TS cannot see that.
    (table[op.kind] as Handlers[typeof op.kind])(actor, target, op, origin);
};
