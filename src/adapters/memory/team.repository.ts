import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { TeamCursor, TeamPage, TeamRepository } from '../../application/ports';
import {
  conflict,
  decideMembershipChange,
  notFound,
  type AppError,
  type Member,
  type MembershipChange,
  type Team,
  type TeamId,
  type UserId,
} from '../../domain';
import { frozenCopy } from './freeze';

/** (createdAt, id) order, the same the Postgres adapter pages by. */
const after = (team: Team, cursor: TeamCursor): boolean =>
  team.createdAt > cursor.createdAt || (team.createdAt === cursor.createdAt && team.id > cursor.id);
const byAge = (a: Team, b: Team): number =>
  a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1;

/**
 * Teams and memberships in Maps, members insertion-ordered so "oldest first" holds. Every method runs
 * synchronously inside its task, so a read-decide-write such as `changeMembership` is atomic here.
 */
export class MemoryTeamRepository implements TeamRepository {
  private readonly teams = new Map<TeamId, Team>();
  /** Members of each team keyed by user id, in the order they joined. */
  private readonly members = new Map<TeamId, Map<UserId, Member>>();

  /** Whether the user is a member of the team now (for adapters sharing this catalog, e.g. the inbox). */
  readonly isMember = (teamId: TeamId, userId: UserId): boolean => this.members.get(teamId)?.has(userId) ?? false;

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
    (userId: UserId, page: { limit: number; after?: TeamCursor }): TaskEither<AppError, TeamPage> =>
    async () => {
      const mine = [...this.teams.values()]
        .filter((team) => this.members.get(team.id)?.has(userId) && (!page.after || after(team, page.after)))
        .sort(byAge);
      const teams = mine
        .slice(0, page.limit)
        .map((team) => ({ team, role: this.members.get(team.id)!.get(userId)!.role }));
      const last = teams[teams.length - 1];
      const next = mine.length > page.limit && last ? { createdAt: last.team.createdAt, id: last.team.id } : null;
      return E.right({ teams, next });
    };

  readonly membership =
    (teamId: TeamId, userId: UserId): TaskEither<AppError, O.Option<Member>> =>
    async () =>
      E.right(O.fromNullable(this.members.get(teamId)?.get(userId)));

  readonly addMember =
    (member: Member): TaskEither<AppError, Member> =>
    async () =>
      this.join(member, false);

  /**
   * Adds a membership now, synchronously (the invitation store calls it inside its own atomic step).
   * With `keepExisting` a member already in the team stays as they are and is returned.
   */
  join(member: Member, keepExisting: boolean): E.Either<AppError, Member> {
    const team = this.members.get(member.teamId);
    if (!team) return E.left(notFound('Team'));
    const existing = team.get(member.userId);
    if (existing && keepExisting) return E.right(existing);
    if (existing) return E.left(conflict('This user is already a member', 'already_member'));
    const stored = frozenCopy(member);
    team.set(member.userId, stored);
    return E.right(stored);
  }

  /**
   * Removes a membership without the team rules (the last-owner check): only for deleting an account,
   * whose own plan already decided which teams it may leave and which go with it.
   */
  dropMember(teamId: TeamId, userId: UserId): void {
    this.members.get(teamId)?.delete(userId);
  }

  readonly listMembers =
    (teamId: TeamId): TaskEither<AppError, readonly Member[]> =>
    async () =>
      E.right([...(this.members.get(teamId)?.values() ?? [])]);

  readonly changeMembership =
    (
      teamId: TeamId,
      actorId: UserId,
      targetId: UserId,
      change: MembershipChange,
    ): TaskEither<AppError, Member | null> =>
    async () => {
      const team = this.members.get(teamId);
      const owners = [...(team?.values() ?? [])].filter((m) => m.role === 'owner').length;
      const facts = { actor: team?.get(actorId) ?? null, target: team?.get(targetId) ?? null, owners };
      const decided = decideMembershipChange(facts, change);
      if (E.isLeft(decided) || !team) return decided;
      if (decided.right === null) team.delete(targetId);
      else team.set(targetId, frozenCopy(decided.right));
      return decided;
    };
}
