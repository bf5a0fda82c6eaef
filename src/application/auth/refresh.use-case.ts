import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { unauthenticated, type AppError } from '../../domain';
import type { Application, Session } from '../api';
import type { AppDeps } from '../deps';
import type { RotateResult } from '../ports';
import { endSession, refreshExpiry, sessionFor } from '../session';

const invalidRefresh = (): AppError => unauthenticated('Refresh token is not valid', 'invalid_refresh');

/**
 * Rotates a refresh token: each token works once and its successor joins the same family. A token
 * presented twice means someone else holds a copy: the store revokes the whole family in the same
 * atomic step (successors minted concurrently included), and the session's access tokens and sockets
 * are ended with it.
 */
export const refresh = (deps: AppDeps): Application['auth']['refresh'] => {
  const answer =
    (successor: { token: string; expiresAt: Date }) =>
    (result: RotateResult): TE.TaskEither<AppError, Session> => {
      const { record } = result;
      switch (result.status) {
        case 'reused':
          return pipe(
            endSession(deps)(record.userId, record.familyId),
            TE.chain(() =>
              TE.left(unauthenticated('Refresh token was already used; please log in again', 'refresh_reused')),
            ),
          );
        case 'expired':
          return TE.left(unauthenticated('Refresh token expired; please log in again', 'refresh_expired'));
        case 'rotated':
          return pipe(
            deps.users.findById(record.userId),
            TE.chain(
              O.fold(
                () => TE.left<AppError, Session>(invalidRefresh()),
                (user) => sessionFor(deps)(user, record.familyId, successor),
              ),
            ),
          );
      }
    };

  return (refreshToken) => {
    const now = deps.clock.now();
    const successor = { token: deps.secrets.token(), expiresAt: refreshExpiry(deps, now) };
    return pipe(
      deps.refreshTokens.rotate(
        deps.secrets.hash(refreshToken),
        { tokenHash: deps.secrets.hash(successor.token), expiresAt: successor.expiresAt },
        now,
      ),
      TE.chain(O.fold(() => TE.left<AppError, Session>(invalidRefresh()), answer(successor))),
    );
  };
};
