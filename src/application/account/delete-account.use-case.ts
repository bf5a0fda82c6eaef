import * as T from 'fp-ts/Task';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Application } from '../api';
import { currentUser } from '../auth/me.use-case';
import type { AppDeps } from '../deps';
import { unassignEverywhere } from '../teams/unassign-everywhere';
import { confirmCurrentPassword } from './current-password';
import { announce } from '../revocation';
import { endAllSessions } from '../session';

/**
 * Deletes the caller's account after re-confirming the password. Refused (`conflict/sole_owner`, nothing
 * changed) while they are the only owner of a team with other members; teams they are alone in go with
 * them. Every instance hears that they left each team (sockets on those boards close) and that their
 * sessions ended.
 */
export const deleteAccount =
  (deps: AppDeps): Application['account']['delete'] =>
  (actor, input) =>
    pipe(
      currentUser(deps)(actor),
      TE.chain((user) => confirmCurrentPassword(deps, user, input.currentPassword)),
      TE.chain(() => deps.users.deleteAccount(actor.userId)),
      TE.chainFirstTaskK((gone) =>
        T.sequenceArray(
          [...gone.leave, ...gone.delete].map((teamId) =>
            announce(deps)({ type: 'member.removed', teamId, userId: actor.userId }),
          ),
        ),
      ),
      TE.chainFirstTaskK((gone) =>
        T.sequenceSeqArray(gone.leave.map((teamId) => unassignEverywhere(deps)(actor.userId, teamId, actor.userId))),
      ),
      TE.chain(() => endAllSessions(deps)(actor.userId)),
    );
