import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { commands, rankBetween, type Rank } from '../../domain';
import type { Application } from '../api';
import { listIn, mutateBoard } from '../board-mutation';
import type { AppDeps } from '../deps';

/** Moves a list among the others; the server ranks it between its new neighbours as it sees them. */
export const moveList =
  (deps: AppDeps): Application['lists']['move'] =>
  (actor, teamId, boardId, listId, position, origin) =>
    mutateBoard(deps)(
      { actor, teamId, boardId, origin, action: 'list.write' },
      (tx) =>
        pipe(
          tx.list(listId),
          TE.chain((list) =>
            pipe(
              tx.listGap(position, listId),
              TE.chainEitherK((slot) =>
                E.chain((rank: Rank) => commands.moveList(tx.board, list, rank, slot.placement))(rankBetween(slot)),
              ),
            ),
          ),
        ),
      (_event, state) => listIn(state, listId),
    );
