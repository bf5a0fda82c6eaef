import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Actor, Application } from '../../application/api';
import type { AppError, BoardId, BoardOp, Origin, TeamId } from '../../domain';

/** Where one decoded mutate frame goes. */
export interface MutationTarget {
  readonly actor: Actor;
  readonly teamId: TeamId;
  readonly boardId: BoardId;
  readonly origin: Origin;
}

/**
 * Runs an op through `boards.apply`, the entry the REST routes use too, so authorization, dedupe by
 * origin and publishing are shared; answers the seq of the (original, for a resent mid) event.
 */
export const runMutation = (app: Application, to: MutationTarget, op: BoardOp): TE.TaskEither<AppError, number> =>
  pipe(
    app.boards.apply(to.actor, { teamId: to.teamId, boardId: to.boardId }, op, to.origin),
    TE.map((m) => m.seq),
  );
