import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { unauthenticated, type AppError } from '../../domain';
import type { Actor, Application } from '../api';
import type { AppDeps } from '../deps';

/**
 * Checks an access token at the current time. A token that was denylisted (logout, password change)
 * or whose user no longer exists is invalid. An unreachable denylist refuses the token (`unavailable`)
 * rather than accept one that may have been revoked.
 */
export const authenticate =
  (deps: AppDeps): Application['auth']['authenticate'] =>
  (accessToken) =>
    pipe(
      deps.accessTokens.verify(accessToken, deps.clock.now()),
      TE.chainFirst((claims) =>
        pipe(
          deps.denylist.isDenied(claims),
          TE.chain((denied) =>
            denied ? TE.left(unauthenticated('Access token was revoked', 'token_revoked')) : TE.right(undefined),
          ),
        ),
      ),
      TE.chain((claims) => deps.users.findById(claims.userId)),
      TE.chain(
        O.fold(
          () => TE.left<AppError, Actor>(unauthenticated('Invalid access token', 'invalid_token')),
          (user) => TE.right({ userId: user.id }),
        ),
      ),
    );
