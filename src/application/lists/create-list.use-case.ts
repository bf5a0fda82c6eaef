import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { commands, rankBetween, type Rank } from '../../domain';
import type { Application } from '../api';
import { fromEvent, mutateBoard } from '../board-mutation';
import type { AppDeps } from '../deps';

/** Adds a list where asked (default: after the last one); the id may come from the client. */
export const createList =
  (deps: AppDeps): Application['lists']['create'] =>
  (actor, teamId, boardId, input, origin) => {
    const id = input.id ?? deps.ids.next();
    return mutateBoard(deps)(
      { actor, teamId, boardId, origin, action: 'list.write' },
      (tx, at) =>
        pipe(
          tx.listGap(input.position ?? {}, null),
          TE.chainEitherK((slot) =>
            E.chain((rank: Rank) =>
              commands.createList(tx.board, { id, title: input.title, rank, at, placement: slot.placement }),
            )(rankBetween(slot)),
          ),
        ),
      fromEvent('list.created', (data) => data.list),
    );
  };
