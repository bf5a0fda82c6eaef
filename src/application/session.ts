import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { AppError, User } from '../domain';
import type { Session } from './api';
import type { AppDeps } from './deps';

type SessionDeps = Pick<AppDeps, 'accessTokens' | 'refreshTokens' | 'secrets' | 'clock' | 'ids' | 'settings'>;

/**
 * A new access token and refresh token for `user`. Passing the family of the refresh token being
 * rotated keeps the chain together, so a later replay of any old member revokes all of it.
 */
export const issueSession =
  (deps: SessionDeps) =>
  (user: User, familyId?: string): TE.TaskEither<AppError, Session> => {
    const now = deps.clock.now();
    const refreshToken = deps.secrets.token();
    const family = familyId ?? deps.ids.next();
    const refreshExpiresAt = new Date(now.getTime() + deps.settings.refreshTokenTtlSeconds * 1000);
    return pipe(
      deps.refreshTokens.save({
        tokenHash: deps.secrets.hash(refreshToken),
        familyId: family,
        userId: user.id,
        expiresAt: refreshExpiresAt,
      }),
      TE.chain(() => TE.fromTask(deps.accessTokens.issue(user.id, now, family))),
      TE.map((access) => ({
        user,
        accessToken: access.token,
        accessTokenExpiresAt: access.expiresAt.toISOString(),
        refreshToken,
        refreshTokenExpiresAt: refreshExpiresAt.toISOString(),
      })),
    );
  };
