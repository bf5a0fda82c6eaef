import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Application } from '../api';
import type { AppDeps } from '../deps';
import type { AppError } from '../../domain';

/** Denylists a still-valid access token until it expires; an invalid or expired one needs nothing. */
const denyAccessToken = (deps: AppDeps, accessToken: string | undefined): TE.TaskEither<AppError, void> =>
  accessToken === undefined
    ? TE.right(undefined)
    : pipe(
        deps.accessTokens.verify(accessToken, deps.clock.now()),
        TE.fold(
          () => TE.right(undefined),
          (claims) => deps.denylist.denyToken(claims.jti, claims.expiresAt),
        ),
      );

/**
 * Ends the session: the presented access token stops working at once, the refresh token's whole family
 * is revoked and the user's sockets close on every instance; unknown or absent tokens are fine.
 */
export const logOut =
  (deps: AppDeps): Application['auth']['logOut'] =>
  (refreshToken, accessToken) =>
    pipe(
      denyAccessToken(deps, accessToken),
      TE.chain(() =>
        refreshToken === null ? TE.right(O.none) : deps.refreshTokens.consume(deps.secrets.hash(refreshToken)),
      ),
      TE.chain(
        O.fold(
          (): TE.TaskEither<AppError, void> => TE.right(undefined),
          ({ record }) =>
            pipe(
              deps.refreshTokens.revokeFamily(record.familyId),
              TE.chainFirstTaskK(() => deps.control.publish({ type: 'user.signed_out', userId: record.userId })),
            ),
        ),
      ),
    );
