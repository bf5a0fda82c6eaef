import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { commands, rankBetween } from '../../domain';
import type { Application } from '../api';
import { cardIn, mutateBoard } from '../board-mutation';
import type { AppDeps } from '../deps';
import { rebalanceAfter } from './rebalance-list';

/**
 * Moves a card within its list or to another one. The move is an intent (target list and neighbour);
 * the rank is computed here from the neighbours as they are inside the transaction. A neighbour that has
 * moved away meanwhile does not refuse the move: the stale-anchor rule places it (see domain/placement).
 */
export const moveCard =
  (deps: AppDeps): Application['cards']['move'] =>
  (actor, teamId, boardId, cardId, input, origin) =>
    pipe(
      mutateBoard(deps)(
        { actor, teamId, boardId, origin, action: 'card.write' },
        (tx, at) =>
          pipe(
            TE.Do,
            TE.bind('card', () => tx.card(cardId)),
            TE.bind('from', ({ card }) => tx.list(card.listId)),
            TE.bind('to', () => tx.list(input.toListId)),
            TE.bind('gap', ({ to }) => tx.cardGap(to.id, input.position ?? {}, cardId)),
            TE.bind('rank', ({ gap }) => TE.fromEither(rankBetween(gap))),
            TE.chainEitherK(({ card, from, to, gap, rank }) =>
              commands.moveCard(tx.board, card, from, to, rank, at, gap.placement),
            ),
          ),
        (_event, state) => cardIn(state, cardId),
      ),
      TE.chainFirstW((m) => rebalanceAfter(deps, actor)(m.event)),
    );
