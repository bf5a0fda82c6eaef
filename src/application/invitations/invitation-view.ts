import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { AppError, Invitation, Team, TeamId, User, UserId } from '../../domain';
import type { InvitationView, MyInvitationView } from '../api';
import type { AppDeps } from '../deps';

const FORMER_USER = 'A former user';

const inviterOf = (byId: ReadonlyMap<UserId, User>, id: UserId) => ({ id, name: byId.get(id)?.name ?? FORMER_USER });

const usersById = (deps: Pick<AppDeps, 'users'>, ids: readonly UserId[]) =>
  pipe(
    deps.users.findMany([...new Set(ids)]),
    TE.map((users) => new Map(users.map((u) => [u.id, u]))),
  );

/** Invitations as a team's admins see them, with the inviter's name looked up in one batch. */
export const invitationViews =
  (deps: Pick<AppDeps, 'users'>) =>
  (invitations: readonly Invitation[]): TE.TaskEither<AppError, readonly InvitationView[]> =>
    pipe(
      usersById(
        deps,
        invitations.map((i) => i.invitedBy),
      ),
      TE.map((byId) =>
        invitations.map((i) => ({
          id: i.id,
          teamId: i.teamId,
          email: i.email,
          role: i.role,
          invitedBy: inviterOf(byId, i.invitedBy),
          createdAt: i.createdAt,
          expiresAt: i.expiresAt,
        })),
      ),
    );

const teamsById = (
  deps: Pick<AppDeps, 'teams'>,
  ids: readonly TeamId[],
): TE.TaskEither<AppError, ReadonlyMap<TeamId, Team>> =>
  pipe(
    TE.sequenceSeqArray(ids.map((id) => deps.teams.findById(id))),
    TE.map((found) => new Map(found.flatMap((t): [TeamId, Team][] => (O.isSome(t) ? [[t.value.id, t.value]] : [])))),
  );

/** Invitations as their invitee sees them: the team's name and who invited them. */
export const myInvitationViews =
  (deps: Pick<AppDeps, 'users' | 'teams'>) =>
  (invitations: readonly Invitation[]): TE.TaskEither<AppError, readonly MyInvitationView[]> =>
    pipe(
      TE.Do,
      TE.apS(
        'byId',
        usersById(
          deps,
          invitations.map((i) => i.invitedBy),
        ),
      ),
      TE.apS('teams', teamsById(deps, [...new Set(invitations.map((i) => i.teamId))])),
      TE.map(({ byId, teams }) =>
        invitations.flatMap((i) => {
          const team = teams.get(i.teamId);
          if (!team) return [];
          const { id, role, createdAt, expiresAt } = i;
          return [
            {
              id,
              team: { id: team.id, name: team.name },
              role,
              invitedBy: inviterOf(byId, i.invitedBy),
              createdAt,
              expiresAt,
            },
          ];
        }),
      ),
    );
