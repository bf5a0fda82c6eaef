import type { Option } from 'fp-ts/Option';
import type { TaskEither } from 'fp-ts/TaskEither';
import type {
  AccountDeletion,
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

/** A password reset link as stored: the hash of its token, never the token itself. */
export interface PasswordResetRecord {
  readonly tokenHash: string;
  readonly userId: UserId;
  /** The address the link was mailed to; once the account's e-mail differs, the link is void. */
  readonly email: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  /** When it was spent, or voided because another link of the user was; null while usable. */
  readonly usedAt: Date | null;
}

/** A change of name and/or e-mail; absent fields stay as they are. */
export interface ProfilePatch {
  readonly name?: string;
  readonly email?: string;
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
  /** Changes name and/or e-mail (normalized); `conflict/email_taken` when another account has it, `not_found` for an unknown user. */
  readonly updateProfile: (id: UserId, patch: ProfilePatch) => TaskEither<AppError, User>;
  /**
   * Deletes the account atomically with its memberships and reset links, and the teams where the user was
   * the only member (`planAccountDeletion`); `conflict/sole_owner` (nothing changed) while the user is the
   * only owner of a team with other members. Answers what happened to the user's teams.
   */
  readonly deleteAccount: (id: UserId) => TaskEither<AppError, AccountDeletion>;
  /** Stores a new password reset link. */
  readonly savePasswordReset: (reset: PasswordResetRecord) => TaskEither<AppError, void>;
  /** The reset link stored under this token hash, spent or not. */
  readonly findPasswordReset: (tokenHash: string) => TaskEither<AppError, Option<PasswordResetRecord>>;
  /**
   * Spends a reset link and sets the new password hash in one step, if at `now` the link is unspent,
   * unexpired and its e-mail still the account's; every other unspent link of the user is voided with it.
   * Some(user id) when it was spent by this call, none otherwise (e.g. a concurrent call won).
   */
  readonly spendPasswordReset: (
    tokenHash: string,
    passwordHash: string,
    now: Date,
  ) => TaskEither<AppError, Option<UserId>>;
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
