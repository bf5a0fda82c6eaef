import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { thumbnailBlobId, type AppError, type Board, type BoardId, type TeamId } from '../../domain';
import type { Application } from '../api';
import { authorize } from '../authorization';
import type { AppDeps } from '../deps';

type RemoveDeps = Pick<AppDeps, 'boards' | 'blobs' | 'watches' | 'engine' | 'control'>;

/**
 * Deletes a board for good, without asking who may (callers decide that: the route below, or an
 * import undoing itself): its rows in one shard transaction, then its files and the watches on it in
 * the catalog (best effort, as for a deleted card's files: a file left behind costs quota, a watch
 * left behind never fires), then this instance's copy, and
 * every instance is told so theirs and their sockets let go. A lost message is covered by the store:
 * an instance still holding the board finds it gone at its next read or commit.
 */
export const removeBoard =
  (deps: RemoveDeps) =>
  (teamId: TeamId, boardId: BoardId): TE.TaskEither<AppError, Board> =>
    pipe(
      deps.boards.deleteBoard(teamId, boardId),
      TE.chainFirstTaskK((deleted) => async () => {
        for (const id of deleted.attachmentIds) {
          await deps.blobs.delete(teamId, id)();
          await deps.blobs.delete(teamId, thumbnailBlobId(id))();
        }
        await deps.watches.forgetBoard(teamId, boardId)();
      }),
      TE.chainFirstTaskK(() => () => {
        deps.engine.forgetBoard(teamId, boardId);
        return deps.control.publish({ type: 'board.deleted', teamId, boardId })();
      }),
      TE.map((deleted) => deleted.board),
    );

/** `DELETE /api/teams/:teamId/boards/:boardId`: owners and admins delete a board with everything on it. */
export const deleteBoard =
  (deps: AppDeps): Application['boards']['delete'] =>
  (actor, teamId, boardId) =>
    pipe(
      authorize(deps)(actor, teamId, 'board.manage'),
      TE.chain(() => removeBoard(deps)(teamId, boardId)),
      TE.map(() => undefined),
    );
