import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { AppError, Comment } from '../../domain';
import type { CommentView } from '../api';
import type { AppDeps } from '../deps';

/** Shown for an author whose account no longer exists. */
export const FORMER_USER = 'A former member';

/** Comments with their authors' names, looked up in one batch. */
export const commentViews =
  (deps: Pick<AppDeps, 'users'>) =>
  (comments: readonly Comment[]): TE.TaskEither<AppError, readonly CommentView[]> =>
    pipe(
      deps.users.findMany([...new Set(comments.map((c) => c.authorId))]),
      TE.map((users) => {
        const names = new Map(users.map((u) => [u.id, u.name]));
        return comments.map((c) => ({ ...c, authorName: names.get(c.authorId) ?? FORMER_USER }));
      }),
    );
