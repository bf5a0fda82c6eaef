import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { commands, rankBetween, type Rank } from '../../domain';
import type { Application } from '../api';
import { fromEvent, mutateBoard } from '../board-mutation';
import type { AppDeps } from '../deps';
import { rebalanceAfter } from './rebalance-list';

/** Adds a card to a list (default: at the end); clients may choose the id so offline creates work. */
export const createCard =
  (deps: AppDeps): Application['cards']['create'] =>
  (actor, teamId, boardId, input, origin) => {
    const id = input.id ?? deps.ids.next();
    const created = mutateBoard(deps)(
      { actor, teamId, boardId, origin, action: 'card.write' },
      (tx, at) =>
        pipe(
          tx.list(input.listId),
          TE.chain((list) =>
            pipe(
              tx.cardGap(list.id, input.position ?? {}, null),
              TE.chainEitherK((slot) =>
                E.map((rank: Rank) => ({ rank, placement: slot.placement }))(rankBetween(slot)),
              ),
              TE.chainEitherK(({ rank, placement }) =>
                commands.createCard(tx.board, list, {
                  id,
                  title: input.title,
                  description: input.description ?? '',
                  dueDate: input.dueDate ?? null,
                  labels: input.labels ?? [],
                  rank,
                  placement,
                  actor: actor.userId,
                  at,
                }),
              ),
            ),
          ),
        ),
      fromEvent('card.created', (data) => data.card),
    );
    return pipe(
      created,
      TE.chainFirstW((m) => rebalanceAfter(deps, actor)(m.event)),
    );
  };
