import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { notFound, type AppError, type Member, type User } from '../../domain';
import type { Application } from '../api';
import type { AppDeps } from '../deps';
import { memberView } from './member-view';
import { changeMembership } from './membership-change';

/**
 * Gives a member another role. It takes the right to grant both the old and the new role (only owners
 * deal in owners), and the last owner cannot be demoted.
 */
export const changeRole =
  (deps: AppDeps): Application['teams']['changeRole'] =>
  (actor, teamId, userId, role) =>
    pipe(
      changeMembership(deps)(actor, teamId, userId, { kind: 'role', role }),
      TE.chain((member) => (member ? TE.right(member) : TE.left<AppError, Member>(notFound('Member')))),
      TE.chain((member) =>
        pipe(
          deps.users.findById(userId),
          TE.chain(O.fold(() => TE.left<AppError, User>(notFound('User')), TE.right)),
          TE.map((user) => memberView(member, user)),
        ),
      ),
    );
