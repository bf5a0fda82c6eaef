import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { confirmCurrentPassword } from '../account/current-password';
import { sessionAfterRevocation } from '../account/sessions';
import { endAllSessions } from '../session';
import type { Application } from '../api';
import type { AppDeps } from '../deps';
import { currentUser } from './me.use-case';

/**
 * Replaces the password after checking the current one, then ends every session so a stolen one dies
 * with the old password, and starts one new session for the caller so the tab that asked stays signed in.
 * A wrong current password spends the account's login budget.
 */
export const changePassword =
  (deps: AppDeps): Application['auth']['changePassword'] =>
  (actor, input) =>
    pipe(
      currentUser(deps)(actor),
      TE.chainFirst((user) => confirmCurrentPassword(deps, user, input.currentPassword)),
      TE.chainFirst(() =>
        pipe(
          TE.fromTask(deps.passwords.hash(input.newPassword)),
          TE.chain((hash) => deps.users.updatePasswordHash(actor.userId, hash)),
          TE.chain(() => endAllSessions(deps)(actor.userId)),
        ),
      ),
      TE.chain((user) => sessionAfterRevocation(deps, user)),
    );
