import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { AppError, User, UserId } from '../../domain';
import type { Session } from '../api';
import type { AppDeps } from '../deps';
import { issueSession } from '../session';

type Deps = Pick<AppDeps, 'refreshTokens' | 'denylist' | 'control' | 'clock' | 'settings'>;

/**
 * Ends every session of the user: refresh tokens revoked, access tokens issued up to now refused
 * (remembered for the refresh-token lifetime, longer than any access token lives), sockets closed.
 */
export const endSessions = (deps: Deps, userId: UserId): TE.TaskEither<AppError, void> => {
  const now = deps.clock.now();
  const until = new Date(now.getTime() + deps.settings.refreshTokenTtlSeconds * 1000);
  return pipe(
    deps.refreshTokens.revokeUser(userId),
    TE.chain(() => deps.denylist.denyUserUntil(userId, now, until)),
    TE.chainFirstTaskK(() => deps.control.publish({ type: 'user.signed_out', userId })),
  );
};

/**
 * A new session right after `endSessions`. Tokens carry whole seconds and everything issued up to the
 * second of the revocation is refused, so this one is dated from the next second.
 */
export const sessionAfterRevocation = (
  deps: Parameters<typeof issueSession>[0],
  user: User,
): TE.TaskEither<AppError, Session> => {
  const nextSecond = new Date((Math.floor(deps.clock.now().getTime() / 1000) + 1) * 1000);
  return issueSession({ ...deps, clock: { now: () => nextSecond } })(user);
};
