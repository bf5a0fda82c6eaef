import type { Option } from 'fp-ts/Option';
import type { TaskEither } from 'fp-ts/TaskEither';
import type {
  AppError,
  Member,
  MembershipChange,
  NotificationSettings,
  Role,
  Team,
  TeamId,
  User,
  UserId,
} from '../../domain';

/** A user with the hash of their password, as stored. */
export interface Credentials {
  readonly user: User;
  readonly passwordHash: string;
}

/** Users and their credentials (catalog database). */
export interface UserRepository {
  /** Stores a new user; `conflict/email_taken` when the email is in use. */
  readonly create: (user: User, passwordHash: string) => TaskEither<AppError, User>;
  /** The user with this (normalized) email and their password hash. */
  readonly findByEmail: (email: string) => TaskEither<AppError, Option<Credentials>>;
  /** One user by id. */
  readonly findById: (id: UserId) => TaskEither<AppError, Option<User>>;
  /** The users among `ids` that exist, in no particular order. */
  readonly findMany: (ids: readonly UserId[]) => TaskEither<AppError, readonly User[]>;
  /** Replaces a user's notification settings; `not_found` for an unknown user. */
  readonly updateSettings: (id: UserId, settings: NotificationSettings) => TaskEither<AppError, User>;
  /** Replaces a user's password hash. */
  readonly updatePasswordHash: (id: UserId, passwordHash: string) => TaskEither<AppError, void>;
}

/** A team as one of its members sees it in their list. */
export interface TeamMembership {
  readonly team: Team;
  readonly role: Role;
}

/** Where a page of a user's teams ends: teams are ordered by (createdAt, id). */
export interface TeamCursor {
  readonly createdAt: string;
  readonly id: TeamId;
}

/** One page of a user's teams, oldest first; `next` is null on the last page. */
export interface TeamPage {
  readonly teams: readonly TeamMembership[];
  readonly next: TeamCursor | null;
}

/** Teams directory and memberships (catalog database). */
export interface TeamRepository {
  /** Stores a new team and its first member (the owner) together. */
  readonly create: (team: Team, owner: Member) => TaskEither<AppError, Team>;
  /** One team by id. */
  readonly findById: (id: TeamId) => TaskEither<AppError, Option<Team>>;
  /** A page of the teams a user belongs to, with their role, oldest first, after `after` when given. */
  readonly listForUser: (
    userId: UserId,
    page: { readonly limit: number; readonly after?: TeamCursor },
  ) => TaskEither<AppError, TeamPage>;
  /** A user's membership of a team, if any. */
  readonly membership: (teamId: TeamId, userId: UserId) => TaskEither<AppError, Option<Member>>;
  /** Adds a member; `conflict/already_member` when the user is in the team. */
  readonly addMember: (member: Member) => TaskEither<AppError, Member>;
  /** The team's members, oldest first. */
  readonly listMembers: (teamId: TeamId) => TaskEither<AppError, readonly Member[]>;
  /**
   * Removes a membership or changes its role as `decideMembershipChange` rules, atomically: the facts
   * are read and the change written under one lock on the team, so two owners removing each other at
   * once can never leave it without an owner. Right: the membership as it is now, or null when removed.
   */
  readonly changeMembership: (
    teamId: TeamId,
    actorId: UserId,
    targetId: UserId,
    change: MembershipChange,
  ) => TaskEither<AppError, Member | null>;
}
