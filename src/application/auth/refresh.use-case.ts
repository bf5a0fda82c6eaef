import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { unauthenticated, type AppError } from '../../domain';
import type { Application, Session } from '../api';
import type { AppDeps } from '../deps';
import type { ConsumeResult } from '../ports';
import { issueSession } from '../session';

const invalidRefresh = (): AppError => unauthenticated('Refresh token is not valid', 'invalid_refresh');

/**
 * Rotates a refresh token: each token works once and its successor joins the same family. A token
 * presented twice means someone else holds a copy, so the whole family is revoked.
 */
export const refresh = (deps: AppDeps): Application['auth']['refresh'] => {
  const rotate = (result: ConsumeResult): TE.TaskEither<AppError, Session> => {
    const { record } = result;
    if (result.status === 'reused') {
      return pipe(
        deps.refreshTokens.revokeFamily(record.familyId),
        TE.chain(() =>
          TE.left(unauthenticated('Refresh token was already used; please log in again', 'refresh_reused')),
        ),
      );
    }
    if (record.expiresAt.getTime() <= deps.clock.now().getTime()) {
      return TE.left(unauthenticated('Refresh token expired; please log in again', 'refresh_expired'));
    }
    return pipe(
      deps.users.findById(record.userId),
      TE.chain(
        O.fold(
          () => TE.left<AppError, Session>(invalidRefresh()),
          (user) => issueSession(deps)(user, record.familyId),
        ),
      ),
    );
  };

  return (refreshToken) =>
    pipe(
      deps.refreshTokens.consume(deps.secrets.hash(refreshToken)),
      TE.chain(O.fold(() => TE.left<AppError, Session>(invalidRefresh()), rotate)),
    );
};
