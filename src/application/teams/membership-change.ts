import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { AppError, Member, MembershipChange, TeamId, UserId } from '../../domain';
import type { Actor } from '../api';
import type { AppDeps } from '../deps';
import { announce } from '../revocation';

/**
 * Applies a membership change atomically in the repository (which holds the team's lock while the
 * domain decides), then forgets the cached membership here and tells every instance, so the member's
 * next request anywhere is decided with the change and their sockets close or act with the new role.
 */
export const changeMembership =
  (deps: Pick<AppDeps, 'teams' | 'control' | 'authCache'>) =>
  (actor: Actor, teamId: TeamId, userId: UserId, change: MembershipChange): TE.TaskEither<AppError, Member | null> =>
    pipe(
      deps.teams.changeMembership(teamId, actor.userId, userId, change),
      TE.chainFirstTaskK((member) =>
        announce(deps)(
          member === null
            ? { type: 'member.removed', teamId, userId }
            : { type: 'member.role_changed', teamId, userId, role: member.role },
        ),
      ),
    );
