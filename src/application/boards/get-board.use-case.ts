import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { byDisplayOrder, orderedLists, type BoardState, type Card } from '../../domain';
import type { Application, BoardSnapshot } from '../api';
import { authorize } from '../authorization';
import type { AppDeps } from '../deps';

/** Lists in display order, and cards list by list in display order (one pass over the cards). */
export const toSnapshot = (state: BoardState): BoardSnapshot => {
  const lists = orderedLists(state);
  const perList = new Map<string, Card[]>(lists.map((l) => [l.id, []]));
  for (const card of Object.values(state.cards)) perList.get(card.listId)?.push(card);
  const cards = lists.flatMap((l) => perList.get(l.id)!.sort(byDisplayOrder));
  return { board: state.board, lists, cards, seq: state.seq };
};

/**
 * Snapshots of the engine's states: a state is immutable and one per seq, so its snapshot is built once
 * and shared by every reader of that seq (and dropped with the state).
 */
const built = new WeakMap<BoardState, BoardSnapshot>();
const snapshotOf = (state: BoardState): BoardSnapshot => {
  const known = built.get(state);
  if (known) return known;
  const snapshot = toSnapshot(state);
  built.set(state, snapshot);
  return snapshot;
};

/** The whole board as of its latest event; clients continue from `seq`. */
export const getBoard =
  (deps: AppDeps): Application['boards']['get'] =>
  (actor, teamId, boardId) =>
    pipe(
      authorize(deps)(actor, teamId, 'board.read'),
      TE.chain(() => deps.engine.read(teamId, boardId)),
      TE.map(snapshotOf),
    );
