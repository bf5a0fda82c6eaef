import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type { Card, List, Rank } from '../../../src/domain/board';
import { cardsOfList, orderedLists, type BoardState } from '../../../src/domain/board-state';
import * as commands from '../../../src/domain/commands';
import { notFound, type AppError } from '../../../src/domain/errors';
import type { BoardEvent, CardChanges, ListChanges } from '../../../src/domain/events';
import type { CardId, ListId, UserId } from '../../../src/domain/ids';
import { rankBetween } from '../../../src/domain/ranking';

/** A mutation as the user meant it (intent, not result): the server recomputes ranks from its own neighbours. */
export type MutationOp =
  | { kind: 'list.create'; listId: string; title: string }
  | { kind: 'list.update'; listId: string; changes: ListChanges }
  | { kind: 'list.move'; listId: string; afterListId?: string; beforeListId?: string }
  | { kind: 'card.create'; cardId: string; listId: string; title: string }
  | { kind: 'card.update'; cardId: string; changes: CardChanges }
  | { kind: 'card.move'; cardId: string; toListId: string; afterCardId?: string; beforeCardId?: string }
  | { kind: 'comment.create'; commentId: string; cardId: string; body: string };

/** Who and when, for the provisional event a pending mutation shows until the server's event replaces it. */
export interface OpContext {
  readonly actor: string;
  readonly at: string;
}

const find = <T>(rec: Readonly<Record<string, T>>, id: string | undefined, name: string): E.Either<AppError, T> => {
  const v = id === undefined ? undefined : rec[id];
  return v === undefined ? E.left(notFound(name)) : E.right(v);
};

/** The gap between two neighbours of a sequence sorted by rank, excluding the item being moved. */
const gapOf = <T extends { id: string; rank: Rank }>(
  items: readonly T[],
  movingId: string,
  afterId?: string,
  beforeId?: string,
) => {
  const others = items.filter((i) => i.id !== movingId);
  if (afterId !== undefined) {
    const idx = others.findIndex((i) => i.id === afterId);
    if (idx < 0) return E.left(notFound('Neighbour'));
    return E.right({ lower: others[idx]!.rank, upper: others[idx + 1]?.rank ?? null });
  }
  if (beforeId !== undefined) {
    const idx = others.findIndex((i) => i.id === beforeId);
    if (idx < 0) return E.left(notFound('Neighbour'));
    return E.right({ lower: others[idx - 1]?.rank ?? null, upper: others[idx]!.rank });
  }
  return E.right({ lower: others[others.length - 1]?.rank ?? null, upper: null });
};

const rankIn = <T extends { id: string; rank: Rank }>(
  items: readonly T[],
  movingId: string,
  after?: string,
  before?: string,
) => pipe(gapOf(items, movingId, after, before), E.chain(rankBetween));

const listsOf = (s: BoardState): List[] => orderedLists(s);

/**
 * The event a pending mutation would produce on `state`, computed with the same pure decisions the
 * server runs, so the optimistic view matches what the server will most likely answer.
 */
export const provisionalEvent = (s: BoardState, op: MutationOp, ctx: OpContext): E.Either<AppError, BoardEvent> => {
  const actor = ctx.actor as UserId;
  switch (op.kind) {
    case 'list.create':
      return pipe(
        rankIn(listsOf(s), op.listId),
        E.chain((rank) => commands.createList(s.board, { id: op.listId as ListId, title: op.title, rank, at: ctx.at })),
      );
    case 'list.update':
      return pipe(
        find(s.lists, op.listId, 'List'),
        E.chain((l) => commands.updateList(s.board, l, op.changes)),
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
    case 'card.create':
      return pipe(
        find(s.lists, op.listId, 'List'),
        E.chain((l) =>
          pipe(
            rankIn(cardsOfList(s, l.id), op.cardId),
            E.chain((rank) =>
              commands.createCard(s.board, l, {
                id: op.cardId as CardId,
                title: op.title,
                description: '',
                dueDate: null,
                labels: [],
                rank,
                actor,
                at: ctx.at,
              }),
            ),
          ),
        ),
      );
    case 'card.update':
      return pipe(
        find(s.cards, op.cardId, 'Card'),
        E.chain((c) => commands.updateCard(s.board, c, op.changes, ctx.at)),
      );
    case 'card.move':
      return moveEvent(s, op, ctx);
    case 'comment.create':
      return pipe(
        find(s.cards, op.cardId, 'Card'),
        E.chain((c: Card) =>
          commands.createComment(s.board, c, { id: op.commentId as CardId, body: op.body, author: actor, at: ctx.at }),
        ),
      );
  }
};

const moveEvent = (s: BoardState, op: Extract<MutationOp, { kind: 'card.move' }>, ctx: OpContext) =>
  pipe(
    E.Do,
    E.apS('card', find(s.cards, op.cardId, 'Card')),
    E.apS('to', find(s.lists, op.toListId, 'List')),
    E.bind('from', ({ card }) => find(s.lists, card.listId, 'List')),
    E.bind('rank', ({ card, to }) => rankIn(cardsOfList(s, to.id), card.id, op.afterCardId, op.beforeCardId)),
    E.chain(({ card, from, to, rank }) => commands.moveCard(s.board, card, from, to, rank, ctx.at)),
  );
