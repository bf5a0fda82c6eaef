import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Application } from '../api';
import { authorize } from '../authorization';
import type { AppDeps } from '../deps';

/** The team's boards, archived ones included, oldest first. */
export const listBoards =
  (deps: AppDeps): Application['boards']['list'] =>
  (actor, teamId) =>
    pipe(
      authorize(deps)(actor, teamId, 'board.read'),
      TE.chain(() => deps.boards.listBoards(teamId)),
    );
