import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type { Card, List, Rank } from '../../../src/domain/board';
import { cardsOfList, orderedLists, type BoardState } from '../../../src/domain/board-state';
import * as commands from '../../../src/domain/commands';
import { BoardOp, type BoardOpInput, type BoardOpOf } from '../../../src/domain/board-op';
import { notFound, validation, type AppError } from '../../../src/domain/errors';
import type { BoardEvent } from '../../../src/domain/events';
import type { UserId } from '../../../src/domain/ids';
import { gapAround } from '../../../src/domain/placement';
import { rankBetween } from '../../../src/domain/ranking';
import { decideCardModel } from './card-model-ops';

/**
 * The browser builds, queues and sends `BoardOpInput`s: the domain's `BoardOp` as JSON carries it. The
 * server decodes the same JSON with the same codec, so what is queued here is exactly what it accepts.
 */
export type { BoardOpInput } from '../../../src/domain/board-op';

/** The id of the list or card an op touches (a create's own id, when the client chose it). */
export const opSubject = (op: BoardOpInput): string | undefined => {
  switch (op.kind) {
    case 'board.update':
      return undefined;
    case 'list.create':
    case 'card.create':
      return op.id;
    case 'list.update':
    case 'list.move':
    case 'list.delete':
      return op.listId;
    case 'card.update':
    case 'card.move':
    case 'card.delete':
    case 'comment.create':
    case 'comment.update':
    case 'comment.delete':
    case 'card.label.add':
    case 'card.label.remove':
    case 'card.member.add':
    case 'card.member.remove':
    case 'checklist.create':
    case 'checklist.update':
    case 'checklist.delete':
    case 'checklist.item.create':
    case 'checklist.item.update':
    case 'checklist.item.move':
    case 'checklist.item.delete':
      return op.cardId;
    case 'label.create':
      return op.id;
    case 'label.update':
    case 'label.delete':
      return op.labelId;
  }
};

type Legacy = Readonly<Record<string, unknown>> & { readonly kind?: unknown };

/**
 * A pending op as an older version of this app queued it (`changes` objects, `cardId`/`listId`/
 * `commentId` as a create's id), in today's spelling; ops already in today's spelling pass unchanged.
 * Offline edits made before an upgrade are still sent after it.
 */
export const upgradeStoredOp = (stored: unknown): BoardOpInput => {
  const op = stored as Legacy;
  const changes = typeof op.changes === 'object' && op.changes !== null ? op.changes : undefined;
  switch (op.kind) {
    case 'list.create':
      return (op.listId !== undefined ? { kind: op.kind, id: op.listId, title: op.title } : op) as BoardOpInput;
    case 'card.create':
      return (
        op.cardId !== undefined ? { kind: op.kind, id: op.cardId, listId: op.listId, title: op.title } : op
      ) as BoardOpInput;
    case 'comment.create':
      return (
        op.commentId !== undefined ? { kind: op.kind, id: op.commentId, cardId: op.cardId, body: op.body } : op
      ) as BoardOpInput;
    case 'list.update':
      return (changes ? { kind: op.kind, listId: op.listId, ...changes } : op) as BoardOpInput;
    case 'card.update':
      return (changes ? { kind: op.kind, cardId: op.cardId, ...changes } : op) as BoardOpInput;
    default:
      return op as BoardOpInput;
  }
};

/** Who and when, for the provisional event a pending mutation shows until the server's event replaces it. */
export interface OpContext {
  readonly actor: string;
  readonly at: string;
}

const find = <T>(rec: Readonly<Record<string, T>>, id: string | undefined, name: string): E.Either<AppError, T> => {
  const v = id === undefined ? undefined : rec[id];
  return v === undefined ? E.left(notFound(name)) : E.right(v);
};

/**
 * The rank the server will give an item placed among `items` (the moving one left out): the domain's
 * stale-anchor rule (`gapAround`), so a prediction made against a neighbour that has just moved lands
 * where the server will put it instead of being refused.
 */
const rankIn = <T extends { id: string; rank: Rank }>(
  items: readonly T[],
  movingId: string,
  afterId?: string,
  beforeId?: string,
) => rankBetween(gapAround(items, movingId, { ...(afterId && { afterId }), ...(beforeId && { beforeId }) }));

const listsOf = (s: BoardState): List[] => orderedLists(s);

