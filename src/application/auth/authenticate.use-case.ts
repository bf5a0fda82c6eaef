import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { unauthenticated, type AppError } from '../../domain';
import type { Actor, Application } from '../api';
import type { AppDeps } from '../deps';
import type { AccessClaims } from '../ports';

/**
 * Asks the denylist and the catalog whether a token with a valid signature still holds, and remembers
 * the answer when it does (the ticket drops the fill if a revocation came in meanwhile).
 */
const checkRevocation =
  (deps: AppDeps) =>
  (claims: AccessClaims): TE.TaskEither<AppError, Actor> => {
    const ticket = deps.authCache.ticket();
    return pipe(
      deps.denylist.isDenied(claims),
      TE.chain((denied) =>
        denied ? TE.left(unauthenticated('Access token was revoked', 'token_revoked')) : TE.right(undefined),
      ),
      TE.chain(() => deps.users.findById(claims.userId)),
      TE.chain(
        O.fold(
          () => TE.left<AppError, Actor>(unauthenticated('Invalid access token', 'invalid_token')),
          (user) => TE.right({ userId: user.id }),
        ),
      ),
      TE.chainFirstIOK(() => () => {
        deps.authCache.rememberSession(ticket, claims.jti, { userId: claims.userId, familyId: claims.familyId });
      }),
    );
  };

/**
 * Checks an access token at the current time. A token that was denylisted (logout, password change)
 * or whose user no longer exists is invalid. An unreachable denylist refuses the token (`unavailable`)
 * rather than accept one that may have been revoked. The signature and expiry are checked on every
 * call; the denylist and the user only when this instance does not remember the token as verified
 * (control messages make it forget at once, a short TTL heals a lost one).
 */
export const authenticate =
  (deps: AppDeps): Application['auth']['authenticate'] =>
  (accessToken) =>
    pipe(
      deps.accessTokens.verify(accessToken, deps.clock.now()),
      TE.chain((claims) => {
        const known = deps.authCache.session(claims.jti);
        return known && known.userId === claims.userId
          ? TE.right({ userId: known.userId })
          : checkRevocation(deps)(claims);
      }),
    );
