import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { validation } from '../../domain';
import type { Application } from '../api';
import type { AppDeps } from '../deps';
import { guessBudget } from '../rate-limits';
import { endAllSessions } from '../session';
import { currentUser } from './me.use-case';

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
      TE.chain(() => endAllSessions(deps)(actor.userId)),
    );