/**
 * The event a pending op would produce on `state`, computed with the same codec and pure decisions the
 * server runs, so the optimistic view matches what the server will most likely answer (an op the
 * codec refuses shows nothing, as the server will refuse it too).
 */
export const provisionalEvent = (s: BoardState, input: BoardOpInput, ctx: OpContext): E.Either<AppError, BoardEvent> =>
  pipe(
    BoardOp.decode(input),
    E.mapLeft(() => validation('This change is not valid')),
    E.chain((op) => decide(s, op, ctx)),
  );

const decide = (s: BoardState, op: BoardOp, ctx: OpContext): E.Either<AppError, BoardEvent> => {
  switch (op.kind) {
    case 'board.update':
      return commands.updateBoard(s.board, { title: op.title, archived: op.archived });
    case 'list.create': {
      const id = op.id;
      if (id === undefined) return E.left(validation('A list needs an id to be created offline'));
      return pipe(
        rankIn(listsOf(s), id, op.afterListId, op.beforeListId),
        E.chain((rank) => commands.createList(s.board, { id, title: op.title, rank, at: ctx.at })),
      );
    }
    case 'list.update':
      return pipe(
        find(s.lists, op.listId, 'List'),
        E.chain((l) => commands.updateList(s.board, l, { title: op.title, archived: op.archived })),
      );
    case 'list.move':
      return pipe(
        find(s.lists, op.listId, 'List'),
        E.chain((l) =>
          pipe(
            rankIn(listsOf(s), l.id, op.afterListId, op.beforeListId),
            E.chain((rank) => commands.moveList(s.board, l, rank)),
          ),
        ),
      );
    case 'list.delete':
      return pipe(
        find(s.lists, op.listId, 'List'),
        E.chain((l) =>
          commands.deleteList(
            s.board,
            l,
            cardsOfList(s, l.id).map((c) => c.id),
          ),
        ),
      );
    case 'card.create':
      return createEvent(s, op, ctx);
    case 'card.update': {
      const { kind: _kind, cardId, ...changes } = op;
      return pipe(
        find(s.cards, cardId, 'Card'),
        E.chain((c) => commands.updateCard(s.board, c, changes, ctx.at)),
      );
    }
    case 'card.move':
      return moveEvent(s, op, ctx);
    case 'card.delete':
      return pipe(
        find(s.cards, op.cardId, 'Card'),
        E.chain((c) => commands.deleteCard(s.board, c)),
      );
    case 'comment.create':
      return pipe(
        find(s.cards, op.cardId, 'Card'),
        E.chain((c: Card) =>
          op.id === undefined
            ? E.left(validation('A comment needs an id to be created offline'))
            : commands.createComment(s.board, c, { id: op.id, body: op.body, author: ctx.actor as UserId, at: ctx.at }),
        ),
      );
    default:
      return decideCardModel(s, op, ctx.at);
  }
};

const createEvent = (s: BoardState, op: BoardOpOf<'card.create'>, ctx: OpContext) =>
  pipe(
    E.Do,
    E.apS('list', find(s.lists, op.listId, 'List')),
    E.apS('id', op.id === undefined ? E.left(validation('A card needs an id to be created offline')) : E.right(op.id)),
    E.bind('rank', ({ list, id }) => rankIn(cardsOfList(s, list.id), id, op.afterCardId, op.beforeCardId)),
    E.chain(({ list, id, rank }) =>
      commands.createCard(s.board, list, {
        id,
        title: op.title,
        description: op.description ?? '',
        dueDate: op.dueDate ?? null,
        labels: op.labels ?? [],
        rank,
        actor: ctx.actor as UserId,
        at: ctx.at,
      }),
    ),
  );

const moveEvent = (s: BoardState, op: BoardOpOf<'card.move'>, ctx: OpContext) =>
  pipe(
    E.Do,
    E.apS('card', find(s.cards, op.cardId, 'Card')),
    E.apS('to', find(s.lists, op.toListId, 'List')),
    E.bind('from', ({ card }) => find(s.lists, card.listId, 'List')),
    E.bind('rank', ({ card, to }) => rankIn(cardsOfList(s, to.id), card.id, op.afterCardId, op.beforeCardId)),
    E.chain(({ card, from, to, rank }) => commands.moveCard(s.board, card, from, to, rank, ctx.at)),
  );
