import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import {
  commands,
  conflict,
  rankTooLong,
  type AppError,
  type BoardEventRecord,
  type CardId,
  type ListId,
  type Rank,
} from '../../domain';
import type { Actor } from '../api';
import { mutationContext, publishInBackground } from '../board-mutation';
import type { AppDeps } from '../deps';
import { readNothing } from '../engine/board-engine';

/** The list a card event placed a card in, and the rank it got; null for other events. */
const placement = (event: BoardEventRecord): { cardId: CardId; listId: ListId; rank: Rank } | null => {
  if (event.kind === 'card.moved')
    return { cardId: event.data.cardId, listId: event.data.toListId, rank: event.data.rank };
  if (event.kind === 'card.created') {
    const { card } = event.data;
    return { cardId: card.id, listId: card.listId, rank: card.rank };
  }
  return null;
};

// Nothing to do: the list was renumbered already (a replayed request hands back its original event).
const alreadyShort: AppError = conflict('The list was renumbered already', 'already_reranked');

/**
 * After a card got a rank past the bound, renumbers its list as an event of its own (`list.reranked`),
 * which every client applies like any other — once: the decision re-reads the card in the transaction,
 * so a replayed request (whose event still carries the long rank) renumbers nothing. Best effort: the change that triggered it is committed
 * already, and a list left unrenumbered is only longer keys, so a failure is ignored.
 */
export const rebalanceAfter =
  (deps: AppDeps, actor: Actor) =>
  (event: BoardEventRecord): TE.TaskEither<never, void> => {
    const placed = placement(event);
    if (placed === null || !rankTooLong(placed.rank)) return TE.right(undefined);
    const ctx = mutationContext(deps, {
      actor,
      teamId: event.teamId,
      boardId: event.boardId,
      origin: null,
      action: 'card.write',
    });
    return pipe(
      deps.engine.submit(
        ctx,
        (tx) =>
          pipe(
            tx.card(placed.cardId),
            TE.chain((card) =>
              card.listId === placed.listId && rankTooLong(card.rank) ? TE.right(card) : TE.left(alreadyShort),
            ),
            TE.bindTo('card'),
            TE.bind('list', () => tx.list(placed.listId)),
            TE.bind('ids', () => tx.cardIdsOf(placed.listId)),
            TE.chainEitherK(({ list, ids }) => commands.rerankList(tx.board, list, ids)),
          ),
        readNothing,
      ),
      TE.chain(({ record }) => publishInBackground(deps)(record)),
      TE.orElse((): TE.TaskEither<never, void> => TE.right(undefined)),
    );
  };
