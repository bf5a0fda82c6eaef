import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import {
  can,
  canGrant,
  forbidden,
  notFound,
  type Action,
  type AppError,
  type Member,
  type Role,
  type TeamId,
  type UserId,
} from '../domain';
import type { Actor } from './api';
import type { AppDeps } from './deps';

/** Reads the membership from the catalog and remembers it when there is one (see `AuthorizationCache`). */
const readMembership =
  (deps: Pick<AppDeps, 'teams' | 'authCache'>) =>
  (teamId: TeamId, userId: UserId): TE.TaskEither<AppError, O.Option<Member>> =>
    pipe(
      TE.fromIO(deps.authCache.ticket),
      TE.chain((ticket) =>
        pipe(
          deps.teams.membership(teamId, userId),
          TE.chainFirstIOK((found) => () => {
            if (O.isSome(found)) deps.authCache.rememberMembership(ticket, found.value);
          }),
        ),
      ),
    );

/** The user's membership of the team: from this instance's memory when it holds one, else the catalog. */
export const membershipOf =
  (deps: Pick<AppDeps, 'teams' | 'authCache'>) =>
  (teamId: TeamId, userId: UserId): TE.TaskEither<AppError, O.Option<Member>> =>
    pipe(
      TE.fromIO(() => deps.authCache.membership(teamId, userId)),
      TE.chain((cached) => (cached ? TE.right(O.some(cached)) : readMembership(deps)(teamId, userId))),
    );

/**
 * The actor's membership when their role allows `action` in the team. A non-member hears `not_found`
 * for the team, exactly as for a team that does not exist, so team ids never leak.
 */
export const authorize =
  (deps: Pick<AppDeps, 'teams' | 'authCache'>) =>
  (actor: Actor, teamId: TeamId, action: Action): TE.TaskEither<AppError, Member> =>
    pipe(
      membershipOf(deps)(teamId, actor.userId),
      TE.chain(
        O.fold(
          () => TE.left(notFound('Team')),
          (member) =>
            can(member.role, action)
              ? TE.right(member)
              : TE.left(forbidden(`Your role (${member.role}) does not allow this`, 'insufficient_role')),
        ),
      ),
    );

/** Whether `granter` may hand out (or take away) `role`: only an owner deals in owners. */
export const authorizeGrant = (granter: Member, role: Role): TE.TaskEither<AppError, Member> =>
  canGrant(granter.role, role)
    ? TE.right(granter)
    : TE.left(forbidden(`Your role (${granter.role}) cannot manage ${role}s`, 'cannot_grant'));
