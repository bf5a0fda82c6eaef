import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Actor, Application } from '../api';
import { authorize } from '../authorization';
import type { AppDeps } from '../deps';
import type { WatchTarget } from '../ports';

/**
 * The caller may read the team (viewers included) and the board, and the card when one is named, is on
 * it. A non-member hears `not_found`, as for any board route.
 */
const watchable = (deps: AppDeps, actor: Actor, target: WatchTarget) =>
  pipe(
    authorize(deps)(actor, target.teamId, 'board.read'),
    TE.chain(() => deps.boards.board(target.teamId, target.boardId)),
    TE.chain(() =>
      target.cardId === null
        ? TE.right(undefined)
        : pipe(
            deps.boards.card(target.teamId, target.boardId, target.cardId),
            TE.map(() => undefined),
          ),
    ),
  );

export const watch =
  (deps: AppDeps): Application['watches']['watch'] =>
  (actor, target) =>
    pipe(
      watchable(deps, actor, target),
      TE.chain(() => deps.watches.watch(actor.userId, target)),
    );

/** Unwatching needs only membership: a card deleted since can still be unwatched. */
export const unwatch =
  (deps: AppDeps): Application['watches']['unwatch'] =>
  (actor, target) =>
    pipe(
      authorize(deps)(actor, target.teamId, 'board.read'),
      TE.chain(() => deps.watches.unwatch(actor.userId, target)),
    );

export const myWatches =
  (deps: AppDeps): Application['watches']['mine'] =>
  (actor, teamId, boardId) =>
    pipe(
      watchable(deps, actor, { teamId, boardId, cardId: null }),
      TE.chain(() => deps.watches.watchesOn(actor.userId, teamId, boardId)),
    );
