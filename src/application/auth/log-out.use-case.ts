import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { AppError, UserId } from '../../domain';
import type { Application } from '../api';
import type { AppDeps } from '../deps';
import { endSession } from '../session';

interface SessionRef {
  readonly userId: UserId;
  readonly familyId: string;
}

/** The session a still-valid access token belongs to; an invalid or expired one names none. */
const accessSession = (
  deps: AppDeps,
  accessToken: string | undefined,
): TE.TaskEither<AppError, O.Option<SessionRef>> =>
  accessToken === undefined
    ? TE.right(O.none)
    : pipe(
        deps.accessTokens.verify(accessToken, deps.clock.now()),
        TE.fold(
          () => TE.right(O.none),
          (claims) => TE.right(O.some({ userId: claims.userId, familyId: claims.familyId })),
        ),
      );

/** The session a refresh token belongs to, used or not; an unknown or revoked one names none. */
const refreshSession = (deps: AppDeps, refreshToken: string | null): TE.TaskEither<AppError, O.Option<SessionRef>> =>
  refreshToken === null ? TE.right(O.none) : deps.refreshTokens.find(deps.secrets.hash(refreshToken));

/**
 * Ends the session the request names, by its refresh cookie, its access token, or both (a client that
 * lost its cookie can still log out with the bearer token alone): the refresh family is revoked, its
 * access tokens are refused at once and its sockets close on every instance. Unknown or absent tokens
 * are fine.
 */
export const logOut =
  (deps: AppDeps): Application['auth']['logOut'] =>
  (refreshToken, accessToken) =>
    pipe(
      TE.Do,
      TE.apS('access', accessSession(deps, accessToken)),
      TE.apS('refresh', refreshSession(deps, refreshToken)),
      TE.chain(({ access, refresh }) => {
        const sessions = [access, refresh].filter(O.isSome).map((s) => s.value);
        const distinct = sessions.filter((s, i) => sessions.findIndex((o) => o.familyId === s.familyId) === i);
        return pipe(
          TE.sequenceSeqArray(distinct.map((s) => endSession(deps)(s.userId, s.familyId))),
          TE.map(() => undefined),
        );
      }),
    );
