import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Application } from '../api';
import { authorize } from '../authorization';
import type { AppDeps } from '../deps';
import { commentViews } from './comment-view';

/** A card's comments, oldest first, with their authors' names. */
export const listComments =
  (deps: AppDeps): Application['comments']['list'] =>
  (actor, teamId, boardId, cardId) =>
    pipe(
      authorize(deps)(actor, teamId, 'board.read'),
      TE.chain(() => deps.boards.comments(teamId, boardId, cardId)),
      TE.chain(commentViews(deps)),
    );
