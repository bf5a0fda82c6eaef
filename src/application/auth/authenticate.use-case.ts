import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { unauthenticated, type AppError } from '../../domain';
import type { Actor, Application } from '../api';
import type { AppDeps } from '../deps';

/** Checks an access token at the current time; a token of a user who no longer exists is invalid. */
export const authenticate =
  (deps: AppDeps): Application['auth']['authenticate'] =>
  (accessToken) =>
    pipe(
      deps.accessTokens.verify(accessToken, deps.clock.now()),
      TE.chain((claims) => deps.users.findById(claims.userId)),
      TE.chain(
        O.fold(
          () => TE.left<AppError, Actor>(unauthenticated('Invalid access token', 'invalid_token')),
          (user) => TE.right({ userId: user.id }),
        ),
      ),
    );
