import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { BoardTx } from '../ports';
import {
  cardsOfList,
  gapAround,
  notFound,
  orderedLists,
  type AppError,
  type BoardState,
  type Card,
  type CardId,
  type ListId,
} from '../../domain';

const done =
  <T>(value: E.Either<AppError, T>): TaskEither<AppError, T> =>
  async () =>
    value;

/**
 * A decision's reads over one board's state in memory (the engine's, or a store's snapshot). `cardsOf`
 * gives a list's cards in display order; the engine passes its draft's indexed lookup.
 */
export const boardTx = (
  state: BoardState,
  cardsOf: (listId: ListId) => readonly Card[] = (listId) => cardsOfList(state, listId),
): BoardTx => {
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
    cardGap: (listId, at, moving) => done(E.map(() => gapAround(cardsOf(listId), moving, at))(list(listId))),
    listGap: (at, moving) => done(E.right(gapAround(orderedLists(state), moving, at))),
    cardIdsOf: (listId) => done(E.map(() => cardsOf(listId).map((c) => c.id))(list(listId))),
  };
};
