import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { AppError, User, UserId } from '../domain';
import type { Session } from './api';
import type { AppDeps } from './deps';
import { announce } from './revocation';

type SessionDeps = Pick<AppDeps, 'accessTokens' | 'refreshTokens' | 'secrets' | 'clock' | 'ids' | 'settings'>;
type EndDeps = Pick<AppDeps, 'refreshTokens' | 'denylist' | 'control' | 'authCache' | 'clock' | 'settings'>;

/** When the refresh token issued now expires. */
export const refreshExpiry = (deps: Pick<AppDeps, 'settings'>, now: Date): Date =>
  new Date(now.getTime() + deps.settings.refreshTokenTtlSeconds * 1000);

/** The session handed out for a refresh token already stored in `familyId`: a new access token beside it. */
export const sessionFor =
  (deps: Pick<AppDeps, 'accessTokens' | 'clock'>) =>
  (user: User, familyId: string, refresh: { token: string; expiresAt: Date }): TE.TaskEither<AppError, Session> =>
    pipe(
      TE.fromTask(deps.accessTokens.issue(user.id, deps.clock.now(), familyId)),
      TE.map((access) => ({
        user,
        accessToken: access.token,
        accessTokenExpiresAt: access.expiresAt.toISOString(),
        refreshToken: refresh.token,
        refreshTokenExpiresAt: refresh.expiresAt.toISOString(),
      })),
    );

/** A new session (refresh family) for `user`: its first refresh token and an access token. */
export const issueSession =
  (deps: SessionDeps) =>
  (user: User): TE.TaskEither<AppError, Session> => {
    const token = deps.secrets.token();
    const familyId = deps.ids.next();
    const expiresAt = refreshExpiry(deps, deps.clock.now());
    return pipe(
      deps.refreshTokens.save({ tokenHash: deps.secrets.hash(token), familyId, userId: user.id, expiresAt }),
      TE.chain(() => sessionFor(deps)(user, familyId, { token, expiresAt })),
    );
  };

/** How long a revoked session's or user's access tokens must be refused: as long as one may still be valid. */
const denialEnd = (deps: Pick<AppDeps, 'clock' | 'settings'>, now: Date): Date =>
  new Date(now.getTime() + (deps.settings.accessTokenTtlSeconds ?? deps.settings.refreshTokenTtlSeconds) * 1000);

/**
 * Ends one session: its refresh family is revoked, its access tokens are refused until they expire, and
 * every instance is told, so the sockets opened with its tokens close.
 */
export const endSession =
  (deps: EndDeps) =>
  (userId: UserId, familyId: string): TE.TaskEither<AppError, void> =>
    pipe(
      deps.refreshTokens.revokeFamily(familyId),
      TE.chain(() => deps.denylist.denyFamily(familyId, denialEnd(deps, deps.clock.now()))),
      TE.chainFirstTaskK(() => announce(deps)({ type: 'session.revoked', userId, familyId })),
    );

/**
 * Ends every session of the user: refresh families revoked, access tokens issued up to now refused,
 * sockets closed on every instance. Sessions started afterwards are untouched.
 */
export const endAllSessions =
  (deps: EndDeps) =>
  (userId: UserId): TE.TaskEither<AppError, void> => {
    const now = deps.clock.now();
    return pipe(
      deps.refreshTokens.revokeUser(userId),
      TE.chain(() => deps.denylist.denyUserUntil(userId, now, denialEnd(deps, now))),
      TE.chainFirstTaskK(() => announce(deps)({ type: 'user.signed_out', userId })),
    );
  };
