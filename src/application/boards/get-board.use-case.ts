import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { cardsOfList, orderedLists, type BoardState } from '../../domain';
import type { Application, BoardSnapshot } from '../api';
import { authorize } from '../authorization';
import type { AppDeps } from '../deps';

/** Lists in display order, and cards list by list in display order. */
export const toSnapshot = (state: BoardState): BoardSnapshot => {
  const lists = orderedLists(state);
  return { board: state.board, lists, cards: lists.flatMap((l) => cardsOfList(state, l.id)), seq: state.seq };
};

/** The whole board as of its latest event; clients continue from `seq`. */
export const getBoard =
  (deps: AppDeps): Application['boards']['get'] =>
  (actor, teamId, boardId) =>
    pipe(
      authorize(deps)(actor, teamId, 'board.read'),
      TE.chain(() => deps.boards.snapshot(teamId, boardId)),
      TE.map(toSnapshot),
    );
