import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { validation, type AppError, type UserId } from '../../domain';
import type { Application } from '../api';
import type { AppDeps } from '../deps';
import { guessBudget } from '../rate-limits';
import { currentUser } from './me.use-case';

/**
 * Ends every session of the user: refresh tokens revoked, access tokens issued up to now refused
 * (remembered for the refresh-token lifetime, longer than any access token lives), sockets closed.
 */
const endSessions = (deps: AppDeps, userId: UserId): TE.TaskEither<AppError, void> => {
  const now = deps.clock.now();
  const until = new Date(now.getTime() + deps.settings.refreshTokenTtlSeconds * 1000);
  return pipe(
    deps.refreshTokens.revokeUser(userId),
    TE.chain(() => deps.denylist.denyUserUntil(userId, now, until)),
    TE.chainFirstTaskK(() => deps.control.publish({ type: 'user.signed_out', userId })),
  );
};

/**
 * Replaces the password after checking the current one, then ends every session so a stolen one dies
 * with the old password. A wrong current password spends the account's login budget: a stolen access
 * token is no side door for guessing.
 */
export const changePassword =
  (deps: AppDeps): Application['auth']['changePassword'] =>
  (actor, input) =>
    pipe(
      currentUser(deps)(actor),
      TE.chain((user) => {
        const budget = guessBudget(deps, user.email, undefined);
        return pipe(
          budget.spend,
          TE.chain(() => deps.users.findByEmail(user.email)),
          TE.chain((found) =>
            O.isSome(found)
              ? TE.fromTask(deps.passwords.verify(found.value.passwordHash, input.currentPassword))
              : TE.right(false),
          ),
          TE.chain((ok) =>
            ok ? budget.refund : TE.left(validation('The current password is incorrect', 'wrong_password')),
          ),
        );
      }),
      TE.chain(() => TE.fromTask(deps.passwords.hash(input.newPassword))),
      TE.chain((hash) => deps.users.updatePasswordHash(actor.userId, hash)),
      TE.chain(() => endSessions(deps, actor.userId)),
    );
