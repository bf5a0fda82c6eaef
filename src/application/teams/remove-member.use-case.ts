import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { conflict, notFound, type AppError, type Member } from '../../domain';
import type { Application } from '../api';
import { authorize, authorizeGrant } from '../authorization';
import type { AppDeps } from '../deps';

/**
 * Removes a member. Anyone may leave; removing someone else takes the right to grant their role.
 * The last owner cannot go, so a team is never left without one. The member's open sockets on the
 * team's boards are closed on every instance.
 */
export const removeMember =
  (deps: AppDeps): Application['teams']['removeMember'] =>
  (actor, teamId, userId) => {
    const allowed = (self: Member, target: Member) =>
      self.userId === target.userId
        ? TE.right(target)
        : pipe(
            authorize(deps)(actor, teamId, 'team.members.manage'),
            TE.chain((granter) => authorizeGrant(granter, target.role)),
            TE.map(() => target),
          );
    const keepsAnOwner = (target: Member) =>
      target.role !== 'owner'
        ? TE.right(target)
        : pipe(
            deps.teams.listMembers(teamId),
            TE.chain((members) =>
              members.filter((m) => m.role === 'owner').length > 1
                ? TE.right(target)
                : TE.left(conflict('A team needs at least one owner', 'last_owner')),
            ),
          );
    return pipe(
      authorize(deps)(actor, teamId, 'team.read'),
      TE.chain((self) =>
        pipe(
          deps.teams.membership(teamId, userId),
          TE.chain(O.fold(() => TE.left<AppError, Member>(notFound('Member')), TE.right)),
          TE.chain((target) => allowed(self, target)),
        ),
      ),
      TE.chain(keepsAnOwner),
      TE.chain(() => deps.teams.removeMember(teamId, userId)),
      TE.chainFirstTaskK(() => deps.control.publish({ type: 'member.removed', teamId, userId })),
    );
  };
