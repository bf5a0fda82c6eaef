import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { byDisplayOrder, type BoardState } from '../../domain';
import type { Application, BoardArchive } from '../api';
import { authorize } from '../authorization';
import type { AppDeps } from '../deps';

/**
 * What a board keeps out of sight: archived lists, and archived cards (a card in an archived list is
 * not listed unless it was archived itself: restoring the list brings it back).
 */
export const archiveOf = (state: BoardState): BoardArchive => ({
  lists: Object.values(state.lists)
    .filter((l) => l.archived)
    .sort(byDisplayOrder),
  cards: Object.values(state.cards)
    .filter((c) => c.archived)
    .sort((a, b) => (a.updatedAt > b.updatedAt ? -1 : a.updatedAt < b.updatedAt ? 1 : byDisplayOrder(a, b))),
  seq: state.seq,
});

/** The board's archived lists and cards, most recently archived cards first; any member may read it. */
export const boardArchive =
  (deps: AppDeps): Application['boards']['archive'] =>
  (actor, teamId, boardId) =>
    pipe(
      authorize(deps)(actor, teamId, 'board.read'),
      TE.chain(() => deps.engine.read(teamId, boardId)),
      TE.map(archiveOf),
    );
