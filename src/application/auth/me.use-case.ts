import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { notFound, type AppError, type User } from '../../domain';
import type { Actor } from '../api';
import type { AppDeps } from '../deps';
import type { Application } from '../api';

/** The actor as a user record; `not_found` if the account is gone. */
export const currentUser =
  (deps: Pick<AppDeps, 'users'>) =>
  (actor: Actor): TE.TaskEither<AppError, User> =>
    pipe(
      deps.users.findById(actor.userId),
      TE.chain(O.fold(() => TE.left<AppError, User>(notFound('User')), TE.right)),
    );

/** The most teams `me` lists; the rest are a page of `teams.list` away, so the answer stays bounded. */
export const ME_TEAMS_LIMIT = 100;

/** The caller and (the first page of) the teams they belong to. */
export const me =
  (deps: AppDeps): Application['auth']['me'] =>
  (actor) =>
    pipe(
      TE.Do,
      TE.apS('user', currentUser(deps)(actor)),
      TE.apS(
        'teams',
        pipe(
          deps.teams.listForUser(actor.userId, { limit: ME_TEAMS_LIMIT }),
          TE.map((page) => page.teams),
        ),
      ),
    );
