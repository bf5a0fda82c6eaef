import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { TeamMembership, TeamRepository } from '../../application/ports';
import { conflict, notFound, type AppError, type Member, type Team, type TeamId, type UserId } from '../../domain';
import { frozenCopy } from './freeze';

/** Teams and memberships in Maps, insertion-ordered so "oldest first" holds. */
export class MemoryTeamRepository implements TeamRepository {
  private readonly teams = new Map<TeamId, Team>();
  /** Members of each team keyed by user id, in the order they joined. */
  private readonly members = new Map<TeamId, Map<UserId, Member>>();

  readonly create =
    (team: Team, owner: Member): TaskEither<AppError, Team> =>
    async () => {
      if (this.teams.has(team.id)) return E.left(conflict('A team with this id exists', 'already_exists'));
      const stored = frozenCopy(team);
      this.teams.set(team.id, stored);
      this.members.set(team.id, new Map([[owner.userId, frozenCopy({ ...owner, teamId: team.id })]]));
      return E.right(stored);
    };

  readonly findById =
    (id: TeamId): TaskEither<AppError, O.Option<Team>> =>
    async () =>
      E.right(O.fromNullable(this.teams.get(id)));

  readonly listForUser =
    (userId: UserId): TaskEither<AppError, readonly TeamMembership[]> =>
    async () =>
      E.right(
        [...this.teams.values()].flatMap((team) => {
          const member = this.members.get(team.id)?.get(userId);
          return member ? [{ team, role: member.role }] : [];
        }),
      );

  readonly membership =
    (teamId: TeamId, userId: UserId): TaskEither<AppError, O.Option<Member>> =>
    async () =>
      E.right(O.fromNullable(this.members.get(teamId)?.get(userId)));

  readonly addMember =
    (member: Member): TaskEither<AppError, Member> =>
    async () => {
      const team = this.members.get(member.teamId);
      if (!team) return E.left(notFound('Team'));
      if (team.has(member.userId)) return E.left(conflict('This user is already a member', 'already_member'));
      const stored = frozenCopy(member);
      team.set(member.userId, stored);
      return E.right(stored);
    };

  readonly listMembers =
    (teamId: TeamId): TaskEither<AppError, readonly Member[]> =>
    async () =>
      E.right([...(this.members.get(teamId)?.values() ?? [])]);

  readonly removeMember =
    (teamId: TeamId, userId: UserId): TaskEither<AppError, void> =>
    async () =>
      this.members.get(teamId)?.delete(userId) ? E.right(undefined) : E.left(notFound('Member'));
}
