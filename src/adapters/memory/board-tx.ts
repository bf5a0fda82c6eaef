import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { BoardTx } from '../../application/ports';
import {
  cardsOfList,
  notFound,
  orderedLists,
  type AppError,
  type BoardState,
  type CardId,
  type Gap,
  type ListId,
  type Placement,
} from '../../domain';

const done =
  <T>(value: E.Either<AppError, T>): TaskEither<AppError, T> =>
  async () =>
    value;

/**
 * The neighbours around an insertion point among `items` (already in display order, the moving item
 * left out). `afterId` wins when both anchors are given: the server places by its own neighbours.
 */
export const gapAround = <Id extends string>(
  items: readonly { readonly id: string; readonly rank: string }[],
  at: Placement<Id>,
  entity: string,
): E.Either<AppError, Gap> => {
  if (at.afterId !== undefined) {
    const i = items.findIndex((x) => x.id === at.afterId);
    if (i < 0) return E.left(notFound(entity));
    return E.right({ lower: items[i]!.rank, upper: items[i + 1]?.rank ?? null });
  }
  if (at.beforeId !== undefined) {
    const i = items.findIndex((x) => x.id === at.beforeId);
    if (i < 0) return E.left(notFound(entity));
    return E.right({ lower: items[i - 1]?.rank ?? null, upper: items[i]!.rank });
  }
  return E.right({ lower: items[items.length - 1]?.rank ?? null, upper: null });
};

/** Transaction reads over one board's state as it was when the mutation took the board's lock. */
export const boardTx = (state: BoardState): BoardTx => {
  const list = (listId: ListId) => {
    const found = state.lists[listId];
    return found ? E.right(found) : E.left(notFound('List'));
  };
  const card = (cardId: CardId) => {
    const found = state.cards[cardId];
    return found ? E.right(found) : E.left(notFound('Card'));
  };
  return {
    board: state.board,
    list: (listId) => done(list(listId)),
    card: (cardId) => done(card(cardId)),
    cardGap: (listId, at, moving) =>
      done(
        E.chain(() =>
          gapAround(
            cardsOfList(state, listId).filter((c) => c.id !== moving),
            at,
            'Card',
          ),
        )(list(listId)),
      ),
    listGap: (at, moving) =>
      done(
        gapAround(
          orderedLists(state).filter((l) => l.id !== moving),
          at,
          'List',
        ),
      ),
    cardIdsOf: (listId) => done(E.map(() => cardsOfList(state, listId).map((c) => c.id))(list(listId))),
  };
};
